"""One exception family: every message is something a user can act on."""

REASON_CHARS = 500  # a reason longer than this is cut: it is one line of a report


def one_line(text: str, limit: int = REASON_CHARS) -> str:
    """``text`` with its whitespace (line breaks too) collapsed, cut to ``limit`` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def describe(exc: BaseException) -> str:
    """An exception nobody foresaw as one line: its type and its message."""
    message = one_line(str(exc), 200)
    return f"{exc.__class__.__name__}: {message}" if message else exc.__class__.__name__


class BilatError(Exception):
    """Base class for every error bilat raises on purpose."""


class InputError(BilatError):
    """An input (file, line, stream) that cannot become a document; ``reason`` is one line."""

    def __init__(self, origin: str, reason: str) -> None:
        reason = one_line(reason)
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class NotFoundError(BilatError):
    """A name or id that the store does not hold."""


class DatabaseError(BilatError):
    """The database cannot be opened, migrated or written."""
