"""The PySide6 user interface: windows, table models, dialogs and background work."""
