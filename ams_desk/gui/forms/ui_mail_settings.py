# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'mail_settings.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox,
    QStackedWidget, QVBoxLayout, QWidget)

class Ui_MailSettingsDialog(object):
    def setupUi(self, MailSettingsDialog):
        if not MailSettingsDialog.objectName():
            MailSettingsDialog.setObjectName(u"MailSettingsDialog")
        MailSettingsDialog.resize(760, 600)
        self.dialogLayout = QVBoxLayout(MailSettingsDialog)
        self.dialogLayout.setSpacing(10)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headingLabel = QLabel(MailSettingsDialog)
        self.headingLabel.setObjectName(u"headingLabel")

        self.dialogLayout.addWidget(self.headingLabel)

        self.introLabel = QLabel(MailSettingsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setSpacing(16)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.leftColumn = QVBoxLayout()
        self.leftColumn.setObjectName(u"leftColumn")
        self.identityGroup = QGroupBox(MailSettingsDialog)
        self.identityGroup.setObjectName(u"identityGroup")
        self.identityForm = QFormLayout(self.identityGroup)
        self.identityForm.setObjectName(u"identityForm")
        self.identityForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.fromLabel = QLabel(self.identityGroup)
        self.fromLabel.setObjectName(u"fromLabel")

        self.identityForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.fromLabel)

        self.fromEdit = QLineEdit(self.identityGroup)
        self.fromEdit.setObjectName(u"fromEdit")

        self.identityForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.fromEdit)

        self.replyToLabel = QLabel(self.identityGroup)
        self.replyToLabel.setObjectName(u"replyToLabel")

        self.identityForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.replyToLabel)

        self.replyToEdit = QLineEdit(self.identityGroup)
        self.replyToEdit.setObjectName(u"replyToEdit")

        self.identityForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.replyToEdit)

        self.bccLabel = QLabel(self.identityGroup)
        self.bccLabel.setObjectName(u"bccLabel")

        self.identityForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.bccLabel)

        self.bccEdit = QLineEdit(self.identityGroup)
        self.bccEdit.setObjectName(u"bccEdit")

        self.identityForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.bccEdit)


        self.leftColumn.addWidget(self.identityGroup)

        self.throttleGroup = QGroupBox(MailSettingsDialog)
        self.throttleGroup.setObjectName(u"throttleGroup")
        self.throttleForm = QFormLayout(self.throttleGroup)
        self.throttleForm.setObjectName(u"throttleForm")
        self.throttleForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.pauseLabel = QLabel(self.throttleGroup)
        self.pauseLabel.setObjectName(u"pauseLabel")

        self.throttleForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.pauseLabel)

        self.pauseSpin = QDoubleSpinBox(self.throttleGroup)
        self.pauseSpin.setObjectName(u"pauseSpin")
        self.pauseSpin.setDecimals(1)
        self.pauseSpin.setMaximum(600.000000000000000)
        self.pauseSpin.setSingleStep(0.500000000000000)

        self.throttleForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.pauseSpin)

        self.perHourLabel = QLabel(self.throttleGroup)
        self.perHourLabel.setObjectName(u"perHourLabel")

        self.throttleForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.perHourLabel)

        self.perHourSpin = QSpinBox(self.throttleGroup)
        self.perHourSpin.setObjectName(u"perHourSpin")
        self.perHourSpin.setMaximum(100000)

        self.throttleForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.perHourSpin)


        self.leftColumn.addWidget(self.throttleGroup)

        self.leftSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.leftColumn.addItem(self.leftSpacer)


        self.columnsLayout.addLayout(self.leftColumn)

        self.bridgeGroup = QGroupBox(MailSettingsDialog)
        self.bridgeGroup.setObjectName(u"bridgeGroup")
        self.bridgeLayout = QVBoxLayout(self.bridgeGroup)
        self.bridgeLayout.setObjectName(u"bridgeLayout")
        self.bridgeCombo = QComboBox(self.bridgeGroup)
        self.bridgeCombo.setObjectName(u"bridgeCombo")

        self.bridgeLayout.addWidget(self.bridgeCombo)

        self.bridgeStack = QStackedWidget(self.bridgeGroup)
        self.bridgeStack.setObjectName(u"bridgeStack")
        self.smtpPage = QWidget()
        self.smtpPage.setObjectName(u"smtpPage")
        self.smtpForm = QFormLayout(self.smtpPage)
        self.smtpForm.setObjectName(u"smtpForm")
        self.smtpForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.smtpForm.setContentsMargins(0, -1, 0, -1)
        self.hostLabel = QLabel(self.smtpPage)
        self.hostLabel.setObjectName(u"hostLabel")

        self.smtpForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.hostLabel)

        self.hostEdit = QLineEdit(self.smtpPage)
        self.hostEdit.setObjectName(u"hostEdit")

        self.smtpForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.hostEdit)

        self.portLabel = QLabel(self.smtpPage)
        self.portLabel.setObjectName(u"portLabel")

        self.smtpForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.portLabel)

        self.portSpin = QSpinBox(self.smtpPage)
        self.portSpin.setObjectName(u"portSpin")
        self.portSpin.setMinimum(1)
        self.portSpin.setMaximum(65535)
        self.portSpin.setValue(587)

        self.smtpForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.portSpin)

        self.securityLabel = QLabel(self.smtpPage)
        self.securityLabel.setObjectName(u"securityLabel")

        self.smtpForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.securityLabel)

        self.securityCombo = QComboBox(self.smtpPage)
        self.securityCombo.setObjectName(u"securityCombo")

        self.smtpForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.securityCombo)

        self.authLabel = QLabel(self.smtpPage)
        self.authLabel.setObjectName(u"authLabel")

        self.smtpForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.authLabel)

        self.authCombo = QComboBox(self.smtpPage)
        self.authCombo.setObjectName(u"authCombo")

        self.smtpForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.authCombo)

        self.userLabel = QLabel(self.smtpPage)
        self.userLabel.setObjectName(u"userLabel")

        self.smtpForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.userLabel)

        self.userEdit = QLineEdit(self.smtpPage)
        self.userEdit.setObjectName(u"userEdit")

        self.smtpForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.userEdit)

        self.passwordLabel = QLabel(self.smtpPage)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.smtpForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(self.smtpPage)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.Password)

        self.smtpForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.passwordHint = QLabel(self.smtpPage)
        self.passwordHint.setObjectName(u"passwordHint")
        self.passwordHint.setWordWrap(True)

        self.smtpForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.passwordHint)

        self.clientIdLabel = QLabel(self.smtpPage)
        self.clientIdLabel.setObjectName(u"clientIdLabel")

        self.smtpForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.clientIdLabel)

        self.clientIdEdit = QLineEdit(self.smtpPage)
        self.clientIdEdit.setObjectName(u"clientIdEdit")

        self.smtpForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.clientIdEdit)

        self.tenantLabel = QLabel(self.smtpPage)
        self.tenantLabel.setObjectName(u"tenantLabel")

        self.smtpForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.tenantLabel)

        self.tenantEdit = QLineEdit(self.smtpPage)
        self.tenantEdit.setObjectName(u"tenantEdit")

        self.smtpForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.tenantEdit)

        self.bridgeStack.addWidget(self.smtpPage)
        self.outlookPage = QWidget()
        self.outlookPage.setObjectName(u"outlookPage")
        self.outlookForm = QFormLayout(self.outlookPage)
        self.outlookForm.setObjectName(u"outlookForm")
        self.outlookForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.outlookForm.setContentsMargins(0, -1, 0, -1)
        self.outlookModeLabel = QLabel(self.outlookPage)
        self.outlookModeLabel.setObjectName(u"outlookModeLabel")

        self.outlookForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.outlookModeLabel)

        self.outlookModeCombo = QComboBox(self.outlookPage)
        self.outlookModeCombo.setObjectName(u"outlookModeCombo")

        self.outlookForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.outlookModeCombo)

        self.onBehalfLabel = QLabel(self.outlookPage)
        self.onBehalfLabel.setObjectName(u"onBehalfLabel")

        self.outlookForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.onBehalfLabel)

        self.onBehalfEdit = QLineEdit(self.outlookPage)
        self.onBehalfEdit.setObjectName(u"onBehalfEdit")

        self.outlookForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.onBehalfEdit)

        self.outlookHint = QLabel(self.outlookPage)
        self.outlookHint.setObjectName(u"outlookHint")
        self.outlookHint.setWordWrap(True)

        self.outlookForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.outlookHint)

        self.bridgeStack.addWidget(self.outlookPage)
        self.emlPage = QWidget()
        self.emlPage.setObjectName(u"emlPage")
        self.emlForm = QFormLayout(self.emlPage)
        self.emlForm.setObjectName(u"emlForm")
        self.emlForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.emlForm.setContentsMargins(0, -1, 0, -1)
        self.folderLabel = QLabel(self.emlPage)
        self.folderLabel.setObjectName(u"folderLabel")

        self.emlForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.folderLabel)

        self.folderLayout = QHBoxLayout()
        self.folderLayout.setObjectName(u"folderLayout")
        self.folderEdit = QLineEdit(self.emlPage)
        self.folderEdit.setObjectName(u"folderEdit")

        self.folderLayout.addWidget(self.folderEdit)

        self.browseButton = QPushButton(self.emlPage)
        self.browseButton.setObjectName(u"browseButton")

        self.folderLayout.addWidget(self.browseButton)


        self.emlForm.setLayout(0, QFormLayout.ItemRole.FieldRole, self.folderLayout)

        self.openEmlCheck = QCheckBox(self.emlPage)
        self.openEmlCheck.setObjectName(u"openEmlCheck")
        self.openEmlCheck.setChecked(True)

        self.emlForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.openEmlCheck)

        self.emlHint = QLabel(self.emlPage)
        self.emlHint.setObjectName(u"emlHint")
        self.emlHint.setWordWrap(True)

        self.emlForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.emlHint)

        self.bridgeStack.addWidget(self.emlPage)

        self.bridgeLayout.addWidget(self.bridgeStack)

        self.bridgeSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.bridgeLayout.addItem(self.bridgeSpacer)


        self.columnsLayout.addWidget(self.bridgeGroup)


        self.dialogLayout.addLayout(self.columnsLayout)

        self.testLayout = QHBoxLayout()
        self.testLayout.setObjectName(u"testLayout")
        self.testButton = QPushButton(MailSettingsDialog)
        self.testButton.setObjectName(u"testButton")

        self.testLayout.addWidget(self.testButton)

        self.testLabel = QLabel(MailSettingsDialog)
        self.testLabel.setObjectName(u"testLabel")
        self.testLabel.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.testLabel.sizePolicy().hasHeightForWidth())
        self.testLabel.setSizePolicy(sizePolicy)

        self.testLayout.addWidget(self.testLabel)


        self.dialogLayout.addLayout(self.testLayout)

        self.errorLabel = QLabel(MailSettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(MailSettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.dialogLayout.addWidget(self.buttonBox)

        self.dialogLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.fromLabel.setBuddy(self.fromEdit)
        self.replyToLabel.setBuddy(self.replyToEdit)
        self.bccLabel.setBuddy(self.bccEdit)
        self.pauseLabel.setBuddy(self.pauseSpin)
        self.perHourLabel.setBuddy(self.perHourSpin)
        self.hostLabel.setBuddy(self.hostEdit)
        self.portLabel.setBuddy(self.portSpin)
        self.securityLabel.setBuddy(self.securityCombo)
        self.authLabel.setBuddy(self.authCombo)
        self.userLabel.setBuddy(self.userEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.clientIdLabel.setBuddy(self.clientIdEdit)
        self.tenantLabel.setBuddy(self.tenantEdit)
        self.outlookModeLabel.setBuddy(self.outlookModeCombo)
        self.onBehalfLabel.setBuddy(self.onBehalfEdit)
        self.folderLabel.setBuddy(self.folderEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MailSettingsDialog)

        QMetaObject.connectSlotsByName(MailSettingsDialog)
    # setupUi

    def retranslateUi(self, MailSettingsDialog):
        MailSettingsDialog.setWindowTitle(QCoreApplication.translate("MailSettingsDialog", u"Mail settings", None))
        self.headingLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"Mail settings", None))
        self.introLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"The program's emails go out from the team's own account, so that replies come back to the team's inbox. Nothing is sent until you press Send in the Outbox.", None))
        self.identityGroup.setTitle(QCoreApplication.translate("MailSettingsDialog", u"Sender", None))
        self.fromLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"&From", None))
        self.fromEdit.setPlaceholderText(QCoreApplication.translate("MailSettingsDialog", u"AMS Mentorship Team <mentoring@ams.org>", None))
        self.replyToLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"&Reply-To", None))
        self.replyToEdit.setPlaceholderText(QCoreApplication.translate("MailSettingsDialog", u"optional: where replies should go", None))
        self.bccLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"&Bcc the team", None))
        self.bccEdit.setPlaceholderText(QCoreApplication.translate("MailSettingsDialog", u"optional: a copy of every email in this mailbox", None))
        self.throttleGroup.setTitle(QCoreApplication.translate("MailSettingsDialog", u"Pace (for the provider's limits)", None))
        self.pauseLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"P&ause between emails", None))
        self.pauseSpin.setSuffix(QCoreApplication.translate("MailSettingsDialog", u" s", None))
        self.perHourLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"At &most", None))
        self.perHourSpin.setSpecialValueText(QCoreApplication.translate("MailSettingsDialog", u"no limit", None))
        self.perHourSpin.setSuffix(QCoreApplication.translate("MailSettingsDialog", u" emails an hour", None))
        self.bridgeGroup.setTitle(QCoreApplication.translate("MailSettingsDialog", u"Send through", None))
