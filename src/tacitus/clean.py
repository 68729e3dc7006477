"""Page furniture out: titles, captions, headings, datelines, bylines, tails, captchas.

``clean`` is the last stage that rewrites ``Article.text``; every later Span is an
offset into what it returns. It only ever drops whole paragraphs or lines (plus a
leading dateline), so each body sentence survives character for character. The
rules are general layout rules read from ``data/furniture.toml``, never one page's words.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from collections.abc import Mapping, Set
from dataclasses import dataclass
from importlib import resources
from itertools import islice
from types import MappingProxyType

from tacitus.errors import ResourceError
from tacitus.lexicon import SPEECH
from tacitus.prefilter import Prefilter
from tacitus.types import Article, Span

_FINAL = ".!?\"”’'…"  # a paragraph ending in one of these is a sentence, not a heading
_CONTINUES = ":;,"  # ...and one ending in these leads into the next paragraph
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_WORD = re.compile(r"\w[\w'’.-]*")
_SPEECH = re.compile(r"[\"“”]|\b" + SPEECH.pattern("caption") + r"\b", re.I)  # body, not caption
_TAIL_SHARE = 0.3  # a tail marker in the first 30% of the text is body, not tail
_MAX_CAPTION_WORDS = 40
_MAX_HEADING_WORDS = 7  # "< 8 words"
_TITLE_CHARS = 200
_PARTED = ("byline", "social", "caption")  # furniture.toml's lists of alternatives
# "CITY – ", "CITY, Country (Agency) — ", "KABUL, Jan 5 (Reuters) - ": text before a
# spaced dash, optionally an agency in brackets, then a body that starts like a sentence.
_DATELINE = re.compile(
    r"^(?P<pre>[^\n()–—]{2,60}?)\s*(?:\((?P<agency>[^()\n]{2,40})\)\s*)?"
    r"(?:[–—]|-{1,2})\s+(?=[A-Z0-9\"“‘'(])"
)


@dataclass(frozen=True, slots=True)
class Furniture:
    """The compiled rules from data/furniture.toml (read-only)."""

    tail_lines: frozenset[str]
    tail_prefixes: tuple[str, ...]
    tail_pattern: re.Pattern[str]
    credit_only: re.Pattern[str]
    byline_by: re.Pattern[str]
    media_player: re.Pattern[str]
    share_words: frozenset[str]
    captcha: re.Pattern[str]
    particles: frozenset[str]
    # The byline, social and caption patterns, each kind a list of alternatives kept
    # apart: a text is of the kind when one matches, and only those whose words ("photo",
    # "reporting", "cookies") it holds are run, told by one scan (``may_match``, exact:
    # tacitus.prefilter). Joined, all were tried at every character of every line.
    parts: Mapping[str, tuple[re.Pattern[str], ...]]
    may_match: Prefilter[tuple[str, int]]

    @classmethod
    def from_toml(cls, text: str) -> Furniture:
        """Rules from the text of a furniture TOML file."""
        try:
            d = tomllib.loads(text)
            ci = re.IGNORECASE
            number = r"(?:\d+|" + "|".join(map(re.escape, d["number_words"])) + ")"
            op = "(?:" + "|".join(d["captcha_operators"]) + ")"
            parts = {kind: tuple(re.compile(part, ci) for part in d[kind]) for kind in _PARTED}
            return cls(
                tail_lines=frozenset(s.lower() for s in d["tail_lines"]),
                tail_prefixes=tuple(s.lower() for s in d["tail_prefixes"]),
                tail_pattern=re.compile(d["tail_pattern"], ci),
                credit_only=re.compile(d["credit_only"], ci),
                byline_by=re.compile(d["byline_by"]),
                media_player=re.compile(d["media_player"], ci),
                share_words=frozenset(s.lower() for s in d["share_words"]),
                captcha=re.compile(rf"^\s*{number}\s*{op}\s*{number}\s*=\s*(?:{number}|_+|\?)?\s*$", ci),
                particles=frozenset(d["name_particles"]),
                parts=MappingProxyType(parts),
                may_match=Prefilter.anywhere({(kind, i): p for kind, ps in parts.items() for i, p in enumerate(ps)}),
            )
        except (tomllib.TOMLDecodeError, KeyError, re.error) as exc:
            raise ResourceError(f"data/furniture.toml is malformed: {exc}") from exc

    @classmethod
    def load(cls) -> Furniture:
        """The bundled rules (data/furniture.toml)."""
        try:
            text = resources.files("tacitus").joinpath("data", "furniture.toml").read_text("utf-8")
        except (FileNotFoundError, UnicodeDecodeError) as exc:
            raise ResourceError(f"data/furniture.toml is missing or unreadable: {exc}") from exc
        return cls.from_toml(text)


@functools.cache
def default_furniture() -> Furniture:
    """The bundled rules, loaded once."""
    return Furniture.load()


# ---------------------------------------------------------------- small predicates

def _words(s: str, most: int) -> int:
    """The words of ``s``, counted up to ``most + 1``: every caller asks "at most so
    many?", and most paragraphs answer no long before their end."""
    return len(list(islice(_WORD.finditer(s), most + 1)))


