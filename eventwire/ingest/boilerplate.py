"""Line-based removal of scraping debris from already-extracted article text.

:func:`clean_text` normalises the text (newlines, NFC, control characters, spaces),
then walks it line by line:

1. *patterns* from ``eventwire/data/boilerplate.yaml`` (copyright lines, photo
   credits, "Why though?" sub-heads, tip / subscription prompts, navigation labels,
   "Original Source:" footers, bylines, date lines, TASS / Reuters / AP datelines)
   drop a line or strip a prefix off it, and leave *hints* (copyright holder, source
   footer, dateline, date line, author) for :mod:`eventwire.ingest.metadata`;
2. hard-wrapped lines are re-joined (a line without final punctuation followed by a
   line starting in lower case);
3. a leading headline-like line becomes the *title* (and is removed from the body,
   with its repeats);
4. *structural* rules: a run of >= 3 headline-like Title Case lines at the start or
   the end (a sidebar of unrelated headlines), and an author name + bio block at
   the end, are removed.

Body sentences are never merged with a heading: the output keeps one line per input
line, ``"\\n"`` between lines that were adjacent and ``"\\n\\n"`` where a blank line
or a removed line separated them.

Every regex is applied to bounded input (a line of at most ``max_len`` characters,
or a ``strip_scan_chars`` prefix), so a 1 MB line without punctuation costs only
the linear normalisation passes.
"""
from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..datafiles import load_yaml
from .datetext import parse_date, parse_month_day
from .inline import cut_inline_blocks, markers_pattern

__all__ = ["CleanResult", "Rules", "clean_text", "extract_hints", "load_rules", "default_rules", "rules_for",
           "normalize_text", "DEFAULT_RULES_PATH"]

DEFAULT_RULES_PATH = Path(__file__).resolve().parent.parent / "data" / "boilerplate.yaml"
ENV_VAR = "EVENTWIRE_BOILERPLATE"

_ACTIONS = ("drop", "strip", "caption")
_SCOPES = ("any", "head", "tail")
_DEFAULT_SETTINGS: dict[str, Any] = {
    "head_lines": 8, "tail_lines": 30, "strip_scan_chars": 400, "caption_max_chars": 300,
    "sidebar_min_lines": 3, "sidebar_titlecase_ratio": 0.66, "headline_max_chars": 160,
    "headline_max_words": 25, "title_max_chars": 250, "title_max_words": 35, "title_min_words": 3,
    "title_scan_lines": 4, "unwrap_min_chars": 30, "bio_max_chars": 800, "lede_min_words": 6,
    "inline_block_markers": [], "inline_block_max_chars": 2500, "gallery_credits": [], "inline_widgets": [],
}


@dataclass
class CleanResult:
    """Output of :func:`clean_text`.

    ``text``: the cleaned body; ``title``: the headline found at the top (or None);
    ``removed``: the dropped lines and stripped prefixes, in document order;
    ``hints``: strings found in the debris, e.g. ``copyright_holder``,
    ``copyright_year``, ``source_footer``, ``dateline`` (``"MM-DD"``),
    ``dateline_date`` (ISO, when the dateline has a year), ``dateline_place``,
    ``dateline_agency``, ``date_line`` / ``updated_line`` (raw date text), ``author``.
    """

    text: str
    title: str | None = None
    removed: list[str] = field(default_factory=list)
    hints: dict[str, str] = field(default_factory=dict)


@dataclass
class _Pattern:
    id: str
    action: str
    regex: re.Pattern[str]
    scope: str = "any"
    max_len: int = 300
    hints: dict[str, str] = field(default_factory=dict)
    comment: str = ""


@dataclass
class Rules:
    """Compiled rules: line patterns, settings and structural word lists."""

    patterns: list[_Pattern]
    settings: dict[str, Any]
    bio_markers: list[re.Pattern[str]]
    name_line: re.Pattern[str]
    stopwords: frozenset[str]
    sources: list[str] = field(default_factory=list)
    inline_markers: re.Pattern[str] | None = None   # link blocks inside a line (eventwire.ingest.inline)
    block_headings: frozenset[str] = frozenset()    # the same markers as a line of their own (lower case)


# ------------------------------------------------------------------ loading

_MACRO = re.compile(r"\{([A-Z][A-Z_]*)\}")


def _expand(regex: str, macros: dict[str, str]) -> str:
    for _ in range(5):  # macros may use macros; bounded depth
        expanded = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), regex)
        if expanded == regex:
            break
        regex = expanded
    return regex


