"""What a column header says about the field below it (English, Dutch, German).

Form exports name their columns after the questions, so the rules look for
key words anywhere in the header, in a fixed order from the most specific
(``"first name"``, ``"how many mentees"``) to the most general (``"name"``,
``"date"``). The export's own bookkeeping columns — Microsoft Forms' ``Id``,
``Start time`` and ``Last modified time``, quiz points — are recognised so
that they are never mapped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ams_desk.sheets.importing.fields import Field

EXACT, KEYWORD = 1.0, 0.6
"""How strongly a header points at a field: the whole header, or a key word in it."""


@dataclass(frozen=True, slots=True)
class HeaderHint:
    """What a header suggests: a field (or ``None`` for a bookkeeping column) and how strongly."""

    field: Field | None
    strength: float
    ignore: bool = False


def header_key(header: str) -> str:
    """A header in compare form: case-folded, punctuation and ``(optional)`` markers removed."""
    text = header.casefold().replace("ß", "ss").replace("&", " and ")
    text = re.sub(r"\((?:optional|optioneel|optional\w*|facultatief|freiwillig)\)", " ", text)
    text = re.sub(r"^\s*\d+[.)]\s+", " ", text)  # "3. Your role" numbering
    return " ".join(re.sub(r"[^\w@]+", " ", text).split())


# Bookkeeping columns of Microsoft Forms (English, Dutch, German) and quizzes.
_IGNORED = {
    "id", "start time", "starttime", "last modified time", "begintijd", "starttijd",
    "tijdstip van laatste wijziging", "laatst gewijzigd", "tijd van laatste wijziging",
    "startzeit", "zeitpunkt der letzten änderung", "zuletzt geändert", "letzte änderung",
    "total points", "points", "quiz feedback", "feedback", "score", "punten", "punkte",
    "respondent", "response id", "responder", "nr", "no", "#", "row", "rij", "zeile",
}  # fmt: skip

_EXACT: dict[str, Field] = {}
for _field, _headers in {
    Field.EMAIL: (
        "email", "e mail", "email address", "e mail address", "emailadres", "e mailadres",
        "mailadres", "e mail adres", "e mail adresse", "email adresse", "mail", "your email",
    ),
    Field.NAME: (
        "name", "naam", "full name", "your name", "volledige naam", "vor und nachname",
        "voor en achternaam", "first and last name", "vollständiger name", "participant",
    ),
    Field.FIRST_NAME: ("first name", "given name", "firstname", "voornaam", "vorname", "forename"),
    Field.LAST_NAME: (
        "last name", "surname", "family name", "lastname", "achternaam", "nachname",
        "familienname",
    ),
    Field.ROLE: ("role", "rol", "rolle", "mentor or mentee", "mentor mentee"),
    Field.POSITION: ("position", "functie", "job title", "positie", "stelle", "funktion"),
    Field.DEPARTMENT: ("department", "afdeling", "abteilung", "faculty", "faculteit", "institut"),
    Field.PROJECTS: ("project", "projects", "projecten", "projekt", "projekte", "project s"),
    Field.TOPICS: ("topics", "topic", "onderwerpen", "themen", "themes", "thema s"),
    Field.MEETING_FORMAT: ("meeting preference", "meeting format", "format", "voorkeur"),
    Field.LANGUAGES: ("languages", "language", "talen", "taal", "sprachen", "sprache"),
    Field.CAPACITY: ("capacity", "capaciteit", "kapazität", "max mentees", "number of mentees"),
    Field.MOTIVATION: (
        "motivation", "motivatie", "notes", "comments", "remarks", "opmerkingen",
        "anmerkungen", "bemerkungen", "toelichting", "notizen",
    ),
    Field.SIGNED_UP: (
        "timestamp", "completion time", "date", "datum", "signed up", "sign up date",
        "tijdstempel", "zeitstempel", "voltooiingstijd", "tijd van voltooien",
        "fertigstellungszeit", "abschlusszeit", "submitted", "submission date", "ingediend",
        "datum aanmelding", "aanmelddatum", "anmeldedatum", "registration date",
    ),
}.items():
    for _header in _headers:
        _EXACT[header_key(_header)] = _field

# Key words, most specific first: the first rule that matches decides.
_RULES: tuple[tuple[str, Field], ...] = (
    (r"\b(first|given) name\b|\bvoornaam|\bvorname|\bforename", Field.FIRST_NAME),
    (r"\b(last|family) name\b|\bsurname|\bachternaam|\bnachname|\bfamilienname", Field.LAST_NAME),
    (r"\be ?mail|\bmailadres|\bmail address", Field.EMAIL),
    (
        r"how many mentees|number of mentees|hoeveel mentees|wie viele mentees|anzahl (der )?"
        r"mentees|aantal mentees|max\w* (number of )?mentees|capacity|capaciteit|kapazit",
        Field.CAPACITY,
    ),
    (
        r"mentor or (a )?mentee|mentee or (a )?mentor|sign(ing)? up as|participate as|"
        r"take part as|join as|aanmelden als|deelnemen als|teilnehmen als|anmelden als|"
        r"\brole\b|\brol\b|\brolle\b|als mentor of mentee|als mentor oder mentee",
        Field.ROLE,
    ),
    (
        r"\bmeet(ing)?\b|in person or online|online or in person|afspreken|ontmoeten|"
        r"treffen|persönlich oder online|format",
        Field.MEETING_FORMAT,
    ),
    (r"\blanguage|\btaal|\btalen\b|\bsprache", Field.LANGUAGES),
    (
        r"\btopic|\bsubject|\bthemes?\b|\bonderwerp|\bthema|\bthemen|discuss|bespreken|"
        r"besprechen|talk about|praten over|sprechen über|help with|hulp bij|unterstützung bei",
        Field.TOPICS,
    ),
    (r"\bproje[ck]t", Field.PROJECTS),
    (
        r"\bdepartment|\bafdeling|\babteilung|\bfacult|\bfakult|\binstitute|\binstitut|"
        r"\bresearch group|\bvakgroep|\bunit\b|\bschool\b",
        Field.DEPARTMENT,
    ),
    (
        r"\bposition|\bfunctie|\bjob title|career stage|\bseniority|\bstelle|\bfunktion|"
        r"karrierestufe|loopbaanfase|academic (rank|title)|current (role|job)",
        Field.POSITION,
    ),
    (
        r"motivat|\bwhy\b|\bwaarom|\bwarum|\bnotes?\b|comment|remark|opmerking|anmerkung|"
        r"bemerkung|anything else|expectation|verwachting|erwartung|toelichting|"
        r"\bwhat do you hope|\bgoals?\b|\bdoel",
        Field.MOTIVATION,
    ),
    (
        r"timestamp|completion time|submitted|tijdstempel|zeitstempel|voltooi|fertigstell|"
        r"\bdate\b|\bdatum\b|signed up|sign up date|aanmeld\w* datum",
        Field.SIGNED_UP,
    ),
    (r"\bname\b|\bnaam\b|\bwho are you\b", Field.NAME),
)
_COMPILED = tuple((re.compile(pattern), field) for pattern, field in _RULES)


def header_hint(header: str) -> HeaderHint:
    """What ``header`` suggests about its column.

    Returns:
        ``HeaderHint(None, 0.0, ignore=True)`` for bookkeeping columns,
        ``HeaderHint(field, EXACT)`` when the whole header names a field,
        ``HeaderHint(field, KEYWORD)`` when a key word does, else
        ``HeaderHint(None, 0.0)``.
    """
    key = header_key(header)
    if key in _IGNORED:
        return HeaderHint(None, 0.0, ignore=True)
    if key in _EXACT:
        return HeaderHint(_EXACT[key], EXACT)
    for pattern, field in _COMPILED:
        if pattern.search(key):
            return HeaderHint(field, KEYWORD)
    return HeaderHint(None, 0.0)
