# The unique (cycle, seq) constraint of the history chain, apart from the migration that fills the
# numbers: PostgreSQL refuses to alter a table with pending updates in the same transaction.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0003_history_chain_and_submitter"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="historyevent",
            constraint=models.UniqueConstraint(fields=("cycle", "seq"), name="history_chain_seq"),
        ),
    ]
