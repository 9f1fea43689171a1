# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'outbox_view.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTableView, QVBoxLayout, QWidget)

class Ui_OutboxView(object):
    def setupUi(self, OutboxView):
        if not OutboxView.objectName():
            OutboxView.setObjectName(u"OutboxView")
        OutboxView.resize(1300, 700)
        self.viewLayout = QVBoxLayout(OutboxView)
        self.viewLayout.setSpacing(0)
        self.viewLayout.setObjectName(u"viewLayout")
        self.viewLayout.setContentsMargins(0, 0, 0, 0)
        self.filterBar = QHBoxLayout()
        self.filterBar.setSpacing(8)
        self.filterBar.setObjectName(u"filterBar")
        self.filterBar.setContentsMargins(10, 10, 10, 6)
        self.stateLabel = QLabel(OutboxView)
        self.stateLabel.setObjectName(u"stateLabel")

        self.filterBar.addWidget(self.stateLabel)

        self.stateCombo = QComboBox(OutboxView)
        self.stateCombo.setObjectName(u"stateCombo")
        self.stateCombo.setMinimumContentsLength(14)

        self.filterBar.addWidget(self.stateCombo)

        self.filterSpacer = QSpacerItem(12, 0, QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Minimum)

        self.filterBar.addItem(self.filterSpacer)

        self.searchEdit = QLineEdit(OutboxView)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterBar.addWidget(self.searchEdit)


        self.viewLayout.addLayout(self.filterBar)

        self.actionBar = QHBoxLayout()
        self.actionBar.setSpacing(8)
        self.actionBar.setObjectName(u"actionBar")
        self.actionBar.setContentsMargins(10, 0, 10, 6)
        self.sendSelectedButton = QPushButton(OutboxView)
        self.sendSelectedButton.setObjectName(u"sendSelectedButton")

        self.actionBar.addWidget(self.sendSelectedButton)

        self.sendAllButton = QPushButton(OutboxView)
        self.sendAllButton.setObjectName(u"sendAllButton")

        self.actionBar.addWidget(self.sendAllButton)

        self.busyPlace = QWidget(OutboxView)
        self.busyPlace.setObjectName(u"busyPlace")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.busyPlace.sizePolicy().hasHeightForWidth())
        self.busyPlace.setSizePolicy(sizePolicy)

        self.actionBar.addWidget(self.busyPlace)

        self.editButton = QPushButton(OutboxView)
        self.editButton.setObjectName(u"editButton")

        self.actionBar.addWidget(self.editButton)

        self.cancelButton = QPushButton(OutboxView)
        self.cancelButton.setObjectName(u"cancelButton")

        self.actionBar.addWidget(self.cancelButton)

        self.retryButton = QPushButton(OutboxView)
        self.retryButton.setObjectName(u"retryButton")

        self.actionBar.addWidget(self.retryButton)

        self.arrivedButton = QPushButton(OutboxView)
        self.arrivedButton.setObjectName(u"arrivedButton")

        self.actionBar.addWidget(self.arrivedButton)

        self.resendButton = QPushButton(OutboxView)
        self.resendButton.setObjectName(u"resendButton")

        self.actionBar.addWidget(self.resendButton)


        self.viewLayout.addLayout(self.actionBar)

        self.splitter = QSplitter(OutboxView)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.splitter.addWidget(self.table)
        self.previewPane = QWidget(self.splitter)
        self.previewPane.setObjectName(u"previewPane")
        self.previewLayout = QVBoxLayout(self.previewPane)
        self.previewLayout.setSpacing(6)
        self.previewLayout.setObjectName(u"previewLayout")
        self.previewLayout.setContentsMargins(14, 12, 14, 12)
        self.previewTitle = QLabel(self.previewPane)
        self.previewTitle.setObjectName(u"previewTitle")
        self.previewTitle.setWordWrap(True)

        self.previewLayout.addWidget(self.previewTitle)

        self.previewState = QLabel(self.previewPane)
        self.previewState.setObjectName(u"previewState")
        self.previewState.setWordWrap(True)
        self.previewState.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.previewLayout.addWidget(self.previewState)

        self.allHeadersCheck = QCheckBox(self.previewPane)
        self.allHeadersCheck.setObjectName(u"allHeadersCheck")

        self.previewLayout.addWidget(self.allHeadersCheck)

        self.previewText = QPlainTextEdit(self.previewPane)
        self.previewText.setObjectName(u"previewText")
        self.previewText.setReadOnly(True)

        self.previewLayout.addWidget(self.previewText)

        self.splitter.addWidget(self.previewPane)

        self.viewLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.stateLabel.setBuddy(self.stateCombo)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(OutboxView)

        QMetaObject.connectSlotsByName(OutboxView)
    # setupUi

    def retranslateUi(self, OutboxView):
        self.stateLabel.setText(QCoreApplication.translate("OutboxView", u"&Show", None))
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("OutboxView", u"Search recipient, subject, template\u2026   (Ctrl+F)", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("OutboxView", u"Search", None))
#endif // QT_CONFIG(accessibility)
        self.sendSelectedButton.setText(QCoreApplication.translate("OutboxView", u"Se&nd selected", None))
        self.sendAllButton.setText(QCoreApplication.translate("OutboxView", u"Send &all queued", None))
        self.editButton.setText(QCoreApplication.translate("OutboxView", u"&Edit\u2026", None))
        self.cancelButton.setText(QCoreApplication.translate("OutboxView", u"Cancel &message", None))
        self.retryButton.setText(QCoreApplication.translate("OutboxView", u"&Retry", None))
        self.arrivedButton.setText(QCoreApplication.translate("OutboxView", u"It arri&ved", None))
        self.resendButton.setText(QCoreApplication.translate("OutboxView", u"Send a&gain", None))
        self.previewTitle.setText(QCoreApplication.translate("OutboxView", u"Select a message to see it", None))
        self.allHeadersCheck.setText(QCoreApplication.translate("OutboxView", u"Show all &headers", None))
#if QT_CONFIG(tooltip)
        self.allHeadersCheck.setToolTip(QCoreApplication.translate("OutboxView", u"Every header line of the stored message, as the server receives it", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.previewText.setAccessibleName(QCoreApplication.translate("OutboxView", u"The message as it is sent", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

