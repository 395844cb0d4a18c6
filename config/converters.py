"""URL converters shared by every app's URLs."""

from __future__ import annotations

# The largest id a 64-bit primary key holds, on SQLite and PostgreSQL alike.
MAX_ID = 2**63 - 1


class IdConverter:
    """A row id: digits whose value a primary key can hold.

    An id beyond that matches no URL, so it answers 404 like any unknown id, instead of
    reaching a query the database driver cannot send.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError(f"{value} is not a row id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
