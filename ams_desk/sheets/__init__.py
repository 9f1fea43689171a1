"""Spreadsheets in and out: the sign-up import and the Excel report.

Each has a room of its own:

- :mod:`ams_desk.sheets.importing` reads a sign-up sheet (xlsx, csv) and
  imports it, one subpackage or module per stage.
- the report workbook is written beside it.

Nothing here imports Qt.
"""
