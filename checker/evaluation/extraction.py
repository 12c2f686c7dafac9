"""Scoring the extractor against the shared corpora and our own articles (`python -m checker evaluate`).

Our own articles (tests/articles: twenty-four news articles in French and English that we wrote, with
gold claims in the seed's format) are scored per language, like the seed.
Shared corpora (read in place from ../shared/corpora, never copied into the project):
- seed: the French article and its gold claims. Names count once per distinct surface form, other
  types per mention; gold claims marked optional neither count for nor against.
- Recognizers-Text currency models (French, English): every expected amount is a claim; a value is
  right when amount and currency agree (subunits such as cents count in hundredths).
- Recognizers-Text date parser specs (French, English): a value is right when it equals the past or
  the future resolution, with the spec's reference date as publication date.
A predicted claim matches an expected one when their texts are the same (case and spacing aside).
Cases the peer marks NotSupported are left out (its known failures); French cases that do not read
as real French are skipped by the rules in `SKIP_RULES`, each with its reason, and counted. English
cases are all judged. docs/evaluation.md explains the scoring and gives the figures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Iterable

from claims import Money, extract

ROOT = Path(__file__).resolve().parents[2]  # the checkout
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
OWN_ARTICLES = ROOT / "tests" / "articles"
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
) -> None:
    """Pair predicted and expected (text, value) items by text; count hits, misses and values."""
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
    for text, got in pool:
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


def evaluate_articles(folder: Path, language: str) -> dict[str, Any] | None:
    """Our own articles of one language (`*.gold.json` in the seed's format), scored together."""
    golds = [
        p
        for p in sorted(folder.glob("*.gold.json"))
        if json.loads(p.read_text(encoding="utf-8")).get("language") == language
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
            text, language=gold.get("language", "auto"), published=dt.date.fromisoformat(gold["published"])
        )
    for kind in TYPES:
        wanted = [g for g in gold["claims"] if g["type"] == kind]
        optional = {norm(g["text"]) for g in wanted if g.get("optional")}
        expected = [(g["text"], g["value"]) for g in wanted if not g.get("optional")]
        predicted = [
            (c.text, c.value.to_json()) for c in result.claims if c.type == kind and norm(c.text) not in optional
        ]
        if kind in ("person", "organization"):  # one per distinct surface form
            predicted = list({norm(t): (t, v) for t, v in predicted}.values())
        _match(predicted, expected, value_ok, scores[kind], failures[kind], gold["article"], norm)


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
            and _speakers(got) == _speakers(want)
            and norm(got.get("text", "")) == norm(want.get("text", ""))
        )
    return _norm(str(got)) == _norm(str(want))


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
RT_UNITS: dict[str, tuple[str | None, Decimal]] = {
    "dollar": ("$", Decimal(1)),
    "dollar états-unis": ("USD", Decimal(1)),
    "united states dollar": ("USD", Decimal(1)),
    "euro": ("EUR", Decimal(1)),
    "livre": ("GBP", Decimal(1)),
    "pound": ("GBP", Decimal(1)),
    "british pound": ("GBP", Decimal(1)),
    "yen japonais": ("JPY", Decimal(1)),
    "japanese yen": ("JPY", Decimal(1)),
    "franc": ("FRF", Decimal(1)),
    "franc suisse": ("CHF", Decimal(1)),
    "swiss franc": ("CHF", Decimal(1)),
    "dollar canadien": ("CAD", Decimal(1)),
    "canadian dollar": ("CAD", Decimal(1)),
    "dollar australien": ("AUD", Decimal(1)),
    "australian dollar": ("AUD", Decimal(1)),
    "dollar de hong kong": ("HKD", Decimal(1)),
    "mark finlandais": ("FIM", Decimal(1)),
    "florins néerlandais": ("NLG", Decimal(1)),
    "netherlands guilder": ("NLG", Decimal(1)),
    "yuan chinois": ("CNY", Decimal(1)),
    "chinese yuan": ("CNY", Decimal(1)),
    "roupie indienne": ("INR", Decimal(1)),
    "roupie": ("INR", Decimal(1)),
    "rupee": ("INR", Decimal(1)),
    "peseta": ("ESP", Decimal(1)),
    "pesewa": ("GHS", Decimal("0.01")),
    "cent": (None, Decimal("0.01")),
    "centimes": (None, Decimal("0.01")),
    "pence": ("GBP", Decimal("0.01")),
    "penny": ("GBP", Decimal("0.01")),
    "bitcoin": ("XBT", Decimal(1)),
    "mexican peso": ("MXN", Decimal(1)),
    "costa rican colón": ("CRC", Decimal(1)),
    "georgian lari": ("GEL", Decimal(1)),
    "lao kip": ("LAK", Decimal(1)),
    "sri lankan rupee": ("LKR", Decimal(1)),
    "turkish lira": ("TRY", Decimal(1)),
    "sen": (None, Decimal("0.01")),
    "new zealand dollar": ("NZD", Decimal(1)),
}


