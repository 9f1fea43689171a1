"""Rendering: the sandbox, strict fields, and errors naming template, field and pair."""

from __future__ import annotations

import pytest
from mail_helpers import T0, Cast

from ams_desk.core.workflow import PairStatus
from ams_desk.mail.fields import FIELDS
from ams_desk.mail.outbox import preview_email
from ams_desk.mail.render import RenderError, render
from ams_desk.mail.templates import DEFAULT_KEYS, Template
from ams_desk.store.database import Database
from ams_desk.store.pairs import change_status


def _t(body: str, subject: str = "s") -> Template:
    return Template("probe", "Probe", subject, body, ("mentor",))


CONTEXT = {"mentor": {"name": "Eva", "projects": ["a", "b"]}, "pair": {"id": 3}}


@pytest.mark.parametrize(
    "body",
    [
        "{{ ''.__class__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ mentor|attr('__class__') }}",
        "{{ mentor|attr('__len__') }}",
        "{{ mentor.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ lipsum.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ mentor.projects.append('x') }}",
        "{{ mentor.update({'name': 'x'}) }}",
        "{{ 'x' * 100000000 }}",
        "{{ 9 ** 9999999 }}",
        "{% for i in range(10**9) %}{% endfor %}",
        "{{ config }}",
        "{{ request }}",
    ],
)
def test_templates_cannot_reach_python_internals(body: str) -> None:
    with pytest.raises(RenderError) as caught:
        render(_t(body), CONTEXT, pair_id=3)
    assert caught.value.template == "probe"
    assert CONTEXT == {"mentor": {"name": "Eva", "projects": ["a", "b"]}, "pair": {"id": 3}}


def test_context_must_be_plain_data() -> None:
    class Row:
        name = "x"

    with pytest.raises(TypeError, match="plain data"):
        render(_t("{{ row.name }}"), {"row": Row()})


def test_missing_field_names_template_field_and_pair() -> None:
    with pytest.raises(RenderError) as caught:
        render(_t("Due {{ pair.response_due }}"), CONTEXT, pair_id=3, what="pair 3 (Eva → Jan)")
    assert caught.value.field == "pair.response_due"
    assert caught.value.pair_id == 3
    assert "Probe" in str(caught.value) and "pair 3 (Eva → Jan)" in str(caught.value)
    with pytest.raises(RenderError) as caught:
        render(_t("{{ nobody.name }}"), CONTEXT)
    assert caught.value.field == "nobody"


def test_guarded_fields_render() -> None:
    text = render(_t("{% if pair.questions is defined %}Q{% else %}none{% endif %}"), CONTEXT)
    assert text.body == "none"


def test_subject_is_one_line() -> None:
    text = render(_t("b", subject="Hello\n{{ mentor.name }}\r\n  !"), CONTEXT)
    assert text.subject == "Hello Eva !"


def test_every_standard_template_renders_on_a_pair_that_reached_its_step(
    db: Database, cast: Cast
) -> None:
    from datetime import timedelta

    steps = [
        (PairStatus.PROPOSED, {}, ("proposal_to_mentor", "proposal_reminder_to_mentor")),
        (PairStatus.MENTOR_AGREED, {}, ("introduction_to_mentee",)),
        (PairStatus.INTRODUCED, {}, ()),
        (PairStatus.FIRST_CONTACT, {"questions": "1. How?\n2. Why?"},
         ("response_reminder_to_mentor",)),
        (PairStatus.MENTOR_RESPONDED, {}, ()),
        (PairStatus.MEETING_PLANNED, {"meeting_date": "2026-04-01", "place": "Room 1"}, ()),
        (PairStatus.MET, {}, ("evaluation_request_to_mentee", "closing_thanks")),
    ]
    rendered = set()
    for day, (status, details, keys) in enumerate(steps):
        if status is not PairStatus.PROPOSED:
            change_status(db, cast.pair_id, status, at=T0 + timedelta(days=day), details=details)
        for key in keys:
            preview = preview_email(db, key, pair_id=cast.pair_id, today=T0.date())
            assert "{{" not in preview.text.body and preview.built.to
            rendered.add(key)
            if key == "response_reminder_to_mentor":
                assert "1. How?\n2. Why?" in preview.text.body
                flat = " ".join(preview.text.body.split())
                assert "by 2026-03-26 (24 days from today)" in flat
    preview = preview_email(db, "signup_received", signup_id=cast.mentee.signup_id)
    assert preview.built.to == ("jan@ams.org",)
    assert "Dear Jan" in preview.text.body
    assert rendered | {"signup_received"} == set(DEFAULT_KEYS)


def test_a_step_not_reached_is_refused_with_the_field(db: Database, cast: Cast) -> None:
    with pytest.raises(RenderError) as caught:
        preview_email(db, "response_reminder_to_mentor", pair_id=cast.pair_id)
    assert caught.value.field.startswith("pair.")
    assert f"pair {cast.pair_id} (Eva Müller → Jan Jansen)" in str(caught.value)


def test_field_list_covers_what_the_templates_use() -> None:
    import re

    from ams_desk.mail.templates import default_template

    names = {f.name for f in FIELDS}
    for key in DEFAULT_KEYS:
        template = default_template(key)
        used = set(re.findall(r"{{\s*([a-z_]+\.[a-z_]+)", template.subject + template.body))
        assert used <= names, (key, used - names)
