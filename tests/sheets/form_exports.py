"""Real-shaped sign-up exports, as messy as the ones coordinators receive.

- :func:`ms_forms_xlsx`: a Microsoft Forms Excel export of an anonymous form:
  ``Id, Start time, Completion time, Email, Name, Last modified time`` (Email
  and Name read ``anonymous``), then the questions; real Excel date cells,
  multi-choice answers ending in ``;``, a note that looks like a formula.
- :func:`google_forms_csv`: a Google Forms CSV: ``Timestamp`` as
  ``1/13/2026 9:03:11``, ``Email Address``, questions; choices joined by ``, ``;
  UTF-8, CRLF, multi-line answers in quotes.
- :func:`excel_nl_csv` / :func:`excel_de_csv`: a typed sheet saved by Excel on
  a Dutch / German workstation: ``;`` separated, Windows-1252, first and last
  name columns, ``dd-mm-yyyy`` / ``dd.mm.yyyy`` dates, decimal commas, trailing
  empty columns and a blank line.

Each has spelling variants, stray spaces, invisible characters, a person who
submitted twice, and one row with a broken email address. The expected
mapping and the rows to be skipped are exported beside each builder.

Run as a script to (re)write the samples coordinators can try::

    .venv/bin/python tests/sheets/form_exports.py resources/samples
"""

from __future__ import annotations

import csv
import io
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl

# name, email, role ("mentor"/"mentee"), position as typed, projects, department
PEOPLE: list[tuple[str, str, str, str, str, str]] = [
    ("Zoë van der Berg", "Zoe.vanderBerg@ams-institute.org", "mentor", "Full professor",
     "Roboat", "Urban Systems"),
    ("Jürgen Müller", "j.mueller@ams-institute.org", "mentor", "Associate Professor",
     "Urban Heat", "Energy Transition"),
    ("Anaïs Lefèvre", "anais.lefevre@tudelft.nl", "mentee", "PhD student", "Roboat",
     "Urban Systems"),
    ("Søren Kjær-Nielsen", "soren.kjaer@wur.nl", "mentee", "PhD candidate", "Circular Water",
     "Water Management"),
    ("Małgorzata Kowalska", "m.kowalska@mit.edu", "mentor", "Assistant professor",
     "Urban Heat", "Digital Twins"),
    ("José García Márquez", "jose.garcia@ams-institute.org", "mentee", "post-doc",
     "Circular Water", "Water Management"),
    ("Björn Ångström", "bjorn.angstrom@ams-institute.org", "mentor", "Full professor",
     "Digital Twins", "Digital Twins"),
    ("Chloé Martin", "CHLOE.MARTIN@AMS-INSTITUTE.ORG", "mentee", "Postdoc", "Roboat",
     "Urban Systems"),
    ("Íñigo Ruiz", "inigo.ruiz@tudelft.nl", "mentee", "PhD candidate", "Urban Heat",
     "Energy Transition"),
    ("李娜", "li.na@wur.nl", "mentee", "Researcher", "Food Systems", "Food & Health"),
    ("Niamh O'Brien", "niamh.obrien@ams-institute.org", "mentor", "Associate professor",
     "Food Systems", "Food & Health"),
    ("Renée Janssen", "renee.janssen@ams-institute.org", "mentee", "PhD candidate",
     "Mobility Lab", "Mobility"),
    ("Thijs de Vries", "thijs.devries@tudelft.nl", "mentor", "Senior researcher",
     "Mobility Lab", "Mobility"),
    ("Fenna Bakker", "fenna.bakker@wur.nl", "mentee", "PhD candidate", "Circular Water",
     "Water Management"),
    ("Şebnem Yılmaz", "sebnem.yilmaz@ams-institute.org", "mentee", "Postdoc", "Digital Twins",
     "Digital Twins"),
    ("Sophie Wagner", "sophie.wagner@ams-institute.org", "mentor", "Full Professor",
     "Urban Heat", "Energy Transition"),
    ("Lukas Schneider", "lukas.schneider@tudelft.nl", "mentee", "Lecturer", "Mobility Lab",
     "Mobility"),
    ("Hannah Becker", "hannah.becker@wur.nl", "mentee", "PhD candidate", "Food Systems",
     "Food & Health"),
    ("Emre Kaya", "emre.kaya@ams-institute.org", "mentee", "Researcher", "Roboat",
     "Urban Systems"),
    ("Priya Natarajan", "priya.natarajan@ams-institute.org", "mentor", "Assistant Professor",
     "Circular Water", "Water Management"),
    ("Kwame Mensah", "kwame.mensah@tudelft.nl", "mentee", "PhD student", "Urban Heat",
     "Energy Transition"),
    ("Ana Lúcia Ferreira", "ana.ferreira@wur.nl", "mentee", "postdoc", "Food Systems",
     "Food & Health"),
    ("Zoltán Nagy", "zoltan.nagy@ams-institute.org", "mentor", "Associate professor",
     "Mobility Lab", "Mobility"),
    ("Ewa Nowak", "ewa.nowak@ams-institute.org", "mentee", "PhD candidate", "Digital Twins",
     "Digital Twins"),
    ("Joost Visser", "joost.visser@tudelft.nl", "mentor", "Full professor", "Roboat",
     "Urban Systems"),
    ("Dmitri Ivanov", "dmitri.ivanov@ams-institute.org", "mentee", "Researcher",
     "Urban Heat", "Energy Transition"),
    ("Amélie Dubois", "amelie.dubois@ams-institute.org", "mentee", "PhD candidate",
     "Mobility Lab", "Mobility"),
    ("Mohammed El Amrani", "m.elamrani@tudelft.nl", "mentor", "Assistant professor",
     "Food Systems", "Food & Health"),
]  # fmt: skip

