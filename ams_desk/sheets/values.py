"""Lenient reading of the values people type into sign-up forms.

Every function takes a cell as read (text literally, numbers, dates) and
returns the AMS value, or ``None`` (or an empty tuple) when the cell does not
say anything recognisable. Nothing here raises on odd input; deciding whether
an unrecognised value skips the row or only flags it is the preview's job.

Matching forgives case, spacing, punctuation and common synonyms in English,
Dutch and German: ``"Mentee (I'm looking for a mentor)"`` is a mentee,
``"post-doc"`` a postdoc, ``"work-life balance"`` the topic *Work/life
balance*. Multi-choice answers are split on ``;`` ``,`` ``|`` and line breaks
(Microsoft Forms ends them with ``;``, Google Forms joins them with ``, ``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import TOPICS, MeetingFormat, Role
from ams_desk.core.validation import MAX_CAPACITY, ValidationError, clean_text, normalize_email
from ams_desk.sheets.table import CellValue

# Invisible characters that ride along with copy-pasted addresses and names.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_CHOICE_SPLIT = re.compile(r"[;,|\n\r]+")
_LIST_SPLIT = re.compile(r"[;,|\n\r/]+|\s+(?:and|en|und|&)\s+", re.IGNORECASE)


def cell_text(value: CellValue) -> str:
    """A cell as the text a person typed: numbers without a stray ``.0``, dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def clean_line(value: CellValue) -> str:
    """One line of text: control and invisible characters gone, spaces collapsed."""
    return clean_text(cell_text(value).translate(_INVISIBLE))


def clean_block(value: CellValue) -> str:
    """Free text (motivation): like :func:`clean_line` but line breaks kept."""
    return clean_text(cell_text(value).translate(_INVISIBLE), multiline=True)


def split_choices(text: str) -> tuple[str, ...]:
    """Split a multi-choice answer on ``;`` ``,`` ``|`` and line breaks, dropping repeats.

    >>> split_choices("Career guidance;Networking and visibility;")
    ('Career guidance', 'Networking and visibility')
    """
    return _unique(_CHOICE_SPLIT.split(text))


