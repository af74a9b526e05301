"""`newsdesk train`, `split --model/--db`, `import --model`, `resplit` and the report's learning curve, on real
files: typeset pages with their gold, a project file, a model file."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

from app.cli import cli
from app.core.metadata import page_records
from app.core.page import check_invariant
from app.core.projectmodel import load_file
from app.core.splitter import rule_split, split_page
from app.store.db import Store
from tests.trainhelp import examples, typeset, write


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(cli, list(args))


@pytest.fixture(scope="module")
def pages():
    return typeset(9)


@pytest.fixture(scope="module")
def trained(pages, tmp_path_factory):
    """`newsdesk train --gold --pages --out` on six typeset pages with their gold files."""
    tmp = tmp_path_factory.mktemp("train")
    write(tmp / "pages", pages[:6], gold=tmp / "gold")
    result = run("train", "--gold", str(tmp / "gold"), "--pages", str(tmp / "pages"), "--out",
                 str(tmp / "paper.model"), "--folds", "3", "--json")
    return tmp, result


def test_train_from_gold_writes_a_model_and_says_its_held_out_scores(trained, pages):
    tmp, result = trained
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["pages"] == [ts.name for ts in pages[:6]] and summary["folds"] == 3
    assert {"article_f1", "headline_accuracy", "author_f1"} <= set(summary["after"])
    assert summary["curve"][0]["pages"] == 0 and summary["curve"][-1]["pages"] == 4
    assert f"{tmp / 'paper.model'}: model written" in result.stderr
    written = load_file(tmp / "paper.model")  # the project's model, or the shipped one if that did better
    assert written.info["pages"] == (540 if summary["chosen"] == "shipped" else 6)


def test_split_with_the_model_is_the_model_s_split(trained, pages):
    tmp, _ = trained
    new = write(tmp / "new", pages[6:8])
    result = run("split", "--model", str(tmp / "paper.model"), *(str(p) for p in sorted(new.iterdir())))
    assert result.exit_code == 0, result.output
    got = [json.loads(line) for line in result.stdout.splitlines()]
    model = load_file(tmp / "paper.model")
    want = [r for ts in pages[6:8] for r in page_records(split_page((ts.name, ts.text), model=model))]
    assert got == want


def test_a_bad_model_file_is_one_line_and_the_shipped_model_splits(tmp_path, pages):
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"\x00\x01 not a model at all")
    page = write(tmp_path / "pages", pages[:1]) / pages[0].name
    result = run("split", "--model", str(bad), str(page))
    assert result.exit_code == 0
    assert result.stderr == f"newsdesk: {bad}: not a Newsdesk split model; splitting with the shipped model\n"
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["page"] == pages[0].name for r in records)


def test_a_gold_file_that_does_not_fit_is_named_with_its_line(tmp_path, pages):
    write(tmp_path / "pages", pages[:4], gold=tmp_path / "gold")
    spec = {k: v for k, v in pages[3].gold.items() if k != "pieces"}
    spec["items"] = [dict(spec["items"][0], title="版面上没有的标题")] + spec["items"][1:]
    bad = tmp_path / "gold" / pages[3].name.replace(".txt", ".json")
    bad.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    result = run("train", "--gold", str(tmp_path / "gold"), "--pages", str(tmp_path / "pages"), "--out",
                 str(tmp_path / "m.model"), "--folds", "2", "--no-curve")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsdesk:")]
    assert lines[0].startswith(f"newsdesk: {bad.name}: ") and "版面上没有的标题" in lines[0]
    assert lines[-1] == "newsdesk: 1 gold file(s) could not be used"
    assert (tmp_path / "m.model").exists()  # the other three pages were learnt from


def test_usage_errors_are_one_line(tmp_path):
    assert "give --db" in run("train").output
    assert "--gold needs --pages" in run("train", "--gold", str(tmp_path)).output
    result = run("train", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "no such project file" in result.stderr


def test_a_project_learns_imports_with_its_model_resplits_and_reports_its_curve(tmp_path, pages):
    db = str(tmp_path / "p.db")
    folder = write(tmp_path / "pages", pages[:5])
    assert run("import", str(folder), "--db", db).exit_code == 0
    with Store(db) as store:
        for ex, page_id in zip(examples(pages[:4]), store.list_page_ids(), strict=False):
            store.save_page(page_id, ex.truth, "done")
    result = run("train", "--db", db, "--folds", "2")
    assert result.exit_code == 0, result.output
    assert "learnt from 4 page(s)" in result.stdout and "before" in result.stdout
    assert "the rules with this paper's profile: article F1" in result.stdout
    con = sqlite3.connect(db)
    used, count = con.execute("select used, page_count from split_models").fetchone()
    assert count == 4
    if not used:  # the model did not beat Newsdesk's own split on these pages: make it the project's anyway
        con.execute("update split_models set used = 1")
        con.commit()
    con.close()
    with Store(db) as store:
        from app.store.learning import project_model

        model = project_model(store)
    # split --db and import into the project use the project's model
    new = write(tmp_path / "new", pages[6:7])
    result = run("split", "--db", db, str(new / pages[6].name))
    ts = pages[6]
    assert [json.loads(line) for line in result.stdout.splitlines()] == page_records(
        split_page((ts.name, ts.text), model=model))
    assert run("import", str(new), "--db", db).exit_code == 0
    with Store(db) as store:
        page_id = store.list_page_ids()[-1]
        assert store.load_auto_page(page_id) == split_page((ts.name, ts.text), model=model)
        done = [store.load_page(i) for i in store.list_page_ids("done")]
    result = run("resplit", "--db", db)
    assert result.exit_code == 0 and "left alone" in result.stderr
    with Store(db) as store:
        assert [store.load_page(i) for i in store.list_page_ids("done")] == done
        for i in store.list_page_ids():
            assert check_invariant(store.load_page(i)) == []
    report = run("report", "--db", db)
    assert "Learning curve of the project's model (" in report.stdout and "Pages learnt from" in report.stdout
    assert json.loads(run("report", "--db", db, "--json").stdout)["learning"]["pages"] == 4
    assert "splits with Newsdesk's own split again" in run("train", "--db", db, "--stop-using").stderr


def test_a_model_that_splits_by_its_paper_s_profile_does_so_in_split_and_import(tmp_path, pages):
    """A project whose profiled rules did best stores a model that splits with them: `split --model` and
    `import --model` give the rules' split with the profile's values, which differs from the plain rules'."""
    from app.core.assembly import assemble
    from app.core.profile import Profile
    from app.core.projectmodel import PROFILE, USE, ProjectModel
    from app.core.splitter import rule_units
    from app.core.training import learn

    project = learn(examples(pages[:3]), folds=2, curve=False).model
    # (the profile reads the pages the other way round from the plain rules' reading of the first)
    profile = Profile.of({"assembly.DIRECTION": not assemble(rule_units(pages[6].text)[0]).forward})
    path = tmp_path / "paper.model"
    ProjectModel(project.crf, dict(project.info, **{PROFILE: profile.to_json(), USE: "rules"}),
                 base=project.base).save(path)
    folder = write(tmp_path / "pages", pages[6:9])
    result = run("split", "--model", str(path), *(str(folder / ts.name) for ts in pages[6:9]))
    assert result.exit_code == 0, result.output
    got = [json.loads(line) for line in result.stdout.splitlines()]
    profiled = [r for ts in pages[6:9] for r in page_records(rule_split(ts.name, ts.text, profile))]
    assert got == profiled
    assert got != [r for ts in pages[6:9] for r in page_records(rule_split(ts.name, ts.text))]
    db = str(tmp_path / "p.db")
    assert run("import", str(folder), "--db", db, "--model", str(path)).exit_code == 0
    with Store(db) as store:
        stored = {store.load_auto_page(i).name: store.load_auto_page(i) for i in store.list_page_ids()}
    assert all(stored[ts.name] == rule_split(ts.name, ts.text, profile) for ts in pages[6:9])


