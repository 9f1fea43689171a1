"""The mentorship program's domain: people, sign-ups, pairs and their rules.

Nothing here imports Qt or SQLAlchemy; every rule is a plain function over the
dataclasses of :mod:`ams_desk.core.model`.
"""