DOLLARS = frozenset({"USD", "CAD", "AUD", "NZD", "HKD", "SGD"})


@dataclass(frozen=True)
class SkipRule:
    """A kind of peer case left out of the scores, with the reason an editor would accept.

    Rules look at what a case says, never at which case it is: `applies(language, input, result)`
    gets the case's input sentence and one of its expected results (`Text`, `Resolution`/`Value`).
    """

    name: str
    spec: str  # "date" (date parser specs) or "money" (currency models)
    applies: Callable[[str, str, dict], bool]
    reason: str


def _words(*words: str) -> str:
    return "|".join(words)


# French month names and their abbreviations, with and without accents.
_MONTHS_FR = _words(
    "janvier",
    "janv",
    "jan",
    "fevrier",
    "février",
    "fevr",
    "févr",
    "fev",
    "fév",
    "mars",
    "mar",
    "avril",
    "avr",
    "mai",
    "juin",
    "juillet",
    "juil",
    "aout",
    "août",
    "septembre",
    "sept",
    "sep",
    "octobre",
    "oct",
    "novembre",
    "nov",
    "decembre",
    "décembre",
    "dec",
    "déc",
)
_WEEKDAYS_FR = _words("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _fr_text(pattern: str) -> Callable[[str, str, dict], bool]:
    """A French date rule on the expected text alone."""
    regex = re.compile(pattern, re.IGNORECASE)
    return lambda lang, _input, result: lang == "fr" and regex.fullmatch(result["Text"].strip()) is not None


def _month_first(lang: str, _input: str, result: dict) -> bool:
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})(?:[/.,-]\s?\d{2,4})?", result["Text"].strip())
    return lang == "fr" and m is not None and int(m.group(1)) <= 12 < int(m.group(2)) <= 31


_NO_ELISION = re.compile(r"(?<![\w'])(?:le|la|de|je|me|te|se|ne|que)\s+[aeiouâàéèêîôûy]", re.IGNORECASE)

SKIP_RULES: tuple[SkipRule, ...] = (
    SkipRule(
        "bare day number",
        "date",
        _fr_text(r"\d{1,2}"),
        "a day number with nothing else ('en 12') is not a date in French",
    ),
    SkipRule(
        "English month-day order",
        "date",
        _fr_text(rf"(?:{_MONTHS_FR})\.?[\s./-]*\d{{1,2}}"),
        "'Nov. 3', 'Mar-4', 'Novembre. 3': the month before the day is English order, machine-translated",
    ),
    SkipRule(
        "English ordinal order",
        "date",
        _fr_text(
            rf"(?:{_MONTHS_FR})\s+(?:vingt|seconde|deuxieme|deuxième|premier|trente)[\w\s-]*"
            rf"|(?:seconde|second)\s+de\s+(?:{_MONTHS_FR})"
        ),
        "'Juin vingt-deux', 'seconde de Mars': English word order, machine-translated",
    ),
    SkipRule(
        "lone weekday abbreviation",
        "date",
        _fr_text("lun|mar|mer|jeu|ven|sam|dim"),
        "'sam' alone is not a date in French prose (it is also a word and a name)",
    ),
    SkipRule(
        "month-first numeric date",
        "date",
        _month_first,
        "'03/25/2016', '7-19-15': French writes the day first; the month first is American order",
    ),
    SkipRule(
        "gender agreement error",
        "date",
        _fr_text(rf"cette\s+(?:{_WEEKDAYS_FR})|(?:{_WEEKDAYS_FR})\s+(?:de\s+)?la\s+semaine\s+(?:dernier|prochain)"),
        "'cette lundi', 'jeudi la semaine prochain': weekdays are masculine and 'semaine' feminine in French; "
        "no French writer makes these errors, a machine translation does",
    ),
    SkipRule(
        "missing elision",
        "date",
        lambda lang, text, _r: lang == "fr" and _NO_ELISION.search(text) is not None,
        "'de avril', 'le avant-dernier': French elides le/la/de before a vowel ('d'avril'); the sentence is "
        "machine-made",
    ),
    SkipRule(
        "currency without amount",
        "money",
        lambda _l, _i, result: (result.get("Resolution") or {}).get("value") is None,
        "a currency named without an amount ('the dollar fell') is not a money claim",
    ),
)


