"""The mail commands of ``ams-desk``: ``mail setup|templates|preview|queue`` and ``outbox``.

Kept beside :mod:`ams_desk.cli`, which registers them with :func:`add_commands`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ams_desk.cli_common import CliError, open_db, print_json


def add_commands(commands: Any) -> None:
    """Add ``mail`` and ``outbox`` to the ``ams-desk`` subcommands."""
    mail = commands.add_parser("mail", help="set up mail, list, preview and queue emails")
    sub = mail.add_subparsers(dest="mail_command", metavar="ACTION", required=True)

    setup = sub.add_parser("setup", help="store the SMTP server and the team's sender address")
    setup.add_argument("--host", required=True, metavar="H")
    setup.add_argument("--port", required=True, type=int, metavar="N")
    setup.add_argument("--security", required=True, choices=("starttls", "tls", "none"))
    setup.add_argument("--user", default="", metavar="U", help="login name (none: no login)")
    setup.add_argument("--from", dest="sender", required=True, metavar='"Name <address>"')
    setup.add_argument("--reply-to", default="", metavar="ADDRESS")
    setup.add_argument("--bcc", default="", metavar="ADDRESS",
                       help="a blind copy of every email (e.g. the team's own address)")
    setup.add_argument("--auth", choices=("password", "xoauth2", "none"),
                       help="login method (default: password with --user, else none)")
    setup.add_argument("--client-id", default=None, metavar="ID",
                       help="Azure app registration for XOAUTH2 (Microsoft 365)")
    setup.add_argument("--tenant", default=None, metavar="T", help="Microsoft 365 tenant")
    setup.add_argument("--pause", type=float, default=None, metavar="SECONDS",
                       help="pause between two emails (default 1)")
    setup.add_argument("--per-hour", type=int, default=None, metavar="N",
                       help="at most N emails an hour (0: no cap)")
    setup.add_argument("--password-stdin", action="store_true",
                       help="read the password from stdin and keep it in the OS keyring")

    templates = sub.add_parser("templates", help="list the email templates")
    templates.add_argument("--json", action="store_true", help="one JSON array on stdout")

    for name, text in (("preview", "show an email as it would be queued (stores nothing)"),
                       ("queue", "queue an email for a pair or a sign-up")):
        action = sub.add_parser(name, help=text)
        action.add_argument("template", metavar="TEMPLATE")
        target = action.add_mutually_exclusive_group(required=True)
        target.add_argument("--pair", type=int, metavar="ID")
        target.add_argument("--signup", type=int, metavar="ID")
        action.add_argument("--json", action="store_true", help="one JSON object on stdout")

    outbox = commands.add_parser("outbox", help="list the outbox, or send it")
    outbox.add_argument("--state", choices=("queued", "sending", "sent", "failed",
                                            "unconfirmed", "cancelled", "exported"))
    outbox.add_argument("--json", action="store_true", help="one JSON array on stdout")
    outbox_sub = outbox.add_subparsers(dest="outbox_command", metavar="ACTION")
    send = outbox_sub.add_parser("send", help="send every queued email")
    send.add_argument("--via", choices=("smtp", "eml"), default="smtp")
    send.add_argument("--dir", type=Path, metavar="DIR", help="folder for --via eml")
    send.add_argument("--password-stdin", action="store_true",
                      help="read the SMTP password from stdin for this run only")
    send.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _read_password() -> str:
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise CliError("--password-stdin: no password on stdin")
    return password


def cmd_mail(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "setup": _setup, "templates": _templates, "preview": _preview, "queue": _queue,
    }
    return handlers[args.mail_command](args)


def _setup(args: argparse.Namespace) -> int:
    from ams_desk.core.validation import ValidationError
    from ams_desk.mail.credentials import remember_password
    from ams_desk.mail.settings import (
        AuthMethod,
        Security,
        get_mail_settings,
        parse_from,
        save_mail_settings,
    )

    db = open_db(args.db)
    try:
        name, address = parse_from(args.sender)
        old = get_mail_settings(db)
        auth = AuthMethod(args.auth) if args.auth else (
            AuthMethod.PASSWORD if args.user else AuthMethod.NONE)
        settings = replace(
            old, host=args.host, port=args.port, security=Security(args.security),
            user=args.user, auth=auth, from_name=name or old.from_name, from_address=address,
            reply_to=args.reply_to, bcc=args.bcc,
            oauth_client_id=old.oauth_client_id if args.client_id is None else args.client_id,
            oauth_tenant=old.oauth_tenant if args.tenant is None else args.tenant,
            pause_seconds=old.pause_seconds if args.pause is None else args.pause,
            per_hour=old.per_hour if args.per_hour is None else args.per_hour,
        )
        save_mail_settings(db, settings)
    except ValidationError as exc:
        raise CliError(exc.message) from None
    finally:
        db.close()
    where = f"{settings.host}:{settings.port} ({settings.security.value})"
    print(f"Mail set up: from {settings.sender} through {where}.")
    if args.password_stdin:
        if not settings.user:
            raise CliError("--password-stdin needs --user")
        if remember_password(settings.user, settings.host, _read_password()):
            print("The password is kept in the system keyring.")
        else:
            print("No system keyring here: the password was not stored; give it with "
                  "--password-stdin when sending.", file=sys.stderr)
    return 0


def _templates(args: argparse.Namespace) -> int:
    from ams_desk.mail.templates import list_templates

    db = open_db(args.db)
    try:
        templates = list_templates(db)
    finally:
        db.close()
    if args.json:
        print_json([{"key": t.key, "name": t.name, "to": list(t.to_roles), "cc": list(t.cc_roles),
                     "subject": t.subject, "default": t.is_default, "edited": t.is_edited}
                    for t in templates])
        return 0
    for t in templates:
        mark = " (edited)" if t.is_edited else "" if t.is_default else " (team's own)"
        cc = f", cc {', '.join(t.cc_roles)}" if t.cc_roles else ""
        print(f"{t.key:30} {t.name}{mark} — to {', '.join(t.to_roles)}{cc}")
    return 0


def _mail_errors() -> tuple[type[Exception], ...]:
    from ams_desk.core.validation import ValidationError
    from ams_desk.store.rows import NotFoundError

    return (ValidationError, NotFoundError)


def _preview(args: argparse.Namespace) -> int:
    from ams_desk.mail.outbox import preview_email

    db = open_db(args.db)
    try:
        preview = preview_email(db, args.template, pair_id=args.pair, signup_id=args.signup)
    except _mail_errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    built = preview.built
    if args.json:
        print_json({"template": preview.template.key, "pair_id": preview.pair_id,
                    "signup_id": preview.signup_id, "to": list(built.to), "cc": list(built.cc),
                    "bcc": list(built.bcc), "subject": built.subject,
                    "message_id": built.message_id, "body": preview.text.body})
        return 0
    print(f"To: {', '.join(built.to)}")
    if built.cc:
        print(f"Cc: {', '.join(built.cc)}")
    if built.bcc:
        print(f"Bcc: {', '.join(built.bcc)}")
    print(f"Subject: {built.subject}\n")
    print(preview.text.body, end="")
    return 0


def _queue(args: argparse.Namespace) -> int:
    from ams_desk.mail.outbox import queue_email

    db = open_db(args.db)
    try:
        message = queue_email(db, args.template, pair_id=args.pair, signup_id=args.signup)
    except _mail_errors() as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    if args.json:
        print_json(message.to_json())
    else:
        print(f"Queued #{message.id} to {', '.join(message.to)}: {message.subject}")
    return 0


def cmd_outbox(args: argparse.Namespace) -> int:
    if args.outbox_command == "send":
        return _send(args)
    from ams_desk.core.outbox import OutboxState
    from ams_desk.store.outbox import list_outbox

    db = open_db(args.db)
    try:
        states = [OutboxState(args.state)] if args.state else None
        messages = list_outbox(db, states=states)
    finally:
        db.close()
    if args.json:
        print_json([m.to_json() for m in messages])
        return 0
    for m in messages:
        error = f" — {m.last_error}" if m.last_error else ""
        print(f"#{m.id:<5} {m.state.value:11} {', '.join(m.to):32} {m.subject}{error}")
    if not messages:
        print("The outbox is empty." if not args.state else f"No {args.state} emails.")
    return 0


def _send(args: argparse.Namespace) -> int:
    from ams_desk.mail.bridge import Bridge
    from ams_desk.mail.sending import recover_at_start, send_outbox
    from ams_desk.mail.settings import get_mail_settings

    db = open_db(args.db)
    try:
        settings = get_mail_settings(db)
        recovered = recover_at_start(db)
        if recovered:
            print(f"{len(recovered)} email(s) interrupted earlier are now unconfirmed: check "
                  "whether they arrived (ams-desk outbox --state unconfirmed).", file=sys.stderr)
        bridge: Bridge
        if args.via == "eml":
            from ams_desk.mail.eml import EmlBridge

            if args.dir is None:
                raise CliError("--via eml needs --dir DIR")
            bridge = EmlBridge(args.dir)
        else:
            bridge = _smtp_bridge(settings, args.password_stdin)
        report = send_outbox(db, bridge, settings)
    finally:
        db.close()
    if args.json:
        print_json(report.to_json())
    else:
        print(report.summary())
        for outbox_id, error in report.errors.items():
            print(f"  #{outbox_id}: {error}")
    could_not_run = report.total > 0 and not (report.sent or report.exported) and (
        report.login_refused or "cannot connect" in report.stopped)
    if could_not_run:
        print(f"ams-desk: {report.stopped}", file=sys.stderr)
        return 1
    return 0


def _smtp_bridge(settings: Any, password_stdin: bool) -> Any:
    from ams_desk.mail.credentials import PasswordSource
    from ams_desk.mail.settings import AuthMethod
    from ams_desk.mail.smtp import SmtpBridge

    if not settings.host:
        raise CliError("mail is not set up: run ams-desk mail setup first")
    if settings.auth is AuthMethod.XOAUTH2:
        from ams_desk.mail.oauth import MsalTokenProvider
        from ams_desk.store.database import default_data_dir

        tokens = MsalTokenProvider(settings.oauth_client_id, settings.oauth_tenant,
                                   cache_location=default_data_dir() / "msal-token-cache.bin")
        return SmtpBridge(settings, tokens=tokens)
    if settings.auth is AuthMethod.NONE or not settings.user:
        return SmtpBridge(settings)
    if password_stdin:
        password = _read_password()
        return SmtpBridge(settings, password=PasswordSource(
            settings.user, settings.host, lambda: password, remember=False))

    def no_password() -> str | None:
        raise CliError(f"no password for {settings.user} at {settings.host} in the system "
                       "keyring: give it with --password-stdin")

    return SmtpBridge(settings, password=PasswordSource(settings.user, settings.host,
                                                        no_password))
