# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'signup_editor.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QListWidget,
    QListWidgetItem, QPlainTextEdit, QSizePolicy, QSpinBox,
    QVBoxLayout, QWidget)

class Ui_SignupEditor(object):
    def setupUi(self, SignupEditor):
        if not SignupEditor.objectName():
            SignupEditor.setObjectName(u"SignupEditor")
        SignupEditor.resize(840, 560)
        SignupEditor.setModal(True)
        self.dialogLayout = QVBoxLayout(SignupEditor)
        self.dialogLayout.setSpacing(12)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headingLabel = QLabel(SignupEditor)
        self.headingLabel.setObjectName(u"headingLabel")

        self.dialogLayout.addWidget(self.headingLabel)

        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setSpacing(16)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.personGroup = QGroupBox(SignupEditor)
        self.personGroup.setObjectName(u"personGroup")
        self.personForm = QFormLayout(self.personGroup)
        self.personForm.setObjectName(u"personForm")
        self.personForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.personForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.nameLabel = QLabel(self.personGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.personForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.personGroup)
        self.nameEdit.setObjectName(u"nameEdit")
        self.nameEdit.setMaxLength(200)

        self.personForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.emailLabel = QLabel(self.personGroup)
        self.emailLabel.setObjectName(u"emailLabel")

        self.personForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.emailEdit = QLineEdit(self.personGroup)
        self.emailEdit.setObjectName(u"emailEdit")
        self.emailEdit.setMaxLength(320)

        self.personForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.emailEdit)

        self.positionLabel = QLabel(self.personGroup)
        self.positionLabel.setObjectName(u"positionLabel")

        self.personForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.positionLabel)

        self.positionCombo = QComboBox(self.personGroup)
        self.positionCombo.setObjectName(u"positionCombo")
        self.positionCombo.setEditable(True)
        self.positionCombo.setInsertPolicy(QComboBox.NoInsert)

        self.personForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.positionCombo)

        self.departmentLabel = QLabel(self.personGroup)
        self.departmentLabel.setObjectName(u"departmentLabel")

        self.personForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.departmentLabel)

        self.departmentEdit = QLineEdit(self.personGroup)
        self.departmentEdit.setObjectName(u"departmentEdit")

        self.personForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.departmentEdit)

        self.projectsLabel = QLabel(self.personGroup)
        self.projectsLabel.setObjectName(u"projectsLabel")

        self.personForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.projectsLabel)

        self.projectsEdit = QLineEdit(self.personGroup)
        self.projectsEdit.setObjectName(u"projectsEdit")

        self.personForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.projectsEdit)

        self.languagesLabel = QLabel(self.personGroup)
        self.languagesLabel.setObjectName(u"languagesLabel")

        self.personForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.languagesLabel)

        self.languagesEdit = QLineEdit(self.personGroup)
        self.languagesEdit.setObjectName(u"languagesEdit")

        self.personForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.languagesEdit)

        self.notesLabel = QLabel(self.personGroup)
        self.notesLabel.setObjectName(u"notesLabel")
        self.notesLabel.setAlignment(Qt.AlignRight|Qt.AlignTop)

        self.personForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.notesLabel)

        self.notesEdit = QPlainTextEdit(self.personGroup)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)

        self.personForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.notesEdit)


        self.columnsLayout.addWidget(self.personGroup)

        self.signupGroup = QGroupBox(SignupEditor)
        self.signupGroup.setObjectName(u"signupGroup")
        self.signupForm = QFormLayout(self.signupGroup)
        self.signupForm.setObjectName(u"signupForm")
        self.signupForm.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.signupForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.roleLabel = QLabel(self.signupGroup)
        self.roleLabel.setObjectName(u"roleLabel")

        self.signupForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.roleCombo = QComboBox(self.signupGroup)
        self.roleCombo.setObjectName(u"roleCombo")

        self.signupForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.roleCombo)

        self.signedUpLabel = QLabel(self.signupGroup)
        self.signedUpLabel.setObjectName(u"signedUpLabel")

        self.signupForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.signedUpLabel)

        self.signedUpEdit = QDateEdit(self.signupGroup)
        self.signedUpEdit.setObjectName(u"signedUpEdit")
        self.signedUpEdit.setCalendarPopup(True)

        self.signupForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.signedUpEdit)

        self.yearLabel = QLabel(self.signupGroup)
        self.yearLabel.setObjectName(u"yearLabel")

        self.signupForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.yearLabel)

        self.yearSpin = QSpinBox(self.signupGroup)
        self.yearSpin.setObjectName(u"yearSpin")
        self.yearSpin.setMinimum(2000)
        self.yearSpin.setMaximum(2100)

        self.signupForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.yearSpin)

        self.statusLabel = QLabel(self.signupGroup)
        self.statusLabel.setObjectName(u"statusLabel")

        self.signupForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.statusLabel)

        self.statusCombo = QComboBox(self.signupGroup)
        self.statusCombo.setObjectName(u"statusCombo")

        self.signupForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.statusCombo)

        self.formatLabel = QLabel(self.signupGroup)
        self.formatLabel.setObjectName(u"formatLabel")

        self.signupForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.formatLabel)

        self.formatCombo = QComboBox(self.signupGroup)
        self.formatCombo.setObjectName(u"formatCombo")

        self.signupForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.formatCombo)

        self.capacityLabel = QLabel(self.signupGroup)
        self.capacityLabel.setObjectName(u"capacityLabel")

        self.signupForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.capacityLabel)

        self.capacitySpin = QSpinBox(self.signupGroup)
        self.capacitySpin.setObjectName(u"capacitySpin")
        self.capacitySpin.setMinimum(1)
        self.capacitySpin.setMaximum(10)

        self.signupForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.capacitySpin)

        self.topicsLabel = QLabel(self.signupGroup)
        self.topicsLabel.setObjectName(u"topicsLabel")
        self.topicsLabel.setAlignment(Qt.AlignRight|Qt.AlignTop)

        self.signupForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.topicsLabel)

        self.topicsList = QListWidget(self.signupGroup)
        self.topicsList.setObjectName(u"topicsList")
        self.topicsList.setMinimumSize(QSize(0, 170))

        self.signupForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.topicsList)

        self.otherTopicsEdit = QLineEdit(self.signupGroup)
        self.otherTopicsEdit.setObjectName(u"otherTopicsEdit")

        self.signupForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.otherTopicsEdit)

        self.motivationLabel = QLabel(self.signupGroup)
        self.motivationLabel.setObjectName(u"motivationLabel")
        self.motivationLabel.setAlignment(Qt.AlignRight|Qt.AlignTop)

        self.signupForm.setWidget(8, QFormLayout.ItemRole.LabelRole, self.motivationLabel)

        self.motivationEdit = QPlainTextEdit(self.signupGroup)
        self.motivationEdit.setObjectName(u"motivationEdit")
        self.motivationEdit.setTabChangesFocus(True)

        self.signupForm.setWidget(8, QFormLayout.ItemRole.FieldRole, self.motivationEdit)


        self.columnsLayout.addWidget(self.signupGroup)

        self.columnsLayout.setStretch(0, 1)
        self.columnsLayout.setStretch(1, 1)

        self.dialogLayout.addLayout(self.columnsLayout)

        self.errorLabel = QLabel(SignupEditor)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(SignupEditor)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.emailLabel.setBuddy(self.emailEdit)
        self.positionLabel.setBuddy(self.positionCombo)
        self.departmentLabel.setBuddy(self.departmentEdit)
        self.projectsLabel.setBuddy(self.projectsEdit)
        self.languagesLabel.setBuddy(self.languagesEdit)
        self.notesLabel.setBuddy(self.notesEdit)
        self.roleLabel.setBuddy(self.roleCombo)
        self.signedUpLabel.setBuddy(self.signedUpEdit)
        self.yearLabel.setBuddy(self.yearSpin)
        self.statusLabel.setBuddy(self.statusCombo)
        self.formatLabel.setBuddy(self.formatCombo)
        self.capacityLabel.setBuddy(self.capacitySpin)
        self.topicsLabel.setBuddy(self.topicsList)
        self.motivationLabel.setBuddy(self.motivationEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.emailEdit)
        QWidget.setTabOrder(self.emailEdit, self.positionCombo)
        QWidget.setTabOrder(self.positionCombo, self.departmentEdit)
        QWidget.setTabOrder(self.departmentEdit, self.projectsEdit)
        QWidget.setTabOrder(self.projectsEdit, self.languagesEdit)
        QWidget.setTabOrder(self.languagesEdit, self.notesEdit)
        QWidget.setTabOrder(self.notesEdit, self.roleCombo)
        QWidget.setTabOrder(self.roleCombo, self.signedUpEdit)
        QWidget.setTabOrder(self.signedUpEdit, self.yearSpin)
        QWidget.setTabOrder(self.yearSpin, self.statusCombo)
        QWidget.setTabOrder(self.statusCombo, self.formatCombo)
        QWidget.setTabOrder(self.formatCombo, self.capacitySpin)
        QWidget.setTabOrder(self.capacitySpin, self.topicsList)
        QWidget.setTabOrder(self.topicsList, self.otherTopicsEdit)
        QWidget.setTabOrder(self.otherTopicsEdit, self.motivationEdit)

        self.retranslateUi(SignupEditor)

        QMetaObject.connectSlotsByName(SignupEditor)
    # setupUi

    def retranslateUi(self, SignupEditor):
        SignupEditor.setWindowTitle(QCoreApplication.translate("SignupEditor", u"Sign-up", None))
        self.headingLabel.setText(QCoreApplication.translate("SignupEditor", u"New sign-up", None))
        self.personGroup.setTitle(QCoreApplication.translate("SignupEditor", u"Person", None))
        self.nameLabel.setText(QCoreApplication.translate("SignupEditor", u"&Name", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("SignupEditor", u"First and last name", None))
        self.emailLabel.setText(QCoreApplication.translate("SignupEditor", u"&Email", None))
        self.emailEdit.setPlaceholderText(QCoreApplication.translate("SignupEditor", u"name@example.org", None))
        self.positionLabel.setText(QCoreApplication.translate("SignupEditor", u"&Position", None))
        self.departmentLabel.setText(QCoreApplication.translate("SignupEditor", u"&Department", None))
        self.projectsLabel.setText(QCoreApplication.translate("SignupEditor", u"P&rojects", None))
        self.projectsEdit.setPlaceholderText(QCoreApplication.translate("SignupEditor", u"Separated by commas", None))
        self.languagesLabel.setText(QCoreApplication.translate("SignupEditor", u"&Languages", None))
        self.languagesEdit.setPlaceholderText(QCoreApplication.translate("SignupEditor", u"e.g. English, Dutch", None))
        self.notesLabel.setText(QCoreApplication.translate("SignupEditor", u"N&otes", None))
        self.notesEdit.setPlaceholderText(QCoreApplication.translate("SignupEditor", u"Anything the team should know", None))
        self.signupGroup.setTitle(QCoreApplication.translate("SignupEditor", u"Sign-up", None))
        self.roleLabel.setText(QCoreApplication.translate("SignupEditor", u"Ro&le", None))
        self.signedUpLabel.setText(QCoreApplication.translate("SignupEditor", u"&Signed up", None))
        self.signedUpEdit.setDisplayFormat(QCoreApplication.translate("SignupEditor", u"yyyy-MM-dd", None))
        self.yearLabel.setText(QCoreApplication.translate("SignupEditor", u"Program &year", None))
        self.statusLabel.setText(QCoreApplication.translate("SignupEditor", u"St&atus", None))
        self.formatLabel.setText(QCoreApplication.translate("SignupEditor", u"&Meeting", None))
        self.capacityLabel.setText(QCoreApplication.translate("SignupEditor", u"&Places", None))
        self.capacitySpin.setSuffix(QCoreApplication.translate("SignupEditor", u" mentees in all", None))
#if QT_CONFIG(tooltip)
        self.capacitySpin.setToolTip(QCoreApplication.translate("SignupEditor", u"Mentees this sign-up offers in all, not at a time: every pair not declined or cancelled takes a place, drafts and closed pairs too. To take part again once they are taken, the mentor signs up again.", None))
#endif // QT_CONFIG(tooltip)
        self.topicsLabel.setText(QCoreApplication.translate("SignupEditor", u"&Topics", None))
#if QT_CONFIG(tooltip)
        self.topicsList.setToolTip(QCoreApplication.translate("SignupEditor", u"Tick every topic that applies; add others below", None))
#endif // QT_CONFIG(tooltip)
        self.otherTopicsEdit.setPlaceholderText(QCoreApplication.translate("SignupEditor", u"Other topics, separated by commas", None))
        self.motivationLabel.setText(QCoreApplication.translate("SignupEditor", u"Moti&vation", None))
        self.motivationEdit.setPlaceholderText(QCoreApplication.translate("SignupEditor", u"Why they signed up, in their words", None))
    # retranslateUi

