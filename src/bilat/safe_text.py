"""Text from inputs, made safe for the terminal.

Article text, titles, entity names, paths and user arguments never reach Rich as markup
and never reach the terminal with control characters in them. Everything bilat prints
for people goes through this module:

* :func:`text` — one value as a Rich :class:`~rich.text.Text` (optionally styled);
* :func:`markup` — a line of our own markup with values filled in, like ``str.format``:
  the template is markup, every field is data (``[red]error:[/red] {}``).

Both use :func:`clean`, which makes control characters visible: C0 (except newline and
tab), DEL and C1 are shown as ``\\x1b``-style escapes, so an escape sequence in a title
prints as harmless text (``\\x1b[2J``) instead of clearing the screen or hiding a link.
A carriage return counts as a line break. Values are never parsed as markup or emoji
codes, so ``[/i]`` or ``[link=…]`` in an article prints as written.

JSON output is exact data and does not use this module.
"""

from __future__ import annotations

import re
import string
from typing import Any

from rich.text import Text

# C0 controls except tab (\x09) and newline (\x0a), DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FIELD = "\ue000"  # a private-use character marks where a field goes in a template


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def clean(value: object) -> str:
    """``str(value)`` with carriage returns as newlines and other control characters
    shown as ``\\xNN``."""
    s = value if isinstance(value, str) else str(value)
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(_visible, s)


def text(value: object, style: str = "") -> Text:
    """One input-derived value as Rich text: cleaned, never parsed as markup."""
    return Text(clean(value), style=style)


class _Fields(string.Formatter):
    """Formats each field as usual, records it, and leaves a marker in its place."""

    def __init__(self) -> None:
        self.values: list[str] = []

    def format_field(self, value: Any, format_spec: str) -> str:
        self.values.append(clean(format(value, format_spec)))
        return _FIELD


def markup(template: str, /, *args: Any, **kwargs: Any) -> Text:
    """``template`` (our own Rich markup) with ``{}`` fields filled from ``args``/``kwargs``
    as literal, cleaned text that takes the style of the markup around it.

    ``markup("[red]failed:[/red] {}: {}", path, detail)``; format specs and ``!r``
    work as in ``str.format``.
    """
    fields = _Fields()
    skeleton = Text.from_markup(fields.vformat(template, args, kwargs), emoji=False)
    if not fields.values:
        return skeleton
    out = Text(style=skeleton.style, end=skeleton.end)
    values = iter(fields.values)
    pos = 0
    plain = skeleton.plain
    for i, char in enumerate(plain):
        if char != _FIELD:
            continue
        if i > pos:
            out.append_text(skeleton[pos:i])
        value = Text(next(values))
        for span in skeleton[i : i + 1].spans:
            value.stylize(span.style)
        out.append_text(value)
        pos = i + 1
    if pos < len(plain):
        out.append_text(skeleton[pos:])
    return out