def _skip_reason(spec: str, lang: str, text: str, result: dict) -> str | None:
    for rule in SKIP_RULES:
        if rule.spec == spec and rule.applies(lang, text, result):
            return rule.name
    return None


def _load_spec(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def evaluate_currency(root: Path, language: str) -> dict[str, Any]:
    name = {"fr": "French", "en": "English"}[language]
    cases = _load_spec(root / "recognizers-text" / f"NumberWithUnit_{name}_CurrencyModel.json")
    score, failures, skipped = Score(), [], Counter()
    for i, case in enumerate(cases):
        if case.get("NotSupported") or case.get("NotSupportedByDesign"):
            skipped["NotSupported"] += 1
            continue
        expected = []
        for r in case.get("Results", []):
            res = r.get("Resolution") or {}
            reason = _skip_reason("money", language, case["Input"], r)
            if reason:
                skipped[reason] += 1
                continue
            expected.append((r["Text"], res))
        result = extract(case["Input"], language=language, published=dt.date(2016, 11, 7))
        predicted = [(c.text, c.value) for c in result.claims if c.type == "money"]
        _match(predicted, expected, _currency_ok, score, failures, f"{name} currency #{i}")
    score.skipped = sum(skipped.values())
    return {"score": score.to_json(), "skipped": dict(skipped), "failures": _jsonable(failures)}


def _currency_ok(got: Money, res: dict) -> bool:
    unit = (res.get("unit") or "").lower()
    iso = res.get("isoCurrency")
    code, factor = RT_UNITS.get(unit, (iso, Decimal(1)))
    try:
        want = Decimal(res["value"].replace(",", ".")) * factor
    except (InvalidOperation, AttributeError):
        return False
    if code == "$":  # the spec's "Dollar" names no country: any dollar (the article's, claims/country.py)
        if got.currency not in DOLLARS:
            return False
    elif code is not None and got.currency != code:
        return False
    return abs(got.amount - want) <= abs(want) * Decimal("1e-9")


def evaluate_dates(root: Path, language: str) -> dict[str, Any]:
    name = {"fr": "French", "en": "English"}[language]
    cases = _load_spec(root / "recognizers-text" / f"DateTime_{name}_DateParser.json")
    score, failures, skipped = Score(), [], Counter()
    for i, case in enumerate(cases):
        if case.get("NotSupported") or case.get("NotSupportedByDesign"):
            skipped["NotSupported"] += 1
            continue
        ref = (case.get("Context") or {}).get("ReferenceDateTime", "2016-11-07T00:00:00")[:10]
        expected, skip_case = [], None
        for r in case.get("Results", []):
            reason = _skip_reason("date", language, case["Input"], r)
            if reason:
                skip_case = reason
                break
            value = r.get("Value") or {}
            expected.append(
                (
                    r["Text"],
                    {
                        (value.get("PastResolution") or {}).get("date"),
                        (value.get("FutureResolution") or {}).get("date"),
                    },
                )
            )
        if skip_case:
            skipped[skip_case] += 1
            continue
        result = extract(case["Input"], language=language, published=dt.date.fromisoformat(ref))
        predicted = [(c.text, c.value.iso) for c in result.claims if c.type == "date"]
        _match(predicted, expected, lambda got, want: got in want, score, failures, f"{name} dates #{i}")
    score.skipped = sum(skipped.values())
    return {"score": score.to_json(), "skipped": dict(skipped), "failures": _jsonable(failures)}


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
    report: dict[str, Any] = {}
    for lang in ("fr", "en"):
        if (own := evaluate_articles(articles, lang)) is not None:
            report[f"articles_{lang}"] = own
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
