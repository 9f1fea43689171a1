"""The sign-up import wizard: file, column mapping, preview, import."""

from ams_desk.gui.importing.wizard import ImportWizard

__all__ = ["ImportWizard"]
