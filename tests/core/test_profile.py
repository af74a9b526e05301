"""A paper's profile of the rules: values of the rule split's parameters in force for one split, learnt by
keeping only clear gains, stored in a project model and split with through its file."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from app.core import assembly
from app.core.metadata import page_records
from app.core.page import check_invariant
from app.core.profile import NAMES, Profile, Trials, candidates, default
from app.core.projectmodel import PROFILE, USE, ProjectModel, read_model
from app.core.splitmodel import ModelError, shipped_model
from app.core.splitter import rule_split, split_page
from app.core.training import PROFILE_MIN_ARTICLES, PROFILE_MIN_GAIN, _pick, format_summary, learn
from tests.trainhelp import examples, typeset

HEADLINES_AFTER = Profile.of({"assembly.DIRECTION": False})


@pytest.fixture(scope="module")
def pages():
    return typeset(4)


def test_a_profile_is_in_force_for_its_split_only(pages):
    changed = 0
    for ts in pages:
        plain = rule_split(ts.name, ts.text)
        profiled = rule_split(ts.name, ts.text, HEADLINES_AFTER)
        assert check_invariant(profiled) == []
        changed += page_records(profiled) != page_records(plain)
        assert assembly.DIRECTION is None  # the rules' own value again
        assert rule_split(ts.name, ts.text) == plain == rule_split(ts.name, ts.text, Profile())
    assert changed  # these pages print headlines over their bodies: read after them, they split otherwise


def test_the_trials_of_many_profiles_split_as_the_rules_with_each(pages):
    trials = Trials()
    profiles = [Profile(), HEADLINES_AFTER, *(Profile.of({n: candidates(n)[0]}) for n in NAMES)]
    for profile in profiles + profiles[:3]:  # (the second time round, the first passes are reused)
        for k, ts in enumerate(pages[:2]):
            assert trials.split(k, ts.name, ts.text, profile) == rule_split(ts.name, ts.text, profile)


def test_splits_in_threads_see_only_their_own_profile(pages):
    ts = pages[0]
    want = {None: rule_split(ts.name, ts.text), HEADLINES_AFTER: rule_split(ts.name, ts.text, HEADLINES_AFTER)}
    wrong = []

    def work(profile: Profile | None) -> None:
        for _ in range(15):
            if rule_split(ts.name, ts.text, profile) != want[profile]:
                wrong.append(profile)

    threads = [threading.Thread(target=work, args=(p,)) for p in (None, HEADLINES_AFTER, None, HEADLINES_AFTER)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert wrong == []


def test_the_rules_own_value_is_no_value_of_the_profile_and_never_a_candidate():
    for name in NAMES:
        assert default(name) not in candidates(name) and candidates(name)
        first = candidates(name)[0]
        assert Profile().with_value(name, first).with_value(name, default(name)) == Profile()
    assert set(candidates("assembly.DIRECTION")) == {True, False}


def test_a_stored_profile_is_checked():
    assert Profile.from_json({"layout.COLUMN_TOLERANCE": 3.0}).as_dict() == {"layout.COLUMN_TOLERANCE": 3.0}
    for bad in ({"layout.NO_SUCH": 1}, {"assembly.DIRECTION": 2}, {"layout.COLUMN_TOLERANCE": "wide"}, [1]):
        with pytest.raises(ValueError):
            Profile.from_json(bad)


def _counts(recovered: int, gold: int = 50) -> Counter:
    return Counter(recovered=recovered, gold=gold, pred=gold)


def test_a_value_is_kept_only_where_it_wins_clearly_and_the_clear_ones_go_together():
    a, b, c = (Profile.of({"layout.COLUMN_TOLERANCE": 3.0}), Profile.of({"assembly.DIRECTION": True}),
               Profile.of({"layout.HEADLINE_BLOCK_LINES": 2}))
    table = {Profile(): [_counts(40), _counts(40)],
             a: [_counts(44), _counts(43)],  # +7 articles in 100
             b: [_counts(41), _counts(40)],  # +1 in 100: below PROFILE_MIN_GAIN and PROFILE_MIN_ARTICLES
             c: [_counts(42), _counts(41)]}  # +3 in 100
    assert PROFILE_MIN_GAIN > 0.01 and PROFILE_MIN_ARTICLES > 1
    together, singles = _pick(table, [0, 1])
    assert singles == [a, c] and together == Profile.of({**a.as_dict(), **c.as_dict()})
    assert _pick({Profile(): table[Profile()], b: table[b]}, [0, 1]) == (Profile(), [])


def _profiled_model(profile: dict) -> ProjectModel:
    project = learn(examples(typeset(3)), folds=2, curve=False).model
    return ProjectModel(project.crf, dict(project.info, **{PROFILE: profile, USE: "rules"}), base=shipped_model())


def test_a_project_model_that_splits_by_its_profile_round_trips_and_a_damaged_profile_is_one_line(pages):
    model = read_model(_profiled_model(HEADLINES_AFTER.to_json()).to_bytes(), "paper.model")
    assert isinstance(model, ProjectModel) and model.by_rules and model.profile == HEADLINES_AFTER
    for ts in pages:
        assert split_page((ts.name, ts.text), model=model) == rule_split(ts.name, ts.text, HEADLINES_AFTER)
    damaged = _profiled_model({"layout.NO_SUCH": 1}).to_bytes()
    with pytest.raises(ModelError, match="^paper.model: the model's profile of the rules cannot be used"):
        read_model(damaged, "paper.model")


def test_learning_stores_the_profile_and_the_summary_says_what_moved(pages):
    learnt = learn(examples(pages), folds=2, curve=False)
    assert learnt.model.profile == Profile.from_json(learnt.model.info[PROFILE])
    assert set(learnt.profiled) == set(learnt.before)
    summary = format_summary(learnt)
    assert "the rules with this paper's profile: article F1" in summary
    assert all(m["name"].partition(".")[2] in summary for m in learnt.moved)
    assert learnt.scores()["profiled"] == learnt.profiled
    if learnt.chosen == "profile":
        assert learnt.chosen_model.by_rules
