"""Fixtures for the spreadsheet reader tests; the file builders live in ``sheet_files``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sheet_files import SIGNUP_ROWS, openpyxl_book


@pytest.fixture
def signup_xlsx(tmp_path: Path) -> Path:
    """A small, ordinary sign-up workbook."""
    return openpyxl_book(tmp_path / "signups.xlsx", SIGNUP_ROWS)
