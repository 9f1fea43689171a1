"""The Report tab (figures, funnel, months, topics) and its export to Excel."""

from ams_desk.gui.report.view import ReportView

__all__ = ["ReportView"]