def _read_yaml(path: Path) -> tuple[dict[str, Any], dict[Any, int]]:
    """The file's mapping and the line (1-based) of its parts: ``"patterns", i`` for the
    i-th pattern, and each top-level key."""
    try:
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text) or {}
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ValueError(f"{where}: cannot read boilerplate rules: {getattr(err, 'problem', None) or err}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise ValueError(f"{path}: cannot read boilerplate rules: {err}") from err
    if not isinstance(data, dict):
        raise ValueError(f"{path}:1: boilerplate rules: the top level must be a mapping")
    lines: dict[Any, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            lines[key.value] = key.start_mark.line + 1
            if key.value == "patterns" and isinstance(value, yaml.SequenceNode):
                for i, item in enumerate(value.value):
                    lines["patterns", i] = item.start_mark.line + 1
    return data, lines


def load_rules(*extra: str | Path, include_default: bool = True) -> Rules:
    """Load the default rule file plus *extra* YAML files (same shape) merged on top.

    A pattern whose ``id`` is already defined is updated key by key (``enabled: false``
    removes it).  Raises ``ValueError`` starting ``file:line:`` (the pattern's line) naming
    the rule when a file, a pattern or a regex is invalid.
    """
    files = ([DEFAULT_RULES_PATH] if include_default else []) + [Path(p) for p in extra]
    settings = dict(_DEFAULT_SETTINGS)
    macros: dict[str, str] = {}
    raw_patterns: dict[str, dict[str, Any]] = {}
    where: dict[str, str] = {}          # pattern id -> "file:line" of its last definition
    bio: list[str] = []
    name_line: str | None = None
    structural_at = "boilerplate structural rules"
    stopwords: set[str] = set()
    for path in files:
        data, lines = _read_yaml(path)
        at = f"{path}:{lines.get('settings', 1)}"
        settings_in = data.get("settings") or {}
        if not isinstance(settings_in, dict):
            raise ValueError(f"{at}: 'settings' must be a mapping")
        settings.update(settings_in)
        macros.update({str(k): str(v) for k, v in (data.get("macros") or {}).items()})
        entries = data.get("patterns") or []
        if not isinstance(entries, list):
            raise ValueError(f"{path}:{lines.get('patterns', 1)}: 'patterns' must be a list")
        for i, entry in enumerate(entries):
            at = f"{path}:{lines.get(('patterns', i), lines.get('patterns', 1))}"
            if not isinstance(entry, dict) or not entry.get("id"):
                raise ValueError(f"{at}: every boilerplate pattern needs an id: {entry!r}")
            pid = str(entry["id"])
            if entry.get("enabled", True) is False:
                raw_patterns.pop(pid, None)
                continue
            raw_patterns[pid] = {**raw_patterns.get(pid, {}), **entry}
            where[pid] = at
        structural = data.get("structural") or {}
        if not isinstance(structural, dict):
            raise ValueError(f"{path}:{lines.get('structural', 1)}: 'structural' must be a mapping")
        if structural:
            structural_at = f"{path}:{lines.get('structural', 1)}"
        bio.extend(str(x) for x in structural.get("bio_markers") or [])
        if structural.get("name_line"):
            name_line = str(structural["name_line"])
        stopwords.update(str(x).lower() for x in structural.get("stopwords") or [])

    patterns = []
    for pid, entry in raw_patterns.items():
        at = where[pid]
        action = entry.get("action", "drop")
        scope = entry.get("scope", "any")
        if action not in _ACTIONS or scope not in _SCOPES or "regex" not in entry:
            raise ValueError(f"{at}: boilerplate rule {pid!r}: needs a regex, action in {_ACTIONS}, scope in {_SCOPES}")
        flags = 0 if str(entry.get("case", "insensitive")).lower() == "sensitive" else re.IGNORECASE
        try:
            regex = re.compile(_expand(str(entry["regex"]), macros), flags)
        except re.error as err:
            raise ValueError(f"{at}: boilerplate rule {pid!r}: bad regex: {err}") from err
        hints = {str(k): str(v) for k, v in (entry.get("hints") or {}).items()}
        unknown = set(hints) - set(regex.groupindex)
        if unknown:
            raise ValueError(f"{at}: boilerplate rule {pid!r}: hints name unknown groups {sorted(unknown)}")
        try:
            max_len = int(entry.get("max_len", 300))
        except (TypeError, ValueError):
            raise ValueError(f"{at}: boilerplate rule {pid!r}: max_len must be a number") from None
        patterns.append(_Pattern(pid, action, regex, scope, max_len, hints, str(entry.get("comment", ""))))
    try:
        bio_res = [re.compile(_expand(b, macros), re.IGNORECASE) for b in bio]
        name_re = re.compile(_expand(name_line or r"^[A-Z][\w'.-]{0,30}(?: [A-Z][\w'.-]{0,30}){1,3}$", macros))
    except re.error as err:
        raise ValueError(f"{structural_at}: boilerplate structural rules: bad regex: {err}") from err
    return Rules(patterns, settings, bio_res, name_re, frozenset(stopwords), [str(f) for f in files],
                 markers_pattern(settings.get("inline_block_markers")),
                 frozenset(str(m).lower() for m in settings.get("inline_block_markers") or ()))


@lru_cache(maxsize=8)
def _cached_rules(extra: tuple[str, ...]) -> Rules:
    return load_rules(*extra)


def default_rules() -> Rules:
    """The packaged rules plus any files named in ``$EVENTWIRE_BOILERPLATE`` (cached)."""
    return rules_for(())


def rules_for(files: Iterable[str | Path] = ()) -> Rules:
    """The packaged rules, then the files named in ``$EVENTWIRE_BOILERPLATE``, then *files*
    (``Config.boilerplate_files``, ``eventwire code --boilerplate FILE``), merged in that
    order and cached.  Raises ``ValueError`` with ``file:line`` on a bad file."""
    env = tuple(p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip())
    return _cached_rules(env + tuple(str(f) for f in files))


# ------------------------------------------------------------ normalisation

def _build_table() -> dict[int, Any]:
    table: dict[int, Any] = {}
    for code in list(range(0x00, 0x20)) + [0x7F] + list(range(0x80, 0xA0)):
        table[code] = None
    table[0x09] = " "
    table[0x0A] = "\n"
    table[0x0B] = "\n"
    table[0x0C] = "\n"
    table[0x85] = "\n"
    table[0x2028] = "\n"
    table[0x2029] = "\n"
    for code in (0xA0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)):
        table[code] = " "
    for code in (0xAD, 0x180E, 0x200B, 0x2060, 0xFEFF, 0xFFFE, 0xFFFF, 0xFFF9, 0xFFFA, 0xFFFB):
        table[code] = None
    return table


_TABLE = _build_table()
_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r" {2,}")
_LINE_EDGES = re.compile(r" ?\n ?")
_BLANKS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Unix newlines, no control / zero-width characters or lone surrogates, NFC,
    single spaces, stripped lines, at most one blank line in a row."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)
    if not text.isascii():
        text = _SURROGATES.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _LINE_EDGES.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip()