TOPIC_CHOICES = [
    ["Career guidance", "Networking and visibility"],
    ["Stress and time management", "Work/life balance"],
    ["Setting priorities"],
    ["Funding opportunities", "Career guidance"],
    ["Networking and visibility"],
]
LANGUAGES = [["English"], ["English", "Dutch"], ["English", "German"], ["English", "French"]]
START = datetime(2026, 1, 5, 8, 41, 7)

MS_FORMS_HEADERS = [
    "Id", "Start time", "Completion time", "Email", "Name", "Last modified time",
    "Full name", "Your work email address", "Do you want to be a mentor or a mentee?",
    "What is your current position?", "Which AMS project(s) are you working on?",
    "Department or research group", "Which topics would you like to discuss?",
    "How would you like to meet?", "Which languages are you comfortable speaking?",
    "Mentors: how many mentees could you take on this year?",
    "Why do you want to take part? Anything else we should know?",
]  # fmt: skip
MS_FORMS_MAPPING = {
    "Completion time": "signed_up", "Full name": "name", "Your work email address": "email",
    "Do you want to be a mentor or a mentee?": "role",
    "What is your current position?": "position",
    "Which AMS project(s) are you working on?": "projects",
    "Department or research group": "department",
    "Which topics would you like to discuss?": "topics",
    "How would you like to meet?": "meeting_format",
    "Which languages are you comfortable speaking?": "languages",
    "Mentors: how many mentees could you take on this year?": "capacity",
    "Why do you want to take part? Anything else we should know?": "motivation",
}  # fmt: skip
MS_FORMS_ROLES = {
    "mentor": "Mentor (I would like to support a junior researcher)",
    "mentee": "Mentee (I'm looking for a mentor)",
}
MEETING = ["In person", "Online", "No preference"]


def _messy_email(i: int, email: str) -> str:
    """Some addresses arrive with stray spaces, invisible characters or a mailto: prefix."""
    return [email, f" {email} ", f"{email}\u200b", f"mailto:{email}", email.upper()][i % 5]


def ms_forms_rows(people: int = len(PEOPLE)) -> list[list[Any]]:
    """Header and rows of the Microsoft Forms export (``people`` sign-ups + 2 extra rows)."""
    rows: list[list[Any]] = [list(MS_FORMS_HEADERS)]
    for i, (name, email, role, position, project, department) in enumerate(PEOPLE[:people]):
        done = START + timedelta(hours=9 * i, minutes=7 * i)
        topics = "".join(f"{t};" for t in TOPIC_CHOICES[i % len(TOPIC_CHOICES)])
        note = [
            "I would like to learn how others\nbalance research and teaching.",
            "",
            '=HYPERLINK("https://example.org/cv","my CV")',
            "Happy to help  —  ask me anything.",
        ][i % 4]
        rows.append([
            i + 1, done - timedelta(minutes=6, seconds=13), done, "anonymous", "anonymous", None,
            f" {name}" if i % 6 == 1 else name, _messy_email(i, email), MS_FORMS_ROLES[role],
            position, f"{project};" + ("Urban Heat;" if i % 7 == 3 else ""), department, topics,
            MEETING[i % 3], "".join(f"{x};" for x in LANGUAGES[i % 4]),
            (1 + i % 3) if role == "mentor" else None, note,
        ])  # fmt: skip
    # Chloé submitted again with other topics; a row with a broken address.
    again = list(rows[8])
    again[0], again[2] = len(rows), START + timedelta(days=40)
    again[1] = again[2] - timedelta(minutes=3)
    again[7], again[12] = "chloe.martin@ams-institute.org", "Setting priorities;Leadership;"
    rows.append(again)
    rows.append([
        len(rows), START + timedelta(days=41), START + timedelta(days=41, minutes=5),
        "anonymous", "anonymous", None, "Jan de Vries", "jan.devries@", MS_FORMS_ROLES["mentee"],
        "PhD candidate", "Roboat;", "Urban Systems", "Career guidance;", "Online", "Dutch;",
        None, "",
    ])  # fmt: skip
    return rows