def test_a_paper_typeset_by_the_command_is_learnt_and_its_next_month_split(tmp_path):
    """One paper's pages (`python -m tools.typeset --paper`: its constants on every page) of one month
    learnt with `newsdesk train`, and its pages of another month split with the model: every record's
    spans cover its page's text, and the masthead the paper prints on every page is furniture."""
    from tools.typeset.__main__ import main as typeset_main
    from tools.typeset.corpus import EXCERPT

    def print_paper(month: str, n: int, out):
        result = CliRunner().invoke(typeset_main, ["--month", month, "--families", "crlf-halfwidth", "--paper", "1",
                                                   "--pages", str(n), "--out", str(out), "--corpus", str(EXCERPT)])
        assert result.exit_code == 0, result.output
        return sorted(out.glob("*.txt"))

    learnt = print_paper("2019-02", 5, tmp_path / "learn")
    assert len(learnt) == 5 and all("paper-crlf-halfwidth-1" in p.name for p in learnt)
    result = run("train", "--gold", str(tmp_path / "learn"), "--pages", str(tmp_path / "learn"), "--out",
                 str(tmp_path / "paper.model"), "--folds", "3", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["pages"] == [p.name for p in learnt]
    new = print_paper("2020-02", 2, tmp_path / "new")
    split = run("split", "--model", str(tmp_path / "paper.model"), *(str(p) for p in new))
    assert split.exit_code == 0, split.output
    records = [json.loads(line) for line in split.stdout.splitlines()]
    for path in new:
        text = path.read_bytes().decode("utf-8")
        mine = [r for r in records if r["page"] == path.name]
        covered = "".join(text[s:e] for r in mine for s, e in r["spans"])
        assert sorted(covered.replace("\r", "").replace("\n", "").replace(" ", "")) == sorted(
            text.replace("\r", "").replace("\n", "").replace(" ", ""))
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        masthead = gold["furniture"][0]
        assert any(r["kind"] == "furniture" and masthead in "".join(r["body"]) + r["title"] for r in mine), masthead