# ---------------------------------------------------------- line predicates

_TERMINAL = frozenset(".!?…;:,")
_CLOSERS = "\"'”’»)]›*"
_OPENERS = "\"'“‘«([‹"


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _has_letter(line: str) -> bool:
    return any(ch.isalpha() for ch in line[:200])


def _headline_like(line: str | None, st: dict[str, Any]) -> bool:
    if not line or len(line) > st["headline_max_chars"] or _ends_sentence(line):
        return False
    return 0 < len(line.split()) <= st["headline_max_words"] and _has_letter(line)


def _first_alpha(word: str) -> str:
    for ch in word:
        if ch.isalpha():
            return ch
    return ""


def _title_case(line: str, stopwords: frozenset[str]) -> bool:
    words = [w for w in line.split() if _first_alpha(w)]
    if not words or not _first_alpha(words[0]).isupper():
        return False
    significant = [w for w in words[1:] if w.lower().strip(_OPENERS + _CLOSERS + ",") not in stopwords]
    if not significant:
        return True
    capital = sum(1 for w in significant if not _first_alpha(w).islower())
    return capital / len(significant) >= 0.75


def _name_like(line: str | None, rules: Rules) -> bool:
    return bool(line) and len(line) <= 60 and not any(ch.isdigit() for ch in line) \
        and rules.name_line.match(line) is not None


# ----------------------------------------------------------- the pattern pass

def _record(match: re.Match[str], pattern: _Pattern, hints: dict[str, str]) -> None:
    for group, key in pattern.hints.items():
        value = match.group(group)
        if value and value.strip() and key not in hints:
            hints[key] = value.strip()
    if "year" in match.re.groupindex and pattern.id.startswith("copyright") and match.group("year"):
        hints.setdefault("copyright_year", match.group("year"))


