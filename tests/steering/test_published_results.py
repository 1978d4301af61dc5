"""Published results: one per region and evaluation year, exact to the cent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from rapor.orgs.models import Organisation
from rapor.steering.models import PublishedResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def region() -> Organisation:
    province = Organisation.objects.create(name="Provinsi Contoh", kind="province")
    return Organisation.objects.create(name="Kota Contoh", kind="kota", parent=province)


def test_a_region_has_one_published_result_per_year(region):
    PublishedResult.objects.create(
        organisation=region, year=2023, index=Decimal("57.83"), grade="CC", source="KemenPANRB"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        PublishedResult.objects.create(
            organisation=region, year=2023, index=Decimal("60.00"), source="lain"
        )
    PublishedResult.objects.create(
        organisation=region, year=2024, index=Decimal("70.10"), source="KemenPANRB"
    )
    assert PublishedResult.objects.filter(organisation=region).count() == 2


def test_figures_keep_their_cents(region):
    PublishedResult.objects.create(
        organisation=region,
        year=2023,
        index=Decimal("57.83"),
        general=Decimal("55.86"),
        tematik=Decimal("1.97"),
        adjustment_weight=Decimal("100"),
        grade="CC",
        source="KemenPANRB, hasil evaluasi RB 2023",
    )
    stored = PublishedResult.objects.get(organisation=region, year=2023)
    assert stored.general + stored.tematik == stored.index == Decimal("57.83")
    assert str(stored) == "Kota Contoh 2023: 57.83 CC"
