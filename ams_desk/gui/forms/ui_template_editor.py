# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'template_editor.ui'
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
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QListView,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem,
    QSplitter, QTableView, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_TemplateEditor(object):
    def setupUi(self, TemplateEditor):
        if not TemplateEditor.objectName():
            TemplateEditor.setObjectName(u"TemplateEditor")
        TemplateEditor.resize(1240, 720)
        self.dialogLayout = QVBoxLayout(TemplateEditor)
        self.dialogLayout.setSpacing(8)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headingLabel = QLabel(TemplateEditor)
        self.headingLabel.setObjectName(u"headingLabel")

        self.dialogLayout.addWidget(self.headingLabel)

        self.introLabel = QLabel(TemplateEditor)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.splitter = QSplitter(TemplateEditor)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.listColumn = QWidget(self.splitter)
        self.listColumn.setObjectName(u"listColumn")
        self.listLayout = QVBoxLayout(self.listColumn)
        self.listLayout.setObjectName(u"listLayout")
        self.listLayout.setContentsMargins(0, 0, 4, 0)
        self.templatesLabel = QLabel(self.listColumn)
        self.templatesLabel.setObjectName(u"templatesLabel")

        self.listLayout.addWidget(self.templatesLabel)

        self.templateList = QListView(self.listColumn)
        self.templateList.setObjectName(u"templateList")
        self.templateList.setMinimumSize(QSize(190, 0))
        self.templateList.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.templateList.setTextElideMode(Qt.ElideRight)
        self.templateList.setUniformItemSizes(True)

        self.listLayout.addWidget(self.templateList)

        self.newButton = QPushButton(self.listColumn)
        self.newButton.setObjectName(u"newButton")

        self.listLayout.addWidget(self.newButton)

        self.resetButton = QPushButton(self.listColumn)
        self.resetButton.setObjectName(u"resetButton")

        self.listLayout.addWidget(self.resetButton)

        self.deleteButton = QPushButton(self.listColumn)
        self.deleteButton.setObjectName(u"deleteButton")

        self.listLayout.addWidget(self.deleteButton)

        self.splitter.addWidget(self.listColumn)
        self.editColumn = QWidget(self.splitter)
        self.editColumn.setObjectName(u"editColumn")
        self.editLayout = QVBoxLayout(self.editColumn)
        self.editLayout.setObjectName(u"editLayout")
        self.editLayout.setContentsMargins(4, 0, 4, 0)
        self.editForm = QFormLayout()
        self.editForm.setObjectName(u"editForm")
        self.editForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.nameLabel = QLabel(self.editColumn)
        self.nameLabel.setObjectName(u"nameLabel")

        self.editForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.editColumn)
        self.nameEdit.setObjectName(u"nameEdit")

        self.editForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.toLabel = QLabel(self.editColumn)
        self.toLabel.setObjectName(u"toLabel")

        self.editForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.toLabel)

        self.toLayout = QHBoxLayout()
        self.toLayout.setObjectName(u"toLayout")
        self.toMentorCheck = QCheckBox(self.editColumn)
        self.toMentorCheck.setObjectName(u"toMentorCheck")

        self.toLayout.addWidget(self.toMentorCheck)

        self.toMenteeCheck = QCheckBox(self.editColumn)
        self.toMenteeCheck.setObjectName(u"toMenteeCheck")

        self.toLayout.addWidget(self.toMenteeCheck)

        self.toTeamCheck = QCheckBox(self.editColumn)
        self.toTeamCheck.setObjectName(u"toTeamCheck")

        self.toLayout.addWidget(self.toTeamCheck)

        self.toSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.toLayout.addItem(self.toSpacer)


        self.editForm.setLayout(1, QFormLayout.ItemRole.FieldRole, self.toLayout)

        self.ccLabel = QLabel(self.editColumn)
        self.ccLabel.setObjectName(u"ccLabel")

        self.editForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.ccLabel)

        self.ccLayout = QHBoxLayout()
        self.ccLayout.setObjectName(u"ccLayout")
        self.ccMentorCheck = QCheckBox(self.editColumn)
        self.ccMentorCheck.setObjectName(u"ccMentorCheck")

        self.ccLayout.addWidget(self.ccMentorCheck)

        self.ccMenteeCheck = QCheckBox(self.editColumn)
        self.ccMenteeCheck.setObjectName(u"ccMenteeCheck")

        self.ccLayout.addWidget(self.ccMenteeCheck)

        self.ccTeamCheck = QCheckBox(self.editColumn)
        self.ccTeamCheck.setObjectName(u"ccTeamCheck")

        self.ccLayout.addWidget(self.ccTeamCheck)

        self.ccSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.ccLayout.addItem(self.ccSpacer)


        self.editForm.setLayout(2, QFormLayout.ItemRole.FieldRole, self.ccLayout)

        self.subjectLabel = QLabel(self.editColumn)
        self.subjectLabel.setObjectName(u"subjectLabel")

        self.editForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.subjectLabel)

        self.subjectEdit = QLineEdit(self.editColumn)
        self.subjectEdit.setObjectName(u"subjectEdit")

        self.editForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.subjectEdit)


        self.editLayout.addLayout(self.editForm)

        self.bodyLabel = QLabel(self.editColumn)
        self.bodyLabel.setObjectName(u"bodyLabel")

        self.editLayout.addWidget(self.bodyLabel)

        self.bodyEdit = QPlainTextEdit(self.editColumn)
        self.bodyEdit.setObjectName(u"bodyEdit")
        self.bodyEdit.setTabChangesFocus(True)
        self.bodyEdit.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.bodyEdit.setMinimumSize(QSize(360, 0))

        self.editLayout.addWidget(self.bodyEdit)

        self.splitter.addWidget(self.editColumn)
        self.sideSplitter = QSplitter(self.splitter)
        self.sideSplitter.setObjectName(u"sideSplitter")
        self.sideSplitter.setOrientation(Qt.Vertical)
        self.sideSplitter.setChildrenCollapsible(False)
        self.previewColumn = QWidget(self.sideSplitter)
        self.previewColumn.setObjectName(u"previewColumn")
        self.previewLayout = QVBoxLayout(self.previewColumn)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewLayout.setContentsMargins(4, 0, 0, 4)
        self.pairLayout = QHBoxLayout()
        self.pairLayout.setObjectName(u"pairLayout")
        self.pairLabel = QLabel(self.previewColumn)
        self.pairLabel.setObjectName(u"pairLabel")

        self.pairLayout.addWidget(self.pairLabel)

        self.pairCombo = QComboBox(self.previewColumn)
        self.pairCombo.setObjectName(u"pairCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.pairCombo.sizePolicy().hasHeightForWidth())
        self.pairCombo.setSizePolicy(sizePolicy)
        self.pairCombo.setEditable(True)
        self.pairCombo.setInsertPolicy(QComboBox.NoInsert)
        self.pairCombo.setMinimumContentsLength(16)

        self.pairLayout.addWidget(self.pairCombo)


        self.previewLayout.addLayout(self.pairLayout)

        self.previewBrowser = QTextBrowser(self.previewColumn)
        self.previewBrowser.setObjectName(u"previewBrowser")
        self.previewBrowser.setMinimumSize(QSize(340, 0))

        self.previewLayout.addWidget(self.previewBrowser)

        self.sideSplitter.addWidget(self.previewColumn)
        self.fieldsColumn = QWidget(self.sideSplitter)
        self.fieldsColumn.setObjectName(u"fieldsColumn")
        self.fieldsLayout = QVBoxLayout(self.fieldsColumn)
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsLayout.setContentsMargins(4, 4, 0, 0)
        self.fieldsLabel = QLabel(self.fieldsColumn)
        self.fieldsLabel.setObjectName(u"fieldsLabel")

        self.fieldsLayout.addWidget(self.fieldsLabel)

        self.fieldList = QTableView(self.fieldsColumn)
        self.fieldList.setObjectName(u"fieldList")

        self.fieldsLayout.addWidget(self.fieldList)

        self.sideSplitter.addWidget(self.fieldsColumn)
        self.splitter.addWidget(self.sideSplitter)

        self.dialogLayout.addWidget(self.splitter)

        self.errorLabel = QLabel(TemplateEditor)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(TemplateEditor)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Close|QDialogButtonBox.Save)

        self.dialogLayout.addWidget(self.buttonBox)

        self.dialogLayout.setStretch(2, 1)
