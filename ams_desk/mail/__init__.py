"""The mail bridge: templates, the outbox, and sending (no Qt; DESIGN.md §4).

API overview (for the GUI and the CLI). Every service takes the open
:class:`~ams_desk.store.database.Database` first, runs one unit of work, and
returns plain frozen values; errors a coordinator must act on are
:class:`~ams_desk.core.validation.ValidationError` subclasses whose
``field`` names what is wrong and whose message can be shown as is.

Templates — :mod:`ams_desk.mail.templates`
    ``list_templates(db) -> list[Template]``: the seven standard emails
    (``DEFAULT_KEYS``, shipped in ``resources/templates/``) then the team's own.
    ``get_template(db, key)``; ``save_template(db, template) -> Template | None``
    (the replaced version, for undo; checks syntax first); ``reset_template(db,
    key)`` (back to the shipped text; returns the dropped edit);
    ``delete_template(db, key)`` (custom ones only). ``Template.is_default`` /
    ``is_edited`` say which buttons apply. Roles of To/Cc: ``ROLES``
    (mentor, mentee, team).

Fields and rendering — :mod:`ams_desk.mail.fields`, :mod:`ams_desk.mail.render`
    ``FIELDS``: every field with a description and when it is available (the
    editor's field list). ``render(template, context)`` runs Jinja2's immutable
    sandbox with StrictUndefined on plain dicts; ``RenderError`` names the
    template (``.template``), the field (``.field``, e.g. ``pair.response_due``)
    and the pair/sign-up (``.pair_id``/``.signup_id``, and in the message).
    ``check_template(template)`` refuses bad syntax (``TemplateError``).

Outbox — :mod:`ams_desk.mail.outbox` (moves) and :mod:`ams_desk.store.outbox` (reads)
    ``preview_email(db, key_or_template, pair_id=|signup_id=) -> Preview``
    (``.built.raw`` are the bytes, ``.text.subject``/``.text.body`` the text,
    ``.built.to``/``cc``/``bcc``; a ``Template`` being edited previews live).
    ``queue_email(db, key, pair_id=|signup_id=, subject=, body=) -> OutboxMessage``
    renders once and stores the bytes and Message-ID; undo is
    ``unqueue_email(db, outbox_id)``. ``queue_many(db, key, pair_ids)``: all or
    none (the board's Propose review). ``edit_queued(db, id, subject=, body=)``
    returns the old content, ``restore_content`` puts it back.
    ``cancel_email`` / ``requeue_email`` (retry failed, send unconfirmed again)
    / ``confirm_arrived`` (unconfirmed → sent) return the state before.
    Reads: ``list_outbox(db, states=, pair_id=, person_id=)``,
    ``get_message(db, id)``; ``OutboxMessage.to_json()`` is the CLI's shape.
    States and allowed moves: :mod:`ams_desk.core.outbox` (``OutboxState``,
    ``OUTBOX_STATE_LABELS``, ``OUTBOX_MOVES``, ``STATE_EVENTS``). Timeline
    events: ``email_queued``/``email_sent``/``email_failed``/``email_unconfirmed``
    (also ``email_cancelled``/``email_exported``) with ``details`` holding
    ``message_id``, ``outbox_id``, ``template``, ``subject``, ``to``.

Settings — :mod:`ams_desk.mail.settings`
    ``get_mail_settings(db) -> MailSettings``; ``save_mail_settings(db, s)``
    returns the replaced settings (undo). Host, port, ``Security``
    (starttls/tls/none), user, ``AuthMethod`` (password/xoauth2/none), from
    name and address, reply-to, bcc, ``pause_seconds``, ``per_hour``. The
    password is never here: see :mod:`ams_desk.mail.credentials`.

Sending — :mod:`ams_desk.mail.sending`
    ``send_outbox(db, bridge, ids=None, progress=, cancelled=) -> SendReport``
    runs off the GUI thread; ``progress(done, total)`` and ``cancelled()`` are
    plain callables. ``recover_interrupted(db)`` at start-up turns messages
    left ``sending`` into ``unconfirmed``.
"""
