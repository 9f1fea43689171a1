"""Rendering templates: Jinja2's immutable sandbox, strict about unknown fields, plain data only.

The context is a tree of plain ``dict``/``list``/``str``/``int`` values built by
:mod:`ams_desk.mail.fields` — never a database row or a model object — so a
template can read fields and nothing else. The sandbox refuses attributes that
start with ``_`` (``{{ ''.__class__ }}``) and methods that change data; the
``*`` and ``**`` operators are capped so that a template cannot make a huge
string. A field the context lacks is an error naming the field, never an empty
gap in an email.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from jinja2 import StrictUndefined, TemplateSyntaxError, Undefined, UndefinedError
from jinja2 import Template as Template_
from jinja2.exceptions import SecurityError
from jinja2.exceptions import TemplateError as JinjaTemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ams_desk.core.validation import ValidationError
from ams_desk.mail.templates import Template, TemplateError, check_key

MAX_OUTPUT = 100_000
"""Longest subject + body a template may produce, in characters."""


class RenderError(ValidationError):
    """A template that does not render for one pair or sign-up.

    Attributes:
        template: The template's key.
        field: The dotted field at fault (``pair.response_due``), or ``template``.
        pair_id: The pair it was rendered for, if any.
        signup_id: The sign-up it was rendered for, if any.
    """

    def __init__(
        self, template: str, field: str, message: str, *, pair_id: int | None = None,
        signup_id: int | None = None,
    ) -> None:
        super().__init__(field, message)
        self.template = template
        self.pair_id = pair_id
        self.signup_id = signup_id


class _Missing(UndefinedError):
    def __init__(self, parent: object, name: str) -> None:
        super().__init__(name)
        self.parent = parent
        self.name = name


class _FieldUndefined(StrictUndefined):
    """StrictUndefined that tells which container lacked which name."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise _Missing(self._undefined_obj, str(self._undefined_name))


# Undefined binds its dunder methods (__str__, __iter__, __eq__, ...) to the
# base class's failing method when the class is made; point them at ours.
for _name, _value in [*vars(Undefined).items(), *vars(StrictUndefined).items()]:
    if _value is Undefined._fail_with_undefined_error:
        setattr(_FieldUndefined, _name, _FieldUndefined._fail_with_undefined_error)


class _Environment(ImmutableSandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and (not isinstance(right, int) or abs(right) > 64):
            raise SecurityError("powers above 64 are not allowed in templates")
        if operator == "*":
            sizes = [len(x) for x in (left, right) if isinstance(x, str | list | tuple)]
            counts = [x for x in (left, right) if isinstance(x, int)]
            if sizes and counts and sizes[0] * max(counts[0], 0) > MAX_OUTPUT:
                raise SecurityError("the text would be too long")
        return super().call_binop(context, operator, left, right)


_ENV = _Environment(
    undefined=_FieldUndefined,
    autoescape=False,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_LOCK = threading.Lock()  # Jinja's template cache is shared between the GUI and the sender


@functools.lru_cache(maxsize=256)
def _compiled(source: str) -> Template_:
    """Compiling costs ~5 ms; a compiled template renders on any thread."""
    with _LOCK:
        return _ENV.from_string(source)


@dataclass(frozen=True, slots=True)
class RenderedText:
    """A template rendered for one context: the subject line and the plain-text body."""

    subject: str
    body: str


def check_template(template: Template) -> None:
    """Refuse a template that could never render: bad key, no recipient, empty text, bad syntax.

    Raises:
        TemplateError: Naming the field (``key``, ``to``, ``subject``, ``body``) and the line.
    """
    check_key(template.key)
    if not template.to_roles:
        raise TemplateError("to", f"template {template.key}: nobody on the To line")
    for name, source in (("subject", template.subject), ("body", template.body)):
        if not source.strip():
            raise TemplateError(name, f"template {template.key}: the {name} is empty")
        try:
            with _LOCK:
                _ENV.parse(source)
        except TemplateSyntaxError as exc:
            raise TemplateError(
                name, f"template {template.key}, {name} line {exc.lineno}: {exc.message}"
            ) from None


def render(
    template: Template,
    context: Mapping[str, Any],
    *,
    pair_id: int | None = None,
    signup_id: int | None = None,
    what: str = "",
) -> RenderedText:
    """Render ``template``'s subject and body with ``context`` (plain data only).

    Args:
        what: How the error message names the pair or sign-up
            (``pair 12 (Ann Lee → Bo Chen)``).

    Raises:
        RenderError: A field is missing, a forbidden attribute or operation was
            used, the syntax is wrong, or the text is too long. The message
            names the template, the field and ``what``.
        TypeError: ``context`` holds something other than plain data.
    """
    paths: dict[int, str] = {}
    plain = dict(context)
    _check_plain(plain, "", paths)
    target = what or (f"pair {pair_id}" if pair_id is not None else f"sign-up {signup_id}")
    parts: list[str] = []
    for name, source in (("subject", template.subject), ("body", template.body)):
        try:
            text = _compiled(source).render(plain)
        except _Missing as exc:
            parent = paths.get(id(exc.parent), "") if isinstance(exc.parent, dict) else ""
            field = f"{parent}.{exc.name}" if parent else exc.name
            raise RenderError(
                template.key, field,
                f"Template “{template.name}” cannot be written for {target}: "
                f"the field {field} is not known for it.",
                pair_id=pair_id, signup_id=signup_id,
            ) from None
        except SecurityError as exc:
            raise RenderError(
                template.key, name,
                f"Template “{template.name}” ({name}) uses something templates may not: {exc}.",
                pair_id=pair_id, signup_id=signup_id,
            ) from None
        except TemplateSyntaxError as exc:
            raise RenderError(
                template.key, name,
                f"Template “{template.name}”, {name} line {exc.lineno}: {exc.message}",
                pair_id=pair_id, signup_id=signup_id,
            ) from None
        except (JinjaTemplateError, ArithmeticError, ValueError, TypeError) as exc:
            raise RenderError(
                template.key, name,
                f"Template “{template.name}” ({name}) cannot be written for {target}: {exc}",
                pair_id=pair_id, signup_id=signup_id,
            ) from None
        if len(text) > MAX_OUTPUT:
            raise RenderError(
                template.key, name,
                f"Template “{template.name}” ({name}) is longer than {MAX_OUTPUT} characters.",
                pair_id=pair_id, signup_id=signup_id,
            )
        parts.append(text)
    subject, body = parts
    return RenderedText(subject=" ".join(subject.split()), body=body)


_SCALARS = (str, int, float, bool, type(None))


def _check_plain(value: Any, path: str, paths: dict[int, str]) -> None:
    if type(value) is dict:
        paths[id(value)] = path
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"context key {key!r} at {path or 'top'} is not a string")
            _check_plain(item, f"{path}.{key}" if path else key, paths)
    elif type(value) in (list, tuple):
        for item in value:
            _check_plain(item, path, paths)
    elif type(value) not in _SCALARS:
        raise TypeError(f"context value at {path} is a {type(value).__name__}, not plain data")