def _unique(parts: list[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    items: list[str] = []
    for part in parts:
        item = " ".join(part.split()).strip(" .")
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return tuple(items)


def _key(text: str) -> str:
    """Compare form: case-folded, ``&`` as "and", punctuation as spaces."""
    text = text.casefold().replace("&", " and ").replace("ß", "ss")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


# --- email ---------------------------------------------------------------------------

_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_ANGLE = re.compile(r"<([^<>\s]+@[^<>\s]+)>")
_QUICK_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# RFC 5322 dot-atom local parts in ASCII: email-validator returns these unchanged.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")


def email_text(value: CellValue) -> str:
    """The address in a cell: ``mailto:`` and ``Name <address>`` forms unwrapped."""
    text = clean_line(value)
    found = _ANGLE.search(text)
    if found:
        text = found[1]
    return _MAILTO.sub("", text).strip().strip(".,;")


def looks_like_email(value: CellValue) -> bool:
    """A quick test for column detection: something@domain.tld."""
    return _QUICK_EMAIL.fullmatch(email_text(value)) is not None


@lru_cache(maxsize=1024)
def _domain(domain: str) -> str:
    return str(normalize_email(f"a@{domain}").rsplit("@", 1)[1])


def parse_email(value: CellValue, *, field: str = "email") -> str:
    """The normalised address in a cell, checked by email-validator (no DNS).

    Plain ASCII local parts take a fast path that validates each domain once
    (a sheet of 10,000 sign-ups has a handful of domains); anything else goes
    through :func:`ams_desk.core.validation.normalize_email` whole. Both give
    the same result.

    Raises:
        ValidationError: The cell holds no valid address.
    """
    text = email_text(value)
    local, at, domain = text.rpartition("@")
    if at and len(local) <= 64 and len(text) <= 254 and _PLAIN_LOCAL.fullmatch(local):
        try:
            normalized = f"{local}@{_domain(domain)}"
        except ValidationError:
            pass  # fall through for the validator's own message about the address
        else:
            if len(normalized) <= 254:
                return normalized
    return normalize_email(text, field=field)


# --- role ----------------------------------------------------------------------------

_ROLE_WORDS: dict[str, Role] = {
    "mentor": Role.MENTOR, "mentors": Role.MENTOR, "mentorin": Role.MENTOR,
    "mentor in": Role.MENTOR, "mentorinnen": Role.MENTOR, "begeleider": Role.MENTOR,
    "coach": Role.MENTOR,
    "mentee": Role.MENTEE, "mentees": Role.MENTEE, "protege": Role.MENTEE,
    "protégé": Role.MENTEE, "pupil": Role.MENTEE,
}  # fmt: skip
_FILLER = r"(?:\s+(?:for|to|have|get|a|an|een|graag|gerne|gern|eine?n?|eine n|mir|me))*"
_BE_MENTOR = re.compile(
    r"\b(?:be|become|being|act as|as|als|serve as)" + _FILLER + r"\s+mentor"
    r"|\bmentor(?: in)?\s+(?:worden|zijn|werden|sein|sind)\b"
)
_SEEKS_MENTOR = re.compile(
    r"\b(?:look\w*|search\w*|seek\w*|find\w*|want\w*|need\w*|get|like|would like|zoek\w*"
    r"|vind\w*|wil|suche\w*|finde\w*|möchte|moechte|brauche|hätte|haette)" + _FILLER + r"\s+mentor"
)
_SEEKS_MENTEE = re.compile(
    r"\b(?:look\w*|search\w*|seek\w*|find\w*|zoek\w*|suche\w*|begleite\w*|guide|support)"
    + _FILLER + r"\s+(?:mentee|junior)"
)
_ROLE_WORD = re.compile(r"mentee|mentor|protege|protégé")


@lru_cache(maxsize=512)
def parse_role(value: str) -> Role | None:
    """Mentor or mentee, from answers such as ``"I want to be a mentor"``.

    The first word decides when it is a role (``"Mentee (I'm looking for a
    mentor)"``); then a phrase about being a mentor, looking for a mentor
    (mentee) or looking for a mentee (mentor); then the first role word in the
    text. ``None`` when no role is named.
    """
    key = _key(value)
    if not key:
        return None
    if key in _ROLE_WORDS:
        return _ROLE_WORDS[key]
    first = key.split()[0]
    if first in _ROLE_WORDS:
        return _ROLE_WORDS[first]
    if _BE_MENTOR.search(key):
        return Role.MENTOR
    if _SEEKS_MENTOR.search(key):
        return Role.MENTEE
    if _SEEKS_MENTEE.search(key):
        return Role.MENTOR
    found = _ROLE_WORD.search(key)
    if found is None:
        return None
    return Role.MENTOR if found[0] == "mentor" else Role.MENTEE


# --- position ------------------------------------------------------------------------

_POSITION_SYNONYMS: dict[str, str] = {
    "phd": "PhD candidate", "phd student": "PhD candidate", "phd researcher": "PhD candidate",
    "doctoral researcher": "PhD candidate", "aio": "PhD candidate", "promovenda": "PhD candidate",
    "doktorand": "PhD candidate", "doktorandin": "PhD candidate", "doctorandus": "PhD candidate",
    "post doc": "Postdoc", "postdoctoral": "Postdoc", "postdoctoral research fellow": "Postdoc",
    "postdoktorand": "Postdoc", "postdoktorandin": "Postdoc", "post doctoral researcher": "Postdoc",
    "onderzoeker": "Researcher", "wetenschappelijk onderzoeker": "Researcher",
    "wissenschaftlicher mitarbeiter": "Researcher", "wissenschaftliche mitarbeiterin": "Researcher",
    "research scientist": "Researcher", "staff scientist": "Researcher",
    "assistant professor": "Assistant professor", "asst prof": "Assistant professor",
    "ud": "Assistant professor", "juniorprofessor": "Assistant professor",
    "juniorprofessorin": "Assistant professor", "tenure tracker": "Assistant professor",
    "associate professor": "Associate professor", "assoc prof": "Associate professor",
    "uhd": "Associate professor", "hoofddocent": "Associate professor",
    "full professor": "Full professor", "prof": "Full professor", "professorin": "Full professor",
    "ordinarius": "Full professor", "w3 professor": "Full professor",
}  # fmt: skip


def canonical_position(value: str, ladder: SeniorityLadder) -> str | None:
    """The ladder's spelling of a typed position, or ``None`` when it is not on the ladder.

    Tries the ladder (with its synonyms), then Dutch, German and abbreviated
    titles, then the text without a trailing explanation in brackets.
    """
    try:
        return _canonical_position(value, ladder)
    except TypeError:  # a ladder built on a list is not hashable: no cache
        return _canonical_position.__wrapped__(value, ladder)


@lru_cache(maxsize=512)
def _canonical_position(value: str, ladder: SeniorityLadder) -> str | None:
    text = " ".join(value.split())
    if not text:
        return None
    for candidate in (text, re.sub(r"\s*[(\[].*$", "", text)):
        found = ladder.canonical(candidate)
        if found is None:
            synonym = _POSITION_SYNONYMS.get(_key(candidate))
            found = ladder.canonical(synonym) if synonym else None
        if found is not None:
            return found
    return None


# --- topics --------------------------------------------------------------------------

_TOPIC_SYNONYMS: dict[str, tuple[str, ...]] = {
    "Career guidance": (
        "career", "careers", "career advice", "career development", "career planning",
        "career guidance and planning", "loopbaan", "loopbaanbegeleiding", "loopbaanadvies",
        "carriere", "carrière", "karriere", "karriereberatung", "karriereplanung",
        "berufliche entwicklung", "loopbaanontwikkeling",
    ),
    "Stress and time management": (
        "stress", "time management", "stress management", "tijdmanagement", "timemanagement",
        "stress en tijdmanagement", "zeitmanagement", "stressbewältigung", "stress und zeitmanagement",
        "stress and time", "werkdruk",
    ),
    "Work/life balance": (
        "work life balance", "worklife balance", "work life", "balans werk prive",
        "balans werk privé", "werk prive balans", "werk privé balans", "werk privebalans",
        "werk privébalans", "vereinbarkeit von beruf und familie", "work life-balance",
    ),
    "Setting priorities": (
        "priorities", "prioritising", "prioritizing", "prioritization", "prioritisation",
        "prioriteiten", "prioriteiten stellen", "prioritäten", "prioritäten setzen",
    ),
    "Networking and visibility": (
        "networking", "visibility", "network", "netwerken", "zichtbaarheid",
        "netwerken en zichtbaarheid", "netzwerken", "sichtbarkeit", "netzwerken und sichtbarkeit",
    ),
    "Funding opportunities": (
        "funding", "grants", "grant", "grant writing", "grant applications", "financiering",
        "subsidies", "beurzen", "fördermittel", "finanzierung", "drittmittel", "funding options",
    ),
    "Leadership": ("leadership", "leiderschap", "führung", "leading a team", "team leadership"),
    "Teaching": ("teaching", "onderwijs", "lehre", "education", "lesgeven"),
    "Publishing": ("publishing", "publications", "publiceren", "publizieren", "writing papers"),
    "Moving abroad": (
        "moving abroad", "international mobility", "verhuizen naar het buitenland",
        "ins ausland gehen", "auslandsaufenthalt", "working abroad", "mobility",
    ),
}  # fmt: skip
_TOPIC_KEYS: dict[str, str] = {_key(topic): topic for topic in TOPICS}
for _topic, _synonyms in _TOPIC_SYNONYMS.items():
    for _synonym in _synonyms:
        _TOPIC_KEYS.setdefault(_key(_synonym), _topic)
for _topic in TOPICS:
    # "Dutch en"/"German und" for "and": "Netwerken en zichtbaarheid" style labels.
    _TOPIC_KEYS.setdefault(_key(_topic).replace(" and ", " en "), _topic)
    _TOPIC_KEYS.setdefault(_key(_topic).replace(" and ", " und "), _topic)


def canonical_topic(item: str) -> str | None:
    """The program's name for one chosen topic, or ``None`` when it is not a known topic."""
    return _TOPIC_KEYS.get(_key(item))


@lru_cache(maxsize=2048)
def parse_topics(value: str) -> tuple[str, ...]:
    """Topics from a multi-choice answer: known ones in the program's spelling, others as typed."""
    return _unique([canonical_topic(item) or item for item in split_choices(value)])


# --- meeting format ------------------------------------------------------------------

_IN_PERSON = re.compile(
    r"in person|face to face|f2f|offline|on site|on campus|physical|physically|live|"
    r"fysiek|op locatie|persoonlijk|op de campus|in het echt|"
    r"persönlich|personlich|vor ort|präsenz|praesenz|in präsenz"
)
_ONLINE = re.compile(r"online|virtual|virtuell|video|remote|zoom|teams|webex|digital|digitaal")
_ANY = re.compile(
    r"no preference|either|both|any|doesn t matter|does not matter|don t mind|flexible|"
    r"geen voorkeur|maakt niet uit|beide|allebei|egal|keine präferenz|keine vorliebe|beides"
)


@lru_cache(maxsize=256)
def parse_meeting_format(value: str) -> MeetingFormat | None:
    """In person, online or no preference; both ticked means no preference."""
    key = _key(value)
    if not key:
        return None
    if _ANY.search(key):
        return MeetingFormat.ANY
    in_person, online = _IN_PERSON.search(key), _ONLINE.search(key)
    if in_person and online:
        return MeetingFormat.ANY
    if in_person:
        return MeetingFormat.IN_PERSON
    if online:
        return MeetingFormat.ONLINE
    return None


# --- languages and other lists -------------------------------------------------------

_LANGUAGES: dict[str, str] = {
    "english": "English", "engels": "English", "englisch": "English", "en": "English",
    "dutch": "Dutch", "nederlands": "Dutch", "niederländisch": "Dutch", "nl": "Dutch",
    "german": "German", "duits": "German", "deutsch": "German", "de": "German",
    "french": "French", "frans": "French", "französisch": "French", "français": "French",
    "spanish": "Spanish", "spaans": "Spanish", "spanisch": "Spanish", "español": "Spanish",
    "italian": "Italian", "italiaans": "Italian", "italienisch": "Italian",
    "portuguese": "Portuguese", "portugees": "Portuguese", "portugiesisch": "Portuguese",
    "chinese": "Chinese", "mandarin": "Chinese", "chinees": "Chinese", "chinesisch": "Chinese",
    "turkish": "Turkish", "turks": "Turkish", "türkisch": "Turkish", "türkçe": "Turkish",
    "arabic": "Arabic", "arabisch": "Arabic", "polish": "Polish", "pools": "Polish",
    "polnisch": "Polish", "polski": "Polish", "greek": "Greek", "grieks": "Greek",
    "hindi": "Hindi", "russian": "Russian", "russisch": "Russian",
}  # fmt: skip


def is_language(item: str) -> bool:
    """True for a language name this module knows (for column detection)."""
    return _key(item) in _LANGUAGES


@lru_cache(maxsize=1024)
def parse_languages(value: str) -> tuple[str, ...]:
    """Languages from a list such as ``"English, Nederlands / Deutsch"``, in English."""
    items = _unique(_LIST_SPLIT.split(value))
    return _unique([_LANGUAGES.get(_key(item), item) for item in items])


@lru_cache(maxsize=1024)
def parse_list(value: str) -> tuple[str, ...]:
    """A plain list (projects): split on ``;`` ``,`` ``|`` and line breaks."""
    return split_choices(value)


# --- capacity ------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "eins": 1, "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "fünf": 5, "sechs": 6,
}  # fmt: skip
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def parse_capacity(value: CellValue) -> int | None:
    """How many mentees a mentor takes: ``2``, ``2.0``, ``"2,0"``, ``"up to 3"``, ``"1-2"``, ``"two"``.

    A range counts as its upper end. Returns ``None`` when there is no whole
    number in the cell; a number outside 1..MAX_CAPACITY is returned as is, for
    the caller to refuse.
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    return _capacity_text(value)


@lru_cache(maxsize=256)
def _capacity_text(text: str) -> int | None:
    key = text.casefold()
    numbers = [n.replace(",", ".") for n in _NUMBER.findall(key)]
    if numbers:
        values = [float(n) for n in numbers]
        if any(not v.is_integer() for v in values):
            return None
        return int(max(abs(v) for v in values) if len(values) > 1 else values[0])
    for word in re.findall(r"[^\W\d_]+", key):
        if word in _NUMBER_WORDS:
            return _NUMBER_WORDS[word]
    return None


def capacity_in_range(capacity: int) -> bool:
    """True when ``capacity`` is one of the mentor capacities the program accepts."""
    return 1 <= capacity <= MAX_CAPACITY