MS_FORMS_SKIPPED = {"email"}  # the last row's field at fault


def ms_forms_xlsx(path: Path, people: int = len(PEOPLE)) -> Path:
    """Write the Microsoft Forms export as an xlsx workbook (sheet ``Sheet1``)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    for r, row in enumerate(ms_forms_rows(people), start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = sheet.cell(r, c, value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text that looks like a formula, as Forms writes it
            elif isinstance(value, datetime):
                cell.number_format = "m/d/yy h:mm:ss"
    book.save(path)
    return path


GOOGLE_HEADERS = [
    "Timestamp", "Email Address", "Full name", "Are you signing up as a mentor or as a mentee?",
    "Current position", "Department", "AMS project(s)", "What would you like to talk about?",
    "Preferred way to meet", "Languages you speak",
    "If you are a mentor: how many mentees can you take on?", "Your motivation",
]  # fmt: skip
GOOGLE_MAPPING = {
    "Timestamp": "signed_up", "Email Address": "email", "Full name": "name",
    "Are you signing up as a mentor or as a mentee?": "role", "Current position": "position",
    "Department": "department", "AMS project(s)": "projects",
    "What would you like to talk about?": "topics", "Preferred way to meet": "meeting_format",
    "Languages you speak": "languages",
    "If you are a mentor: how many mentees can you take on?": "capacity",
    "Your motivation": "motivation",
}  # fmt: skip
GOOGLE_ROLES = {"mentor": "I want to be a mentor", "mentee": "I am looking for a mentor"}
GOOGLE_MEETING = ["In person", "Online (video call)", "Either is fine"]


def google_forms_rows(people: int = len(PEOPLE)) -> list[list[str]]:
    """Header and rows of the Google Forms CSV (``people`` sign-ups + 2 extra rows)."""
    rows = [list(GOOGLE_HEADERS)]
    for i, (name, email, role, position, project, department) in enumerate(PEOPLE[:people]):
        at = START + timedelta(days=i, hours=i % 5, minutes=11 * i, seconds=i)
        stamp = f"{at.month}/{at.day}/{at.year} {at.hour}:{at.minute:02d}:{at.second:02d}"
        rows.append([
            stamp, _messy_email(i + 1, email), name, GOOGLE_ROLES[role], position, department,
            project, ", ".join(TOPIC_CHOICES[(i + 2) % len(TOPIC_CHOICES)]),
            GOOGLE_MEETING[i % 3], ", ".join(LANGUAGES[(i + 1) % 4]),
            ["1", "2", "3 (max)", "two"][i % 4] if role == "mentor" else "",
            "I hope to meet someone outside my project.\r\nThanks!" if i % 5 == 0 else "",
        ])  # fmt: skip
    rows.append(["2/20/2026 16:45:02", "fenna.bakker@WUR.nl", "Fenna Bakker",
                 GOOGLE_ROLES["mentee"], "PhD candidate", "Water Management", "Circular Water",
                 "Career guidance, Moving abroad", "Online (video call)", "English, Dutch", "",
                 "Resubmitting: I added a topic."])  # fmt: skip
    rows.append(["2/21/2026 10:02:00", "not an email", "Pieter Jansen", GOOGLE_ROLES["mentee"],
                 "PhD candidate", "Mobility", "Mobility Lab", "Career guidance", "Online",
                 "Dutch", "", ""])  # fmt: skip
    return rows


def google_forms_csv(path: Path, people: int = len(PEOPLE)) -> Path:
    """Write the Google Forms CSV (UTF-8, no BOM, CRLF, every field quoted as Google does)."""
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(
        google_forms_rows(people))
    path.write_bytes(out.getvalue().encode("utf-8"))
    return path


# A typed sheet: Dutch-speaking staff, names that Windows-1252 can hold.
NL_PEOPLE: list[tuple[str, str, str, str, str, str]] = [
    ("Zoë", "van der Berg", "zoe.vanderberg@ams-institute.org", "Mentor", "Hoogleraar",
     "Roboat; Urban Heat"),
    ("Daan", "de Jong", "daan.dejong@tudelft.nl", "Mentee", "Promovendus", "Roboat"),
    ("Emma", "Jansen", "emma.jansen@wur.nl", "mentee ", "Promovendus", "Circular Water"),
    ("Sem", "Bakker", "sem.bakker@ams-institute.org", "Mentor", "Universitair hoofddocent",
     "Mobility Lab"),
    ("Julia", "Visser", "julia.visser@ams-institute.org", "Mentee", "Postdoc", "Food Systems"),
    ("Lucas", "Smit", "lucas.smit@tudelft.nl", "MENTOR", "Universitair docent", "Urban Heat"),
    ("Tess", "Meijer", "tess.meijer@wur.nl", "Mentee", "Onderzoeker", "Digital Twins"),
    ("Jürgen", "Weiß", "juergen.weiss@ams-institute.org", "Mentor", "Hoogleraar",
     "Digital Twins"),
    ("Noor", "El Idrissi", "noor.elidrissi@ams-institute.org", "Mentee", "Promovendus",
     "Mobility Lab"),
    ("Sanne", "Mulder", "sanne.mulder@tudelft.nl", "Mentee", "Postdoc", "Roboat"),
    ("Thomas", "Hoekstra", "thomas.hoekstra@wur.nl", "Mentor", "UHD", "Circular Water"),
    ("Fleur", "Dekker", "fleur.dekker@ams-institute.org", "Mentee", "Promovendus", "Urban Heat"),
    ("Bram", "Brouwer", "bram.brouwer@ams-institute.org", "Mentee", "AIO", "Food Systems"),
    ("Lotte", "Dijkstra", "lotte.dijkstra@tudelft.nl", "Mentor", "Universitair docent",
     "Mobility Lab"),
    ("Ruben", "Koster", "ruben.koster@wur.nl", "Mentee", "Promovendus", "Digital Twins"),
    ("Anouk", "Prins", "anouk.prins@ams-institute.org", "Mentee", "Postdoc", "Circular Water"),
    ("Gijs", "Huisman", "gijs.huisman@ams-institute.org", "Mentor", "Hoogleraar", "Roboat"),
    ("Eline", "Peters", "eline.peters@tudelft.nl", "Mentee", "Promovendus", "Urban Heat"),
    ("Koen", "Willems", "koen.willems@wur.nl", "Mentee", "Onderzoeker", "Mobility Lab"),
    ("Iris", "Vermeulen", "iris.vermeulen@ams-institute.org", "Mentor",
     "Universitair hoofddocent", "Food Systems"),
    ("Mila", "Bosman", "mila.bosman@ams-institute.org", "Mentee", "Promovendus", "Roboat"),
    ("Stijn", "van Dijk", "stijn.vandijk@tudelft.nl", "Mentee", "Postdoc", "Digital Twins"),
    ("Rosa", "Kuipers", "rosa.kuipers@wur.nl", "Mentee", "Promovendus", "Circular Water"),
    ("Jesse", "Schouten", "jesse.schouten@ams-institute.org", "Mentor", "Universitair docent",
     "Urban Heat"),
    ("Maud", "Hendriks", "maud.hendriks@ams-institute.org", "Mentee", "Promovendus",
     "Mobility Lab"),
    ("Olivier", "Lambert", "olivier.lambert@tudelft.nl", "Mentee", "Postdoc", "Food Systems"),
    ("Yara", "Haddad", "yara.haddad@wur.nl", "Mentee", "Promovendus", "Roboat"),
    ("Céline", "Maas", "celine.maas@ams-institute.org", "Mentor", "Hoogleraar", "Digital Twins"),
]  # fmt: skip
NL_HEADERS = [
    "Voornaam", "Achternaam", "E-mailadres", "Rol", "Functie", "Afdeling", "Project(en)",
    "Onderwerpen", "Voorkeur afspreken", "Talen", "Aantal mentees", "Opmerkingen",
    "Datum aanmelding",
]  # fmt: skip
NL_MAPPING = {
    "Voornaam": "first_name", "Achternaam": "last_name", "E-mailadres": "email", "Rol": "role",
    "Functie": "position", "Afdeling": "department", "Project(en)": "projects",
    "Onderwerpen": "topics", "Voorkeur afspreken": "meeting_format", "Talen": "languages",
    "Aantal mentees": "capacity", "Opmerkingen": "motivation", "Datum aanmelding": "signed_up",
}  # fmt: skip
NL_TOPICS = ["Loopbaan; Netwerken en zichtbaarheid", "Werk-privébalans", "Financiering",
             "Prioriteiten stellen; loopbaan", "Timemanagement"]  # fmt: skip
NL_MEETING = ["Fysiek", "Online", "Maakt niet uit"]
NL_DEPARTMENTS = ["Stedelijke Systemen", "Water", "Mobiliteit", "Voeding & Gezondheid"]


def excel_nl_rows(people: int = len(NL_PEOPLE)) -> list[list[str]]:
    """Header and rows of the Dutch Excel sheet (``people`` sign-ups, a blank line, a bad row)."""
    rows = [list(NL_HEADERS) + ["", ""]]
    for i, (first, last, email, role, position, projects) in enumerate(NL_PEOPLE[:people]):
        day = START + timedelta(days=3 * i)
        mentor = role.strip().casefold() == "mentor"
        rows.append([
            first, last, email if i % 4 else f"{email} ", role, position,
            NL_DEPARTMENTS[i % 4], projects, NL_TOPICS[i % 5], NL_MEETING[i % 3],
            ["Nederlands, Engels", "Engels", "Nederlands; Duits"][i % 3],
            ["1,0", "2", "2,0", "3"][i % 4] if mentor else "",
            "Graag iemand buiten mijn eigen project." if i % 3 == 0 else "",
            day.strftime("%d-%m-%Y"), "", "",
        ])  # fmt: skip
        if i == 9:
            rows.append([""] * 15)  # someone deleted a row's contents
    rows.append(["Piet", "Pietersen", "piet.pietersen@@wur.nl", "Mentee", "Promovendus",
                 "Water", "Roboat", "Loopbaan", "Online", "Nederlands", "", "",
                 "31-01-2026", "", ""])  # fmt: skip
    return rows


def excel_nl_csv(path: Path, people: int = len(NL_PEOPLE)) -> Path:
    """Write the Dutch sheet as Excel does: ``;``, Windows-1252, CRLF, minimal quoting."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(excel_nl_rows(people))
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


