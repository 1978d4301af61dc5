"""The published 2023 results of the eight Babel governments (``data/babel-rb-2023.csv``, the
ministry's own record) as ``PublishedResult`` rows: real figures, with their source, never demo
data. They are the league table's and the planner's peers (issue 8 shows them)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from rapor.orgs.models import Organisation
from rapor.steering.models import PublishedResult

RESULTS = Path(__file__).resolve().parent / "data" / "babel-rb-2023.csv"
FRAMEWORK = {
    "provinsi": "rb-2023-provinsi",
    "kabupaten": "rb-2023-kabkota",
    "kota": "rb-2023-kabkota",
}
NOTE = (
    "General, Tematik, adjustment weight and index as published; the grade applies the bands of "
    "the 2023 method (AA from 100, A above 80 … D) and is not a published figure."
)


def read_results(path: Path = RESULTS) -> tuple[str, list[dict[str, str]]]:
    """(source text from the file's header, rows)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = [line.removeprefix("#").strip() for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    return header[0], rows


def load_published(orgs: dict[str, Organisation], by: Any = None) -> int:
    """One PublishedResult per government and year (skipped when it is there already)."""
    source, rows = read_results()
    by_name = {o.name: o for o in orgs.values()}
    created = 0
    for row in rows:
        org = by_name[row["government"]]
        _, new = PublishedResult.objects.get_or_create(
            organisation=org,
            year=2023,
            defaults={
                "framework_id": FRAMEWORK[row["type"]],
                "index": Decimal(row["index"]),
                "grade": row["grade"],
                "general": Decimal(row["rb_general"]),
                "tematik": Decimal(row["rb_tematik"]),
                "adjustment_weight": Decimal(row["adjustment_weight"]),
                "source": source[:500],
                "note": NOTE,
                "recorded_by": by,
                "is_demo": False,
            },
        )
        created += new
    return created
