"""Scoring the extractor against the shared corpora and our own articles (`python -m checker evaluate`).

Our own articles (tests/articles: news articles in French and English that we wrote, with gold claims
in the seed's format) are scored per language and batch (`FIRST_BATCHES`), like the seed.
Shared corpora (read in place from ../shared/corpora, never copied into the project):
- seed: the French article and its gold claims. Names count once per distinct surface form, other
  types per mention; gold claims marked optional neither count for nor against.
- Recognizers-Text currency models (French, English): every expected amount is a claim; a value is
  right when amount and currency agree (subunits such as cents count in hundredths).
- Recognizers-Text date parser specs (French, English): a value is right when it equals the past or
  the future resolution, with the spec's reference date as publication date.
A predicted claim matches an expected one when their texts are the same (case and spacing aside).
Cases the peer marks NotSupported are left out (its known failures); French cases that do not read
as real French are skipped by the rules in `SKIP_RULES` (checker/evaluation/peer_specs.py), each with
its reason, and counted. English cases are all judged. docs/evaluation.md explains the scoring and gives the figures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterable

from claims import Money, dollar_of_address, extract
from claims.lexicon import name_key
from claims.text import fold_key

ROOT = Path(__file__).resolve().parents[2]  # the checkout
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
OWN_ARTICLES = ROOT / "tests" / "articles"
# The batches of our own articles that `articles_<language>` scores (its floors were set on them).
# Each later batch, written and scored blind once, is its own corpus, `articles_<batch>_<language>`,
# with floors of its own: adding harder articles never lowers the figures an earlier floor guards.
FIRST_BATCHES = "abc"
TYPES = ("date", "money", "person", "organization", "quote")


def corpora_dir(path: str | Path | None = None) -> Path:
    return Path(path) if path else DEFAULT_CORPORA


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    values_right: int = 0
    skipped: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.values_right / self.tp if self.tp else 1.0

    def to_json(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "value_accuracy": round(self.value_accuracy, 4),
            "skipped": self.skipped,
        }


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").lower().split())


def _match(
    predicted: list[tuple[str, Any]],
    expected: list[tuple[str, Any]],
    value_ok: Callable[[Any, Any], bool],
    score: Score,
    failures: list[dict],
    case: str,
    norm: Callable[[str], str] = _norm,
    optional: Iterable[str] = (),
) -> None:
    """Pair predicted and expected (text, value) items by text; count hits, misses and values.

    `optional` are the texts of the claims the gold allows without asking for them: the predicted items
    left of such a text once the expected ones are paired go uncounted (an optional "2010" in a
    headline excuses the headline's "2010", and no longer hides the required "2010" of the body)."""
    pool = list(predicted)
    for text, value in expected:
        hit = next((i for i, (t, _) in enumerate(pool) if norm(t) == norm(text)), None)
        if hit is None:
            score.fn += 1
            failures.append({"case": case, "kind": "missed", "text": text, "expected": value})
            continue
        _, got = pool.pop(hit)
        score.tp += 1
        if value_ok(got, value):
            score.values_right += 1
        else:
            failures.append({"case": case, "kind": "wrong value", "text": text, "expected": value, "got": got})
    allowed = {norm(t) for t in optional}
    for text, got in pool:
        if norm(text) in allowed:
            continue
        score.fp += 1
        failures.append({"case": case, "kind": "spurious", "text": text, "got": got})


# ---- the seed article --------------------------------------------------------------------------


def evaluate_seed(root: Path) -> dict[str, Any]:
    scores: dict[str, Score] = {t: Score() for t in TYPES}
    failures: dict[str, list[dict]] = {t: [] for t in TYPES}
    _score_article(root / "seed" / "gold.json", scores, failures)
    return {"scores": {k: v.to_json() for k, v in scores.items()}, "failures": failures}


def evaluate_seed_checked(root: Path) -> dict[str, Any]:
    """The seed as `check` extracts it, with its library: what the library teaches the extractor may
    add or canonicalise names, never cut a longer one or double a span (issue 11)."""
    from ..match import check_article
    from ..service import library_from_file

    gold = json.loads((root / "seed" / "gold.json").read_text(encoding="utf-8"))
    text = (root / "seed" / gold["article"]).read_text(encoding="utf-8")
    library = library_from_file(root / "seed" / "sources.csv")
    result = check_article(
        text, library, language=gold.get("language", "auto"), published=dt.date.fromisoformat(gold["published"])
    ).extraction
    scores: dict[str, Score] = {t: Score() for t in TYPES}
    failures: dict[str, list[dict]] = {t: [] for t in TYPES}
    _score_text(text, gold, scores, failures, result=result)
    return {"scores": {k: v.to_json() for k, v in scores.items()}, "failures": failures}


def evaluate_articles(folder: Path, language: str, batches: str | None = None) -> dict[str, Any] | None:
    """Our own articles of one language (`*.gold.json` in the seed's format), scored together; only
    those of `batches` (the letters their names begin with) when given."""
    golds = [
        p
        for p in sorted(folder.glob("*.gold.json"))
        if (batches is None or p.name[0] in batches)
        and json.loads(p.read_text(encoding="utf-8")).get("language") == language
    ]
    if not golds:
        return None
    scores: dict[str, Score] = {t: Score() for t in TYPES}
    failures: dict[str, list[dict]] = {t: [] for t in TYPES}
    for gold_path in golds:
        _score_article(gold_path, scores, failures)
    return {"scores": {k: v.to_json() for k, v in scores.items()}, "failures": failures, "articles": len(golds)}


def _score_article(gold_path: Path, scores: dict[str, Score], failures: dict[str, list[dict]]) -> None:
    """Add one article's claims against its gold file to `scores` and `failures`."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = (gold_path.parent / gold["article"]).read_text(encoding="utf-8")
    _score_text(text, gold, scores, failures)


def _score_text(
    text: str,
    gold: dict,
    scores: dict[str, Score],
    failures: dict[str, list[dict]],
    *,
    norm: Callable[[str], str] = _norm,
    result: Any = None,
) -> None:
    def value_ok(got: Any, want: Any) -> bool:
        return _seed_value_ok(got, want, norm)

    if result is None:
        result = extract(
            text,
            language=gold.get("language", "auto"),
            published=dt.date.fromisoformat(gold["published"]),
            dollar=dollar_of_address(gold.get("url")) or "USD",  # an article fetched by URL (checker.match)
        )
    for kind in TYPES:
        wanted = [g for g in gold["claims"] if g["type"] == kind]
        optional = [g["text"] for g in wanted if g.get("optional")]
        expected = [(g["text"], g["value"]) for g in wanted if not g.get("optional")]
        predicted = [(c.text, c.value.to_json()) for c in result.claims if c.type == kind]
        if kind in ("person", "organization"):  # one per distinct surface form, on both sides
            predicted = list({norm(t): (t, v) for t, v in predicted}.values())
            # ("Trudeau" and "M. Trudeau", both listed by an annotator, are one form once "M." is set aside)
            expected = list({norm(t): (t, v) for t, v in reversed(expected)}.values())[::-1]
        _match(predicted, expected, value_ok, scores[kind], failures[kind], gold["article"], norm, optional)


def evaluate_realnews(folder: Path | None = None) -> dict[str, Any]:
    """Published articles (tests/realnews), per language and split, when their text has been rebuilt."""
    from . import realnews

    articles = realnews.load(folder or realnews.REALNEWS)
    missing = realnews.without_text(folder or realnews.REALNEWS) if articles else {}
    report: dict[str, Any] = {}
    for lang in ("fr", "en"):
        for split in realnews.SPLITS:
            chosen = [a for a in articles if a.gold["language"] == lang and a.gold["split"] == split]
            if not chosen:
                continue
            scores: dict[str, Score] = {t: Score() for t in TYPES}
            failures: dict[str, list[dict]] = {t: [] for t in TYPES}
            for art in chosen:
                _score_text(art.body, art.as_gold(), scores, failures, norm=realnews.loose_norm)
            report[f"realnews_{lang}_{split}"] = {
                "scores": {k: v.to_json() for k, v in scores.items()},
                "failures": failures,
                "articles": len(chosen),
                "without_text": missing.get((lang, split), 0),
            }
    if articles and (matching := realnews.evaluate_matching(folder or realnews.REALNEWS)):
        for split, tally in matching.items():  # one key a split: --only can leave the held-out part out
            report[f"realnews_matching_{split}"] = tally
    return report


def _seed_value_ok(got: Any, want: Any, norm: Callable[[str], str] = _norm) -> bool:
    if isinstance(want, dict) and "amount" in want:
        return (
            isinstance(got, dict)
            and _same_amount(got.get("amount"), want["amount"])
            and got.get("currency") == want["currency"]
        )
    if isinstance(want, dict):
        return (
            isinstance(got, dict)
            and _same_speakers(_speakers(got), _speakers(want))
            and norm(got.get("text", "")) == norm(want.get("text", ""))
        )
    # a name with or without its accents is one name ("Edouard Philippe", "Édouard Philippe": French
    # capitals often go unaccented), and its qualifier in brackets or after "of" one qualifier
    return _name_form(str(got)) == _name_form(str(want)) or _translated(str(got), str(want))


# Words that join a name's parts without telling entities apart: "Ministry of Interior (Kuwait)",
# "Ministry of the Interior of Kuwait"; "Cour des comptes (Sénégal)", "Cour des comptes du Sénégal";
# and an English name's leading "The" ("The Canberra Times"). A French name's leading article stays
# ("La Sonja Harrison", "L'Orient-Le Jour" are written so).
_JOINING_WORDS = frozenset("of the de du des la le l".split())


# A football club's marker, written with or without its dots or in full ("Southampton FC", "Southampton
# F.C.", "Everton Football Club"), and left out of a name of two words or more ("Manchester United"):
# the same club.
_CLUB_MARKERS = frozenset({"fc", "afc"})


def _name_form(name: str) -> str:
    folded = re.sub(r"(?<![\w.])(\w)\.(?=\w\.)|(?<=\b\w)\.(?=\s|$)", r"\1", fold_key(name))  # "F.C.", "U.S."
    words = re.sub(
        r"[()]|(?<=\s)l'|\bfootball club\b", lambda m: " fc " if m.group() == "football club" else " ", folded
    ).split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 2 and (words[-1] in _CLUB_MARKERS or words[0] in _CLUB_MARKERS):  # not "Paris FC"
        words = words[:-1] if words[-1] in _CLUB_MARKERS else words[1:]
    return " ".join(w for i, w in enumerate(words) if i == 0 or w not in _JOINING_WORDS)


def _translated(got: str, want: str) -> bool:
    """One organisation under its names in two languages, as the language files pair them
    ("Organisation des Nations unies" for "United Nations"): the same entity, rightly named."""
    a, b = name_key(got), name_key(want)
    return a == b and (a != fold_key(got) or b != fold_key(want))


def _same_speakers(got: frozenset[str], want: frozenset[str]) -> bool:
    if got == want or {fold_key(n) for n in got} == {fold_key(n) for n in want}:
        return True
    return (
        len(got) == len(want)
        and {name_key(n) for n in got} == {name_key(n) for n in want}
        and any(name_key(n) != fold_key(n) for n in got | want)
    )


def _speakers(value: dict) -> frozenset[str]:
    """Who said a quote, as a set: a joint statement has several speakers."""
    who = value.get("speaker")
    names = who if isinstance(who, list) else [who] if who else []
    return frozenset(_norm(n) for n in names) | frozenset(_norm(n) for n in value.get("also", ()))


def _same_amount(a: Any, b: Any) -> bool:
    try:
        x, y = Decimal(str(a)), Decimal(str(b))
    except (InvalidOperation, TypeError):
        return False
    return abs(x - y) <= abs(y) * Decimal("1e-9")


# ---- Recognizers-Text --------------------------------------------------------------------------


# Currency names of the specs -> (ISO code or None for "any", factor from the unit to the value).
def _jsonable(items: Iterable[dict]) -> list[dict]:
    out = []
    for item in items:
        clean = {}
        for k, v in item.items():
            if isinstance(v, Money):
                v = v.to_json()
            elif isinstance(v, set):
                v = sorted(x for x in v if x)
            clean[k] = v
        out.append(clean)
    return out


def evaluate_all(path: str | Path | None = None, *, articles: Path = OWN_ARTICLES) -> dict[str, Any]:
    """Every corpus there is: our own articles always, the shared ones when they are beside the project."""
    root = corpora_dir(path)
    if path is not None and not (root / "seed").is_dir():
        raise FileNotFoundError(f"no corpora at {root} (expected seed/ and recognizers-text/)")
    from .peer_specs import SKIP_RULES, evaluate_currency, evaluate_dates

    report: dict[str, Any] = {}
    later = sorted({p.name[0] for p in articles.glob("*.gold.json")} - set(FIRST_BATCHES))
    for lang in ("fr", "en"):
        if (own := evaluate_articles(articles, lang, FIRST_BATCHES)) is not None:
            report[f"articles_{lang}"] = own
        for batch in later:
            if (own := evaluate_articles(articles, lang, batch)) is not None:
                report[f"articles_{batch}_{lang}"] = own
    report.update(evaluate_realnews())
    if (root / "seed").is_dir():
        report["seed"] = evaluate_seed(root)
        report["seed_checked"] = evaluate_seed_checked(root)
    if (root / "recognizers-text").is_dir():
        for lang in ("fr", "en"):
            report[f"currency_{lang}"] = evaluate_currency(root, lang)
            report[f"dates_{lang}"] = evaluate_dates(root, lang)
    report["skip_rules"] = {r.name: r.reason for r in SKIP_RULES}
    return report


def format_report(report: dict[str, Any], *, failures: int = 10) -> str:
    lines = ["corpus                 type          P      R      F1     value  (tp/fp/fn, skipped)"]

    def row(corpus: str, kind: str, s: dict) -> None:
        lines.append(
            f"{corpus:<22} {kind:<12} {s['precision']:.3f}  {s['recall']:.3f}  {s['f1']:.3f}  "
            f"{s['value_accuracy']:.3f}  ({s['tp']}/{s['fp']}/{s['fn']}, {s['skipped']})"
        )

    per_article = [key for key in ("seed", "seed_checked", "articles_fr", "articles_en") if key in report]
    per_article += sorted(key for key in report if key.startswith("articles_") and key not in per_article)
    per_article += sorted(
        key for key in report if key.startswith("realnews_") and not key.startswith("realnews_matching")
    )
    for key in per_article:
        for kind, s in report[key]["scores"].items():
            row(key, kind, s)
    for key in ("currency_fr", "currency_en", "dates_fr", "dates_en"):
        if key in report:
            row(key, "money" if key.startswith("currency") else "date", report[key]["score"])
    for key in per_article:
        if report[key].get("without_text"):
            lines.append(
                f"{key}: {report[key]['articles']} articles scored, {report[key]['without_text']} left out "
                "(their text is not rebuilt: python tests/realnews/rebuild.py plan)"
            )
    shown: list[str] = []
    for key in per_article:
        for kind, items in report[key]["failures"].items():
            for f in items[:failures]:
                where = "seed" if key == "seed" else f"{key} {f['case']}"
                shown.append(
                    f"  {where} {kind}: {f['kind']}: {f['text']!r} expected={f.get('expected')!r} got={f.get('got')!r}"
                )
    for key in ("currency_fr", "currency_en", "dates_fr", "dates_en"):
        if key in report:
            for f in report[key]["failures"][:failures]:
                shown.append(
                    f"  {f['case']}: {f['kind']}: {f['text']!r} expected={f.get('expected')!r} got={f.get('got')!r}"
                )
            if report[key]["skipped"]:
                lines.append(
                    f"{key} skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(report[key]["skipped"].items()))
                )
    for key in sorted(k for k in report if k.startswith("realnews_matching_")):
        split, t = key.removeprefix("realnews_matching_"), report[key]
        lines.append(
            f"realnews matching ({split}): best record first {t['best_first']}/{t['with_record']}, "
            f"suggestion right {t['suggestion_right']}/{t['expectations']}"
        )
        shown += [
            f"  matching {f['case']}: {f['text']!r} expected={f['expected']} {f['supported_by']} "
            f"got={f['got']} {f['ranked']}"
            for f in t["failures"][:failures]
        ]
    if shown:
        lines += ["", "failures:"] + shown
    return "\n".join(lines)
