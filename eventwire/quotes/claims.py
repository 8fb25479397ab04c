"""Numeric claims: numbers found by one regular-expression scan, normalised, with what they count.

"2.2 million cases" -> 2200000 ``cases``; "a dozen" -> 12; "11,000 troops"; "$20 million" ->
20000000 ``USD``; "15%" / "15 percent" -> 15 ``%``; "1.000.000" and "1 000" (odd thousands
separators); "10–12" (a range: the low end, ``approximate = "range"``); "1/2" and "two-thirds"
(fractions).  Not claims: years, dates ("March 1", "1 March"), times ("10:30", "3 p.m."), ages
("Smith, 45,", "a 45-year-old"), phone numbers, identifiers ("No. 1", "Flight 17", "COVID-19",
"G7"), ordinals ("29th") and page furniture ("3 min read", "1 of 5", "2 hours ago").  The word
lists are ``data/numbers.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional

from eventwire.quotes.lexicon import NumberLexicon

#: a value above this is not a count a news sentence gives (an identifier read as a number)
MAX_VALUE = Decimal(10) ** 15

_DIGITS = r"""(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?
   |\d{1,3}(?:\.\d{3}){2,}(?![\d])
   |\d{1,3}(?:[\u00a0\u202f\u2009\x20]\d{3})+(?![\d]|[.,]\d)
   |\d+(?:\.\d+)?)"""
_NUMERIC = re.compile(rf"""(?<![\w.,/:$€£¥₹₩₽'’])(?<![A-Za-z]-)
    (?P<cur>US\$|[ACH]{{1,2}}\$|[$€£¥₹₩₽])?\s?
    (?P<num>{_DIGITS})
    (?P<frac>/\d{{1,4}}(?![/\d]))?
    (?:\s?(?P<dash>–|—|-|to)\s?(?:US\$|[$€£¥₹₩₽])?(?P<num2>{_DIGITS}))?
    (?P<glued>[A-Za-z]+)?""", re.X)
_PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,5}\b")
_WORD = re.compile(r"[A-Za-z][\w’'\-]*|\S")
_STOP = frozenset("""the a an and or but in on at to for from with by of as that which who whom whose were was is
are be been being have has had will would could should may might can must said says say more than over since
per each this these those their its his her our it they we he she not no also into after before during while
when where about against across between among including like up down out off ago last next than then there
here what how why all both either neither so such only just even still yet already than via amid despite
around within without through toward towards under above below until upon""".split())
_LETTERS = re.compile(r"(?<![\w-])[A-Za-z]+")
_ORDINAL = frozenset({"st", "nd", "rd", "th"})


@dataclass
class Number:
    """A claim before it becomes a record (offsets into the scanned text)."""

    start: int
    end: int
    value: float
    unit: Optional[str]
    about: Optional[str]
    approximate: Optional[str]
    magnitude: Optional[str] = None      # dead | injured | size


def _to_decimal(raw: str) -> Optional[Decimal]:
    s = raw.replace("\u00a0", "").replace("\u202f", "").replace("\u2009", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", s):
        s = s.replace(".", "")
    s = s.replace(",", "")
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _plain(value: Decimal) -> float:
    """An int when whole (2200000, not 2200000.0), else a float rounded to 6 places."""
    return int(value) if value == value.to_integral_value() else round(float(value), 6)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _after(words) -> re.Pattern:
    """Matches one of ``words`` right after a number (a space or hyphen between)."""
    return re.compile(r"\s?-?\s?(" + _alternation(words) + r")(?![\w-])")


class ClaimScanner:
    """Finds the numeric claims of a text."""

    def __init__(self, lexicon: NumberLexicon) -> None:
        self.lex = lexicon
        tens = [w for w, v in lexicon.number_words.items() if v in (20, 30, 40, 50, 60, 70, 80, 90) and " " not in w]
        units = [w for w, v in lexicon.number_words.items() if 1 <= v <= 9 and " " not in w]
        words = sorted((w for w in lexicon.number_words), key=lambda w: (-len(w), w))
        fr = sorted(lexicon.fractions, key=lambda w: (-len(w), w))
        self._words = re.compile(
            r"(?<!-)\b(?:(?P<tens>" + "|".join(tens) + r")-(?P<unit>" + "|".join(units) + r")"
            r"|(?P<fnum>" + "|".join(units) + r"|a|one)-(?P<fden>" + "|".join(fr) + r")"
            r"|(?P<word>" + "|".join(re.escape(w) for w in words) + r"))\b", re.I)
        # the words a number word can start with: the scan tries the big pattern only there
        self._word_starts = frozenset([w.split()[0] for w in words] + tens + units + ["a", "one"])
        self._scale = re.compile(r"\s?(?:-|\s)?(" + "|".join(sorted(map(re.escape, lexicon.scales), key=lambda w: (-len(w), w)))
                                 + r")\b", re.I)
        self._approx = re.compile(r"(?:^|\W)(" + _alternation(lexicon.lists["approximators"]) + r")\s*$")
        self._percent = _after(["%", *lexicon.lists["percent_words"]])
        self._currency = _after(lexicon.currency_words)
        self._measures = _after(lexicon.lists["measure_units"])
        self._not_after = re.compile(r" ?(?:" + _alternation(lexicon.lists["not_claim_after"]) + r")(?!\w)")
        self._not_before = frozenset(w.rstrip(".") for w in lexicon.lists["not_claim_before"])

    # ------------------------------------------------------------------ helpers
    def _prev_words(self, text: str, pos: int, n: int = 4) -> list[str]:
        return [w.lower() for w in re.findall(r"[\w.’'$]+", text[max(0, pos - 60):pos])][-n:]

    def _approximate(self, text: str, pos: int) -> Optional[str]:
        m = self._approx.search(text[max(0, pos - 40):pos].lower())
        return m.group(1) if m else None

    @staticmethod
    def _phrase_after(text: str, pos: int, phrases: re.Pattern) -> Optional[tuple[str, int]]:
        m = phrases.match(text[pos:pos + 40].lower())
        return (m.group(1), pos + m.end()) if m else None

    def _noun_run(self, text: str, pos: int) -> tuple[Optional[str], Optional[str], int]:
        """(unit, about, end) of the words a number counts: "long-range artillery pieces" -> pieces."""
        run: list[re.Match] = []
        for m in _WORD.finditer(text, pos, min(len(text), pos + 80)):
            w = m.group(0)
            low = w.lower()
            gap = text[(run[-1].end() if run else pos):m.start()]
            if "\n" in gap or (run and gap.strip()) or not w[0].isalpha() or low in _STOP \
                    or low in self.lex.lists["not_units"] \
                    or (run and (low.endswith("ly") or low.endswith("ed"))) or len(run) >= 4:
                break
            run.append(m)
            if w[0].islower() and len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "is", "us")):
                break                              # a plural noun ends the phrase ("journalists remain")
        while run and run[-1].group(0)[0].isupper() and len(run) > 1:
            run.pop()
        if len(run) == 1 and run[0].group(0).lower().endswith("ed"):
            return None, None, pos                 # "41 injured": a participle, the noun is left out
        if not run or (run[0].group(0)[0].isupper() and len(run) == 1 and pos > 0):
            return None, None, pos
        return run[-1].group(0).lower(), text[run[0].start():run[-1].end()], run[-1].end()

    def _excluded(self, text: str, m: re.Match, value: Decimal) -> bool:
        start, end = m.start("num"), m.end()
        glued = (m.group("glued") or "").lower()
        if glued and (glued in _ORDINAL or not (glued in self.lex.scales or glued in self.lex.lists["measure_units"]
                                                 or glued in ("pc", "percent"))):
            return True
        before = text[max(0, start - 12):start]
        after = text[end:end + 24].lower()
        prev = self._prev_words(text, start, 1)
        if re.search(r"\d[:.]$", before) or re.match(r"[:.]\d\d(?!\d)", text[end:end + 3]) and ":" in text[end:end + 1]:
            return True                                            # times 10:30
        if prev and prev[0].rstrip(".") in self._not_before \
                and not m.group("cur"):
            return True
        if prev and prev[0].strip(".,") in self.lex.lists["months"]:
            return True                                            # March 1
        nxt = re.match(r"\s*(?:st|nd|rd|th)?\s*,?\s*([A-Za-z]+)", text[end:end + 20])
        if nxt and nxt.group(1).lower() in self.lex.lists["months"]:
            return True                                            # 1 March
        if self._not_after.match(after):
            return True
        if re.match(r"\s*(?:-|\s)years?[\s-]old|\s*-year-old|\s+(?:of|/)\s*\d|\s+\w+\s+ago\b", after):
            return True                                            # ages, "1 of 5", "2 hours ago"
        if re.search(r"[A-Z][\w’'.-]+,\s?$", before) and re.match(r",", after) and value < 120:
            return True                                            # "John Smith, 45, said"
        if re.search(r"\d\s+(?:of|/)\s*$", before):
            return True                                            # the 5 of "1 of 5"
        if re.search(r"\baged\s(?:between\s|from\s)?$|\baged\s(?:between\s|from\s)?\d+\s(?:and|to)\s$",
                     text[max(0, start - 30):start].lower()):
            return True
        word_before = re.search(r"(\S+)\s+$", text[max(0, start - 30):start])
        if word_before and word_before.group(1).lower() in self.lex.lists["credit_words"] and not m.group("cur"):
            return True                                            # "Getty Images 22": a gallery counter
        if m.group("frac") and not re.match(r"\s+of\b", text[m.end("frac"):m.end("frac") + 5]):
            return True                                            # "7/29", "24/7": counters, not fractions
        if m.group("num2") and (_to_decimal(m.group("num2")) or 0) < value:
            return True                                            # "lost 8-3": a score, not a range
        raw = m.group("num")
        if re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100 and not m.group("cur") \
                and not self._scale.match(text, m.end("num")):
            nxt_word = re.match(r"\s([a-z]+)", text[end:end + 20])
            counted = nxt_word and nxt_word.group(1).endswith("s") and nxt_word.group(1) not in _STOP
            if not counted or (prev and prev[0] in self.lex.lists["year_before"]):
                return True                                        # a year
        if m.group("num2") and re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100:
            return True                                            # 2019-2020
        return False

    # ------------------------------------------------------------------ scan
    def scan(self, text: str) -> list[Number]:
        """Every claim in ``text``, in order."""
        masked = [(p.start(), p.end()) for p in _PHONE.finditer(text) if len(re.sub(r"\D", "", p.group(0))) >= 8]
        out: list[Number] = []
        taken: list[tuple[int, int]] = []
        for m in _NUMERIC.finditer(text):
            if any(s <= m.start("num") < e for s, e in masked):
                continue
            value = _to_decimal(m.group("num"))
            if value is None or self._excluded(text, m, value):
                continue
            approx = self._approximate(text, m.start())
            if m.group("frac"):
                den = Decimal(m.group("frac")[1:])
                if den == 0:
                    continue
                value = value / den
            end = m.end("frac") if m.group("frac") else m.end("num")
            if m.group("num2"):
                approx, end = "range", m.end("num2")
            if m.group("glued"):
                end = m.end()
            start = m.start("cur") if m.group("cur") else m.start("num")
            num = self._finish(text, start, end, value, approx, currency=m.group("cur"),
                               glued=(m.group("glued") or "").lower(), fraction=bool(m.group("frac")))
            if num is not None:
                out.append(num)
                taken.append((num.start, num.end))
        last_end = 0
        for w in _LETTERS.finditer(text):
            if w.group(0).lower() not in self._word_starts:
                continue
            if w.start() < last_end:
                continue
            m = self._words.match(text, w.start())
            if m is None or any(s <= m.start() < e for s, e in taken):
                continue
            num = self._word_number(text, m)
            if num is not None:
                out.append(num)
                last_end = num.end
        out.sort(key=lambda n: n.start)
        return out

    def _word_number(self, text: str, m: re.Match) -> Optional[Number]:
        nw = self.lex.number_words
        if m.group("tens"):
            value = Decimal(str(nw[m.group("tens").lower()] + nw[m.group("unit").lower()]))
        elif m.group("fden"):
            fnum = m.group("fnum").lower()
            n = 1 if fnum in ("a", "one") else nw[fnum]
            value = Decimal(str(n)) * Decimal(str(self.lex.fractions[m.group("fden").lower()]))
            num = self._finish(text, m.start(), m.end(), value, self._approximate(text, m.start()), fraction=True)
            return num
        else:
            word = m.group("word").lower()
            if word == "one" and not re.match(r"\s(\w+)", text[m.end():m.end() + 20]):
                return None
            if word == "one":
                nxt = re.match(r"\s(\w+)", text[m.end():m.end() + 20]).group(1).lower()
                if nxt not in self.lex.lists["one_nouns"]:
                    return None
            if word in ("dozen",) and not re.search(r"\b(?:a|one|half a)\s+$", text[max(0, m.start() - 9):m.start()].lower()):
                if re.match(r"s\b", text[m.end():m.end() + 2]):
                    return None
            if word == "may" or re.match(r"s\s+of\b", text[m.end():m.end() + 6]):
                return None                                        # "dozens of", "hundreds of"
            value = Decimal(str(nw[word]))
        prev = self._prev_words(text, m.start(), 1)
        if prev and prev[0].rstrip(".") in self._not_before:
            return None
        return self._finish(text, m.start(), m.end(), value, self._approximate(text, m.start()))

    def _finish(self, text: str, start: int, end: int, value: Decimal, approx: Optional[str], *,
                currency: Optional[str] = None, glued: str = "", fraction: bool = False) -> Optional[Number]:
        unit: Optional[str] = None
        about: Optional[str] = None
        if glued in self.lex.scales:
            value *= Decimal(str(self.lex.scales[glued]))
        elif glued:
            unit = "%" if glued in ("pc", "percent") else glued
        sc = self._scale.match(text, end)
        if sc and not glued:
            word = sc.group(1).lower()
            # a one-letter scale ("m", "b", "k") only right after a currency amount
            if len(word) > 1 or currency:
                value *= Decimal(str(self.lex.scales[word]))
                end = sc.end()
        if currency:
            unit = self.lex.currency_symbols.get(currency, "USD")
        if unit is None:
            pct = self._phrase_after(text, end, self._percent)
            if pct:
                unit, end = "%", pct[1]
        if unit is None:
            cur = self._phrase_after(text, end, self._currency)
            if cur:
                unit, end = self.lex.currency_words[cur[0]], cur[1]
        if unit is None:
            code = re.search(r"\b([A-Z]{3})\s?$", text[max(0, start - 5):start])
            if code and code.group(1) in {c.upper() for c in self.lex.lists["currency_codes"]}:
                unit, start = code.group(1), start - len(text[max(0, start - 5):start]) + code.start(1)
        if unit is None:
            meas = self._phrase_after(text, end, self._measures)
            if meas:
                unit, end = meas[0], meas[1]
        if unit is None and re.match(r"-[a-z]+", text[end:end + 12]):
            hy = re.match(r"-([a-z]+)", text[end:end + 20])          # "six-month", "3-metre"
            word = hy.group(1)
            unit = word if word not in ("year",) or not text[end + hy.end():].startswith("-old") else None
            if unit is None:
                return None
        if fraction:
            # a fraction counts nothing itself: "two-thirds of voters" -> about "voters"
            of = re.match(r"\s(?:of\s)?(?:the\s)?", text[end:end + 9])
            _, about, _ = self._noun_run(text, end + (of.end() if of else 0))
            return Number(start, end, _plain(value), None, about, approx) if abs(value) <= MAX_VALUE else None
        if unit is None or unit in ("USD", "%") or unit == "fraction":
            of = re.match(r"\s(?:of|in|for|worth of)\s", text[end:end + 12])
            if of and unit is not None:
                _, about, _ = self._noun_run(text, end + of.end())
            elif unit is None:
                unit, about, _ = self._noun_run(text, end)
                share = re.match(r"\sof\s(?:the\s)?[\d,.]+\s", text[end:end + 30]) if unit is None else None
                if share:                          # "54 of the 120 seats": what the whole counts
                    unit, about, _ = self._noun_run(text, end + share.end())
        elif unit in self.lex.lists["measure_units"]:
            of = re.match(r"\sof\s", text[end:end + 5])
            if of:
                _, about, _ = self._noun_run(text, end + of.end())
        if abs(value) > MAX_VALUE:
            return None
        return Number(start, end, _plain(value), unit, about, approx)
