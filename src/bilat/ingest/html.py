"""HTML pages: main text with trafilatura, publication date with htmldate."""

from __future__ import annotations

import datetime as dt

import trafilatura
from htmldate import find_date

from bilat.errors import InputError
from bilat.models import SourceText


def _date(html: str) -> dt.date | None:
    found = find_date(html, extensive_search=False, original_date=True)
    return dt.date.fromisoformat(found) if found else None


def from_html(html: str, origin: str) -> SourceText:
    """The article in ``html``; scripts, styles, navigation and markup are dropped."""
    if "<" not in html:
        raise InputError(origin, "not HTML: no markup found")
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
    )
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise InputError(origin, "no article text found in the HTML")
    return SourceText(
        origin=origin,
        text=text,
        title=getattr(extracted, "title", None),
        url=getattr(extracted, "url", None),
        source=getattr(extracted, "sitename", None),
        published=_date(html),
        language=None,
    )
