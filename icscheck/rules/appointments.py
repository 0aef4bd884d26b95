"""What BOARD-017 and BOARD-018 share: a post's appointer and approver, checked where given."""

from __future__ import annotations

from collections.abc import Iterator

from icscheck.model import Person
from icscheck.rules.base import Gap
from icscheck.vocabulary import words


def wrongly(person: Person, post: str, by: str, approver: str) -> Iterator[Gap]:
    """A gap for each of the holder's ``appointed_by`` and ``approved_by`` that is given and
    is not what the Act says."""
    for field, expected, verb in (
        ("appointed_by", by, "appointed by"),
        ("approved_by", approver, "approved by"),
    ):
        given = getattr(person, field)
        if given is not None and given != expected:
            yield Gap(
                person.at(field),
                f"{post} '{person.id}' is {verb} {words(given)}; the Act says {verb} {words(expected)}",
            )
