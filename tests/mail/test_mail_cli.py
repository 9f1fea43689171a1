"""The mail commands of ams-desk, as the issue lists them."""

from __future__ import annotations

import io
import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from mail_helpers import Cast
from smtp_server import Server

from ams_desk.cli import main
from ams_desk.mail import credentials
from ams_desk.store.database import Database

OUTBOX_KEYS = {"id", "template", "pair_id", "signup_id", "to", "cc", "subject", "message_id",
               "state", "attempts", "last_error", "queued_at", "sent_at"}


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_setup_templates_preview_queue_outbox_send(
    db: Database, db_path: Path, cast: Cast, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url = f"sqlite:///{db_path}"
    with Server(auth=True) as server:
        code, out, _ = _run(capsys, "--db", url, "mail", "setup", "--host", "127.0.0.1",
                            "--port", str(server.port), "--security", "none", "--user", "team",
                            "--from", "AMS Mentorship <mentorship@ams.org>",
                            "--reply-to", "reply@ams.org", "--bcc", "archive@ams.org")
        assert code == 0 and "Mail set up" in out

        code, out, _ = _run(capsys, "--db", url, "mail", "templates", "--json")
        templates = json.loads(out)
        assert [t["key"] for t in templates][:2] == ["signup_received", "proposal_to_mentor"]

        code, out, _ = _run(capsys, "--db", url, "mail", "preview", "proposal_to_mentor",
                            "--pair", str(cast.pair_id), "--json")
        preview = json.loads(out)
        assert preview["to"] == ["eva@ams.org"] and preview["bcc"] == ["archive@ams.org"]
        assert "Dear Eva," in preview["body"]

        code, out, err = _run(capsys, "--db", url, "mail", "queue",
                              "response_reminder_to_mentor", "--pair", str(cast.pair_id))
        assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
        assert "pair.first_contact_on" in err and "Reminder: respond" in err

        code, out, _ = _run(capsys, "--db", url, "mail", "queue", "proposal_to_mentor",
                            "--pair", str(cast.pair_id), "--json")
        queued = json.loads(out)
        assert set(queued) == OUTBOX_KEYS and queued["state"] == "queued"
        code, out, _ = _run(capsys, "--db", url, "mail", "queue", "signup_received",
                            "--signup", str(cast.mentee.signup_id), "--json")
        assert json.loads(out)["signup_id"] == cast.mentee.signup_id

        code, out, _ = _run(capsys, "--db", url, "outbox", "--state", "queued", "--json")
        assert [m["id"] for m in json.loads(out)] == [queued["id"], queued["id"] + 1]

        credentials._session.clear()
        monkeypatch.setattr("sys.stdin", io.StringIO(f"{server.handler.password}\n"))
        code, out, err = _run(capsys, "--db", url, "outbox", "send", "--password-stdin",
                              "--json")
        assert code == 0, err
        report = json.loads(out)
        assert report["sent"] == [queued["id"], queued["id"] + 1]
        assert server.handler.password not in out + err
    assert {r.message_id for r in server.handler.received} >= {queued["message_id"]}
    assert sorted(server.handler.received[0].rcpts) == ["archive@ams.org", "eva@ams.org"]

    code, out, _ = _run(capsys, "--db", url, "outbox", "--json")
    assert [m["state"] for m in json.loads(out)] == ["sent", "sent"]
    code, out, _ = _run(capsys, "--db", url, "list", "pairs", "--json")
    (pair,) = [p for p in json.loads(out) if p["id"] == cast.pair_id]
    emails = [e for e in pair["events"] if e["kind"].startswith("email_")]
    assert [(e["kind"], e["message_id"]) for e in emails] == [
        ("email_queued", queued["message_id"]), ("email_sent", queued["message_id"])]


def test_send_as_eml_and_errors(db: Database, db_path: Path, cast: Cast, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{db_path}"
    _run(capsys, "--db", url, "mail", "queue", "proposal_to_mentor", "--pair", str(cast.pair_id))
    code, _, err = _run(capsys, "--db", url, "outbox", "send", "--via", "eml")
    assert code == 1 and err.strip() == "ams-desk: --via eml needs --dir DIR"
    code, out, _ = _run(capsys, "--db", url, "outbox", "send", "--via", "eml", "--dir",
                        str(tmp_path / "out"), "--json")
    assert code == 0 and len(json.loads(out)["exported"]) == 1
    (eml,) = (tmp_path / "out").glob("*.eml")
    parsed = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert parsed["X-Unsent"] == "1" and parsed["Subject"] == "Would you mentor Jan Jansen?"
    code, out, _ = _run(capsys, "--db", url, "outbox", "--state", "exported")
    assert "exported" in out and "eva@ams.org" in out


def test_send_cannot_run_gives_one_line(db: Database, db_path: Path, cast: Cast,
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{db_path}"
    from smtp_server import free_port

    port = str(free_port())  # nobody listens
    _run(capsys, "--db", url, "mail", "setup", "--host", "127.0.0.1", "--port", port,
         "--security", "none", "--from", "mentorship@ams.org", "--pause", "0")
    _run(capsys, "--db", url, "mail", "queue", "proposal_to_mentor", "--pair", str(cast.pair_id))
    from ams_desk.mail import sending

    monkeypatch.setattr(sending, "RETRY_PAUSE", 0.0)
    code, _, err = _run(capsys, "--db", url, "outbox", "send")
    assert code == 1 and err.splitlines()[-1].startswith("ams-desk: cannot connect")
    code, _, err = _run(capsys, "--db", url, "mail", "setup", "--host", "x", "--port", "0",
                        "--security", "none", "--from", "mentorship@ams.org")
    assert code == 1 and err.strip() == "ams-desk: Port 0 is not between 1 and 65535."
