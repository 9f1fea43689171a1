"""Stage 1 of the import: a file's bytes into a :class:`RawTable`, or a clear refusal.

:func:`read_table` and :func:`sheet_names` are the entry points
(:mod:`~ams_desk.sheets.importing.read.reader`); the other modules are the
checks and the format readers behind them.
"""

from ams_desk.sheets.importing.read.reader import (
    RawRow,
    RawTable,
    ReadCancelled,
    SheetError,
    read_table,
    sheet_names,
)

__all__ = ["RawRow", "RawTable", "ReadCancelled", "SheetError", "read_table", "sheet_names"]
