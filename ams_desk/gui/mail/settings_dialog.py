"""Mail settings: the sender, the way out (SMTP, Outlook, .eml), the pace, and a test email.

The team's settings (sender, server, pace) are stored in the database as one
undoable operation; this workstation's choice of bridge and draft folder in
QSettings. The password goes to the keyring — or, on a computer without one,
is kept for this session only — and never into a file.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ams_desk.core.validation import ValidationError
from ams_desk.gui.context import AppContext
from ams_desk.gui.forms.ui_mail_settings import Ui_MailSettingsDialog
from ams_desk.gui.mail.password import PasswordKeeper
from ams_desk.gui.mail.preferences import (
    OUTLOOK_MODE_LABELS,
    VIA_LABELS,
    SendPreferences,
    SendVia,
    default_eml_folder,
    load_preferences,
    save_preferences,
)
from ams_desk.gui.mail.sending import make_bridge, needs_password
from ams_desk.gui.tasks import Task, run_task
from ams_desk.mail import ops as mail_ops
from ams_desk.mail.bridge import LoginError
from ams_desk.mail.outlook import OutlookMode
from ams_desk.mail.settings import (
    DEFAULT_PORTS,
    AuthMethod,
    MailSettings,
    Security,
    check_mail_settings,
    get_mail_settings,
    parse_from,
)
from ams_desk.mail.try_settings import send_test_email

SECURITY_LABELS: dict[Security, str] = {
    Security.STARTTLS: "STARTTLS (port 587)",
    Security.TLS: "TLS from the start (port 465)",
    Security.NONE: "None — a relay on the local network",
}
AUTH_LABELS: dict[AuthMethod, str] = {
    AuthMethod.PASSWORD: "User name and password",
    AuthMethod.XOAUTH2: "Microsoft 365 sign-in (OAuth 2.0)",
    AuthMethod.NONE: "No sign-in",
}


def _combo_fill(combo: object, labels: dict[object, str]) -> None:
    for value, label in labels.items():
        combo.addItem(label, value)  # type: ignore[attr-defined]


class MailSettingsDialog(QDialog):
    """Edit the mail settings; Save stores them, "Send a test email to me" tries them first.

    Signals: none; what changed reaches the views through the operation's ``changed``.
    """

    def __init__(self, ctx: AppContext, settings: QSettings, passwords: PasswordKeeper,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._qsettings = settings
        self._passwords = passwords
        self.ui = Ui_MailSettingsDialog()
        self.ui.setupUi(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ui = self.ui
        ui.headingLabel.setObjectName("headingLabel")
        ui.errorLabel.setObjectName("errorLabel")
        ui.errorLabel.hide()
        ui.introLabel.setObjectName("filterLabel")
        # The sender's column the wider, so that "Team <address>" in From shows whole.
        ui.columnsLayout.setStretch(0, 3)
        ui.columnsLayout.setStretch(1, 2)
        self.resize(max(self.width(), 920), self.height())
        for hint in (ui.passwordHint, ui.outlookHint, ui.emlHint):
            hint.setObjectName("filterLabel")
        _combo_fill(ui.bridgeCombo, VIA_LABELS)  # type: ignore[arg-type]
        _combo_fill(ui.securityCombo, SECURITY_LABELS)  # type: ignore[arg-type]
        _combo_fill(ui.authCombo, AUTH_LABELS)  # type: ignore[arg-type]
        _combo_fill(ui.outlookModeCombo, OUTLOOK_MODE_LABELS)  # type: ignore[arg-type]
        ui.perHourSpin.setSpecialValueText("no limit")
        ui.folderEdit.setPlaceholderText(default_eml_folder())
        self.test_task: Task[str] | None = None
        self._stored = get_mail_settings(ctx.db)
        self._set_values(self._stored, load_preferences(settings))
        self._connect_signals()
        self._on_bridge_changed()
        self._on_auth_changed()

    def _connect_signals(self) -> None:
        ui = self.ui
        ui.bridgeCombo.currentIndexChanged.connect(self._on_bridge_changed)
        ui.securityCombo.currentIndexChanged.connect(self._on_security_changed)
        ui.authCombo.currentIndexChanged.connect(self._on_auth_changed)
        ui.userEdit.textChanged.connect(self._update_password_hint)
        ui.hostEdit.textChanged.connect(self._update_password_hint)
        ui.browseButton.clicked.connect(self._browse)
        ui.testButton.clicked.connect(self.send_test)
        ui.buttonBox.accepted.connect(self._on_save)
        ui.buttonBox.rejected.connect(self.reject)

    # -- values ----------------------------------------------------------------------------

    def _set_values(self, mail: MailSettings, preferences: SendPreferences) -> None:
        ui = self.ui
        sender = f"{mail.from_name} <{mail.from_address}>" if mail.from_address else ""
        ui.fromEdit.setText(sender)
        ui.fromEdit.setCursorPosition(0)
        ui.replyToEdit.setText(mail.reply_to)
        ui.bccEdit.setText(mail.bcc)
        ui.pauseSpin.setValue(mail.pause_seconds)
        ui.perHourSpin.setValue(mail.per_hour)
        ui.hostEdit.setText(mail.host)
        ui.portSpin.setValue(mail.port)
        ui.securityCombo.setCurrentIndex(ui.securityCombo.findData(mail.security))
        ui.authCombo.setCurrentIndex(ui.authCombo.findData(mail.auth))
        ui.userEdit.setText(mail.user)
        ui.clientIdEdit.setText(mail.oauth_client_id)
        ui.tenantEdit.setText(mail.oauth_tenant)
        ui.onBehalfEdit.setText(mail.outlook_account)
        ui.bridgeCombo.setCurrentIndex(ui.bridgeCombo.findData(preferences.via))
        ui.folderEdit.setText(preferences.eml_folder)
        ui.openEmlCheck.setChecked(preferences.open_eml)
        ui.outlookModeCombo.setCurrentIndex(ui.outlookModeCombo.findData(preferences.outlook_mode))

    def mail_settings(self) -> MailSettings:
        """The team's settings as the form shows them (raises ValidationError on a bad From)."""
        ui = self.ui
        text = ui.fromEdit.text().strip()
        name, address = parse_from(text) if text else ("", "")
        return replace(
            self._stored,
            host=ui.hostEdit.text().strip(),
            port=ui.portSpin.value(),
            security=Security(ui.securityCombo.currentData()),
            auth=AuthMethod(ui.authCombo.currentData()),
            user=ui.userEdit.text().strip(),
            from_name=name or self._stored.from_name,
            from_address=address,
            reply_to=ui.replyToEdit.text().strip(),
            bcc=ui.bccEdit.text().strip(),
            pause_seconds=ui.pauseSpin.value(),
            per_hour=ui.perHourSpin.value(),
            oauth_client_id=ui.clientIdEdit.text().strip(),
            oauth_tenant=ui.tenantEdit.text().strip() or "organizations",
            outlook_account=ui.onBehalfEdit.text().strip(),
        )

    def preferences(self) -> SendPreferences:
        ui = self.ui
        return SendPreferences(
            via=SendVia(ui.bridgeCombo.currentData()),
            eml_folder=ui.folderEdit.text().strip(),
            open_eml=ui.openEmlCheck.isChecked(),
            outlook_mode=OutlookMode(ui.outlookModeCombo.currentData()),
        )

    # -- reacting --------------------------------------------------------------------------

    def _on_bridge_changed(self) -> None:
        via = SendVia(self.ui.bridgeCombo.currentData())
        pages = {SendVia.SMTP: self.ui.smtpPage, SendVia.OUTLOOK: self.ui.outlookPage,
                 SendVia.EML: self.ui.emlPage}
        self.ui.bridgeStack.setCurrentWidget(pages[via])
        self.ui.testButton.setEnabled(via is SendVia.SMTP)
        self.ui.throttleGroup.setEnabled(via is not SendVia.EML)

    def _on_security_changed(self) -> None:
        # A port that is some security's default follows the security; a custom port stays.
        if self.ui.portSpin.value() in DEFAULT_PORTS.values():
            self.ui.portSpin.setValue(DEFAULT_PORTS[Security(self.ui.securityCombo.currentData())])

    def _on_auth_changed(self) -> None:
        auth = AuthMethod(self.ui.authCombo.currentData())
        ui = self.ui
        for widget in (ui.userLabel, ui.userEdit):
            widget.setVisible(auth is not AuthMethod.NONE)
        for widget in (ui.passwordLabel, ui.passwordEdit, ui.passwordHint):
            widget.setVisible(auth is AuthMethod.PASSWORD)
        for widget in (ui.clientIdLabel, ui.clientIdEdit, ui.tenantLabel, ui.tenantEdit):
            widget.setVisible(auth is AuthMethod.XOAUTH2)
        self._update_password_hint()

    def _login(self) -> tuple[str, str]:
        return self.ui.userEdit.text().strip(), self.ui.hostEdit.text().strip()

    def _update_password_hint(self) -> None:
        ui = self.ui
        stored = bool(ui.userEdit.text().strip()) and self._passwords.stored(*self._login())
        if self._passwords.has_keyring():
            hint = ("A password is kept in the system keyring; type a new one to replace it."
                    if stored else "Kept in the system keyring, never in a file.")
        else:
            hint = ("This computer has no keyring: the password is asked once per session "
                    "and never written to a file.")
        ui.passwordHint.setText(hint)
        ui.passwordEdit.setPlaceholderText("•••••••• (kept)" if stored else "")

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, "Folder for the .eml drafts", self.ui.folderEdit.text() or default_eml_folder())
        if folder:
            self.ui.folderEdit.setText(folder)

    def _show_error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.show()

    # -- actions ---------------------------------------------------------------------------

    def _keep_password(self) -> None:
        password = self.ui.passwordEdit.text()
        if password and self.ui.userEdit.text().strip():
            self._passwords.remember(*self._login(), password)
            self.ui.passwordEdit.clear()

    def send_test(self) -> Task[str] | None:
        """Send one email to the From address with the settings shown (not saved yet)."""
        if self.test_task is not None:
            return None
        try:
            mail = self.mail_settings()
            check_mail_settings(mail)
            if not mail.host or not mail.from_address:
                raise ValidationError("host", "Fill in the server and the From address first.")
        except ValidationError as error:
            self._show_error(str(error))
            return None
        self.ui.errorLabel.hide()
        self._keep_password()
        preferences = replace(self.preferences(), via=SendVia.SMTP)
        password = None
        if needs_password(mail, preferences):
            secret = self._passwords.password(mail.user, mail.host, self)
            if secret is None:
                return None

            def password() -> str:
                return secret

        bridge = make_bridge(mail, preferences, password)
        self.ui.testButton.setEnabled(False)
        self.ui.testLabel.setText(f"Sending a test email to {mail.from_address}…")

        def job(_progress: object, _cancelled: object) -> str:  # the worker: no widgets here
            return send_test_email(mail, bridge)

        self.test_task = run_task(job, on_success=self._test_sent,
                                  on_failure=self._test_failed, parent=self)
        return self.test_task

    def _test_sent(self, text: str) -> None:
        self.test_task = None
        self.ui.testButton.setEnabled(True)
        self.ui.testLabel.setText(f"<span style='color:#2e7d32'>✓ {text}</span>")

    def _test_failed(self, error: BaseException) -> None:
        self.test_task = None
        self.ui.testButton.setEnabled(True)
        if isinstance(error, LoginError):
            user, host = self._login()
            self._passwords.forget(user, host)
        self.ui.testLabel.setText(f"<span style='color:#b3261e'>✗ {error}</span>")

    def _on_save(self) -> None:
        try:
            mail = self.mail_settings()
            if mail != self._stored:
                self.ctx.ops.run("Change mail settings",
                                 partial(mail_ops.save_settings, settings=mail))
        except ValidationError as error:
            self._show_error(str(error))
            return
        self._keep_password()
        save_preferences(self._qsettings, self.preferences())
        self.accept()