#if QT_CONFIG(accessibility)
        self.bridgeCombo.setAccessibleName(QCoreApplication.translate("MailSettingsDialog", u"Send through", None))
#endif // QT_CONFIG(accessibility)
        self.hostLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"Ser&ver", None))
        self.hostEdit.setPlaceholderText(QCoreApplication.translate("MailSettingsDialog", u"smtp.office365.com", None))
        self.portLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"P&ort", None))
        self.securityLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"&Security", None))
        self.authLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"Sign &in with", None))
        self.userLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"&User name", None))
        self.userEdit.setPlaceholderText(QCoreApplication.translate("MailSettingsDialog", u"empty: no sign-in (a local relay)", None))
        self.passwordLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"Pass&word", None))
        self.clientIdLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"&Application ID", None))
        self.clientIdEdit.setPlaceholderText(QCoreApplication.translate("MailSettingsDialog", u"the app registration's client ID (Microsoft Entra)", None))
        self.tenantLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"&Tenant", None))
        self.tenantEdit.setPlaceholderText(QCoreApplication.translate("MailSettingsDialog", u"organizations, or the tenant's domain", None))
        self.outlookModeLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"&Each email is", None))
        self.onBehalfLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"From &mailbox", None))
        self.onBehalfEdit.setPlaceholderText(QCoreApplication.translate("MailSettingsDialog", u"optional: the team's shared mailbox", None))
        self.outlookHint.setText(QCoreApplication.translate("MailSettingsDialog", u"Uses the classic Outlook installed on this Windows computer. The new Outlook cannot be driven by other programs: use .eml drafts with it.", None))
        self.folderLabel.setText(QCoreApplication.translate("MailSettingsDialog", u"F&older", None))
        self.browseButton.setText(QCoreApplication.translate("MailSettingsDialog", u"Bro&wse\u2026", None))
        self.openEmlCheck.setText(QCoreApplication.translate("MailSettingsDialog", u"Open each draft in the default mail program", None))
        self.emlHint.setText(QCoreApplication.translate("MailSettingsDialog", u"Each email is saved as an unsent draft (.eml) that any mail program opens, ready to send from your own mailbox.", None))
        self.testButton.setText(QCoreApplication.translate("MailSettingsDialog", u"Send a &test email to me", None))
#if QT_CONFIG(tooltip)
        self.testButton.setToolTip(QCoreApplication.translate("MailSettingsDialog", u"Send one email to the From address with these settings, without saving them", None))
#endif // QT_CONFIG(tooltip)
    # retranslateUi

