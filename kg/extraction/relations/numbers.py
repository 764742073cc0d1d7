"""Which numbers in a sentence report a result (sizes, dates, counts, p-values, versions do not)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .cues import Cues
from .units import Unit, _prev_word

_GLUED_AFTER = re.compile(r"[A-Za-z0-9^]|-[A-Za-z]|\s*/\s*\d|-\d")  # 7B, 103K, 8K-token, 6 / 7, 5-9


@dataclass(frozen=True)
class Value:
    start: int  # offsets in the unit of the whole value text (qualifier included)
    end: int
    text: str  # as written, LaTeX markup removed
    value: Decimal | None


_DIGITS = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = (r"(?P<unit>\s?(?:\$?\\?%|percentage\s+points?\b|percent\b|pp\b|points?\b|pts\b|[xX×](?![\w])"
         r"|\$?\s*\\times\s*\$?|-?folds?\b|times\b|mm\b|cm\b|deg\b|degrees?\b|°|ms\b|dB\b|(?:images?|frames?|tokens?|samples?|queries|requests|steps|it)/s\b|fps\b|FPS\b))?")  # "9.48 mm", "16.13 deg"
_NUMBER = re.compile(r"(?<![\w.@^/\\,-])(?P<sign>[+\-−])?" + _DIGITS + _UNIT)
_UPPER = re.compile(_DIGITS + _UNIT)  # the second number of a range, right after its dash
_ARROW = re.compile(r"\s*(?:\$?\s*\\(?:rightarrow|to)\s*\$?|→|->)\s*")
_RANGE = re.compile(r"\s*(?:\$\\sim\$|\\sim|\$~\$|~|–|—|--?)\s*(?=\d)")  # "1$\sim$2", "34.5%-47.3%", "8.55 - 15.22%", "30--50%"
_TO_RANGE = re.compile(r"\s+to\s+(?=[+\-]?\d)")
# "ranging from 88.7% to 92.9%", "improvements, from 20% to 60%,": a range (a plural noun of change set off by a
# comma spans several results); "raises accuracy from 80% to 89%" is a before and after, worth the second number
_RANGING = re.compile(r"\b(?:rang\w*\s+|(?:improvements|gains|reductions|speedups|speed-ups|increases|decreases|savings)"
                      r"\s*,\s*)from\s*$", re.IGNORECASE)  # not "improvements from 51% to 88% F1 score"
_OUT_OF = re.compile(r"\s+out\s+of\s+(?P<scale>\d+(?:\.\d+)?)(?!\w|\.\d)(?!\s+[a-z]{3,}(?<!and)(?<!for)\b)")  # "8.5 out of 10"
_TIME_AFTER = re.compile(r"\s+(?:seconds?|secs?|milliseconds?|minutes?|hours?|days?)\b", re.IGNORECASE)
_SHARED_UNIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|or\s+)")  # "+25 and +20 percentage points"
# "an F1 score of 0.9344", "BACC (0.807": a metric joined to the number by a word or sign (not "PRCK 0.25 of 0.726",
# "BI_RADS 0 category": a threshold or a class)
_METRIC_OF = re.compile(r"\s*(?:(?:[:=]|of|is|was|of\s+about|of\s+around)\s*\(?|\()\s*", re.IGNORECASE)
_MULTIPLIERS = {"x", "X", "×", "\\times", "times", "fold", "-fold", "folds", "-folds"}
_DIGIT_OR_FOLD = re.compile(r"\d|fold|magnitude", re.IGNORECASE)
_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_FOLD = re.compile(r"(?<![\w-])(two|three|four|five|six|seven|eight|nine|ten)-?fold\b", re.IGNORECASE)
_FOLD_COUNT = re.compile(r"\b(?:is|are|was|were)\s+$", re.IGNORECASE)
_FACTOR = re.compile(r"(?<=\bby\s)(?:a\s+)?(factor\s+(?:of\s+)?(?P<num>\d+(?:\.\d+)?))(?!\w|\.\d)", re.IGNORECASE)
_BOUND_BEFORE = re.compile(r"\b(?:well|far|still|remains?|stays?)\s+(?:below|under|above|beneath)\s+$", re.IGNORECASE)
_MATH = re.compile(r"\$[^$]{0,80}\$")
_DEVIATION_BEFORE = re.compile(r"(?:±|\\pm|\+/-|\+-)\s*\$?\s*$")  # "95.50% ± 0.84%": a spread, not a result
_SPLIT = re.compile(r"\d+(?:\.\d+)?\s*\\?%?\s*(?:[-/:]\s*\d+(?:\.\d+)?\s*\\?%?\s*){2,}")  # "80%-10%-10%", "70/15/15"
_MATH_NUMBER = re.compile(r"[\d.,]+\s*(?:[-–~]|\\sim)\s*[\d.,]+\$\s*\\?%")  # "$38.5-45.21$%": math, not dollars
_URL = re.compile(r"https?://\S+|\S+\.(?:com|org|io|ai)\S*")
_LATEX = ((r"\%", "%"), (r"\times", "×"), (r"\rightarrow", "→"), (r"\sim", "~"), ("$", ""))


def _clean(text: str) -> str:
    for latex, plain in _LATEX:
        text = text.replace(latex, plain)
    return " ".join(text.split())


def _decimal(sign: str | None, num: str) -> Decimal | None:
    try:
        value = Decimal(num.replace(",", ""))
    except InvalidOperation:
        return None
    return -value if sign in ("-", "−") else value


def find_values(unit: Unit, cues: Cues) -> list[Value]:
    """The numbers in a unit that report a result, in order; sizes, dates, counts and names are left out."""
    text = unit.text
    if not _DIGIT_OR_FOLD.search(text) and not cues.duration.search(text):
        return []
    skip = [(m.start(), m.end()) for m in _URL.finditer(text)]
    skip += [(e.start, e.end) for e in unit.ents]
    skip += [(m.start(), m.end()) for m in _MATH.finditer(text) if re.search(r"[\^_{}]|O\(", m.group(0))]
    skip += [(m.start(), m.end()) for m in _SPLIT.finditer(text) if "%" in m.group(0) or "/" in m.group(0)]
    values: list[Value] = []
    consumed = 0
    for m in _NUMBER.finditer(text):
        if m.start() < consumed or any(a <= m.start() < b for a, b in skip):
            continue
        if _setting_list(text, m):  # "for sampling rates of 0.1, 0.3, 0.5", "four temperature settings (0.01, 0.5, 1.0)"
            listed = _LISTED_NUMBERS.match(text, m.end())
            consumed = listed.end() if listed else m.end()
            continue
        shared_unit = _shared_unit(text, m, unit, cues)
        if not shared_unit and not _is_result_number(text, m, unit, cues):
            continue
        start, end = m.start(), m.end()
        currency = _is_currency(text, m)
        start -= currency
        qualifier = cues.qualifier_before.search(text[max(0, start - 20):start])
        if qualifier:
            start -= len(qualifier.group(0))
        value = _decimal(m.group("sign"), m.group("num"))
        arrow = _ARROW.match(text, end)
        after = _NUMBER.match(text, arrow.end()) if arrow else None
        span = _RANGE.match(text, end)
        upper = _UPPER.match(text, span.end()) if span else None
        time_unit = _TIME_AFTER.match(text, end) if not m.group("unit") else None
        if time_unit:
            end = time_unit.end()  # "a latency of 0.05 seconds": the number was taken, its unit goes with it
        out_of = _OUT_OF.match(text, end) if not m.group("unit") else None
        if out_of and ("." in m.group("num") or out_of.group("scale") in ("5", "10", "100")):
            end = out_of.end()  # "a score of 8.5 out of 10": one value; not "3 out of 15 models" (a count)
        elif after:  # "47.6% → 93.8%" is one result, worth the final number
            end, value = after.end(), _decimal(after.group("sign"), after.group("num"))
        elif upper and (upper.group("unit") or m.group("unit")):  # "1$\sim$2 points", "34.5%-47.3%": a range
            end, value = upper.end(), None
        elif _TO_RANGE.match(text, end) and _prev_word(text[:start]) == "from" and not _RANGING.search(text, 0, start):
            continue  # "from 40% to 60%": the result is the second number
        elif _TO_RANGE.match(text, end):  # "67.7% to 123.2%", "ranging from 88.7% to 92.9%", "by 5.0 to 7.5 percent"
            upper = _UPPER.match(text, _TO_RANGE.match(text, end).end())
            if upper and upper.group("unit") and (m.group("unit") or not _GLUED_AFTER.match(text, upper.end())):
                end, value = upper.end(), None
        if cues.percent_setting.match(text[end:]) and "%" in text[start:end]:
            continue  # "30% to 50% of the data" is a setting
        if (m.group("unit") or "").strip(" $") in _MULTIPLIERS and (reverse := cues.reverse_after.match(text[end:])):
            end += reverse.end()  # "14× less", "16× smaller": the comparative turns the factor into a reduction
        consumed = end
        written = text[start:end]
        written = written[:currency] + _clean(written[currency:]) if currency else _clean(written)
        values.append(Value(start, end, written + shared_unit, value))
    for m in _FOLD.finditer(text):  # "a twofold increase"; not "our contributions are threefold:"
        if not any(a <= m.start() < b for a, b in skip) and not _FOLD_COUNT.search(text, 0, m.start()) \
                and cues.post_number_ok.match(text[m.end():]):  # "a twofold increase", not "A Fourfold Pathogen Suite"
            values.append(Value(m.start(), m.end(), m.group(0), Decimal(_FOLD_WORDS[m.group(1).lower()])))
    for m in cues.point_value.finditer(text):  # "a 2-point improvement in ROUGE score"
        if not any(a <= m.start() < b for a, b in skip):
            values.append(Value(m.start(), m.end(), m.group(0), _decimal(None, m.group("num"))))
    for m in cues.magnitude.finditer(text):  # "degrades X by up to four orders of magnitude"
        if not any(a <= m.start("value") < b for a, b in skip):
            values = [v for v in values if not m.start("value") <= v.start < m.end("value")]  # "1" of "1 to 2 orders"
            count = m.group("count").lower()
            values.append(Value(m.start("value"), m.end("value"), m.group("value"),
                                _decimal(None, count) if count[0].isdigit() else Decimal(_FOLD_WORDS.get(count, 1))))
    for m in cues.duration.finditer(text):  # "in only three weeks", "in under 3 hours": not a bare "in 2 days"
        if (m.group("intensifier") or m.group("qualifier")) and not any(a <= m.start("value") < b for a, b in skip) \
                and not any(v.start < m.end("value") and m.start("value") < v.end for v in values):
            count = m.group("count").lower()
            values.append(Value(m.start("value"), m.end("value"), m.group("value"),
                                _decimal(None, count) if count[0].isdigit() else Decimal(_FOLD_WORDS.get(count, 1))))
    for m in _FACTOR.finditer(text):  # "reduces by a factor 20 the memory", "by a factor of 3.5"
        if not any(a <= m.start() < b for a, b in skip):
            values = [v for v in values if not v.start <= m.start("num") < v.end]  # the number alone is part of it
            values.append(Value(m.start(1), m.end(), _clean(m.group(1)), _decimal(None, m.group("num"))))
    for m in cues.qualified_factor.finditer(text):  # "by roughly a factor of 5": qualifier and article kept
        if not any(a <= m.start() < b for a, b in skip):
            values = [v for v in values if not v.start <= m.start("num") < v.end]
            values.append(Value(m.start("value"), m.end("value"), _clean(m.group("value")), _decimal(None, m.group("num"))))
    return sorted(values, key=lambda v: v.start)


# "for sampling rates of 0.1", "at a threshold of 0.5", "temperature settings (0.01, 0.5)": a bare number a condition is set to
_SETTING_BEFORE = re.compile(r"(?:\b(?:for|at|under)\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){1,3}?(?:of|=)\s*|"
                             r"\b(?:settings?|values|levels|thresholds|temperatures|ratios|rates)\s*\(\s*)$", re.IGNORECASE)
_LISTED_NUMBERS = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\d[\d.]*"
                             r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)\d[\d.]*)*")


def _setting_list(text: str, m: re.Match) -> bool:
    """A bare number (no unit) that a condition of the experiment is set to, not a result."""
    return not m.group("unit") and not m.group("sign") and not _is_currency(text, m) and \
        bool(_SETTING_BEFORE.search(text, max(0, m.start() - 60), m.start()))


def _shared_unit(text: str, m: re.Match, unit: Unit, cues: Cues) -> str:
    """"+25 and +20 percentage points", "18.85, 26.32 and 40.1%": a bare number listed before a number with a
    unit has that unit, written once for the list (returned as it is to be appended; "" otherwise). Not
    "between 3 and 5%" (a bound)."""
    if m.group("unit") or _is_currency(text, m) or _prev_word(text[:m.start()]) == "between":
        return ""
    end = m.end()
    while gap := _SHARED_UNIT.match(text, end):
        nxt = _NUMBER.match(text, gap.end())
        if nxt is None:
            return ""
        written = nxt.group("unit")
        if written:
            if not re.search(r"\b(?:and|or)\s*$", gap.group(0)) or not _is_result_number(text, nxt, unit, cues):
                return ""  # "M=49.3, 49.4% male": a comma alone does not make a list
            return (" " if written[0].isspace() else "") + _clean(written)
        end = nxt.end()
    return ""


def _is_currency(text: str, m: re.Match) -> int:
    """1 for "$534,700" (the sign's length), 0 otherwise; "$4\\%$" is LaTeX math, not dollars."""
    if m.start() == 0 or text[m.start() - 1] not in "$€£" or (m.start() > 1 and text[m.start() - 2] not in " (\n"):
        return 0
    if "%" in (m.group("unit") or ""):
        return 0  # "$95.50\\%$": a percentage in math, not dollars
    math = "$" in text[m.end():m.end() + 3] or "$" in (m.group("unit") or "") \
        or bool(_MATH_NUMBER.match(text, m.start()))  # "$3.45\\times$", "$38.5-45.21$%" are math too
    return 0 if text[m.start() - 1] == "$" and math else 1


def _is_result_number(text: str, m: re.Match, unit: Unit, cues: Cues) -> bool:
    if _DEVIATION_BEFORE.search(text, max(0, m.start() - 8), m.start() - (1 if m.group("sign") else 0) if m.group("sign") else m.start()):
        return False
    has_unit = bool(m.group("unit")) or bool(_is_currency(text, m))
    span = _RANGE.match(text, m.end())
    if span and not has_unit:
        upper = _UPPER.match(text, span.end())
        return bool(upper and upper.group("unit"))  # "1~2 points", "10-20%"
    after = text[m.end():]
    if not has_unit and _GLUED_AFTER.match(after):
        return False  # 7B, 103K, 8K-token, 3rd, 6 / 7, 5-9
    if cues.scale_after.match(after) or _prev_word(text[:m.start()]) in cues.pre_number_blockers or \
            (text[m.start() - 1:m.start()] == ":" and _prev_word(text[:m.start() - 1]) in cues.pre_number_blockers):  # arXiv:2503.10460
        return False
    if re.search(r"(?<![\w-])[pP](?:-value)?\s*(?:[<=>≤≥]|&lt;)\s*$", text[max(0, m.start() - 12):m.start()]):
        return False  # a p-value is a test statistic, not a result
    if cues.not_result_after.match(after):
        return False  # "95% confidence interval"
    if _BOUND_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return False  # "performance plateaus well below 100%": a bound, not a score
    if cues.size_after.match(after) and (m.group("unit") or "").strip() in ("x", "X", "×", "times", "fold", "-fold", "folds"):
        return False  # "trained on 10 times more data", "models that are 10 times larger"
    if not m.group("unit") and "." not in m.group("num") and cues.composition.search(text, 0, m.start()):
        return False  # "DSDBench includes 1,117 samples with 741 error pairs": a count
    if has_unit:
        if "%" in (m.group("unit") or "") and _input_share(text, m, unit, cues):
            return False
        return not ("%" in (m.group("unit") or "") and cues.percent_setting.match(after))
    num = m.group("num")
    if text[m.start() - 1:m.start()] == "(" and after.startswith(")"):
        return False  # an enumerator "(1)"
    if "." not in num and re.match(r"\.(?:\s+[A-Z]|\s*$)", after) and re.search(r"[,:;]\s*$", text[:m.start()]):
        return False  # an enumerator in a list: "three methods: 1. BERTScore, 2. LLM evaluation"
    metric_next = any(e.label == "metric" and e.start - m.end() in (0, 1) for e in unit.ents)
    metric_before = any(e.label == "metric" and 0 <= m.start() - e.end <= 2 for e in unit.ents)
    metric_of = any(e.label == "metric" and e.end <= m.start() and _METRIC_OF.fullmatch(text, e.end, m.start())
                    for e in unit.ents)
    if not (metric_next or metric_of or cues.post_number_ok.match(after)):
        return False
    if "." not in num:
        if "," not in num and 1900 <= int(num) <= 2100:
            return False  # a year
        return metric_next or metric_before or bool(cues.integer_cue_before.search(text[max(0, m.start() - 30):m.start()]))
    version = re.search(r"(?<![\w-])[A-Z][\w-]*\s$", text[max(0, m.start() - 30):m.start()])
    return metric_before or not version or bool(cues.integer_cue_before.search(text[max(0, m.start() - 30):m.start()]))


def _input_share(text: str, m: re.Match, unit: Unit, cues: Cues) -> bool:
    """"with just 10% verifiable rewards", "using only 4.6% of the explored designs": after with/using, a
    percentage of a plain noun (not a metric, not a word that goes on with a result) is a share of the inputs."""
    if not cues.setting_before_percent.search(text, 0, m.start()):
        return False
    after = text[m.end():]
    word = re.match(r"\s+(?:of\s+(?:the\s+)?)?([a-z][\w-]*)", after)
    if not word or cues.post_number_ok.match(after):
        return False
    return not any(e.label == "metric" and m.end() <= e.start <= m.end() + len(word.group(0)) + 1 for e in unit.ents)


def _after_versus(unit: Unit, value: Value, cluster: list[Value]) -> bool:
    """The number follows "vs." inside its cluster: "(83.4% vs. 60.0%)"."""
    at = cluster.index(value)
    return at > 0 and bool(re.fullmatch(r"\s*(?:vs\.?|versus)\s*", unit.text[cluster[at - 1].end:value.start]))


def _value_clusters(unit: Unit, values: list[Value]) -> list[list[Value]]:
    """Numbers written as one list: "77.2% and 50.7%", "(47.6% → 93.8% and 22.0% → 86.0%)"."""
    clusters: list[list[Value]] = []
    for value in values:
        if clusters and re.fullmatch(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|/|vs\.?\s+|versus\s+)\s*",
                                     unit.text[clusters[-1][-1].end:value.start]):
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return clusters
