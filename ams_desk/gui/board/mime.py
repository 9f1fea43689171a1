"""What a drag on the matching board carries: the sign-up ids of a mentee or of a draft."""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QMimeData

MENTEE_MIME = "application/x-ams-desk-mentee-signups"
"""A waiting mentee: ``{"mentee_signup_ids": [id]}``."""

DRAFT_MIME = "application/x-ams-desk-draft"
"""A draft being moved: ``{"pair_id": id, "mentee_signup_id": id, "mentor_signup_id": id}``."""

MIME_TYPES = [MENTEE_MIME, DRAFT_MIME]


@dataclass(frozen=True, slots=True)
class DragPayload:
    """A mentee being placed, or (with ``pair_id``) a draft being moved."""

    mentee_signup_id: int
    pair_id: int | None = None
    from_mentor_signup_id: int | None = None

    @property
    def is_move(self) -> bool:
        return self.pair_id is not None


def mentee_mime(mentee_signup_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(MENTEE_MIME, json.dumps({"mentee_signup_ids": [mentee_signup_id]}).encode())
    return data


def draft_mime(pair_id: int, mentee_signup_id: int, mentor_signup_id: int) -> QMimeData:
    data = QMimeData()
    payload = {
        "pair_id": pair_id,
        "mentee_signup_id": mentee_signup_id,
        "mentor_signup_id": mentor_signup_id,
    }
    data.setData(DRAFT_MIME, json.dumps(payload).encode())
    return data


def _ids(raw: object, *keys: str) -> list[int] | None:
    if not isinstance(raw, dict):
        return None
    values = [raw.get(key) for key in keys]
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return [int(v) for v in values]  # type: ignore[arg-type]
    return None


def decode(data: QMimeData | None) -> DragPayload | None:
    """The payload of a board drag, or None for anything else (text, files, other apps)."""
    if data is None:
        return None
    try:
        if data.hasFormat(DRAFT_MIME):
            raw = json.loads(bytes(data.data(DRAFT_MIME).data()))
            ids = _ids(raw, "pair_id", "mentee_signup_id", "mentor_signup_id")
            return DragPayload(ids[1], ids[0], ids[2]) if ids else None
        if data.hasFormat(MENTEE_MIME):
            raw = json.loads(bytes(data.data(MENTEE_MIME).data()))
            listed = raw.get("mentee_signup_ids") if isinstance(raw, dict) else None
            if isinstance(listed, list) and len(listed) == 1:
                ids = _ids({"id": listed[0]}, "id")
                return DragPayload(ids[0]) if ids else None
    except (ValueError, UnicodeDecodeError):
        return None
    return None