def _apply_patterns(line: str, in_head: bool, in_tail: bool, rules: Rules,
                    removed: list[str], hints: dict[str, str]) -> str | None:
    st = rules.settings
    for pattern in rules.patterns:
        if (pattern.scope == "head" and not in_head) or (pattern.scope == "tail" and not in_tail):
            continue
        if pattern.action == "strip":
            match = pattern.regex.match(line[: st["strip_scan_chars"]])
            if not match or match.end() == 0:
                continue
            _record(match, pattern, hints)
            removed.append(match.group(0).strip())
            line = line[match.end():].strip()
            if not line:
                return None
            continue
        if len(line) > pattern.max_len:
            continue
        match = pattern.regex.search(line)
        if not match:
            continue
        _record(match, pattern, hints)
        if pattern.action == "drop":
            removed.append(line)
            return None
        rest = _SPACES.sub(" ", (line[: match.start()] + " " + line[match.end():]).strip())
        if len(rest) < st["caption_max_chars"]:
            removed.append(line)
            return None
        removed.append(match.group(0))
        line = rest
    return line


# ------------------------------------------------------------ structure

def _content(lines: list[str | None]) -> list[int]:
    return [i for i, line in enumerate(lines) if line]


def _unwrap(lines: list[str | None], st: dict[str, Any]) -> list[str | None]:
    out: list[str | None] = []
    minimum = st["unwrap_min_chars"]
    for line in lines:
        prev = out[-1] if out else None
        if (line and prev and len(prev) >= minimum and not _ends_sentence(prev)
                and line[0].islower()):
            out[-1] = prev + " " + line
        else:
            out.append(line)
    return out


def _same_title(line: str, hint: str) -> bool:
    a, b = line.casefold(), hint.casefold()
    if a == b:
        return True
    return b.startswith(a) and len(a) >= 10 and b[len(a):len(a) + 3] in (" | ", " - ", " — ", " – ", " ::")


def _take_title(lines: list[str | None], rules: Rules, removed: list[str],
                title_hint: str | None) -> str | None:
    st = rules.settings
    idx = _content(lines)
    if len(idx) < 2:
        return None
    if title_hint and title_hint.strip():
        hint = " ".join(title_hint.split())
        for i in idx[:3]:
            line = lines[i]
            if line and _same_title(line, hint) and i != idx[-1]:
                if not (_ends_sentence(line) and len(line.split()) >= st["lede_min_words"]):
                    removed.append(line)
                    lines[i] = None
                # else: the "title" is the article's first sentence (a lede used as the title,
                # as in wire copy and ECB+): it stays in the body and is coded
                return line
    for k, i in enumerate(idx[: st["title_scan_lines"]]):
        line = lines[i] or ""
        words = len(line.split())
        if (i != idx[-1] and _headline_like(line, {**st, "headline_max_chars": st["title_max_chars"],
                                                   "headline_max_words": st["title_max_words"]})
                and words >= st["title_min_words"] and (line[0].isupper() or line[0].isdigit()
                                                        or line[0] in _OPENERS)):
            for j in idx[:k]:  # breadcrumbs / labels above the headline
                removed.append(lines[j] or "")
                lines[j] = None
            removed.append(line)
            lines[i] = None
            return line
        if not (_headline_like(line, st) and words <= 4):
            return None  # a body line comes first: no title
    return None


def _sidebar_run(lines: list[str | None], order: Iterable[int], rules: Rules) -> list[int]:
    st = rules.settings
    run = []
    for i in order:
        line = lines[i]
        if not line:
            continue
        if not _headline_like(line, st):
            break
        run.append(i)
    if len(run) < st["sidebar_min_lines"]:
        return []
    titled = sum(1 for i in run if _title_case(lines[i] or "", rules.stopwords))
    return run if titled / len(run) >= st["sidebar_titlecase_ratio"] else []


def _drop(lines: list[str | None], indexes: Iterable[int], removed: list[str]) -> None:
    for i in sorted(indexes):
        if lines[i]:
            removed.append(lines[i] or "")
            lines[i] = None


def _is_bio(line: str, prev: str | None, rules: Rules) -> bool:
    if len(line) > rules.settings["bio_max_chars"]:
        return False
    markers = sum(1 for regex in rules.bio_markers if regex.search(line))
    return markers >= 2 or (markers >= 1 and _name_like(prev, rules))