def _ends_sentence(s: str) -> bool:
    # a closing quote ends a sentence only after end punctuation: 'he said "no."' does,
    # a headline 'Opposition Insists on ‘Peaceful Protest’' does not
    s = s.rstrip().rstrip(")]").rstrip("\"”’'").rstrip(")]")
    return bool(s) and s[-1] in _FINAL


def _continues(s: str) -> bool:
    s = s.rstrip()
    return bool(s) and s[-1] in _CONTINUES


def _is_heading(s: str) -> bool:
    """A paragraph of < 8 words with no sentence-final punctuation: a heading or label."""
    return not _ends_sentence(s) and not _continues(s) and _words(s, _MAX_HEADING_WORDS) <= _MAX_HEADING_WORDS


def _titlecase_line(s: str) -> bool:
    """A short line whose words are mostly capitalised ("Russian Airstrikes", "World")."""
    words = [w for w in s.split() if len(w) > 3]
    caps = sum(1 for w in words if w[0].isupper() or not w[0].isalpha())
    return _is_heading(s) and (not words or caps * 2 >= len(words) + 1 or caps == len(words))


def _starts_paragraph(s: str) -> bool:
    s = s.lstrip()
    return bool(s) and (s[0].isupper() or s[0].isdigit() or s[0] in "\"“‘'(")


def _line_is_furniture(line: str, f: Furniture) -> bool:
    """Captchas, bylines, credits, cookie/newsletter/social lines and share-button rows."""
    s = line.strip()
    if not s:
        return False
    if f.captcha.match(s):
        return True
    n = _words(s, 40)
    if n > 40:
        return _share_row(s, f)
    wanted = f.may_match.candidates(s, s.lower())
    if _matches(s, "byline", wanted, f) or (n <= 12 and f.byline_by.match(s)):
        return True
    if n <= 25 and _matches(s, "social", wanted, f):
        return True
    return _share_row(s, f)


def _matches(s: str, kind: str, wanted: Set[tuple[str, int]], f: Furniture) -> bool:
    """One of the ``kind`` patterns matches ``s`` (``wanted``: those that may)."""
    return any(p.search(s) for i, p in enumerate(f.parts[kind]) if (kind, i) in wanted)


def _share_row(s: str, f: Furniture) -> bool:
    """A row of share buttons: "Share | Facebook | Twitter"."""
    tokens = [t for t in re.split(r"[\s|·•/,]+", s.lower()) if t]
    return bool(tokens) and all(t.strip(":") in f.share_words for t in tokens)


