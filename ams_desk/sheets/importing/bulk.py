"""The import's bulk steps pause the cyclic garbage collector: :func:`ams_desk.store.bulk.paused_gc`
(in the store, which reads the report's program in bulk too)."""

from __future__ import annotations

from ams_desk.store.bulk import paused_gc

__all__ = ["paused_gc"]
