"""Build the shipped framework files in src/rapor/frameworks/ from their sources.

How this works: `rb-2014` is read from the official-format instrument table
(src/rapor/frameworks/sources/lke-rb-2014-instrument.csv, a verbatim copy of the shared project
data); its counts are checked and every value is carried over as text, so no weight ever passes
through binary floating point. `rb-2020-pemda` is assembled from the skeleton of
docs/methodology (PermenPANRB 26/2020): its compliance part copies the questions of `rb-2014` area by
area, the rest comes from the text tables sources/rb-2020-pemda-*.yaml. `sakip-2021` and
`spbe-2020` are written from sources/sakip-2021-questions.yaml and sources/spbe-2020-indicators.yaml.
`rb-2023-kabkota` and `rb-2023-provinsi` come from sources/rb-2023-instrument.csv (a verbatim copy
of the shared project data) and sources/rb-2023-own-work.yaml.
Every framework is checked (unique codes, known scales, exact weight sums with fractions.Fraction, no
floats) before it is dumped, and the dumped text is read back and checked again. Output is
deterministic. The code is in tools/frameworks/, one module per framework.

Usage (from the project root): python tools/build_frameworks.py [--out DIR] [--csv FILE]
See docs/frameworks.md for the decisions behind every number.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml
from frameworks.check import check
from frameworks.common import FRAMEWORK_DIR, RB2014_CSV
from frameworks.output import dump
from frameworks.rb2014 import build_rb2014
from frameworks.rb2020 import build_rb2020
from frameworks.rb2023 import build_rb2023
from frameworks.sakip import build_sakip
from frameworks.spbe import build_spbe


def build_all(csv_path: Path = RB2014_CSV) -> dict[str, str]:
    """Return {file name: YAML text} of the shipped frameworks, each checked."""
    rb2014 = build_rb2014(csv_path)
    frameworks = [
        rb2014,
        build_rb2020(rb2014),
        build_sakip(),
        build_spbe(),
        build_rb2023("kabkota"),
        build_rb2023("provinsi"),
    ]
    out = {}
    for fw in frameworks:
        text = dump(fw)
        check(yaml.safe_load(text))  # check what ships, as a reader will see it
        out[f"{fw['id']}.yaml"] = text
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FRAMEWORK_DIR, help="output directory")
    parser.add_argument("--csv", type=Path, default=RB2014_CSV, help="the 2014 instrument table")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in build_all(args.csv).items():
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