def _drop_marked_blocks(lines: list[str | None], rules: Rules, removed: list[str]) -> None:
    """A line that only names a block of other stories ("Related stories", "Most read": the
    settings' ``inline_block_markers``) and the headline-like lines after it, up to the next line
    of text: the block, in any case ("Kosovo election results delayed")."""
    st = rules.settings
    idx = _content(lines)
    for k, i in enumerate(idx):
        if (lines[i] or "").strip().rstrip(":").strip().lower() not in rules.block_headings:
            continue
        block = [i]
        for j in idx[k + 1:]:
            if not _headline_like(lines[j], st):
                break
            block.append(j)
        if len(block) > 1:
            _drop(lines, block, removed)


def _drop_structure(lines: list[str | None], rules: Rules, removed: list[str],
                    hints: dict[str, str]) -> None:
    # leading sidebar / navigation block (after the title was taken)
    idx = _content(lines)
    run = _sidebar_run(lines, idx, rules)
    if run and run[-1] != idx[-1]:
        _drop(lines, run, removed)
    # trailing debris: sidebar headlines, author bio, author name lines
    for _ in range(len(lines) + 1):
        idx = _content(lines)
        if not idx:
            return
        run = _sidebar_run(lines, reversed(idx), rules)
        if run:
            _drop(lines, run, removed)
            continue
        last = idx[-1]
        prev = lines[idx[-2]] if len(idx) > 1 else None
        line = lines[last] or ""
        if len(idx) > 1 and _is_bio(line, prev, rules):
            if _name_like(prev, rules):
                hints.setdefault("author", prev or "")
            _drop(lines, [last], removed)
            continue
        if len(idx) > 1 and _name_like(line, rules):
            hints.setdefault("author", line)
            _drop(lines, [last], removed)
            continue
        return


def _join(lines: list[str | None]) -> str:
    parts: list[str] = []
    gap = False
    for line in lines:
        if not line:
            gap = gap or bool(parts)
            continue
        if parts:
            parts.append("\n\n" if gap else "\n")
        parts.append(line)
        gap = False
    return "".join(parts)


def _finish_hints(hints: dict[str, str]) -> None:
    month_day = parse_month_day(hints.pop("dateline_md", None))
    year = hints.pop("dateline_year", None)
    if month_day:
        hints["dateline"] = month_day
        if year:
            full = parse_date(f"{year}-{month_day}")
            if full:
                hints["dateline_date"] = full


# ------------------------------------------------------------------ API

def clean_text(text: str, *, rules: Rules | None = None, title_hint: str | None = None) -> CleanResult:
    """Remove debris lines from extracted article text; see the module docstring.

    *title_hint* (e.g. the HTML ``<title>``) removes a leading line equal to it.
    Never raises on any ``str``; non-strings are treated as empty.
    """
    if not isinstance(text, str):
        text = ""
    rules = rules or default_rules()
    st = rules.settings
    normalised = normalize_text(text)
    removed: list[str] = []
    hints: dict[str, str] = {}
    if not normalised:
        return CleanResult("", None, removed, hints)
    lines: list[str | None] = [cut_inline_blocks(line, st, removed, rules.inline_markers)
                               for line in normalised.split("\n")]
    _drop_marked_blocks(lines, rules, removed)
    idx = _content(lines)
    n = len(idx)
    for rank, i in enumerate(idx):
        lines[i] = _apply_patterns(lines[i] or "", rank < st["head_lines"], rank >= n - st["tail_lines"],
                                   rules, removed, hints)
    lines = _unwrap(lines, st)
    title = _take_title(lines, rules, removed, title_hint)
    _drop_structure(lines, rules, removed, hints)
    gone = set(removed)
    for i, line in enumerate(lines):  # repeats of removed lines (e.g. the title again)
        if line and line in gone:
            lines[i] = None
    body = _join(lines)
    _finish_hints(hints)
    return CleanResult(body, title, removed, hints)


def extract_hints(text: str, *, rules: Rules | None = None, lines: int = 40) -> dict[str, str]:
    """Hints only (see :class:`CleanResult`), from the first and last *lines* lines."""
    if not isinstance(text, str) or not text:
        return {}
    if len(text) <= 20_000 and text.count("\n") < 2 * lines:
        excerpt = text
    else:
        head = text[:20_000].split("\n")[:lines]
        tail = text[-20_000:].split("\n")[-lines:]
        excerpt = "\n".join([*head, "", *tail])
    return clean_text(excerpt, rules=rules).hints
