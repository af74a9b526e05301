"""Tags: jieba TF-IDF keywords per item, with a stop list of words every news item shares.

jieba's dictionary loads once per process, on first use (`warm_up` loads it ahead, e.g. in the background).
"""

from __future__ import annotations

import re
import threading

_lock = threading.Lock()
_extractor = None

MIN_TAGS, MAX_TAGS = 5, 8

# words that nearly every Chinese news item shares, so they tell one item from another not at all
NEWS_STOP_WORDS = frozenset(
    """
    本报讯 记者 通讯员 特约记者 摄影 作者 编辑 责任编辑 美编 日前 近日 近年来 今年 去年 目前 当天 同时 此次
    表示 介绍 工作 开展 推进 进一步 不断 持续 积极 全面 有效 提升 加强 实现 相关 活动 服务 发展 建设 提供
    通过 进行 取得 一个 我们 他们 以来 已经 没有 可以 以及 其中 方面 问题 情况 能力 水平 全市 全省 全国
    该行 该院 该所 该县 该市 一步 一系列 举措 重要 积极 作为 成为 之一 进行 方式 亿元 万元 人次 我市 我县 我区 我省
    """.split()
)
_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def load_jieba():
    """jieba with its dictionary loaded, quietly (it logs its cache steps to stderr otherwise)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _get_extractor():
    global _extractor
    with _lock:
        if _extractor is None:
            load_jieba()
            import jieba.analyse

            extractor = jieba.analyse.TFIDF()
            extractor.stop_words = set(extractor.stop_words) | NEWS_STOP_WORDS
            _extractor = extractor
        return _extractor


def warm_up() -> None:
    """Load jieba's dictionary and IDF table now (they load lazily otherwise)."""
    _get_extractor()


def extract_tags(title: str, body: str, top_k: int = MAX_TAGS) -> list[str]:
    """5 to 8 keywords for an item; the title counts twice, as a headline weighs more than a sentence."""
    text = f"{title}\n{title}\n{body}"
    if not _KEEP.search(text):
        return []
    words = _get_extractor().extract_tags(text, topK=top_k * 2)
    tags = [w for w in words if len(w) > 1 and _KEEP.search(w) and not w.isdigit()]
    return tags[:top_k]
