"""The import's bulk steps run with the cyclic collector paused (see :mod:`ams_desk.core.bulk`)."""

from __future__ import annotations

from ams_desk.core.bulk import paused_gc

__all__ = ["paused_gc"]
