"""The app's operations: each runs one store service and returns an :class:`Outcome`.

An operation is a plain function ``op(db) -> Outcome`` (see
:mod:`ams_desk.store.changes`): the service's result, the :class:`Changes` it
made, and the operation that takes it back. Each module here covers one area
and is imported as a namespace by the GUI::

    from ams_desk.store.ops import signups
    ops.run("Withdraw Eva", partial(signups.set_statuses, statuses={12: WITHDRAWN}))

Writing a new one: call the service once, list what it touched in
``Changes.of(...)`` (a pair's change lists its two sign-ups too), and return as
``undo`` a :func:`functools.partial` of the operation that restores the
previous state — whose own outcome returns, as *its* ``undo``, an operation
that makes the change again (redo). Return ``undo=None`` when the change
cannot be taken back (an import, an email sent).
"""