def _is_tail_marker(line: str, f: Furniture) -> bool:
    s = " ".join(line.split()).lower().rstrip(":").strip()
    if s in f.tail_lines or f.tail_pattern.match(s):
        return True
    return s.startswith(f.tail_prefixes) and _words(s, 12) <= 12


def _is_caption(p: str, f: Furniture) -> bool:
    if _words(p, _MAX_CAPTION_WORDS) > _MAX_CAPTION_WORDS:
        return False
    return _matches(p, "caption", f.may_match.candidates(p, p.lower()), f) and not _DATELINE.match(p)


def _caption_like(p: str) -> bool:
    """A short one-line description without speech: what a caption above a credit looks like."""
    return "\n" not in p and _words(p, 25) <= 25 and not _SPEECH.search(p)


def _is_credit_only(p: str, f: Furniture) -> bool:
    return _words(p, 8) <= 8 and bool(f.credit_only.match(p.strip())) and not _DATELINE.match(p)


# ---------------------------------------------------------------- paragraphs

def _blocks(text: str) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks as (offset in text, lines with trailing spaces cut)."""
    out = []
    pos = 0
    for chunk in _BLANK_LINES.split(text):
        start = text.find(chunk, pos) if chunk else pos
        pos = start + len(chunk)
        lines = [ln.rstrip() for ln in chunk.split("\n")]
        while lines and not lines[0].strip():
            lines.pop(0)
        while lines and not lines[-1].strip():
            lines.pop()
        if lines:
            out.append((start, lines))
    return out


def _groups(lines: list[str], f: Furniture) -> list[list[str]]:
    """Split one block into paragraphs at line breaks that end one.

    Texts from JSON dumps often put one paragraph per line without blank lines, while
    hard-wrapped text breaks mid-sentence. A break ends a paragraph when the line before
    ends a sentence, or is a short capitalised heading, and the next line starts like a
    paragraph; other breaks are wrapping and stay inside the paragraph.
    """
    groups: list[list[str]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        first_of_group = len(groups[-1]) == 1
        heading = first_of_group and _titlecase_line(prev)
        if _starts_paragraph(line) and (_ends_sentence(prev) or heading or _is_caption(prev, f)):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def _cut_tail(blocks: list[tuple[int, list[str]]], length: int, f: Furniture) -> list[list[str]]:
    """Block lines up to the first tail marker past the first 30% of the text."""
    kept: list[list[str]] = []
    for start, lines in blocks:
        offset = start
        for i, line in enumerate(lines):
            if offset >= length * _TAIL_SHARE and _is_tail_marker(line, f):
                if lines[:i]:
                    kept.append(lines[:i])
                return kept
            offset += len(line) + 1
        kept.append(lines)
    return kept


def _split_title(groups: list[list[str]], title: str, f: Furniture) -> tuple[list[list[str]], str]:
    """Take a title line off the top (plain text), or drop a repeat of the known title.

    Runs before furniture is removed: the title is the text's first paragraph, so a
    text opening with a byline or a caption has none (its second line is no title).
    """
    if not groups:
        return groups, title
    first = "\n".join(groups[0]).strip()
    if title:
        head, known = " ".join(first.split()).lower(), " ".join(title.split()).lower()
        # pages often title themselves "Headline - Outlet" and repeat just the headline
        same = head == known or (known.startswith(head) and not _ends_sentence(head) and "\n" not in first)
        return (groups[1:] if same else groups), title
    alpha_words = sum(1 for w in first.split() if sum(ch.isalpha() for ch in w) >= 2)
    if len(groups) > 1 and "\n" not in first and len(first) < _TITLE_CHARS and alpha_words >= 3 \
            and not _ends_sentence(first) and not _continues(first) \
            and not _line_is_furniture(first, f) and not _is_caption(first, f):
        return groups[1:], " ".join(first.split())
    return groups, title


def _drop_furniture(paras: list[str], outlet: str, f: Furniture) -> list[str]:
    """Captions (with the line a credit follows), headings and the outlet's name."""
    kept: list[str] = []
    # A short unpunctuated line is a heading only beside a body of real sentences; a
    # text that is nothing but such lines (a headline-style report) is the body itself.
    has_body = any(_ends_sentence(p) for p in paras)
    for p in paras:
        if _is_credit_only(p, f):
            if kept and _caption_like(kept[-1]):
                kept.pop()  # the caption this credit belongs to
            continue
        if _is_caption(p, f) or _is_tail_marker(p, f) or (has_body and _is_heading(p)):
            continue
        if outlet and " ".join(p.split()).lower() == " ".join(outlet.split()).lower():
            continue
        kept.append(p)
    return kept


