"""The template editor's lists: the templates, and the fields a template can use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ams_desk.gui.table_model import ROW_ROLE, Column, FastTableModel
from ams_desk.mail.fields import FIELDS
from ams_desk.mail.templates import Template

Index = QModelIndex | QPersistentModelIndex


def template_kind(template: Template) -> str:
    """Where a template comes from, in words."""
    if not template.is_default:
        return "the team's own template"
    return "standard template, edited by the team" if template.is_edited else "standard template"


class TemplateListModel(QAbstractListModel):
    """The templates by name; an edited standard one is marked, the team's own in italics."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Template] = []
        self._italic = QFont()
        self._italic.setItalic(True)
        self._quiet = QColor("#5c6670")

    def set_templates(self, templates: Sequence[Template]) -> None:
        self.beginResetModel()
        self._rows = list(templates)
        self.endResetModel()

    def templates(self) -> list[Template]:
        return list(self._rows)

    def row_of(self, key: str) -> int:
        """The row of the template ``key``, or -1."""
        return next((i for i, t in enumerate(self._rows) if t.key == key), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt override
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        template = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return template.name + ("  •" if template.is_edited else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{template.key}: {template_kind(template)}"
        if role == Qt.ItemDataRole.FontRole and not template.is_default:
            return self._italic
        if role == ROW_ROLE:
            return template
        return None


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One field of the list, with its value for the pair of the preview (if it has one)."""

    name: str
    description: str
    when: str
    value: str | None


def field_rows(values: Mapping[str, Any] | None) -> list[FieldRow]:
    """Every template field, with its value in ``values`` (a rendering context) where present."""
    rows = []
    for info in FIELDS:
        value: Any = values
        for part in info.name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        rows.append(FieldRow(info.name, info.description, info.when,
                             None if value is None else str(value)))
    return rows


class FieldTableModel(FastTableModel[FieldRow]):
    """The fields: name, meaning, and what the chosen pair has in it (grey when it has none)."""

    def __init__(self, parent: Any = None) -> None:
        self._missing = QColor("#8a939c")
        super().__init__(
            [
                Column("Field", lambda r: r.name, None, 170),
                Column("Meaning", lambda r: r.description, None, 200,
                       tooltip=lambda r: f"{r.description} ({r.when})"),
                Column("For this pair", lambda r: r.value if r.value is not None
                       else f"— ({r.when})", None, 160,
                       tooltip=lambda r: r.value),
            ],
            parent,
        )

    def foreground(self, row: FieldRow, column: int) -> Any:
        return self._missing if column == 2 and row.value is None else None
