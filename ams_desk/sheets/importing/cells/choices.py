"""Lenient matching of the answers that name something: role, position, topics, meeting, languages.

Matching forgives case, spacing, punctuation and common synonyms in English,
Dutch and German: ``"Mentee (I'm looking for a mentor)"`` is a mentee,
``"post-doc"`` a postdoc, ``"work-life balance"`` the topic *Work/life
balance*, ``"Maakt niet uit"`` no meeting preference.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ams_desk.core.ladder import SeniorityLadder
from ams_desk.core.model import TOPICS, MeetingFormat, Role
from ams_desk.sheets.importing.cells.values import (
    LIST_SPLIT,
    compare_key,
    split_choices,
    unique_items,
)

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
    key = compare_key(value)
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


_ROLE_CHOICE = re.compile(r"(?:i am |i m |as )?(?:a )?(mentor|mentee)\b(?: .{0,70})?")


def role_option(value: str) -> Role | None:
    """The role when ``value`` is one of a form's role choices, not a sentence that names one.

    ``"Mentor"``, ``"mentee"``, ``"Mentee (I'm looking for a mentor)"`` are
    choices; ``"I would like a mentor because…"`` is free text. Used to map a
    column by its values, where a lenient reading would take any answer that
    happens to say "mentor".
    """
    key = compare_key(value)
    if key in _ROLE_WORDS:
        return _ROLE_WORDS[key]
    text = " ".join(value.casefold().split())
    match = _ROLE_CHOICE.fullmatch(text)
    if match is None or len(text) > 80:
        return None
    rest = text[match.end(1):].lstrip()
    # A choice explains itself in brackets or after a dash or colon: "Mentee (…)".
    if rest and rest[0] not in "([-–—:/":
        return None
    return Role.MENTOR if match[1] == "mentor" else Role.MENTEE


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
            synonym = _POSITION_SYNONYMS.get(compare_key(candidate))
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
        "stress en tijdmanagement", "zeitmanagement", "stressbewältigung",
        "stress und zeitmanagement",
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
_TOPIC_KEYS: dict[str, str] = {compare_key(topic): topic for topic in TOPICS}
for _topic, _synonyms in _TOPIC_SYNONYMS.items():
    for _synonym in _synonyms:
        _TOPIC_KEYS.setdefault(compare_key(_synonym), _topic)
for _topic in TOPICS:
    # "Dutch en"/"German und" for "and": "Netwerken en zichtbaarheid" style labels.
    _TOPIC_KEYS.setdefault(compare_key(_topic).replace(" and ", " en "), _topic)
    _TOPIC_KEYS.setdefault(compare_key(_topic).replace(" and ", " und "), _topic)


def canonical_topic(item: str) -> str | None:
    """The program's name for one chosen topic, or ``None`` when it is not a known topic."""
    return _TOPIC_KEYS.get(compare_key(item))


@lru_cache(maxsize=2048)
def parse_topics(value: str) -> tuple[str, ...]:
    """Topics from a multi-choice answer: known ones in the program's spelling, others as typed."""
    return unique_items([canonical_topic(item) or item for item in split_choices(value)])


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


_MEETING_OPTIONS: dict[str, MeetingFormat] = {
    **dict.fromkeys((
        "in person", "in person meeting", "face to face", "on campus", "on site", "offline",
        "physical", "fysiek", "op locatie", "persoonlijk", "op de campus", "persönlich",
        "vor ort", "präsenz", "in präsenz",
    ), MeetingFormat.IN_PERSON),
    **dict.fromkeys((
        "online", "online meeting", "virtual", "video call", "video", "remote", "digitaal",
        "digital", "virtuell", "online video call", "via video",
    ), MeetingFormat.ONLINE),
    **dict.fromkeys((
        "no preference", "either", "both", "any", "either is fine", "both are fine",
        "in person or online", "online or in person", "in person and online",
        "online and in person", "hybrid", "doesn t matter", "does not matter", "don t mind",
        "flexible", "geen voorkeur", "maakt niet uit", "beide", "allebei", "egal",
        "keine präferenz", "keine vorliebe", "beides", "no preference either is fine",
    ), MeetingFormat.ANY),
}  # fmt: skip


def meeting_option(value: str) -> MeetingFormat | None:
    """The meeting preference when ``value`` is exactly one of its choices (not a sentence)."""
    key = compare_key(value)
    found = _MEETING_OPTIONS.get(key)
    if found is None and "(" in value:
        found = _MEETING_OPTIONS.get(compare_key(value.split("(", 1)[0]))
    return found


@lru_cache(maxsize=256)
def parse_meeting_format(value: str) -> MeetingFormat | None:
    """In person, online or no preference; both ticked means no preference."""
    key = compare_key(value)
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


# --- languages -----------------------------------------------------------------------

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
    return compare_key(item) in _LANGUAGES


@lru_cache(maxsize=1024)
def parse_languages(value: str) -> tuple[str, ...]:
    """Languages from a list such as ``"English, Nederlands / Deutsch"``, in English."""
    items = unique_items(LIST_SPLIT.split(value))
    return unique_items([_LANGUAGES.get(compare_key(item), item) for item in items])


