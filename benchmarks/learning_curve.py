"""Benchmark: how fast a project model learns a paper the shipped model has never seen.

A "new paper" is a typeset layout family left out of the shipped model's training (by default each of
interleaved, scrambled and crlf-halfwidth, see tools/build_model.py). The project model (app/core/projectmodel.py,
stacked on the shipped model) is trained on 0, 5, 10, 20 and 40 pages of that family typeset from one month
of the corpus (2019-02) and scored on 40 other pages of the family typeset from the other month (2020-02),
with the app's own measures (`app.core.evaluation.score`); 0 pages is the shipped model itself. Newsdesk's
default split (the rules, unless NEWSDESK_SPLIT says otherwise) is scored too, for reference, and so is the
ceiling: the test pages' true labels put through the decoder, the most any model of these labels can reach;
and the rules' assembly given every line's true role, the most the rules from a model's roles can reach.

Also measured: the time to learn from 20 pages (reading their features and fitting the model), against the
floor of reading the same pages' features alone, and what `newsdesk train` does on 20 pages (fits with
5-fold cross-validation and the learning curve); and the peak memory of the whole run.

The project does not always split with its model: `newsdesk train` keeps whichever of the rules, the shipped
model and the project model scores best on the pages learnt from (cross-validated), so each size from
MIN_PAGES on also gets an "as chosen" row: the split the project would use, scored on the same test pages.

With --seeds, the real-page check: each of the four seed pages (each another paper) split by a project model
learnt from the other three seeds' hand gold, against the rules, and the split the project would choose.

Targets: article F1 >= 0.95 after 10 pages, never worse than the shipped model; 20 pages learnt in under 30 s;
memory under 1 GB. Prints a table per family, and last one JSON line.

A layout family draws a new column width, headline direction, byline form and furniture for each page, so it
has little per-paper constant to learn; a real paper has them. With --papers N, N papers drawn from layout
families (`tools.typeset.papers`: a family's style with every per-page draw fixed to one value, the paper's
masthead, editors, column labels and banners drawn once) are learnt the same way, months as above, and a
summary gives each paper's article F1 of the rules, the project model, the profiled rules and as chosen.

usage: python benchmarks/learning_curve.py [--families interleaved,scrambled,crlf-halfwidth] [--test-pages 40]
           [--sizes 0,5,10,20,40] [--seed 0] [--corpus PATH] [--seeds] [--papers 5 [--only-papers]]
           [--paper-families city-paper,crlf-halfwidth,...] [--no-timing]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.metadata import page_records  # noqa: E402
from app.core.profile import rule_split  # noqa: E402
from app.core.projectmodel import fit  # noqa: E402
from app.core.splitmodel import shipped_model, view  # noqa: E402
from app.core.splitter import split_page  # noqa: E402
from app.core.training import (  # noqa: E402
    MIN_PAGES,
    Example,
    learn,
    page_from_pieces,
    predict,
    prepare,
    records_of,
    roles_records,
    score_pages,
    sequences,
)
from tools.build_model import PAGES_PER_FAMILY  # noqa: E402
from tools.typeset.generate import generate  # noqa: E402
from tools.typeset.papers import Paper, paper_of, paper_pages  # noqa: E402

MEASURES = ("article_f1", "headline_accuracy", "author_f1", "paragraph_f1", "caption_f1")
NEW_PAPERS = ("interleaved", "scrambled", "crlf-halfwidth")  # left out of the shipped model's training
# --papers N: paper k drawn from the k-th of these families (cycling), with seed k
PAPER_FAMILIES = ("city-paper", "crlf-halfwidth", "scrambled", "interleaved", "indented")
TRAIN_MONTH, TEST_MONTH = "2019-02", "2020-02"
TIMED_PAGES = 20
TARGET_F1, TARGET_AT = 0.95, 10
TARGET_SECONDS, TARGET_MB = 30.0, 1024


def examples(month: str, family: str, n: int, seed: int, corpus: str | None) -> list[Example]:
    return [Example(ts.name, ts.text, page_from_pieces(ts.name, ts.text, ts.gold))
            for ts in generate(month, [family], n, seed, corpus)]


def row(label: str, result: dict[str, Any], note: str = "") -> str:
    return f"{label:<24} " + " ".join(f"{result[m]:>9.3f}" for m in MEASURES) + f"  {note}"


def paper_examples(paper: Paper, month: str, n: int, seed: int, corpus: str | None) -> list[Example]:
    return [Example(ts.name, ts.text, page_from_pieces(ts.name, ts.text, ts.gold))
            for ts in paper_pages(paper, month, n, seed, corpus)]


def family_curve(family: str, sizes: list[int], test_pages: int, seed: int, corpus: str | None) -> dict[str, Any]:
    """The curve of a layout family taken as a new paper (each of its pages drawn in a style of its own)."""
    return curve(family, examples(TRAIN_MONTH, family, max(sizes), seed, corpus),
                 examples(TEST_MONTH, family, test_pages, 7919 + seed, corpus), sizes)


def paper_curve(family: str, paper_seed: int, sizes: list[int], test_pages: int, seed: int,
                corpus: str | None) -> dict[str, Any]:
    """The curve of one paper drawn from a family (`tools.typeset.papers`: its constants on every page)."""
    paper = paper_of(family, paper_seed, corpus)
    result = curve(paper.key, paper_examples(paper, TRAIN_MONTH, max(sizes), seed, corpus),
                   paper_examples(paper, TEST_MONTH, test_pages, 7919 + seed, corpus), sizes)
    return {"family": family, "paper_seed": paper_seed, **result}


def curve(name: str, train_examples: list[Example], test_examples: list[Example], sizes: list[int]) -> dict[str, Any]:
    """Learn from the first 0, 5, 10... of `train_examples` and score on `test_examples`."""
    base = shipped_model()
    train = [prepare(ex, base) for ex in train_examples]
    test = [prepare(ex, base) for ex in test_examples]
    rules = {p.example.key: page_records(split_page((p.example.key, p.example.text)), with_tags=False) for p in test}
    shipped = {p.example.key: page_records(split_page((p.example.key, p.example.text), model=base), with_tags=False)
               for p in test}
    curve, chosen, profiles, by_roles = [], [], [], []
    print(f"\n{name}: learnt from pages of {TRAIN_MONTH}, scored on {len(test)} pages of {TEST_MONTH}")
    print(f"{'pages learnt from':<24} " + " ".join(f"{m[:9]:>9}" for m in MEASURES) + "  fit")
    print(row("Newsdesk's default split", score_pages(test, rules), "(reference)"))
    ceiling = score_pages(test, {p.example.key: records_of(p, p.labels) for p in test})
    print(row("true labels, decoded", ceiling, "(the most any model can reach with these labels)"))
    # the rules' assembly given every line's true role (the typesetter's): the most the rules from a model's
    # roles can reach (an oracle: it reads the truth, so it only measures the assembly)
    roles_ceiling = score_pages(test, {p.example.key: roles_records(p, p.labels) for p in test})
    print(row("rules from true roles", roles_ceiling, "(the most the rules from roles can reach)"))
    for size in sizes:
        t0 = time.perf_counter()
        roles_pred = {}
        if size:
            model = fit(sequences(train[:size]), base)
            labels = {p.example.key: model.tag_read(p.features, p.readings) for p in test}
            pred = {p.example.key: records_of(p, labels[p.example.key]) for p in test}
            roles_pred = {p.example.key: roles_records(p, labels[p.example.key]) for p in test}
        else:
            pred = shipped
        result = score_pages(test, pred)
        seconds = time.perf_counter() - t0
        curve.append({"pages": size, **result})
        print(row(str(size) + (" (shipped model)" if not size else ""), result, f"{seconds:.1f} s"))
        if size:
            # the rules assembling the items from the project model's line roles (`projectmodel.roles_split`)
            from_roles = score_pages(test, roles_pred)
            by_roles.append({"pages": size, **from_roles})
            print(row(f"  {size}, rules from roles", from_roles, "(the model's line roles, the rules' items)"))
        if size >= MIN_PAGES:
            # what the project splits with after `newsdesk train` on these pages: the best of the four splits
            # by their cross-validated scores on them (`Learnt.chosen`; the project model is the one above),
            # and the rules with the profile learnt from these pages
            learnt = learn(train_examples[:size], curve=False)
            which, profile = learnt.chosen, learnt.model.profile
            profiled_pred = {p.example.key: page_records(rule_split(p.example.key, p.example.text, profile),
                                                         with_tags=False) for p in test}
            profiled = score_pages(test, profiled_pred)
            moved = ", ".join(f"{k.partition('.')[2]}={v}" for k, v in profile.values) or "no parameter moved"
            profiles.append({"pages": size, "profile": profile.to_json(), **profiled})
            print(row(f"  {size}, profiled rules", profiled, f"({moved})"))
            picked = score_pages(test, {"own": rules, "shipped": shipped, "project": pred,
                                        "profile": profiled_pred, "roles": roles_pred}[which])
            # each split's test scores and its counts page by page on the pages learnt from (cross-validated):
            # what a choice rule can be measured on without learning again
            tests = {"own": score_pages(test, rules), "shipped": score_pages(test, shipped), "project": result,
                     "profile": profiled, "roles": from_roles}
            cv = {k: [dict(r) for r in rows]
                  for k, rows in learnt.rows.items()}
            chosen.append({"pages": size, "chosen": which, "paired": learnt.paired, **picked, "tests": tests,
                           "cv": cv})
            leads = ", ".join(f"{k} {w}/{lost}" for k, (w, lost) in learnt.paired.items())
            print(row(f"  {size}, as chosen", picked, f"({which}: the split the project uses; pages better/worse "
                                                       f"than the rules: {leads})"))
    return {"curve": curve, "chosen": chosen, "profiled": profiles, "roles": by_roles,
            "rules": score_pages(test, rules), "ceiling": ceiling, "roles_ceiling": roles_ceiling}


def print_papers(papers: dict[str, dict[str, Any]]) -> None:
    """The papers' article F1 side by side: the rules, and each split after each number of pages."""
    sizes = [p["pages"] for p in next(iter(papers.values()))["curve"]] if papers else []
    print("\npapers, article F1: the rules / the project model / the rules from its roles / the profiled rules / "
          "as chosen, by pages learnt from")
    for name, res in papers.items():
        model = {p["pages"]: p["article_f1"] for p in res["curve"]}
        from_roles = {p["pages"]: p["article_f1"] for p in res["roles"]}
        prof = {p["pages"]: p["article_f1"] for p in res["profiled"]}
        used = {p["pages"]: f"{p['article_f1']:.3f} ({p['chosen']})" for p in res["chosen"]}
        cells = [f"{n}: {model[n]:.3f}" + (f" / {from_roles[n]:.3f}" if n in from_roles else "")
                 + (f" / {prof[n]:.3f} / {used[n]}" if n in used else "") for n in sizes]
        print(f"  {name:<28} rules {res['rules']['article_f1']:.3f}; " + "; ".join(cells)
              + f"; rules from true roles {res['roles_ceiling']['article_f1']:.3f}")
    for n in sizes:
        rows = [res for res in papers.values()]
        mean = {key: sum(next((p["article_f1"] for p in r[key] if p["pages"] == n), r["rules"]["article_f1"])
                         for r in rows) / len(rows) for key in ("curve", "roles", "profiled", "chosen")}
        rules = sum(r["rules"]["article_f1"] for r in rows) / len(rows)
        print(f"  mean after {n:>2} pages: rules {rules:.3f}, project model {mean['curve']:.3f}, rules from its "
              f"roles {mean['roles']:.3f}, profiled rules {mean['profiled']:.3f}, as chosen {mean['chosen']:.3f}")


