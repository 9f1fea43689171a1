# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'proposal_review.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QHeaderView, QLabel, QSizePolicy,
    QSplitter, QTableView, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_ProposalReview(object):
    def setupUi(self, ProposalReview):
        if not ProposalReview.objectName():
            ProposalReview.setObjectName(u"ProposalReview")
        ProposalReview.resize(1100, 620)
        self.dialogLayout = QVBoxLayout(ProposalReview)
        self.dialogLayout.setSpacing(10)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headingLabel = QLabel(ProposalReview)
        self.headingLabel.setObjectName(u"headingLabel")

        self.dialogLayout.addWidget(self.headingLabel)

        self.introLabel = QLabel(ProposalReview)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.splitter = QSplitter(ProposalReview)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.splitter.addWidget(self.table)
        self.previewBrowser = QTextBrowser(self.splitter)
        self.previewBrowser.setObjectName(u"previewBrowser")
        self.previewBrowser.setMinimumSize(QSize(360, 0))
        self.splitter.addWidget(self.previewBrowser)

        self.dialogLayout.addWidget(self.splitter)

        self.queueCheck = QCheckBox(ProposalReview)
        self.queueCheck.setObjectName(u"queueCheck")
        self.queueCheck.setChecked(True)

        self.dialogLayout.addWidget(self.queueCheck)

        self.errorLabel = QLabel(ProposalReview)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(ProposalReview)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

        self.dialogLayout.setStretch(2, 1)

        self.retranslateUi(ProposalReview)

        QMetaObject.connectSlotsByName(ProposalReview)
    # setupUi

    def retranslateUi(self, ProposalReview):
        ProposalReview.setWindowTitle(QCoreApplication.translate("ProposalReview", u"Propose pairs", None))
        self.headingLabel.setText(QCoreApplication.translate("ProposalReview", u"Propose pairs", None))
#if QT_CONFIG(accessibility)
        self.previewBrowser.setAccessibleName(QCoreApplication.translate("ProposalReview", u"Email preview", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

