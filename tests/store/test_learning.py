"""A project learns its paper: the model stored in the project file, used by import, and the re-split of the
pages still to do that never touches the editor's work. Real project files, typeset pages."""

from __future__ import annotations

import sqlite3

import pytest

from app.core import edits
from app.core.loading import load_page
from app.core.page import check_invariant
from app.core.projectmodel import ProjectModel
from app.core.splitmodel import ModelError, shipped_model
from app.core.splitter import split_page
from app.core.training import learn
from app.store.db import Store
from app.store.importer import import_paths
from app.store.learning import learn_project, learning_of, project_model, resplit_todo, usable_model
from tests.trainhelp import examples, typeset, write


@pytest.fixture(scope="module")
def pages():
    return typeset(8)


@pytest.fixture(scope="module")
def model(pages):
    return learn(examples(pages[:5]), folds=3, curve=False).model


def _project(path, pages, done: int) -> Store:
    """A project holding `pages`, the first `done` of them corrected to their gold and marked done."""
    store = Store(path)
    folder = write(path.parent / "pages", pages)
    report = import_paths(store, [str(folder)])
    assert report.bad == [] and report.new == len(pages)
    for ex, page_id in zip(examples(pages[:done]), report.page_ids, strict=False):
        store.save_page(page_id, ex.truth, "done")
    return store


def test_a_new_project_has_no_model_of_its_own(db_path):
    with Store(db_path) as store:
        assert store.split_model() is None and store.split_models() == []
        assert project_model(store) is None and learning_of(store) is None
    tables = {r[0] for r in sqlite3.connect(db_path).execute("select name from sqlite_master where type='table'")}
    assert "split_models" in tables


def test_learning_stores_the_model_its_date_pages_and_held_out_scores(tmp_path, pages):
    with _project(tmp_path / "p.db", pages[:5], done=4) as store:
        learnt, model_id = learn_project(store, folds=2, curve=False)
        assert learnt.pages == [ts.name for ts in pages[:4]]  # the page not marked done is not learnt from
        row = store.split_models()[0]
        assert (row.id, row.page_count, row.used) == (model_id, 4, learnt.better)
        assert [p["name"] for p in row.pages] == learnt.pages
        assert row.scores["after"] == learnt.after and row.scores["before"] == learnt.before
        learning = learning_of(store)
        assert learning["pages"] == 4 and learning["curve"] == learnt.curve
    # what the SQLite file holds, read without Newsdesk
    con = sqlite3.connect(tmp_path / "p.db")
    trained, count, blob = con.execute("select trained, page_count, model from split_models").fetchone()
    assert trained.startswith("20") and count == 4 and blob == (learnt.chosen_model or learnt.model).to_bytes()


def test_import_splits_with_the_project_s_model_in_use(tmp_path, pages, model):
    with _project(tmp_path / "p.db", pages[:2], done=0) as store:
        store.add_split_model(model.to_bytes(), [], {}, used=True)
        assert isinstance(project_model(store), ProjectModel)
        folder = write(tmp_path / "more", pages[6:8])
        report = import_paths(store, [str(folder)])
        for page_id, ts in zip(report.page_ids, pages[6:8], strict=True):
            assert store.load_auto_page(page_id) == split_page((ts.name, ts.text), model=model)
        assert store.stop_using_split_model() == 1 and project_model(store) is None


def test_import_with_a_model_file_that_cannot_be_used_says_so_and_uses_the_shipped_model(tmp_path, pages):
    bad = tmp_path / "bad.model"
    bad.write_bytes(b"not a model")
    with Store(tmp_path / "p.db") as store:
        report = import_paths(store, [str(write(tmp_path / "pages", pages[:1]))], model_path=str(bad))
        assert report.notes == [f"{bad}: not a Newsdesk split model; splitting with the shipped model"]
        ts = pages[0]
        assert store.load_auto_page(report.page_ids[0]) == split_page((ts.name, ts.text), model=shipped_model())


def test_a_damaged_model_row_is_one_line_and_the_shipped_model_splits(tmp_path, model):
    with Store(tmp_path / "p.db") as store:
        store.add_split_model(model.to_bytes()[:5000], [], {}, used=True)
        with pytest.raises(ModelError, match="split model 1"):
            project_model(store)
        said: list[str] = []
        assert usable_model(None, store, said.append) is shipped_model()
        assert len(said) == 1 and "truncated or damaged" in said[0]


def test_resplit_changes_only_machine_made_items_of_pages_still_to_do(tmp_path, pages, model):
    store = _project(tmp_path / "p.db", pages[:5], done=1)
    ids = store.list_page_ids()
    done_id, edited_id, plain_id, journal_id, _ = ids
    done_before = store.load_page(done_id)
    # an editor's fix on one page: a title set by hand on its first item
    page = store.load_page(edited_id)
    fixed = edits.set_field(page, page.items[0].id, "title", "编辑改过的标题")
    store.save_page(edited_id, fixed, "in_progress")
    # unsaved edits on another page, in the journal
    journal_page = edits.set_field(store.load_page(journal_id), store.load_page(journal_id).items[0].id,
                                   "title", "未保存")
    store.journal_write(journal_id, journal_page)
    journal_before = store.load_page(journal_id)

    report = resplit_todo(store, model)
    assert (report.changed, report.left, report.kept_items) == (3, 1, 1)
    assert store.load_page(done_id) == done_before  # marked done: never touched
    assert store.load_page(journal_id) == journal_before  # unsaved edits: left alone
    ts = pages[2]
    fresh = split_page((ts.name, ts.text), model=model)
    assert store.load_page(plain_id) == fresh and store.load_auto_page(plain_id) == fresh
    after = store.load_page(edited_id)
    kept = [it for it in after.items if it.edited]
    assert kept == [fixed.items[0]]  # the hand-made item, exactly as the editor left it
    assert store.load_auto_page(edited_id) == split_page((pages[1].name, pages[1].text), model=model)
    assert check_invariant(after) == []
    assert store.page_status(edited_id) == "in_progress" and store.page_status(plain_id) == "todo"
    assert store.history(plain_id)[-1]["summary"] == "re-split with the project's model"
    # nothing left to do the second time
    again = resplit_todo(store, model)
    assert (again.changed, again.unchanged, again.left) == (0, 3, 1)
    assert again.kept_items == 1  # the page left as it was still holds the editor's item: said as kept
    # and with Newsdesk's own split the machine-made items come back
    back = resplit_todo(store, None)
    assert back.changed == 3
    assert store.load_auto_page(plain_id) == split_page(load_page(tmp_path / "pages" / ts.name))
    store.close()
