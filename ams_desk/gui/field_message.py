"""A form's message shown under the field it is about, not at the foot of the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QFormLayout, QLabel, QLayout, QWidget


class FieldMessage:
    """Moves one message label of a dialog to the row under the field at fault.

    The label keeps its home (a box layout at the foot of the dialog) for messages
    about no field in particular, such as a refusal from the store.
    """

    def __init__(self, label: QLabel, home: QBoxLayout) -> None:
        self.label = label
        self._home = home
        self._home_index = home.indexOf(label)
        self._form: QFormLayout | None = None
        self.field: QWidget | None = None
        """The field the message shown is about (None: no field, or none shown)."""
        label.setWordWrap(True)
        label.hide()

    def show(self, text: str, field: QWidget | None = None) -> None:
        """Show ``text`` under ``field`` when it sits in a form, else at the label's home."""
        self._take()
        form = _form_of(field) if field is not None else None
        if form is not None and field is not None:
            form.insertRow(_row_of(form, field) + 1, "", self.label)
            self._form = form
        else:
            self._home.insertWidget(self._home_index, self.label)
        self.field = field
        self.label.setText(text)
        self.label.show()

    def hide(self) -> None:
        self.field = None
        self.label.hide()

    def _take(self) -> None:
        if self._form is not None:
            taken = self._form.takeRow(self.label)
            empty_label = taken.labelItem.widget() if taken.labelItem is not None else None
            if empty_label is not None:
                empty_label.deleteLater()
            self._form = None
        else:
            self._home.removeWidget(self.label)


def _form_of(field: QWidget) -> QFormLayout | None:
    parent = field.parentWidget()
    while parent is not None:
        layout = parent.layout()
        found = _find_form(layout, field) if layout is not None else None
        if found is not None:
            return found
        parent = parent.parentWidget()
    return None


def _find_form(layout: QLayout, field: QWidget) -> QFormLayout | None:
    if isinstance(layout, QFormLayout) and _row_of(layout, field) >= 0:
        return layout
    for i in range(layout.count()):
        item = layout.itemAt(i)
        child = item.layout() if item is not None else None
        if child is not None:
            found = _find_form(child, field)
            if found is not None:
                return found
    return None


def _row_of(form: QFormLayout, field: QWidget) -> int:
    position: tuple[int, object] = form.getWidgetPosition(field)  # type: ignore[assignment]
    return position[0]
