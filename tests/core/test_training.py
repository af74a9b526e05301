"""Learning a paper from corrected pages: a project model fit on typeset pages, its file, its held-out scores.

The pages are typeset from the corpus excerpt committed in tests/data, so these run the same in CI."""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.alignment import AlignmentError
from app.core.evaluation import gold_of, score
from app.core.metadata import page_records
from app.core.page import check_invariant
from app.core.projectmodel import (
    AGREED_MIN,
    FALLBACK,
    PROJECT_MAGIC,
    SEEN,
    ProjectModel,
    load_file,
    read_model,
    roles_split,
)
from app.core.splitmodel import ModelError, shipped_model, view
from app.core.splitter import LABEL_KINDS, rule_split, split_page
from app.core.training import (
    MEASURES,
    Cancelled,
    TrainingError,
    folds_of,
    format_summary,
    gold_examples,
    learn,
    page_from_pieces,
    plan,
    prepare,
)
from tests.trainhelp import examples, typeset, write
from tools.typeset.gold import page_model


@pytest.fixture(scope="module")
def pages():
    return typeset(6)


@pytest.fixture(scope="module")
def learnt(pages):
    return learn(examples(pages), folds=3)


def test_pieces_give_the_typesetter_s_own_page_model(pages):
    for ts in pages:
        assert page_from_pieces(ts.name, ts.text, ts.gold) == page_model(ts.text, ts.gold, ts.name)


def test_pieces_that_do_not_cover_the_page_are_refused(pages):
    ts = pages[0]
    gold = dict(ts.gold, pieces=ts.gold["pieces"][1:])
    with pytest.raises(AlignmentError, match="do not cover the page"):
        page_from_pieces(ts.name, ts.text, gold)


def test_learning_gives_a_model_held_out_scores_and_a_learning_curve(learnt, pages):
    assert isinstance(learnt.model, ProjectModel)
    assert learnt.pages == [ts.name for ts in pages] and learnt.folds == 3
    assert set(MEASURES) <= set(learnt.before) and set(MEASURES) <= set(learnt.after)
    assert [p["pages"] for p in learnt.curve] == [0, 2, 4]  # the split without the model, ..., two thirds
    assert learnt.curve[0]["article_f1"] == learnt.before["article_f1"]
    assert learnt.curve[-1]["article_f1"] == learnt.after["article_f1"]
    scores = json.loads(json.dumps(learnt.scores()))
    assert scores["chosen"] == learnt.chosen and scores["after"] == learnt.after
    if learnt.chosen == "profile":  # the project model set to split with the profiled rules
        assert learnt.chosen_model.by_rules and learnt.chosen_model.crf == learnt.model.crf
    elif learnt.chosen == "roles":  # ... or with the rules assembling the items from its line roles
        assert learnt.chosen_model.by_roles and learnt.chosen_model.crf == learnt.model.crf
    else:
        assert learnt.chosen_model is {"project": learnt.model, "shipped": learnt.base, "own": None}[learnt.chosen]
    summary = format_summary(learnt)
    assert "learnt from 6 page(s)" in summary and "3-fold cross-validation" in summary


def test_the_split_that_did_best_is_chosen_and_a_tie_keeps_newsdesk_s_own(learnt):
    def scores(f1):
        return {m: f1 for m in MEASURES}

    for before, profiled, shipped, after, chosen in [
            (0.5, 0.5, 0.6, 0.7, "project"), (0.5, 0.5, 0.8, 0.7, "shipped"), (0.9, 0.9, 0.8, 0.7, "own"),
            (0.7, 0.7, 0.7, 0.7, "own"), (0.5, 0.5, 0.7, 0.7, "shipped"), (0.5, 0.8, 0.7, 0.7, "profile"),
            (0.5, 0.7, 0.7, 0.7, "profile")]:
        other = dataclasses.replace(learnt, before=scores(before), profiled=scores(profiled),
                                    shipped=scores(shipped), after=scores(after), paired={}, roles={})
        assert other.chosen == chosen and other.better == (chosen != "own")
    for roles, chosen in [(0.8, "roles"), (0.7, "shipped"), (0.6, "shipped")]:
        other = dataclasses.replace(learnt, before=scores(0.5), profiled=scores(0.5), shipped=scores(0.7),
                                    after=scores(0.6), roles=scores(roles), paired={})
        assert other.chosen == chosen
        assert getattr(other.chosen_model, "by_roles", False) == (chosen == "roles")
        assert other.chosen_scores["article_f1"] == {"roles": 0.8, "shipped": 0.7}[chosen]


