"""One exception family: every message is something a user can act on."""


class BilatError(Exception):
    """Base class for every error bilat raises on purpose."""


class InputError(BilatError):
    """An input (file, line, stream) that cannot become a document."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class NotFoundError(BilatError):
    """A name or id that the store does not hold."""


class DatabaseError(BilatError):
    """The database cannot be opened, migrated or written."""
