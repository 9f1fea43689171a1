# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'board_weights.ui'
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
    QDoubleSpinBox, QGridLayout, QLabel, QSizePolicy,
    QVBoxLayout, QWidget)

class Ui_WeightsDialog(object):
    def setupUi(self, WeightsDialog):
        if not WeightsDialog.objectName():
            WeightsDialog.setObjectName(u"WeightsDialog")
        self.dialogLayout = QVBoxLayout(WeightsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.dialogLayout.setContentsMargins(18, 16, 18, 14)
        self.headingLabel = QLabel(WeightsDialog)
        self.headingLabel.setObjectName(u"headingLabel")
        self.headingLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.headingLabel)

        self.introLabel = QLabel(WeightsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.weightsGrid = QGridLayout()
        self.weightsGrid.setObjectName(u"weightsGrid")
        self.weightsGrid.setHorizontalSpacing(12)
        self.weightsGrid.setVerticalSpacing(8)
        self.topicsLabel = QLabel(WeightsDialog)
        self.topicsLabel.setObjectName(u"topicsLabel")

        self.weightsGrid.addWidget(self.topicsLabel, 0, 0, 1, 1)

        self.topicsSpin = QDoubleSpinBox(WeightsDialog)
        self.topicsSpin.setObjectName(u"topicsSpin")
        self.topicsSpin.setDecimals(1)
        self.topicsSpin.setMaximum(10.000000000000000)
        self.topicsSpin.setSingleStep(0.500000000000000)

        self.weightsGrid.addWidget(self.topicsSpin, 0, 1, 1, 1)

        self.topicsHint = QLabel(WeightsDialog)
        self.topicsHint.setObjectName(u"topicsHint")

        self.weightsGrid.addWidget(self.topicsHint, 0, 2, 1, 1)

        self.meetingFormatLabel = QLabel(WeightsDialog)
        self.meetingFormatLabel.setObjectName(u"meetingFormatLabel")

        self.weightsGrid.addWidget(self.meetingFormatLabel, 1, 0, 1, 1)

        self.meetingFormatSpin = QDoubleSpinBox(WeightsDialog)
        self.meetingFormatSpin.setObjectName(u"meetingFormatSpin")
        self.meetingFormatSpin.setDecimals(1)
        self.meetingFormatSpin.setMaximum(10.000000000000000)
        self.meetingFormatSpin.setSingleStep(0.500000000000000)

        self.weightsGrid.addWidget(self.meetingFormatSpin, 1, 1, 1, 1)

        self.meetingFormatHint = QLabel(WeightsDialog)
        self.meetingFormatHint.setObjectName(u"meetingFormatHint")

        self.weightsGrid.addWidget(self.meetingFormatHint, 1, 2, 1, 1)

        self.languageLabel = QLabel(WeightsDialog)
        self.languageLabel.setObjectName(u"languageLabel")

        self.weightsGrid.addWidget(self.languageLabel, 2, 0, 1, 1)

        self.languageSpin = QDoubleSpinBox(WeightsDialog)
        self.languageSpin.setObjectName(u"languageSpin")
        self.languageSpin.setDecimals(1)
        self.languageSpin.setMaximum(10.000000000000000)
        self.languageSpin.setSingleStep(0.500000000000000)

        self.weightsGrid.addWidget(self.languageSpin, 2, 1, 1, 1)

        self.languageHint = QLabel(WeightsDialog)
        self.languageHint.setObjectName(u"languageHint")

        self.weightsGrid.addWidget(self.languageHint, 2, 2, 1, 1)

        self.seniorityGapLabel = QLabel(WeightsDialog)
        self.seniorityGapLabel.setObjectName(u"seniorityGapLabel")

        self.weightsGrid.addWidget(self.seniorityGapLabel, 3, 0, 1, 1)

        self.seniorityGapSpin = QDoubleSpinBox(WeightsDialog)
        self.seniorityGapSpin.setObjectName(u"seniorityGapSpin")
        self.seniorityGapSpin.setDecimals(1)
        self.seniorityGapSpin.setMaximum(10.000000000000000)
        self.seniorityGapSpin.setSingleStep(0.500000000000000)

        self.weightsGrid.addWidget(self.seniorityGapSpin, 3, 1, 1, 1)

        self.seniorityGapHint = QLabel(WeightsDialog)
        self.seniorityGapHint.setObjectName(u"seniorityGapHint")

        self.weightsGrid.addWidget(self.seniorityGapHint, 3, 2, 1, 1)

        self.departmentLabel = QLabel(WeightsDialog)
        self.departmentLabel.setObjectName(u"departmentLabel")

        self.weightsGrid.addWidget(self.departmentLabel, 4, 0, 1, 1)

        self.departmentSpin = QDoubleSpinBox(WeightsDialog)
        self.departmentSpin.setObjectName(u"departmentSpin")
        self.departmentSpin.setDecimals(1)
        self.departmentSpin.setMaximum(10.000000000000000)
        self.departmentSpin.setSingleStep(0.500000000000000)

        self.weightsGrid.addWidget(self.departmentSpin, 4, 1, 1, 1)

        self.departmentHint = QLabel(WeightsDialog)
        self.departmentHint.setObjectName(u"departmentHint")

        self.weightsGrid.addWidget(self.departmentHint, 4, 2, 1, 1)

        self.waitingTimeLabel = QLabel(WeightsDialog)
        self.waitingTimeLabel.setObjectName(u"waitingTimeLabel")

        self.weightsGrid.addWidget(self.waitingTimeLabel, 5, 0, 1, 1)

        self.waitingTimeSpin = QDoubleSpinBox(WeightsDialog)
        self.waitingTimeSpin.setObjectName(u"waitingTimeSpin")
        self.waitingTimeSpin.setDecimals(1)
        self.waitingTimeSpin.setMaximum(10.000000000000000)
        self.waitingTimeSpin.setSingleStep(0.500000000000000)

        self.weightsGrid.addWidget(self.waitingTimeSpin, 5, 1, 1, 1)

        self.waitingTimeHint = QLabel(WeightsDialog)
        self.waitingTimeHint.setObjectName(u"waitingTimeHint")

        self.weightsGrid.addWidget(self.waitingTimeHint, 5, 2, 1, 1)

        self.weightsGrid.setColumnStretch(2, 1)

        self.dialogLayout.addLayout(self.weightsGrid)

        self.errorLabel = QLabel(WeightsDialog)
        self.errorLabel.setObjectName(u"errorLabel")

        self.dialogLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(WeightsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.RestoreDefaults|QDialogButtonBox.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.topicsLabel.setBuddy(self.topicsSpin)
        self.meetingFormatLabel.setBuddy(self.meetingFormatSpin)
        self.languageLabel.setBuddy(self.languageSpin)
        self.seniorityGapLabel.setBuddy(self.seniorityGapSpin)
        self.departmentLabel.setBuddy(self.departmentSpin)
        self.waitingTimeLabel.setBuddy(self.waitingTimeSpin)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(WeightsDialog)

        QMetaObject.connectSlotsByName(WeightsDialog)
    # setupUi

    def retranslateUi(self, WeightsDialog):
        WeightsDialog.setWindowTitle(QCoreApplication.translate("WeightsDialog", u"Match weights", None))
        self.headingLabel.setText(QCoreApplication.translate("WeightsDialog", u"How much each criterion counts", None))
        self.introLabel.setText(QCoreApplication.translate("WeightsDialog", u"Weights run from 0 to 10 and count relative to each other: a weight of 3 counts three times as much as a weight of 1, and 0 ignores the criterion. Each criterion rates a pair from 0 (no fit) to 1 (best fit); the pair's score is their weighted mean, so it runs from 0 to 1 too. Hard rules are never weighed: they always hold.", None))
        self.topicsLabel.setText(QCoreApplication.translate("WeightsDialog", u"Topic overlap", None))
#if QT_CONFIG(accessibility)
        self.topicsSpin.setAccessibleName(QCoreApplication.translate("WeightsDialog", u"Topic overlap", None))
#endif // QT_CONFIG(accessibility)
        self.topicsHint.setText(QCoreApplication.translate("WeightsDialog", u"Share of the mentee's wanted topics the mentor offers", None))
        self.meetingFormatLabel.setText(QCoreApplication.translate("WeightsDialog", u"Meeting format", None))
#if QT_CONFIG(accessibility)
        self.meetingFormatSpin.setAccessibleName(QCoreApplication.translate("WeightsDialog", u"Meeting format", None))
#endif // QT_CONFIG(accessibility)
        self.meetingFormatHint.setText(QCoreApplication.translate("WeightsDialog", u"In person or online, as both prefer", None))
        self.languageLabel.setText(QCoreApplication.translate("WeightsDialog", u"Language", None))
#if QT_CONFIG(accessibility)
        self.languageSpin.setAccessibleName(QCoreApplication.translate("WeightsDialog", u"Language", None))
#endif // QT_CONFIG(accessibility)
        self.languageHint.setText(QCoreApplication.translate("WeightsDialog", u"They speak a language in common", None))
        self.seniorityGapLabel.setText(QCoreApplication.translate("WeightsDialog", u"Seniority gap", None))
#if QT_CONFIG(accessibility)
        self.seniorityGapSpin.setAccessibleName(QCoreApplication.translate("WeightsDialog", u"Seniority gap", None))
#endif // QT_CONFIG(accessibility)
        self.seniorityGapHint.setText(QCoreApplication.translate("WeightsDialog", u"One or two steps up the ladder rather than four", None))
        self.departmentLabel.setText(QCoreApplication.translate("WeightsDialog", u"Department", None))
#if QT_CONFIG(accessibility)
        self.departmentSpin.setAccessibleName(QCoreApplication.translate("WeightsDialog", u"Department", None))
#endif // QT_CONFIG(accessibility)
        self.departmentHint.setText(QCoreApplication.translate("WeightsDialog", u"A different department: an outside perspective", None))
        self.waitingTimeLabel.setText(QCoreApplication.translate("WeightsDialog", u"Waiting time", None))
#if QT_CONFIG(accessibility)
        self.waitingTimeSpin.setAccessibleName(QCoreApplication.translate("WeightsDialog", u"Waiting time", None))
#endif // QT_CONFIG(accessibility)
        self.waitingTimeHint.setText(QCoreApplication.translate("WeightsDialog", u"Mentees who waited longer go first (full at 90 days)", None))
    # retranslateUi