#if QT_CONFIG(shortcut)
        self.templatesLabel.setBuddy(self.templateList)
        self.nameLabel.setBuddy(self.nameEdit)
        self.subjectLabel.setBuddy(self.subjectEdit)
        self.bodyLabel.setBuddy(self.bodyEdit)
        self.pairLabel.setBuddy(self.pairCombo)
        self.fieldsLabel.setBuddy(self.fieldList)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TemplateEditor)

        QMetaObject.connectSlotsByName(TemplateEditor)
    # setupUi

    def retranslateUi(self, TemplateEditor):
        TemplateEditor.setWindowTitle(QCoreApplication.translate("TemplateEditor", u"Email templates", None))
        self.headingLabel.setText(QCoreApplication.translate("TemplateEditor", u"Email templates", None))
        self.introLabel.setText(QCoreApplication.translate("TemplateEditor", u"Write {{ field }} where a name, a date or a link goes; the preview shows the email as a real pair would get it. Templates are stored in the database, shared by the team.", None))
        self.templatesLabel.setText(QCoreApplication.translate("TemplateEditor", u"Te&mplates", None))
        self.newButton.setText(QCoreApplication.translate("TemplateEditor", u"&New template\u2026", None))
        self.resetButton.setText(QCoreApplication.translate("TemplateEditor", u"Reset to &default", None))