def test_a_split_that_splits_more_pages_worse_than_newsdesk_s_own_is_not_chosen(learnt):
    def scores(f1):
        return {m: f1 for m in MEASURES}

    best_overall = dataclasses.replace(learnt, before=scores(0.5), profiled=scores(0.5), shipped=scores(0.6),
                                       after=scores(0.7))
    best_overall = dataclasses.replace(best_overall, roles=scores(0.4))
    for pairs, chosen in [({"project": (4, 3), "shipped": (5, 0)}, "project"),
                          ({"project": (3, 3), "shipped": (5, 0)}, "shipped"),
                          ({"project": (2, 5), "shipped": (0, 0), "profile": (0, 0)}, "own")]:
        assert dataclasses.replace(best_overall, paired=pairs).chosen == chosen
    with_roles = dataclasses.replace(best_overall, roles=scores(0.8))
    for pairs, chosen in [({"roles": (2, 2), "project": (5, 0)}, "project"),
                          ({"roles": (2, 1), "project": (5, 0)}, "roles")]:
        assert dataclasses.replace(with_roles, paired=pairs).chosen == chosen
    # ... nor one that leads in pages by less than CHOICE_MIN_GAIN of article F1 over them all
    small = dataclasses.replace(best_overall, shipped=scores(0.5), after=scores(0.55), roles=scores(0.54))
    for pairs, chosen in [({"project": (9, 0), "roles": (9, 0)}, "own")]:
        assert dataclasses.replace(small, paired=pairs).chosen == chosen
    assert dataclasses.replace(small, after=scores(0.56), paired={"project": (1, 0)}).chosen == "project"
    assert set(learnt.paired) == {"profile", "shipped", "project", "roles"}
    for name, (wins, losses) in learnt.paired.items():
        assert 0 <= wins + losses <= len(learnt.pages), name
        assert learnt.chosen == "own" or learnt.chosen != name or wins > losses
    assert "page by page against Newsdesk's own split" in format_summary(learnt)


def test_the_same_pages_give_the_same_model_byte_for_byte(learnt, pages):
    again = learn(examples(pages), folds=3)
    assert again.model.to_bytes() == learnt.model.to_bytes()
    assert again.after == learnt.after and again.curve == learnt.curve


def test_fits_in_worker_processes_give_the_same_model_and_scores(pages):
    """The cross-validation's fits run in spawned processes for many pages: nothing changes but the time."""
    here = learn(examples(pages[:4]), folds=2, jobs=1)
    there = learn(examples(pages[:4]), folds=2, jobs=2)
    assert there.model.to_bytes() == here.model.to_bytes()
    assert there.after == here.after and there.curve == here.curve


def test_every_page_is_held_out_exactly_once():
    for n in (3, 4, 7, 23):
        sets = folds_of(n, 5)
        assert sorted(i for s in sets for i in s) == list(range(n))
        assert len(sets) == min(5, n)


def test_progress_counts_every_step_and_cancel_stops(pages):
    told, steps = [], []
    learn(examples(pages[:4]), folds=2, curve=False, total=told.append, step=steps.append)
    assert told == [4 + plan(4, 2, curve=False)] and sum(steps) == told[0]
    with pytest.raises(Cancelled):
        learn(examples(pages[:4]), folds=2, cancelled=lambda: True)


def test_too_few_pages_are_refused(pages):
    with pytest.raises(TrainingError, match="at least 3"):
        learn(examples(pages[:2]))


def test_a_project_model_file_round_trips_and_splits_like_the_model(learnt, tmp_path):
    path = tmp_path / "paper.model"
    learnt.model.save(path)
    assert path.read_bytes().startswith(PROJECT_MAGIC)
    again = load_file(path)
    assert isinstance(again, ProjectModel) and again.crf == learnt.model.crf
    assert again.base is not None and again.base.crf == shipped_model().crf  # the base travels inside
    other = typeset(2, seed=9, month="2020-02")
    for ts in other:
        page = split_page((ts.name, ts.text), model=again)
        assert check_invariant(page) == []
        assert page_records(page) == page_records(split_page((ts.name, ts.text), model=learnt.model))
        # the file's path splits the same (benchmarks/split_quality.py --model PATH); the shipped model did
        assert page_records(split_page((ts.name, ts.text), model=str(path))) == page_records(page)


def test_a_model_set_to_split_by_its_line_roles_keeps_it_in_its_file_and_the_rules_build_the_items(learnt, tmp_path):
    """Set to split by its roles, the project model gives each line its role and the rules assemble the items
    from those roles (`roles_split`); the file keeps the setting."""
    path = tmp_path / "roles.model"
    learnt.model.splitting_by_roles().save(path)
    again = load_file(path)
    assert isinstance(again, ProjectModel) and again.by_roles and not again.by_rules
    for ts in typeset(2, seed=9, month="2020-02"):
        page = split_page((ts.name, ts.text), model=again)
        assert check_invariant(page) == []
        v = view(ts.text)
        assert page == roles_split(ts.name, ts.text, v.lines, v.pieces, learnt.model.tag_view(v))
        assert page_records(split_page((ts.name, ts.text), model=str(path))) == page_records(page)


