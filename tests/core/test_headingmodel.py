"""The model that tells a heading between two texts, a feature's subhead or the next article's headline: its file
loads and says what it learnt from, and it turns the rules' reading over the right way on a made-up feature
where it is sure (tests/tools/test_build_heading_model.py: rebuilding it gives the same file)."""

from __future__ import annotations

import json

from app.core import headingmodel
from app.core.page import Role
from app.core.splitter import rule_split
from tools import build_heading_model
from tools.build_model import LEAVE_OUT

# a made-up feature: its subhead's text goes on with the cooperative the text above is about, but shares too few
# of its character pairs for the rules (under `assembly.CONTINUITY_SHARE`), which read the subhead as a new
# article's headline
FEATURE = """春耕时节农机忙
本报记者　李明

　　眼下正是春耕备耕的关键时节，县里各个乡镇的农机合作社忙着检修农机、调配种子和化肥，田间地头一派繁忙景象。\
合作社负责人说，今年提前两周完成了全部机具的保养，确保开犁时不误农时。
　　在东湖村，几台新购置的播种机整齐排列在院子里。技术员正在逐台调试，记录每台机器的工作参数。\
村民们说，有了这些机器，一个人一天就能播完过去十个人的活。
　　县农业部门介绍，今年全县计划播种小麦和玉米三十万亩，农机作业覆盖率预计超过九成。为保障春耕顺利进行，\
部门还组织了二十支技术服务队，深入各村开展上门服务。

合作社里的新面孔

　　今年合作社来了几位年轻人，他们大多在外地读过大学，回到家乡后选择和农机打交道。小王去年毕业，\
现在负责无人机植保，每天要飞上百架次。他说，在田里干活比想象中有意思。
　　年轻人带来了新的想法。他们用手机记录每块田的墒情，把数据汇总到一张表上，哪块地该先播、哪块地该缓一缓，\
一目了然。老社员们一开始不习惯，后来也跟着学起了用手机。
"""


def test_the_model_loads_and_says_what_it_learnt_from():
    model = json.loads(headingmodel.MODEL.read_text(encoding="utf-8"))
    assert headingmodel.MODEL.stat().st_size < 20_000
    trained = model["trained_on"]
    assert trained["month"] == build_heading_model.TUNE_MONTH
    assert not set(trained["families"]) & set(LEAVE_OUT)  # held-out families never learnt from
    assert headingmodel.weights() == model["weights"] and "rule" in model["weights"]


def test_the_model_reads_a_features_subhead_the_rules_read_as_a_headline():
    with headingmodel.collecting() as made:
        alone = rule_split("p.txt", FEATURE)
    assert len(alone.items) == 2 and [d[4] for d in made] == [True]  # the rules: two articles
    page = rule_split("p.txt", FEATURE)
    assert len(page.items) == 1
    roles = [b.role for b in page.items[0].blocks]
    assert roles.count(Role.TITLE) == 1 and roles.count(Role.SUBHEAD) == 1


def test_the_rules_stand_where_the_model_is_not_sure_or_off(monkeypatch):
    with headingmodel.collecting() as made:
        rule_split("p.txt", FEATURE)
    seq, gi, above, forward, rule, headline = made[0]
    monkeypatch.setattr(headingmodel, "MARGIN", 0.5)  # never sure enough
    assert headingmodel.heads_item(seq, gi, above, forward, rule, headline) is True
    monkeypatch.setattr(headingmodel, "MARGIN", 0.2)
    assert headingmodel.heads_item(seq, gi, above, forward, rule, headline) is False
    monkeypatch.setattr(headingmodel, "ENABLED", False)
    assert headingmodel.heads_item(seq, gi, above, forward, rule, headline) is True


def test_a_pages_own_cues_are_read_once_for_all_its_decisions():
    # each decision compares its heading's blank lines and width with the page's headlines and sure subheads;
    # read again for every decision, they made a long page's split quadratic in its headings
    with headingmodel.collecting() as made:
        rule_split("p.txt", FEATURE + "\n" + FEATURE)
    seq, gi, above, forward, rule, headline = made[-1]
    first = headingmodel._page_cues(seq)
    headingmodel.features(seq, gi, above, forward, rule, headline)
    assert headingmodel._page_cues(seq) is first and len(made) >= 2
    # a page's cues are its own: another page's decision reads them afresh
    other = headingmodel._page_cues(list(seq))
    assert other is not first and other == first
