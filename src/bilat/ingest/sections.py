"""Sort a document's lines into headline, headings, body, FAQ and boilerplate.

The rules are data (``lexicon/sections.yaml``); this module applies them line by line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from bilat.lexicon import load
from bilat.models import Block, Section

_QUOTES = "\"'“”‘’)]"
_QUOTE_MAP = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
# spaCy reads one block at a time and refuses texts over ``nlp.max_length``; a line longer
# than this is cut into blocks of at most this many characters (its offsets kept).
MAX_BLOCK_CHARS = 10_000
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


def same_text(a: str, b: str) -> bool:
    """Equal but for whitespace and the style of quotes."""
    return " ".join(a.translate(_QUOTE_MAP).split()) == " ".join(b.translate(_QUOTE_MAP).split())


@dataclass(frozen=True)
class _Rules:
    faq: re.Pattern[str]
    boilerplate: re.Pattern[str]
    list_marker: re.Pattern[str]
    max_words: int
    closing: str
    capitalised_share: float
    subhead_words: int


def _either(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@cache
def _rules() -> _Rules:
    data = load("sections")
    heading = data["heading"]
    return _Rules(
        faq=_either(data["faq_start"]),
        boilerplate=_either(data["boilerplate"]),
        list_marker=re.compile(data["list_marker"]),
        max_words=int(heading["max_words"]),
        closing=str(heading["closing_punctuation"]),
        capitalised_share=float(heading["min_capitalised_share"]),
        subhead_words=int(heading["subhead_max_words"]),
    )


def is_heading(line: str) -> bool:
    """Short, unpunctuated at the end, and mostly capitalised words."""
    rules = _rules()
    words = re.findall(r"[^\W\d_][\w'’\-]*", line)
    bare = line.rstrip().rstrip(_QUOTES)
    if not words or not bare or len(words) > rules.max_words or bare[-1] in rules.closing:
        return False
    long_words = [w for w in words if len(w) > 3] or words
    share = sum(1 for w in long_words if w[0].isupper()) / len(long_words)
    return share >= rules.capitalised_share


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line)))
        pos += len(line) + 1
    return spans


def split_blocks(
    text: str, title: str | None = None, body_ends_before: str | None = None
) -> tuple[Block, ...]:
    """One block per non-empty line, with its section and whether it is a list item."""
    rules = _rules()
    blocks: list[Block] = []
    in_faq, headline_done = False, False
    lines = _lines(text)
    for n, (start, end) in enumerate(lines):
        line = text[start:end]
        if (body_ends_before and line.startswith(body_ends_before)) or rules.faq.match(line):
            in_faq = True
        marker = rules.list_marker.match(line)
        section: Section
        if rules.boilerplate.match(line):
            section = "boilerplate"
        elif in_faq:
            section = "faq"
        elif title and not headline_done and same_text(line, title):
            section, headline_done = "headline", True
        elif not marker and (is_heading(line) or _subhead(line, text, lines[n + 1 : n + 2])):
            section = "heading"
        else:
            section = "body"
        if marker and marker.end() < len(line):
            start += marker.end()
        for piece_start, piece_end in bounded(text, start, end):
            blocks.append(Block(piece_start, piece_end, section, list_item=bool(marker)))
    return tuple(blocks if headline_done else _promote_headline(text, blocks))


def bounded(
    text: str, start: int, end: int, limit: int = MAX_BLOCK_CHARS
) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` as spans of at most ``limit`` characters, each cut after the last
    sentence end in its window, else at the last space, else at ``limit`` exactly."""
    while end - start > limit:
        window = text[start : start + limit]
        cut = _cut(window)
        piece = window[:cut].rstrip()
        if piece:
            yield start, start + len(piece)
        start += cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def _cut(window: str) -> int:
    """Where to end a piece of an over-long line: late in ``window``, at a sentence end or
    a space if there is one in its second half."""
    half = len(window) // 2
    ends = [m.end() for m in _SENTENCE_END.finditer(window, half)]
    if ends:
        return ends[-1]
    space = max(window.rfind(" "), window.rfind("\t"))
    return space + 1 if space >= half else len(window)


def _subhead(line: str, text: str, following: list[tuple[int, int]]) -> bool:
    """A sentence-case subhead: a short line without closing punctuation over a paragraph
    that has it ("19:20 BST — Russian embassy warns of consequences")."""
    rules = _rules()
    bare = line.rstrip().rstrip(_QUOTES)
    if not bare or bare[-1] in rules.closing or len(line.split()) > rules.subhead_words:
        return False
    if not following:
        return False
    nxt = text[following[0][0] : following[0][1]].rstrip().rstrip(_QUOTES)
    marker = rules.list_marker.match(nxt)
    return (
        bool(nxt) and not marker and nxt[-1] in ".!?" and len(nxt.split()) >= 2 * len(line.split())
    )


def _promote_headline(text: str, blocks: list[Block]) -> list[Block]:
    """Without a known title, a heading of three words or more on the first line is the headline."""
    if blocks and blocks[0].section == "heading":
        first = blocks[0]
        if len(text[first.start : first.end].split()) >= 3:
            blocks[0] = Block(first.start, first.end, "headline", first.list_item)
    return blocks