def _place(pre: str, f: Furniture) -> str | None:
    """The place in a dateline's lead-in ("KABUL", "Deir ez-Zor, Syria"), if it is one."""
    place, _, rest = pre.partition(",")
    place = place.strip()
    tokens = place.split()
    if not 1 <= len(tokens) <= 4 or _words(rest, 4) > 4 or not place[:1].isupper():
        return None
    for tok in tokens:
        head = re.split(r"[-’']", tok)[0]
        if tok[0].isupper() or head.lower() in f.particles:
            continue
        low = re.match(r"([a-z]{1,3})([A-Z]\w*)$", tok)  # "ezZor": a particle run together
        if low and low.group(1) in f.particles:
            continue
        return None
    if place.isupper():
        place = place.title()
    return place


def _split_dateline(paras: list[str], f: Furniture) -> tuple[list[str], str]:
    if not paras:
        return paras, ""
    m = _DATELINE.match(paras[0])
    place = _place(m.group("pre"), f) if m else None
    if not m or not place:
        return paras, ""
    return [paras[0][m.end():], *paras[1:]], place


# ---------------------------------------------------------------- public

def clean(article: Article, furniture: Furniture | None = None) -> Article:
    """`article` with page furniture removed from its text.

    Returns a new Article whose text is the kept body, paragraphs joined by blank
    lines; a title line (plain text without a title) moves to ``title`` and a leading
    dateline's place to ``dateline``. Nothing inside a kept sentence changes.
    """
    return _clean(article, furniture) if furniture is not None else _clean_as_bundled(article)


# The store keeps the cleaned text of each article it stores (tacitus.store.coded), right
# after the pipeline cleaned that article in a batch of up to 32: remembering the last
# articles cleaned saves cleaning each twice (a tenth of the time to code one).
_REMEMBERED = 64


@functools.lru_cache(maxsize=_REMEMBERED)
def _clean_as_bundled(article: Article) -> Article:
    return _clean(article, default_furniture())


def _clean(article: Article, f: Furniture) -> Article:
    text = article.text.replace("\r\n", "\n").replace("\r", "\n")
    if "share this video" in text.lower():  # the player's fixed words: most texts skip the scan
        text = f.media_player.sub("\n\n", text)
    blocks = _blocks(text)
    lines_by_block = _cut_tail(blocks, len(text), f)
    groups = [g for lines in lines_by_block for g in _groups(lines, f)]
    groups, title = _split_title(groups, article.title, f)
    paras: list[str] = []
    for group in groups:
        kept = [ln for ln in group if not _line_is_furniture(ln, f)]
        if any(ln.strip() for ln in kept):
            paras.append("\n".join(kept))
    paras = _drop_furniture(paras, article.outlet, f)
    paras, dateline = _split_dateline(paras, f)
    return dataclasses.replace(
        article,
        text="\n\n".join(paras),
        title=title,
        dateline=dateline or article.dateline,
    )


def paragraphs(text: str) -> tuple[Span, ...]:
    """The paragraphs of a cleaned text as Spans (blank-line separated, ends trimmed)."""
    spans = []
    for m in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        end = m.start() + len(m.group().rstrip())
        spans.append(Span(start, end, text[start:end]))
    return tuple(spans)
