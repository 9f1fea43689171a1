"""Errors raised while reading a sign-up spreadsheet."""

from __future__ import annotations

import os


class SheetError(Exception):
    """A spreadsheet could not be read, or was refused as unsafe or unusable.

    ``str()`` gives one line naming the file (its base name), the row if any,
    the field if any, and the reason, for example
    ``signups.xlsx: refused: this is an old Excel .xls file; save it as .xlsx or .csv``.

    Attributes:
        file: The path of the file, as given by the caller.
        row: The spreadsheet's own row number the problem is on, if any.
        field: The column (header name) the problem is in, if any.
        reason: What went wrong, in words a coordinator understands.
    """

    def __init__(
        self,
        file: str | os.PathLike[str],
        reason: str,
        *,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file: str = os.fspath(file)
        self.row: int | None = row
        self.field: str | None = field
        # The message is shown in one line of a dialog or log: no line breaks.
        self.reason: str = " ".join(reason.split())
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type[SheetError], tuple[str, str], dict[str, object]]:
        # Keep the keyword-only attributes when the error is pickled (e.g. to a process pool).
        return (SheetError, (self.file, self.reason), {"row": self.row, "field": self.field})

    def __str__(self) -> str:
        where = os.path.basename(self.file) or self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field is not None:
            where += f", column {self.field!r}"
        return f"{where}: {self.reason}"


class ReadCancelled(Exception):
    """The caller's ``cancelled()`` callable asked to stop reading.

    Not a :class:`SheetError`: nothing is wrong with the file, so the GUI should
    not show it as an error.
    """


class ImportCancelled(ReadCancelled):
    """The caller's ``cancelled()`` asked to stop a preview or an import; nothing was written."""
