"""`python -m tools.typeset`: typeset corpus pages in layout families and write page texts with their gold.

usage: python -m tools.typeset --month 2019-02 --families wrapped-headfirst,city-paper --pages 50 --seed 1 --out DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .families import FAMILIES
from .generate import generate


@click.command()
@click.option("--month", default="2019-02", show_default=True, help="corpus month to print (YYYY-MM)")
@click.option("--families", default=",".join(FAMILIES), show_default=True,
              help="comma-separated layout families; pages are spread over them in turn")
@click.option("--pages", type=int, default=20, show_default=True, help="pages to write")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), default=None,
              help="corpus file (default: ../shared/train/peoples_daily.jsonl.gz, else the test excerpt)")
def main(month: str, families: str, pages: int, seed: int, out: Path, corpus: str | None) -> None:
    """Write NAME.txt (the page text) and NAME.json (its gold: SPEC.md's format plus family and pieces)."""
    names = [f.strip() for f in families.split(",") if f.strip()]
    unknown = [f for f in names if f not in FAMILIES]
    if unknown:
        raise click.BadParameter(f"unknown families {unknown}; known: {', '.join(FAMILIES)}", param_hint="--families")
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for ts in generate(month, names, pages, seed, corpus):
        eol_bytes = ts.text.encode("utf-8")
        (out / ts.name).write_bytes(eol_bytes)
        (out / ts.name.replace(".txt", ".json")).write_text(
            json.dumps(ts.gold, ensure_ascii=False, indent=1), encoding="utf-8")
        written += 1
    click.echo(f"wrote {written} pages to {out}", err=True)
    if not written:
        sys.exit(1)


if __name__ == "__main__":
    main()
