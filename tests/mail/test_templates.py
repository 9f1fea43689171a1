"""Templates: the shipped defaults, the team's edits and own templates, reset to default."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ams_desk.mail.templates import (
    DEFAULT_KEYS,
    Template,
    TemplateError,
    default_template,
    delete_template,
    format_template,
    get_template,
    list_templates,
    parse_template,
    reset_template,
    save_template,
    templates_dir,
)
from ams_desk.store.database import Database


def test_the_seven_standard_templates_are_shipped_and_parse() -> None:
    assert len(DEFAULT_KEYS) == 7
    files = sorted(p.stem for p in templates_dir().glob("*.txt"))
    assert files == sorted(DEFAULT_KEYS)
    for key in DEFAULT_KEYS:
        template = default_template(key)
        assert template.subject and template.body.strip() and template.to_roles
        assert template.is_default and not template.is_edited
        assert parse_template(key, format_template(template), is_default=True) == template


@pytest.mark.slow
def test_the_built_wheel_installs_the_templates_where_the_app_finds_them(tmp_path: Path) -> None:
    """Building the wheel (as pip does for an install) puts resources/templates in the package."""
    root = Path(__file__).resolve().parents[2]
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)],
        capture_output=True, text=True, timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(f"no wheel could be built here: {build.stderr.strip()[-200:]}")
    (wheel,) = tmp_path.glob("ams_desk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert {f"ams_desk/mail/default_templates/{key}.txt" for key in DEFAULT_KEYS} <= names
        assert "ams_desk/store/migrations/script.py.mako" in names
        archive.extractall(tmp_path / "site")
    found = subprocess.run(
        [sys.executable, "-c", "from ams_desk.mail.templates import templates_dir as t;"
                               "print(t(), len(list(t().glob('*.txt'))))"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")},
        timeout=60,
    )
    assert found.stdout.split() == [str(tmp_path / "site/ams_desk/mail/default_templates"), "7"]
    spec = (root / "build_installer.spec").read_text(encoding="utf-8")
    assert 'files("resources/templates", "ams_desk/mail/default_templates", "*.txt")' in spec


def test_edit_reset_and_custom_templates(db: Database) -> None:
    original = get_template(db, "proposal_to_mentor")
    edited = Template("proposal_to_mentor", "Proposal", "Hello {{ mentor.name }}",
                      "Body {{ mentee.name }}\n", ("mentor",), ("team",))
    assert save_template(db, edited) is None
    now = get_template(db, "proposal_to_mentor")
    assert now.subject == "Hello {{ mentor.name }}" and now.is_edited and now.is_default
    assert [t.key for t in list_templates(db)][:7] == list(DEFAULT_KEYS)
    dropped = reset_template(db, "proposal_to_mentor")
    assert dropped is not None and dropped.subject == edited.subject
    assert get_template(db, "proposal_to_mentor") == original

    own = Template("welcome_back", "Welcome back", "Welcome back, {{ person.first_name }}",
                   "Hi\n", ("mentee",))
    save_template(db, own)
    assert list_templates(db)[-1].key == "welcome_back"
    assert not get_template(db, "welcome_back").is_default
    with pytest.raises(TemplateError):
        reset_template(db, "welcome_back")
    with pytest.raises(TemplateError):
        delete_template(db, "closing_thanks")
    assert delete_template(db, "welcome_back") is not None
    with pytest.raises(TemplateError, match="no template"):
        get_template(db, "welcome_back")


@pytest.mark.parametrize(
    ("template", "field"),
    [
        (Template("Bad Key", "x", "s", "b", ("mentor",)), "key"),
        (Template("ok", "x", "s", "b", ()), "to"),
        (Template("ok", "x", " ", "b", ("mentor",)), "subject"),
        (Template("ok", "x", "s", "{% if %}", ("mentor",)), "body"),
        (Template("ok", "x", "{{ mentor.name", "b", ("mentor",)), "subject"),
    ],
)
def test_broken_templates_are_refused_naming_the_field(
    db: Database, template: Template, field: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        save_template(db, template)
    assert caught.value.field == field
    assert get_template(db, "closing_thanks").is_edited is False


def test_template_file_errors_name_the_line() -> None:
    with pytest.raises(TemplateError, match="line 2"):
        parse_template("x", "subject: s\nfrom: me\n\nbody")
    with pytest.raises(TemplateError, match="unknown role"):
        parse_template("x", "subject: s\nto: boss\n\nbody")