def test_the_rules_given_each_line_s_true_role_recover_the_articles_their_own_roles_lose(pages):
    """Typeset pages: the rules assembling the items from the true line roles (the typesetter's) recover at
    least the articles their own passes do, and more over the pages."""
    own = from_truth = 0.0
    for ex in examples(pages):
        p = prepare(ex, shipped_model())
        truth = {ex.key: gold_of(page_records(ex.truth, with_tags=False))}
        rules = page_records(rule_split(ex.key, ex.text), with_tags=False)
        given = page_records(roles_split(ex.key, ex.text, p.lines, p.pieces, p.labels), with_tags=False)
        own += score(truth, {ex.key: rules})["article_f1"]
        from_truth += score(truth, {ex.key: given})["article_f1"]
    assert from_truth > own


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 3), st.lists(st.sampled_from(sorted(LABEL_KINDS) + ["HCONT", "B_TITLE", "R_BODY"]),
                                   min_size=1, max_size=60))
def test_the_rules_given_any_line_roles_never_drop_or_duplicate_a_character(k, drawn):
    """Whatever roles the lines are given (a model's, however wrong), every character is kept once."""
    ts = _other_pages()[k]
    v = view(ts.text)
    labels = [drawn[i % len(drawn)] for i in range(len(v.pieces))]
    assert check_invariant(roles_split(ts.name, ts.text, v.lines, v.pieces, labels)) == []


def test_where_the_rules_read_a_piece_as_never_before_their_label_stands(learnt, pages):
    """A CRF only gives labels it learnt: a piece the rules label as they never labelled any page learnt from
    (here an ad on pages without one) keeps the rules' label, and so does the line where the rules open its item."""
    model = learnt.model
    seen = set(model.info[SEEN])
    assert seen == {label for p in (prepare(ex, shipped_model()) for ex in examples(pages))
                    for label in p.readings[FALLBACK]}
    p = prepare(examples(typeset(1, seed=9, month="2020-02"))[0], shipped_model())
    plain = ProjectModel(model.crf, {})  # the same CRF without what the pages learnt from showed
    never = next(label for label in ("R_AD", "B_AD", "AD", "R_SECTION") if label not in seen)
    opens = next(label for label in ("B_TITLE", "B_KICKER", "B_BODY") if label in seen)
    start = [i for i, label in enumerate(plain.tag_read(p.features, p.readings)) if label.endswith("CONT")][2]
    cut = [start, start + 1]
    rules = [never if i in cut else label for i, label in enumerate(p.readings[FALLBACK])]
    rules[start - 1] = opens  # the rules open the item of the two pieces on the line before them
    read = dict(p.readings, **{FALLBACK: rules})
    assert model.tag_read(p.features, read)[start - 1:start + 2] == [opens, never, never]
    assert never not in plain.tag_read(p.features, read)
    assert read_model(model.to_bytes()).info[SEEN] == model.info[SEEN]  # stored with the model


def test_the_model_overrules_two_agreeing_readings_only_when_sure(learnt):
    """Where the rules and the shipped model give a piece the same label, the model's other label stands only
    with a marginal probability of at least AGREED_MIN; everywhere else the model decides."""
    model, plain = learnt.model, ProjectModel(learnt.model.crf, {})
    learnt_labels = set(model.tagger().labels())  # (a label the CRF never learnt has no marginal to weigh)
    overruled = kept = 0
    for p in (prepare(ex, shipped_model()) for ex in examples(typeset(4, seed=9, month="2020-02"))):
        raw = plain.tag_read(p.features, p.readings)
        sure = [plain.tagger().marginal(label, i) >= AGREED_MIN for i, label in enumerate(raw)]
        out = model.tag_read(p.features, p.readings)
        for i, (label, rules, base) in enumerate(zip(raw, p.readings["rules"], p.readings["base"], strict=True)):
            if rules not in model.info[SEEN]:
                assert out[i] == rules
            elif rules == base != label and not sure[i] and rules in learnt_labels:
                assert out[i] == rules
                overruled += 1
            else:
                assert out[i] == label
                kept += rules == base != label
    assert overruled  # the case arises on these pages
    print(f"agreeing readings stood at {overruled} piece(s), the model overruled them at {kept}")