#if QT_CONFIG(tooltip)
        self.resetButton.setToolTip(QCoreApplication.translate("TemplateEditor", u"Put back the text AMS Desk ships for this template", None))
#endif // QT_CONFIG(tooltip)
        self.deleteButton.setText(QCoreApplication.translate("TemplateEditor", u"De&lete template", None))
#if QT_CONFIG(tooltip)
        self.deleteButton.setToolTip(QCoreApplication.translate("TemplateEditor", u"Delete a template the team added (the standard ones can only be reset)", None))
#endif // QT_CONFIG(tooltip)
        self.nameLabel.setText(QCoreApplication.translate("TemplateEditor", u"N&ame", None))
        self.toLabel.setText(QCoreApplication.translate("TemplateEditor", u"To", None))
        self.toMentorCheck.setText(QCoreApplication.translate("TemplateEditor", u"mentor", None))
        self.toMenteeCheck.setText(QCoreApplication.translate("TemplateEditor", u"mentee", None))
        self.toTeamCheck.setText(QCoreApplication.translate("TemplateEditor", u"team", None))
        self.ccLabel.setText(QCoreApplication.translate("TemplateEditor", u"Cc", None))
        self.ccMentorCheck.setText(QCoreApplication.translate("TemplateEditor", u"mentor", None))
        self.ccMenteeCheck.setText(QCoreApplication.translate("TemplateEditor", u"mentee", None))
        self.ccTeamCheck.setText(QCoreApplication.translate("TemplateEditor", u"team", None))
        self.subjectLabel.setText(QCoreApplication.translate("TemplateEditor", u"&Subject", None))
        self.bodyLabel.setText(QCoreApplication.translate("TemplateEditor", u"&Body (plain text)", None))
        self.pairLabel.setText(QCoreApplication.translate("TemplateEditor", u"&Preview for", None))
#if QT_CONFIG(accessibility)
        self.previewBrowser.setAccessibleName(QCoreApplication.translate("TemplateEditor", u"Preview", None))
#endif // QT_CONFIG(accessibility)
        self.fieldsLabel.setText(QCoreApplication.translate("TemplateEditor", u"&Fields (double-click to insert)", None))
    # retranslateUi