DE_HEADERS = [
    "Vorname", "Nachname", "E-Mail-Adresse", "Rolle", "Position", "Abteilung", "Projekte",
    "Themen", "Treffen", "Sprachen", "Anzahl Mentees", "Anmerkungen", "Anmeldedatum",
]  # fmt: skip
DE_MAPPING = dict(zip(DE_HEADERS, NL_MAPPING.values(), strict=True))
DE_ROWS = [
    ["Jürgen", "Weiß", "juergen.weiss@ams-institute.org", "Mentor:in", "Professor",
     "Energiewende", "Urban Heat", "Karriere; Netzwerken", "Persönlich", "Deutsch, Englisch",
     "2,0", "Gerne!", "13.01.2026"],
    ["Anna", "Schäfer", "anna.schaefer@tum.de", "Mentee", "Doktorandin", "Mobilität",
     "Mobility Lab", "Zeitmanagement | Work-Life-Balance", "Online", "Deutsch", "", "",
     "2.2.2026"],
    ["Max", "Müller", "max.mueller@tum.de", "Ich suche eine:n Mentor:in", "Postdoktorand",
     "Wasser", "Circular Water", "Fördermittel", "Egal", "Englisch", "", "", "04.02.2026"],
]  # fmt: skip


def excel_de_csv(path: Path) -> Path:
    """Write a German typed sheet as Excel does: ``;``, Windows-1252, ``dd.mm.yyyy``."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([DE_HEADERS, *DE_ROWS])
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


SAMPLES = {
    "microsoft-forms-export.xlsx": ms_forms_xlsx,
    "google-forms-export.csv": google_forms_csv,
    "excel-dutch-semicolon.csv": excel_nl_csv,
}
"""The files in resources/samples/, by name."""


def write_samples(folder: Path) -> list[Path]:
    """(Re)write the sample files coordinators can try into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    return [build(folder / name) for name, build in SAMPLES.items()]


if __name__ == "__main__":
    for written in write_samples(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/samples")):
        print(written)