def seeds_left_out(pages_per_family: int, seed: int, corpus: str | None) -> dict[str, Any]:
    """The real-page check: each seed page split by a project model learnt from the other seeds' hand gold,
    against the rules. Every reading is honest: each seed is read by the recipe's model fit without it
    (`tools.build_model.leave_one_seed_out`, four fits of minutes each), so no page is read by a model that
    learnt it. Also the split the project would choose from the three seeds learnt from (cross-validated on
    them, one seed held out at a time, as `Learnt.chosen` does)."""
    from app.core.alignment import align_gold
    from app.core.splitmodel import SplitModel
    from app.core.training import _rank
    from tools.build_model import leave_one_seed_out, seed_pages

    loso = {name: SplitModel.from_bytes(data, name)
            for name, data in leave_one_seed_out(pages_per_family, seed, corpus=corpus).items()}
    pages = {}
    for name, text, gold in seed_pages():
        pages[name] = prepare(Example(name, text, align_gold(name, text, gold, name)), loso[name])
    own = {n: page_records(split_page((n, p.example.text)), with_tags=False) for n, p in pages.items()}
    shipped = {n: page_records(split_page((n, p.example.text), model=loso[n]), with_tags=False)
               for n, p in pages.items()}

    def stacked_on(names: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Each of `names` split by a project model learnt from the other ones."""
        return {n: predict(p, fit(sequences([pages[m] for m in names if m != n]), loso[n]))
                for n, p in pages.items() if n in names}

    names = list(pages)
    project = stacked_on(names)
    chosen: dict[str, list[dict[str, Any]]] = {}
    picks = {}
    for n in names:
        rest = [m for m in names if m != n]
        held = [pages[m] for m in rest]
        cv = {"own": score_pages(held, own), "shipped": score_pages(held, shipped),
              "project": score_pages(held, stacked_on(rest))}
        best = max(_rank(v) for v in cv.values())
        picks[n] = next(k for k in ("own", "shipped", "project") if _rank(cv[k]) == best)
        chosen[n] = {"own": own, "shipped": shipped, "project": project}[picks[n]][n]
    all_pages = list(pages.values())
    result = {"rules": score_pages(all_pages, own), "shipped": score_pages(all_pages, shipped),
              "project": score_pages(all_pages, project), "chosen": score_pages(all_pages, chosen)}
    print(f"\nseeds: each split by a project model learnt from the other {len(names) - 1} seeds' gold "
          "(readings by the shipped model's recipe fit without the page)")
    print(f"{'split':<24} " + " ".join(f"{m[:9]:>9}" for m in MEASURES))
    for label, key in (("Newsdesk's rules", "rules"), ("shipped model (loso)", "shipped"),
                       ("project model", "project"), ("as chosen", "chosen")):
        print(row(label, result[key]))
    each = {n: {k: score_pages([pages[n]], pred)["article_f1"] for k, pred in
                (("rules", own), ("project", project), ("chosen", chosen))} | {"chose": picks[n]}
            for n in names}
    for n, e in each.items():
        print(f"  {n}: rules {e['rules']:.3f}, project model {e['project']:.3f}, as chosen ({e['chose']}) "
              f"{e['chosen']:.3f}")
    return {**result, "each": each}


def timing(family: str, seed: int, corpus: str | None) -> dict[str, float]:
    """Seconds to learn from 20 pages (features and fit), the floor of reading their features alone, and
    `newsdesk train`'s whole run on them (cross-validation and learning curve)."""
    pages = examples(TRAIN_MONTH, family, TIMED_PAGES, seed + 1, corpus)
    t0 = time.perf_counter()
    for ex in pages:
        view(ex.text)
    floor = time.perf_counter() - t0
    base = shipped_model()
    t0 = time.perf_counter()
    fit(sequences([prepare(ex, base) for ex in pages]), base)
    learn_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    learn(pages)
    train_s = time.perf_counter() - t0
    return {"learn_20_s": round(learn_s, 1), "features_20_s": round(floor, 1),
            "ratio_to_features": round(learn_s / floor, 1), "train_command_20_s": round(train_s, 1)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--families", default=",".join(NEW_PAPERS))
    ap.add_argument("--sizes", default="0,5,10,20,40")
    ap.add_argument("--test-pages", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--corpus", default=None, help="corpus file (default ../shared/train/peoples_daily.jsonl.gz)")
    ap.add_argument("--papers", type=int, default=0, help="also N papers drawn from the paper families (each "
                    "with its constants on every page: tools/typeset/papers.py)")
    ap.add_argument("--paper-families", default=",".join(PAPER_FAMILIES))
    ap.add_argument("--only-papers", action="store_true", help="the papers alone, no layout family")
    ap.add_argument("--no-timing", action="store_true", help="skip the timing of learning from 20 pages")
    ap.add_argument("--seeds", action="store_true", help="also the seeds, each split by a project model learnt "
                    "from the other seeds (four fits of the shipped model's recipe: minutes)")
    ap.add_argument("--loso-pages-per-family", type=int, default=PAGES_PER_FAMILY, help="the recipe's pages for --seeds")
    args = ap.parse_args(argv)
    families = [f for f in args.families.split(",") if f]
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    print("learning curve of a project model on papers the shipped model never saw; measures: " + ", ".join(MEASURES))
    results: dict[str, Any] = {"families": {}}
    for family in [] if args.only_papers else families:
        results["families"][family] = family_curve(family, sizes, args.test_pages, args.seed, args.corpus)
    paper_families = [f for f in args.paper_families.split(",") if f]
    if args.papers:
        results["papers"] = {}
        for k in range(args.papers):
            res = paper_curve(paper_families[k % len(paper_families)], k, sizes, args.test_pages, args.seed,
                              args.corpus)
            results["papers"][f"paper-{res['family']}-{k}"] = res
        print_papers(results["papers"])
    if args.seeds:
        results["seeds"] = seeds_left_out(args.loso_pages_per_family, args.seed, args.corpus)
    times = (timing(families[0], args.seed, args.corpus) if not args.no_timing else
             {"learn_20_s": 0.0, "features_20_s": 0.0, "ratio_to_features": 0.0, "train_command_20_s": 0.0})
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nlearning from {TIMED_PAGES} pages ({families[0]}): {times['learn_20_s']} s (reading their features "
          f"alone: {times['features_20_s']} s, ratio {times['ratio_to_features']}); `newsdesk train` on them "
          f"(5-fold cross-validation and curve): {times['train_command_20_s']} s; peak memory {peak_mb:.0f} MB")
    checks = {}
    for family, res in [*results["families"].items(), *results.get("papers", {}).items()]:
        at = {p["pages"]: p["article_f1"] for p in res["curve"]}
        used = {p["pages"]: p["article_f1"] for p in res["chosen"]}
        shipped, rules = at.get(0, 0.0), res["rules"]["article_f1"]
        checks[family] = {"f1_after_10": at.get(TARGET_AT), "never_worse": all(v >= shipped for v in at.values()),
                          "chosen_after_10": used.get(TARGET_AT),
                          "chosen_never_worse": all(v >= min(shipped, rules) for v in used.values()),
                          "chosen_best_of_both": all(v >= max(shipped, rules) for v in used.values())}
        ok = (at.get(TARGET_AT) or 0) >= TARGET_F1 and checks[family]["never_worse"]
        print(f"{family}: article F1 after {TARGET_AT} pages {at.get(TARGET_AT)} (target {TARGET_F1}), never worse "
              f"than the shipped model: {checks[family]['never_worse']} -> {'met' if ok else 'not met'}; the split "
              f"chosen after {TARGET_AT} pages: {used.get(TARGET_AT)}, at least as good as the better of the rules "
              f"and the shipped model at every size: {checks[family]['chosen_best_of_both']}")
    results.update(times, peak_mb=round(peak_mb), checks=checks,
                   time_target_met=times["learn_20_s"] < TARGET_SECONDS, memory_target_met=peak_mb < TARGET_MB)
    print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
