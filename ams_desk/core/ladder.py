"""The seniority ladder: an ordered list of positions, lowest first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

DEFAULT_POSITIONS: tuple[str, ...] = (
    "PhD candidate",
    "Postdoc",
    "Researcher",
    "Assistant professor",
    "Associate professor",
    "Full professor",
)

_SYNONYMS: dict[str, str] = {
    "phd": "PhD candidate",
    "phd student": "PhD candidate",
    "phd candidate": "PhD candidate",
    "doctoral candidate": "PhD candidate",
    "doctoral student": "PhD candidate",
    "promovendus": "PhD candidate",
    "postdoc": "Postdoc",
    "post-doc": "Postdoc",
    "postdoctoral researcher": "Postdoc",
    "postdoctoral fellow": "Postdoc",
    "research fellow": "Researcher",
    "senior researcher": "Researcher",
    "scientist": "Researcher",
    "assistant prof": "Assistant professor",
    "tenure track": "Assistant professor",
    "universitair docent": "Assistant professor",
    "associate prof": "Associate professor",
    "universitair hoofddocent": "Associate professor",
    "professor": "Full professor",
    "full prof": "Full professor",
    "hoogleraar": "Full professor",
}


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


@dataclass(frozen=True)
class SeniorityLadder:
    """Positions from lowest to highest; a mentor must rank above the mentee."""

    positions: Sequence[str] = DEFAULT_POSITIONS

    def __post_init__(self) -> None:
        if not self.positions:
            raise ValueError("the seniority ladder needs at least one position")
        keys = [_key(p) for p in self.positions]
        if len(set(keys)) != len(keys):
            raise ValueError("the seniority ladder lists a position twice")

    def canonical(self, position: str) -> str | None:
        """The ladder's spelling of ``position`` (case, spacing and synonyms forgiven)."""
        wanted = _key(position)
        if not wanted:
            return None
        for known in self.positions:
            if _key(known) == wanted:
                return known
        synonym = _SYNONYMS.get(wanted)
        if synonym is not None:
            for known in self.positions:
                if _key(known) == _key(synonym):
                    return known
        return None

    def rank(self, position: str) -> int | None:
        """1 for the lowest position, ``len(positions)`` for the highest; None if unknown."""
        known = self.canonical(position)
        if known is None:
            return None
        return list(self.positions).index(known) + 1

    def unknown(self, positions: Iterable[str]) -> list[str]:
        """The positions in ``positions`` that are not on the ladder."""
        return [p for p in positions if p and self.rank(p) is None]
