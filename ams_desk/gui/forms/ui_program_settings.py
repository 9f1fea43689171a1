# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'program_settings.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QGroupBox, QHBoxLayout,
    QLabel, QPlainTextEdit, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_ProgramSettingsDialog(object):
    def setupUi(self, ProgramSettingsDialog):
        if not ProgramSettingsDialog.objectName():
            ProgramSettingsDialog.setObjectName(u"ProgramSettingsDialog")
        ProgramSettingsDialog.resize(780, 460)
        self.dialogLayout = QVBoxLayout(ProgramSettingsDialog)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headingLabel = QLabel(ProgramSettingsDialog)
        self.headingLabel.setObjectName(u"headingLabel")

        self.dialogLayout.addWidget(self.headingLabel)

        self.introLabel = QLabel(ProgramSettingsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setSpacing(16)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.deadlinesGroup = QGroupBox(ProgramSettingsDialog)
        self.deadlinesGroup.setObjectName(u"deadlinesGroup")
        self.deadlinesForm = QFormLayout(self.deadlinesGroup)
        self.deadlinesForm.setObjectName(u"deadlinesForm")
        self.deadlinesForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.proposalLabel = QLabel(self.deadlinesGroup)
        self.proposalLabel.setObjectName(u"proposalLabel")

        self.deadlinesForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.proposalLabel)

        self.proposalSpin = QSpinBox(self.deadlinesGroup)
        self.proposalSpin.setObjectName(u"proposalSpin")
        self.proposalSpin.setMinimum(1)
        self.proposalSpin.setMaximum(90)

        self.deadlinesForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.proposalSpin)

        self.responseLabel = QLabel(self.deadlinesGroup)
        self.responseLabel.setObjectName(u"responseLabel")

        self.deadlinesForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.responseLabel)

        self.responseSpin = QSpinBox(self.deadlinesGroup)
        self.responseSpin.setObjectName(u"responseSpin")
        self.responseSpin.setMinimum(1)
        self.responseSpin.setMaximum(90)

        self.deadlinesForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.responseSpin)

        self.evaluationLabel = QLabel(self.deadlinesGroup)
        self.evaluationLabel.setObjectName(u"evaluationLabel")

        self.deadlinesForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.evaluationLabel)

        self.evaluationSpin = QSpinBox(self.deadlinesGroup)
        self.evaluationSpin.setObjectName(u"evaluationSpin")
        self.evaluationSpin.setMinimum(1)
        self.evaluationSpin.setMaximum(180)

        self.deadlinesForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.evaluationSpin)

        self.waitingLabel = QLabel(self.deadlinesGroup)
        self.waitingLabel.setObjectName(u"waitingLabel")

        self.deadlinesForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.waitingLabel)

        self.waitingSpin = QSpinBox(self.deadlinesGroup)
        self.waitingSpin.setObjectName(u"waitingSpin")
        self.waitingSpin.setMinimum(1)
        self.waitingSpin.setMaximum(730)

        self.deadlinesForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.waitingSpin)

        self.startMonthLabel = QLabel(self.deadlinesGroup)
        self.startMonthLabel.setObjectName(u"startMonthLabel")

        self.deadlinesForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.startMonthLabel)

        self.startMonthCombo = QComboBox(self.deadlinesGroup)
        self.startMonthCombo.setObjectName(u"startMonthCombo")

        self.deadlinesForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.startMonthCombo)

        self.poolLabel = QLabel(self.deadlinesGroup)
        self.poolLabel.setObjectName(u"poolLabel")

        self.deadlinesForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.poolLabel)

        self.poolSpin = QSpinBox(self.deadlinesGroup)
        self.poolSpin.setObjectName(u"poolSpin")
        self.poolSpin.setMinimum(0)
        self.poolSpin.setMaximum(60)

        self.deadlinesForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.poolSpin)

        self.retentionLabel = QLabel(self.deadlinesGroup)
        self.retentionLabel.setObjectName(u"retentionLabel")

        self.deadlinesForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.retentionLabel)

        self.retentionSpin = QSpinBox(self.deadlinesGroup)
        self.retentionSpin.setObjectName(u"retentionSpin")
        self.retentionSpin.setMinimum(1)
        self.retentionSpin.setMaximum(50)

        self.deadlinesForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.retentionSpin)


        self.columnsLayout.addWidget(self.deadlinesGroup)

        self.ladderGroup = QGroupBox(ProgramSettingsDialog)
        self.ladderGroup.setObjectName(u"ladderGroup")
        self.ladderLayout = QVBoxLayout(self.ladderGroup)
        self.ladderLayout.setObjectName(u"ladderLayout")
        self.ladderHint = QLabel(self.ladderGroup)
        self.ladderHint.setObjectName(u"ladderHint")
        self.ladderHint.setWordWrap(True)

        self.ladderLayout.addWidget(self.ladderHint)

        self.ladderEdit = QPlainTextEdit(self.ladderGroup)
        self.ladderEdit.setObjectName(u"ladderEdit")
        self.ladderEdit.setTabChangesFocus(True)
        self.ladderEdit.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.ladderEdit.setMinimumSize(QSize(230, 0))

        self.ladderLayout.addWidget(self.ladderEdit)


        self.columnsLayout.addWidget(self.ladderGroup)


        self.dialogLayout.addLayout(self.columnsLayout)

        self.errorLabel = QLabel(ProgramSettingsDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ProgramSettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.proposalLabel.setBuddy(self.proposalSpin)
        self.responseLabel.setBuddy(self.responseSpin)
        self.evaluationLabel.setBuddy(self.evaluationSpin)
        self.waitingLabel.setBuddy(self.waitingSpin)
        self.startMonthLabel.setBuddy(self.startMonthCombo)
        self.poolLabel.setBuddy(self.poolSpin)
        self.retentionLabel.setBuddy(self.retentionSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(ProgramSettingsDialog)

        QMetaObject.connectSlotsByName(ProgramSettingsDialog)
    # setupUi

    def retranslateUi(self, ProgramSettingsDialog):
        ProgramSettingsDialog.setWindowTitle(QCoreApplication.translate("ProgramSettingsDialog", u"Program settings", None))
        self.headingLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"Program settings", None))
        self.introLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"These rules are stored in the database and apply to everyone who uses it.", None))
        self.deadlinesGroup.setTitle(QCoreApplication.translate("ProgramSettingsDialog", u"Deadlines and program year", None))
        self.proposalLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"Mentor answers a &proposal within", None))
        self.proposalSpin.setSuffix(QCoreApplication.translate("ProgramSettingsDialog", u" days", None))
        self.responseLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"Mentor &responds to first contact within", None))
        self.responseSpin.setSuffix(QCoreApplication.translate("ProgramSettingsDialog", u" days", None))
        self.evaluationLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"Mentee &evaluates the meeting within", None))
        self.evaluationSpin.setSuffix(QCoreApplication.translate("ProgramSettingsDialog", u" days", None))
        self.waitingLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"Flag mentees &waiting longer than", None))
        self.waitingSpin.setSuffix(QCoreApplication.translate("ProgramSettingsDialog", u" days", None))
        self.startMonthLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"Program year starts in", None))
        self.poolLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"Mentors' &offers stay on the board for", None))
#if QT_CONFIG(tooltip)
        self.poolSpin.setToolTip(QCoreApplication.translate("ProgramSettingsDialog", u"A mentor sign-up of the running program year is always offered; one of an earlier year while it is younger than this", None))
#endif // QT_CONFIG(tooltip)
        self.poolSpin.setSuffix(QCoreApplication.translate("ProgramSettingsDialog", u" months", None))
        self.retentionLabel.setText(QCoreApplication.translate("ProgramSettingsDialog", u"Erase people &after their sign-ups ended", None))
#if QT_CONFIG(tooltip)
        self.retentionSpin.setToolTip(QCoreApplication.translate("ProgramSettingsDialog", u"Closed or withdrawn sign-ups with nothing new for this long are listed on Needs attention as due for erasure", None))
#endif // QT_CONFIG(tooltip)
        self.retentionSpin.setSuffix(QCoreApplication.translate("ProgramSettingsDialog", u" years", None))
        self.ladderGroup.setTitle(QCoreApplication.translate("ProgramSettingsDialog", u"Seniority ladder", None))
        self.ladderHint.setText(QCoreApplication.translate("ProgramSettingsDialog", u"One position per line, lowest first. A mentor must rank higher than the mentee.", None))
    # retranslateUi

