"""`python -m tools.typeset`: typeset corpus pages in layout families and write page texts with their gold.

usage: python -m tools.typeset --month 2019-02 --families wrapped-headfirst,city-paper --pages 50 --seed 1 --out DIR
       python -m tools.typeset --month 2020-02 --families city-paper --paper 3 --pages 20 --out DIR
(--paper N: the pages of one paper, drawn with seed N from the family, its constants on every page:
tools/typeset/papers.py)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .families import FAMILIES
from .generate import generate
from .papers import paper_of, paper_pages


@click.command()
@click.option("--month", default="2019-02", show_default=True, help="corpus month to print (YYYY-MM)")
@click.option("--families", default=",".join(FAMILIES), show_default=True,
              help="comma-separated layout families; pages are spread over them in turn")
@click.option("--pages", type=int, default=20, show_default=True, help="pages to write")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--paper", type=int, default=None, help="print the pages of one paper drawn from the (first) family "
              "with this seed: one column width, headline direction, byline form, masthead... on every page")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True)
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), default=None,
              help="corpus file (default: ../shared/train/peoples_daily.jsonl.gz, else the test excerpt)")
def main(month: str, families: str, pages: int, seed: int, paper: int | None, out: Path, corpus: str | None) -> None:
    """Write NAME.txt (the page text) and NAME.json (its gold: SPEC.md's format plus family and pieces)."""
    names = [f.strip() for f in families.split(",") if f.strip()]
    unknown = [f for f in names if f not in FAMILIES]
    if unknown:
        raise click.BadParameter(f"unknown families {unknown}; known: {', '.join(FAMILIES)}", param_hint="--families")
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    printed = (generate(month, names, pages, seed, corpus) if paper is None else
               paper_pages(paper_of(names[0], paper, corpus), month, pages, seed, corpus))
    for ts in printed:
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
