# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'message_editor.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_MessageEditor(object):
    def setupUi(self, MessageEditor):
        if not MessageEditor.objectName():
            MessageEditor.setObjectName(u"MessageEditor")
        MessageEditor.resize(680, 560)
        self.dialogLayout = QVBoxLayout(MessageEditor)
        self.dialogLayout.setSpacing(10)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headingLabel = QLabel(MessageEditor)
        self.headingLabel.setObjectName(u"headingLabel")

        self.dialogLayout.addWidget(self.headingLabel)

        self.introLabel = QLabel(MessageEditor)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.form = QFormLayout()
        self.form.setObjectName(u"form")
        self.form.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.toLabel = QLabel(MessageEditor)
        self.toLabel.setObjectName(u"toLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.toLabel)

        self.toValue = QLabel(MessageEditor)
        self.toValue.setObjectName(u"toValue")
        self.toValue.setWordWrap(True)
        self.toValue.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.toValue)

        self.subjectLabel = QLabel(MessageEditor)
        self.subjectLabel.setObjectName(u"subjectLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.subjectLabel)

        self.subjectEdit = QLineEdit(MessageEditor)
        self.subjectEdit.setObjectName(u"subjectEdit")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.subjectEdit)


        self.dialogLayout.addLayout(self.form)

        self.bodyEdit = QPlainTextEdit(MessageEditor)
        self.bodyEdit.setObjectName(u"bodyEdit")
        self.bodyEdit.setTabChangesFocus(True)

        self.dialogLayout.addWidget(self.bodyEdit)

        self.errorLabel = QLabel(MessageEditor)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(MessageEditor)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.dialogLayout.addWidget(self.buttonBox)

        self.dialogLayout.setStretch(3, 1)
#if QT_CONFIG(shortcut)
        self.subjectLabel.setBuddy(self.subjectEdit)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(MessageEditor)

        QMetaObject.connectSlotsByName(MessageEditor)
    # setupUi

    def retranslateUi(self, MessageEditor):
        MessageEditor.setWindowTitle(QCoreApplication.translate("MessageEditor", u"Edit queued email", None))
        self.headingLabel.setText(QCoreApplication.translate("MessageEditor", u"Edit queued email", None))
        self.introLabel.setText(QCoreApplication.translate("MessageEditor", u"The email keeps its recipients and its Message-ID; what you save here is exactly what is sent.", None))
        self.toLabel.setText(QCoreApplication.translate("MessageEditor", u"To", None))
        self.subjectLabel.setText(QCoreApplication.translate("MessageEditor", u"&Subject", None))
#if QT_CONFIG(accessibility)
        self.bodyEdit.setAccessibleName(QCoreApplication.translate("MessageEditor", u"Body", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

