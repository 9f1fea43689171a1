"""Spreadsheet sign-up import (xlsx, csv) and the Excel report export.

The reading layer is :mod:`ams_desk.sheets.reader`: :func:`read_table` and
:func:`sheet_names`. Nothing here imports Qt.
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
