"""Tags: keywords weighted against the corpus's document frequencies, terms and names whole (real jieba)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from app.core import tags
from app.core.tags import DocumentFrequencies, extract_tags, read_table, weights, words_of, write_table

ROOT = Path(__file__).resolve().parents[2]
EXCERPT = ROOT / "tests" / "data" / "train_excerpt.jsonl.gz"

BODY = (
    "本报讯（记者 王小明 通讯员 李红）日前，某地召开专精特新企业座谈会，二十多家专精特新企业负责人参加。"
    "会上，企业负责人介绍了研发投入和市场开拓情况。与会人员还参观了十八洞村的产业基地，"
    "了解十八洞村精准扶贫的做法。兴业银行 INDUSTRIAL BANK OF CHINA 为企业提供贷款支持。"
)


def test_terms_names_and_latin_words_stay_whole():
    words = words_of("打造专精特新企业 考察十八洞村时 兴业银行 INDUSTRIAL BANK OF CHINA 新冠肺炎 粤港澳大湾区建设")
    for whole in ("专精特新", "十八洞村", "INDUSTRIAL BANK OF CHINA", "新冠肺炎", "粤港澳大湾区"):
        assert whole in words, (whole, words)
    for piece in ("特新", "洞村", "BANK", "INDUSTRIAL", "新冠", "大湾"):
        assert piece not in words
    tagged = extract_tags("专精特新企业座谈会召开", BODY)
    assert "专精特新" in tagged and "十八洞村" in tagged
    assert not {"专精", "特新", "十八", "洞村", "BANK"} & set(tagged)


def test_five_to_eight_tags_and_no_reporters_or_news_words():
    tagged = extract_tags("专精特新企业座谈会召开", BODY)
    assert 5 <= len(tagged) <= 8
    assert len(set(tagged)) == len(tagged)
    assert not {"王小明", "李红", "记者", "通讯员", "日前", "本报讯"} & set(tagged)
    assert extract_tags("", "。。。") == []
    assert extract_tags("病理诊断", "。") == ["病理", "诊断"]  # fewer than five only when the item has fewer


def test_weight_follows_document_frequency():
    table = DocumentFrequencies(documents=100, counts={"企业": 90, "病理": 2})
    scored = dict(weights("", "病理企业。病理企业。", table))
    assert scored["病理"] > scored["企业"]
    assert table.idf("没见过的词") >= table.idf("病理") > table.idf("企业")


def test_the_shipped_table_is_the_corpus_of_record():
    table = read_table()
    assert table.documents > 3000 and len(table.counts) > 10000 and table.terms
    assert tags.TABLE_PATH.stat().st_size < 400_000
    # a word every article uses weighs less than a word few do
    assert table.idf("中国") < table.idf("疫情") < table.idf("病理")


def test_table_round_trips_and_rebuilds_the_same_bytes(tmp_path):
    table = DocumentFrequencies(documents=3, counts={"新冠肺炎": 2, "疫情": 3})
    table.add_term(("新冠", "肺炎"))
    path = tmp_path / "t.tsv.gz"
    write_table(table, path, "test")
    again = read_table(path)
    assert (again.documents, again.counts, again.terms) == (3, table.counts, table.terms)
    assert words_of("新冠肺炎", again).count("新冠肺炎") == 1
    from tools.tagdf import main

    outs = []
    for k in range(2):
        out = tmp_path / f"df{k}.tsv.gz"
        result = CliRunner().invoke(main, ["--corpus", str(EXCERPT), "--out", str(out)])
        assert result.exit_code == 0, result.output
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    built = read_table(tmp_path / "df0.tsv.gz")
    articles = sum(len(json.loads(line).get("articles", [])) for line in gzip.open(EXCERPT, "rt", encoding="utf-8"))
    assert built.documents == articles and built.counts


def test_without_bylines_reads_every_role_word_of_the_one_list():
    # the role words are bylines.ROLE_WORDS: 见习记者, 特约通讯员, 摄影 … are as much a byline as 记者
    for byline in ("（见习记者 王小明）", "（文/王小明）", "（摄影 李红）", "（本报记者 王小明 摄影 李红）"):
        assert tags.without_bylines(f"企业复工复产。{byline}") == "企业复工复产。"
    assert {"见习记者", "特约通讯员", "实习生"} <= tags.NEWS_STOP_WORDS


def test_a_long_run_of_han_characters_is_read_in_pieces_and_prose_whole():
    # jieba's HMM is quadratic in a run with no punctuation: OCR noise is cut, prose is read as it is
    noise = "国" * (3 * tags.MAX_HAN_RUN + 7)
    line = f"ab{noise}。新冠肺炎"
    pieces = list(tags._pieces(line))
    assert "".join(pieces) == line
    assert len(pieces) == 4
    assert all(len(p) <= tags.MAX_HAN_RUN + 2 for p in pieces)
    prose = "全市各级党组织和广大党员干部积极投身新冠肺炎疫情防控一线，筑牢群防群控的坚固防线。"
    assert list(tags._pieces(prose)) == [prose]
    assert "新冠肺炎" in words_of(line)
    assert "".join(words_of(noise + noise)) == noise + noise  # every character read, none dropped
