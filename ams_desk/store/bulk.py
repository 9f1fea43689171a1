"""Pausing CPython's cyclic garbage collector around bulk steps (an import, the report's read).

Reading, checking and writing 10,000 rows allocates hundreds of thousands of
small tuples and dataclasses. Each batch of allocations triggers a collection,
and the oldest generation — by then holding the whole sheet — is scanned again
and again: about half of the time of the checking step on a large sheet. None
of these objects form reference cycles, so nothing is lost by not looking for
them while the step runs; reference counting frees them as usual.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the ``with`` block with the cyclic collector off; restore its previous state after.

    The collector is process-wide: another thread's work is not collected for
    cycles either while the block runs (seconds at most), which is harmless.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