def test_a_plain_split_model_file_is_read_too(tmp_path):
    path = tmp_path / "shipped.model"
    shipped_model().save(path)
    assert load_file(path).crf == shipped_model().crf


@pytest.mark.parametrize("damage, said", [
    (lambda b: b"PK\x03\x04 a zip file", "not a Newsdesk split model"),
    (lambda b: b[: len(b) // 2], "truncated or damaged"),
    (lambda b: b.replace(b'"format": 1', b'"format": 9', 1), "another version"),
    (lambda b: PROJECT_MAGIC + b"{not json\n" + b[200:], "header is damaged"),
])
def test_a_bad_model_file_gets_one_line_naming_it(learnt, tmp_path, damage, said):
    path = tmp_path / "bad.model"
    path.write_bytes(damage(learnt.model.to_bytes()))
    with pytest.raises(ModelError) as e:
        load_file(path)
    assert said in str(e.value) and str(path) in str(e.value) and "\n" not in str(e.value)


def test_a_missing_model_file_is_one_line():
    with pytest.raises(ModelError, match="nowhere.model"):
        read_model(b"", "nowhere.model")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.integers(0, 3), st.integers(0, 40))
def test_a_project_model_never_drops_or_duplicates_a_character(learnt, k, cut):
    """Whatever the page (a typeset page of another family, cut anywhere), every character is kept once."""
    ts = _other_pages()[k]
    text = ts.text[: max(1, len(ts.text) * cut // 40)] if cut else ts.text
    if not text.strip():
        return
    assert check_invariant(split_page(("p.txt", text), model=learnt.model)) == []


_cache: dict = {}


def _other_pages():
    if "pages" not in _cache:
        _cache["pages"] = typeset(2, family="scrambled", seed=3) + typeset(2, family="interleaved", seed=4)
    return _cache["pages"]


def test_gold_files_are_put_onto_their_pages_and_a_bad_one_is_named(pages, tmp_path):
    write(tmp_path / "pages", pages[:3], gold=tmp_path / "gold")
    spec = dict(pages[3].gold)
    spec.pop("pieces")  # a hand-made gold file: SPEC.md fields only, aligned to the page's lines
    spec["items"] = [dict(spec["items"][0], body=["这一段文字不在版面上。"])] + spec["items"][1:]
    write(tmp_path / "pages", [pages[3]])
    (tmp_path / "gold" / pages[3].name.replace(".txt", ".json")).write_text(json.dumps(spec, ensure_ascii=False),
                                                                          encoding="utf-8")
    (tmp_path / "gold" / "broken.json").write_text("{", encoding="utf-8")
    found, problems = gold_examples(tmp_path / "gold", tmp_path / "pages")
    assert [ex.key for ex in found] == [ts.name for ts in pages[:3]]
    assert found[0].truth == page_model(pages[0].text, pages[0].gold, pages[0].name)
    assert len(problems) == 2 and all("\n" not in p for p in problems)
    assert any("broken.json" in p for p in problems)
    assert any(pages[3].name.replace(".txt", ".json") in p and "line" in p for p in problems)


def test_a_model_on_the_rules_alone_takes_a_run_of_departures_only_when_sure_of_every_piece():
    """A model stacked on the rules alone keeps the rules' labels but for runs of pieces where it departs
    from them and each piece's marginal reaches DEPART_MIN; a label the rules never gave in training stays."""
    from app.core.projectmodel import DEPART_MIN, _sure_departures

    class Marginals:  # the marginals crfsuite's tagger gives the labels of the page just tagged
        def __init__(self, probs):
            self.probs = probs

        def marginal(self, label, i):
            return self.probs[i]

    sure, unsure = DEPART_MIN, DEPART_MIN - 0.01
    rules = ["B_TITLE", "SUBHEAD", "BODY", "CONT", "BODY", "AD", "CONT"]
    model = ["B_TITLE", "BODY", "CONT", "CONT", "B_TITLE", "BODY", "CONT"]
    probs = [0.5, sure, unsure, 0.5, sure, sure, 0.5]
    known = {"B_TITLE", "SUBHEAD", "BODY", "CONT"}  # the rules never read an ad on the pages learnt from
    assert _sure_departures(model, rules, known, Marginals(probs), DEPART_MIN) == [
        "B_TITLE", "SUBHEAD", "BODY", "CONT", "B_TITLE", "AD", "CONT"]
    assert _sure_departures(model, rules, known | {"AD"}, Marginals(probs), DEPART_MIN)[4:6] == ["B_TITLE", "BODY"]
    assert _sure_departures(model, rules, known, Marginals([1.0] * 7), DEPART_MIN)[:3] == model[:3]
