"""benchmarks/seed_transforms.py: the seed pages as other extractions carry their text, scored on their gold."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("seed_transforms", ROOT / "benchmarks" / "seed_transforms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_prints_a_row_per_transform_and_one_json_line(capsys):
    bench = _bench()
    bench.main(["--transforms", "as-extracted,no-blanks"])
    lines = capsys.readouterr().out.strip().splitlines()
    result = json.loads(lines[-1])
    assert set(result["transforms"]) == {"as-extracted", "no-blanks"}
    for row in result["transforms"].values():
        assert row["pages"] == 4 and 0.0 <= row["article_f1"] <= 1.0
    assert any(ln.startswith("no-blanks") for ln in lines)


def test_transforms_move_only_what_an_extraction_moves():
    bench = _bench()
    name, text, gold = bench.seed_pages()[0]
    bare = "".join(text.split())
    for key in ("no-blanks", "centred-headlines", "paragraphs-indented", "crlf", "no-break-spaces", "double-spaced",
                "double-spaced-down-to-half", "double-spaced-uneven"):
        new = bench.transformed(name, text, gold, bench.TRANSFORMS[key]).text
        assert "".join(new.split()) == bare, key  # the same characters in the same order
    assert "\n\n" not in bench.TRANSFORMS["no-blanks"](text, gold)
    double = bench.TRANSFORMS["double-spaced"](text, gold).split("\n")
    assert all(not below.strip() for line, below in zip(double, double[1:], strict=False) if line.strip())
    centred = bench.TRANSFORMS["centred-headlines"](text, gold).split("\n")
    titles = [ln for ln in centred if ln.startswith(bench.CENTRED_MARGIN)]
    assert titles and all("".join(ln.split()) in bench._titles(gold) for ln in titles)
