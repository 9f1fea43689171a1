# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'meeting_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDateEdit,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QPlainTextEdit, QSizePolicy, QVBoxLayout,
    QWidget)

class Ui_MeetingDialog(object):
    def setupUi(self, MeetingDialog):
        if not MeetingDialog.objectName():
            MeetingDialog.setObjectName(u"MeetingDialog")
        MeetingDialog.setMinimumSize(QSize(480, 0))
        self.dialogLayout = QVBoxLayout(MeetingDialog)
        self.dialogLayout.setSpacing(10)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headingLabel = QLabel(MeetingDialog)
        self.headingLabel.setObjectName(u"headingLabel")

        self.dialogLayout.addWidget(self.headingLabel)

        self.subtitleLabel = QLabel(MeetingDialog)
        self.subtitleLabel.setObjectName(u"subtitleLabel")

        self.dialogLayout.addWidget(self.subtitleLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setHorizontalSpacing(10)
        self.formLayout.setVerticalSpacing(10)
        self.dateLabel = QLabel(MeetingDialog)
        self.dateLabel.setObjectName(u"dateLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.dateLabel)

        self.dateEdit = QDateEdit(MeetingDialog)
        self.dateEdit.setObjectName(u"dateEdit")
        self.dateEdit.setCalendarPopup(True)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.dateEdit)

        self.formatLabel = QLabel(MeetingDialog)
        self.formatLabel.setObjectName(u"formatLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.formatLabel)

        self.formatCombo = QComboBox(MeetingDialog)
        self.formatCombo.setObjectName(u"formatCombo")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.formatCombo)

        self.placeLabel = QLabel(MeetingDialog)
        self.placeLabel.setObjectName(u"placeLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.placeLabel)

        self.placeEdit = QLineEdit(MeetingDialog)
        self.placeEdit.setObjectName(u"placeEdit")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.placeEdit)

        self.noteLabel = QLabel(MeetingDialog)
        self.noteLabel.setObjectName(u"noteLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.noteLabel)

        self.noteEdit = QPlainTextEdit(MeetingDialog)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setMaximumSize(QSize(16777215, 90))
        self.noteEdit.setTabChangesFocus(True)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.noteEdit)


        self.dialogLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(MeetingDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(MeetingDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.dateLabel.setBuddy(self.dateEdit)
        self.formatLabel.setBuddy(self.formatCombo)
        self.placeLabel.setBuddy(self.placeEdit)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.dateEdit, self.formatCombo)
        QWidget.setTabOrder(self.formatCombo, self.placeEdit)
        QWidget.setTabOrder(self.placeEdit, self.noteEdit)

        self.retranslateUi(MeetingDialog)

        QMetaObject.connectSlotsByName(MeetingDialog)
    # setupUi

    def retranslateUi(self, MeetingDialog):
        MeetingDialog.setWindowTitle(QCoreApplication.translate("MeetingDialog", u"Record a meeting", None))
        self.headingLabel.setText(QCoreApplication.translate("MeetingDialog", u"Record a meeting", None))
        self.subtitleLabel.setText(QCoreApplication.translate("MeetingDialog", u"Mentor \u2192 Mentee", None))
        self.dateLabel.setText(QCoreApplication.translate("MeetingDialog", u"&Met on *", None))
        self.dateEdit.setDisplayFormat(QCoreApplication.translate("MeetingDialog", u"yyyy-MM-dd", None))
        self.formatLabel.setText(QCoreApplication.translate("MeetingDialog", u"&How *", None))
        self.placeLabel.setText(QCoreApplication.translate("MeetingDialog", u"&Place or link", None))
        self.placeEdit.setPlaceholderText(QCoreApplication.translate("MeetingDialog", u"Room, building \u2014 or the meeting link", None))
        self.noteLabel.setText(QCoreApplication.translate("MeetingDialog", u"&Note", None))
        self.noteEdit.setPlaceholderText(QCoreApplication.translate("MeetingDialog", u"What they talked about, what comes next \u2014 kept on the timeline", None))
    # retranslateUi

