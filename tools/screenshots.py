"""`python -m tools.screenshots`: rebuild the README's pictures of the window (docs/*.png).

Each picture is the app on a fresh project of the sample pages, in Chinese and in English, at 1400x900 and
1920x1080: the article selected is the sample pages' richest (the most kinds of parts: headline, authors,
subheads, captions; then on the page with most articles; then the longest), on its page. Runs offscreen
(QT_QPA_PLATFORM=offscreen unless a display is set).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

SIZES = ((1400, 900), (1920, 1080))
LANGUAGES = ("en", "zh")
DOCS = Path(__file__).resolve().parents[1] / "docs"


def richness(page, item) -> tuple[int, int, int]:  # noqa: ANN001
    """How many kinds of parts the article shows (a picture should show them all), how many articles its
    page holds (tinted in the source), how long it is."""
    from app.core.metadata import item_record

    record = item_record(page, item, tags=False)
    kinds = sum(bool(x) for x in (record.kicker or record.subtitle, record.title, record.authors,
                                  record.subheads, record.captions))
    return kinds, len(page.articles), len(record.body)


def shoot(out_dir: Path, sizes=SIZES, languages=LANGUAGES) -> list[Path]:  # noqa: ANN001
    """Write one PNG per language and size into `out_dir`; returns their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    from app.ui.app import launch, screenshot

    written = []
    before = os.environ.get("NEWSDESK_PROJECT")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSDESK_PROJECT"] = str(Path(tmp) / "samples.db")  # a fresh project of the samples
        try:
            window = launch(["--screenshot", str(Path(tmp) / "first.png")])
        finally:
            if before is None:
                os.environ.pop("NEWSDESK_PROJECT")
            else:
                os.environ["NEWSDESK_PROJECT"] = before
        best = None
        for row in window.store.list_pages():
            page = window.store.load_page(row.id)
            for item in page.articles:
                score = richness(page, item)
                if best is None or score > best[0]:
                    best = (score, row.id, item.id)
        assert best is not None, "no sample pages"
        window.open_page(best[1], best[2])
        for lang in languages:
            window.switch_language(lang)
            for width, height in sizes:
                out = out_dir / f"window-{lang}-{width}x{height}.png"
                screenshot(window, str(out), (width, height), item_id=best[2])
                written.append(out)
        window.close()  # nothing was edited: it closes without a question, its background work stopped
        window.store.close()
        window.deleteLater()
    return written


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DOCS,
              show_default=True, help="the folder the pictures go to")
def main(out_dir: Path) -> None:
    """Rebuild the window's pictures for the README."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for path in shoot(out_dir):
        click.echo(path)


if __name__ == "__main__":
    main()
