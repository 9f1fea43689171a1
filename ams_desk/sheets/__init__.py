"""Spreadsheet sign-up import (xlsx, csv) and the Excel report export.

The reading layer is :mod:`ams_desk.sheets.reader`: :func:`read_table` and
:func:`sheet_names`. The import builds on it, one module per step:
:mod:`~ams_desk.sheets.mapping` (which column is which field),
:mod:`~ams_desk.sheets.preview` (what every row would do),
:mod:`~ams_desk.sheets.apply` (write it in one transaction, the report) and
:mod:`~ams_desk.sheets.importer` (all steps in one call, saved mapping profiles).
Nothing here imports Qt.
"""

from ams_desk.sheets.reader import (
    RawRow,
    RawTable,
    ReadCancelled,
    SheetError,
    read_table,
    sheet_names,
)

__all__ = ["RawRow", "RawTable", "ReadCancelled", "SheetError", "read_table", "sheet_names"]
