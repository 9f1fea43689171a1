"""Reading the report workbook back: Summary figures by key, formulas per sheet, charts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl

from ams_desk.core.report import FIGURES, figure_label

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def sheet_parts(path: Path) -> dict[str, str]:
    """Sheet name → its XML part inside the .xlsx."""
    with zipfile.ZipFile(path) as archive:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    parts = {}
    for sheet in book.iter(f"{MAIN}sheet"):
        target = targets[sheet.get(f"{REL}id")] or ""
        parts[sheet.get("name") or ""] = "xl/" + target.lstrip("/").removeprefix("xl/")
    return parts


def formulas(path: Path) -> dict[str, list[str]]:
    """Sheet name → the text of every ``<f>`` element in it."""
    found: dict[str, list[str]] = {}
    with zipfile.ZipFile(path) as archive:
        for name, part in sheet_parts(path).items():
            root = ElementTree.fromstring(archive.read(part))
            found[name] = [f.text or "" for f in root.iter(f"{MAIN}f")]
    return found


def chart_parts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return [n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]


def read_summary(path: Path, response_days: int = 21) -> dict[str, tuple[Any, Any, Any]]:
    """Figure key → (this year, last year, change) as the Summary sheet holds them."""
    by_label = {figure_label(key, response_days): key for key in FIGURES}
    book = openpyxl.load_workbook(path, data_only=True)
    sheet = book["Summary"]
    found: dict[str, tuple[Any, Any, Any]] = {}
    for row in sheet.iter_rows(min_col=1, max_col=4, values_only=True):
        label = row[0]
        if isinstance(label, str) and label in by_label:
            found[by_label[label]] = (row[1], row[2], row[3])
    return found


def read_table(path: Path, sheet_name: str, header_row: int = 4) -> list[dict[str, Any]]:
    """The rows of a table sheet as dicts by header (the header is on ``header_row``)."""
    book = openpyxl.load_workbook(path, data_only=True)
    rows = list(book[sheet_name].iter_rows(min_row=header_row, values_only=True))
    headers = [h for h in rows[0] if h is not None]
    return [dict(zip(headers, r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]
