"""``rapor skm score RESPONSES.csv [--weight exact|0.111] [--json]``."""

from __future__ import annotations

import argparse
import json

from rapor.engine.numbers import format_fixed


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("skm", help="citizen satisfaction survey (SKM / IKM)")
    skm_sub = p.add_subparsers(dest="skm_command", required=True, metavar="ACTION")
    s = skm_sub.add_parser("score", help="NRR per unsur and the IKM of a responses CSV")
    s.add_argument("responses", metavar="RESPONSES.csv")
    s.add_argument("--weight", choices=["exact", "0.111"], default="exact")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from rapor.engine.skm import UNSUR, read_skm_csv, skm_score

    rows = read_skm_csv(args.responses)
    result = skm_score(rows, weight=args.weight)
    names = dict(UNSUR)
    if args.json:
        print(
            json.dumps(
                {
                    "respondents": result.respondents,
                    "nrr": {code: format_fixed(v, 4) for code, v in result.nrr.items()},
                    "ikm": format_fixed(result.ikm, 2),
                    "mutu": result.mutu,
                    "kinerja": result.kinerja,
                },
                ensure_ascii=False,
            )
        )
        return 0
    print(f"respondents: {result.respondents}")
    for code, v in result.nrr.items():
        print(f"{code}  {names.get(code, ''):<42} NRR {format_fixed(v, 4)}")
    print(f"IKM {format_fixed(result.ikm, 2)}  mutu {result.mutu} ({result.kinerja})")
    return 0
