"""The demo's people and words: names, departments, projects, notes, and the draws from them.

The names are those of an international research institute in Amsterdam, so
they carry the letters a real sign-up sheet carries (ë, ł, ş, ø, ñ, ễ, ǐ …).
:class:`PeopleMaker` draws people and sign-ups; :mod:`ams_desk.store.demo`
pairs them and writes everything.
"""

from __future__ import annotations

import bisect
import random
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import accumulate
from typing import Generic, TypeVar

from ams_desk.core.ladder import DEFAULT_POSITIONS
from ams_desk.core.model import TOPICS, MeetingFormat, Role
from ams_desk.core.workflow import PairStatus

T = TypeVar("T")


@dataclass(frozen=True)
class Culture:
    """Given and family names that go together, and the languages that come with them.

    A family name written ``"Kowalski/Kowalska"`` has a masculine and a feminine
    form; ``family_first`` cultures write the family name first.
    """

    weight: int
    languages: tuple[str, ...]
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    family_first: bool = False


def _culture(weight: int, languages: str, *, given: str, family: str,
             family_first: bool = False) -> Culture:
    """A culture from comma-separated lists; ``given`` is ``"female names | male names"``."""

    def items(text: str) -> tuple[str, ...]:
        return tuple(item.strip() for item in text.split(",") if item.strip())

    female, male = given.split("|")
    return Culture(weight, items(languages), items(female), items(male), items(family),
                   family_first)


CULTURES: tuple[Culture, ...] = (
    _culture(24, "Dutch", given=(
        "Zoë, Sanne, Anouk, Eline, Floor, Femke, Lieke, Marijke, Noor, Iris, Renée, Maaike, "
        "Eefje, Daniëlle, Chloë, Janneke, Esmée | Daan, Thijs, Joost, Maarten, Sjoerd, Bram, "
        "Ruud, Jeroen, Koen, Wouter, Pieter, Stijn, Tijmen, Joël, Noël, Gijs, Hidde"
    ), family=(
        "van den Berg, de Vries, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, "
        "Mulder, de Groot, Bos, Vos, Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, "
        "van der Meer, van der Linden, de Haan, van den Heuvel, IJzerman, van 't Hof, 't Hart"
    )),
    _culture(9, "German", given=(
        "Käthe, Lena, Sophie, Anja, Annika, Miriam, Frauke, Bärbel, Leonie, Jördis | Jürgen, "
        "Jörg, Günther, Maximilian, Lukas, Jonas, Felix, Tobias, Sören, Moritz, Jan-Hendrik"
    ), family=(
        "Müller, Schröder, Weiß, Krüger, Schäfer, Hoffmann, Groß, Köhler, Böhm, König, Jäger, "
        "Vogel, Strauß, Meißner, Fischer, Neumann, Förster, Dürr, Möller, Schürmann, Roßmann"
    )),
    _culture(6, "Polish", given=(
        "Małgorzata, Agnieszka, Katarzyna, Zofia, Joanna, Magdalena, Ewa, Bożena, Łucja | "
        "Łukasz, Wojciech, Paweł, Michał, Grzegorz, Tomasz, Krzysztof, Bartłomiej, Jędrzej"
    ), family=(
        "Wójcik, Nowak, Kaczmarek, Mazur, Krawczyk, Zając, Król, Wieczorek, Wróbel, Dudek, "
        "Łuczak, Gołąb, Żak, Ślęzak, Kowalski/Kowalska, Wiśniewski/Wiśniewska, "
        "Zieliński/Zielińska, Lewandowski/Lewandowska, Dąbrowski/Dąbrowska"
    )),
    _culture(6, "Turkish", given=(
        "Ayşe, Zeynep, Elif, Şule, Özge, Gülşen, Tuğba, Ebru, Büşra, Deniz | Mehmet, Emre, "
        "Çağlar, Gökhan, Burak, İlker, Barış, Onur, Serkan, Oğuz"
    ), family=(
        "Öztürk, Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Özdemir, Arslan, Doğan, "
        "Kılıç, Çetin, Koç, Kurt, Özkan, Şimşek, Güneş"
    )),
    _culture(4, "Greek", given=(
        "Eleni, Konstantina, Maria, Ioanna, Sofia, Athanasia, Katerina, Despina | Dimitris, "
        "Georgios, Nikos, Christos, Panagiotis, Vasilis, Stavros, Thanos"
    ), family=(
        "Papadopoulos/Papadopoulou, Georgiou, Nikolaidis/Nikolaidou, Karagiannis/Karagianni, "
        "Oikonomou, Vlachos/Vlachou, Makris/Makri, Dimitriou, Ioannidis/Ioannidou, Antoniou"
    )),
    _culture(5, "Danish, Norwegian, Swedish", given=(
        "Åsa, Ingrid, Mette, Signe, Liv, Astrid, Märta, Ragnhild, Sigrún | Søren, Bjørn, Kåre, "
        "Pål, Ørjan, Henrik, Torbjørn, Mikkel, Håkon"
    ), family=(
        "Ødegård, Løvås, Sørensen, Åberg, Hansen, Johansson, Lindqvist, Bjørnstad, Nyström, "
        "Håkansson, Kjærgaard, Østergaard, Strøm, Sæther, Ekström, Dahl"
    )),
    _culture(7, "Spanish", given=(
        "María, Inés, Lucía, Sofía, Begoña, Núria, Pilar, Mónica, Rocío, Elena | José, Íñigo, "
        "Álvaro, Ramón, Jesús, Raúl, Andrés, Tomás, Joaquín, Sergio"
    ), family=(
        "Muñoz, García, Fernández, López, Martínez, Sánchez, Pérez, Gómez, Jiménez, Ibáñez, "
        "Rodríguez, Castaño, Núñez, Peña, Gutiérrez, Domínguez, Vázquez, Díaz, Hernández"
    )),
    _culture(4, "Portuguese", given=(
        "Inês, Conceição, Mariana, Beatriz, Leonor, Margarida, Luísa | João, Gonçalo, "
        "Sebastião, Luís, Tiago, Rui, Simão"
    ), family=(
        "Gonçalves, Magalhães, Simões, Araújo, Brandão, Ribeiro, Carvalho, Guimarães, Falcão, "
        "Leitão, Sequeira, Loureiro"
    )),
    _culture(4, "Vietnamese", family_first=True, given=(
        "Thị Hương, Thị Lan, Ngọc Ánh, Thu Trang, Minh Thư, Thanh Hà, Phương Linh | Văn Minh, "
        "Đức Anh, Quang Huy, Minh Tuấn, Hữu Phước, Tiến Dũng, Quốc Bảo"
    ), family="Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô, Dương"),
    _culture(7, "Mandarin", family_first=True, given=(
        "Fāng, Nà, Xiùyīng, Mǐn, Jìng, Lì, Yàn, Xiùlán, Xiá, Yǔxuān, Zǐhán, Sīyǔ | Wěi, Qiáng, "
        "Lěi, Jūn, Yáng, Yǒng, Jié, Tāo, Míng, Chāo, Hàoyǔ, Zhìháo"
    ), family=(
        "Wáng, Lǐ, Zhāng, Liú, Chén, Yáng, Huáng, Zhào, Wú, Zhōu, Xú, Sūn, Mǎ, Zhū, Hú, Guō, "
        "Hé, Gāo, Lín, Luó"
    )),
    _culture(4, "French", given=(
        "Amélie, Hélène, Maëlle, Cécile, Gaëlle, Océane, Élodie, Anaïs | François, Loïc, "
        "Jérôme, Benoît, Théo, Raphaël, Gaël, Stéphane"
    ), family=(
        "Lefèvre, Dubois, Moreau, Lambert, Girard, Bonnet, Rousseau, Faure, Mercier, Chevalier, "
        "Lemaître, Fournier, Béranger"
    )),
    _culture(4, "Italian", given=(
        "Chiara, Giulia, Francesca, Federica, Ilaria | Niccolò, Matteo, Lorenzo, Alessandro, "
        "Gianluca"
    ), family=(
        "Rossi, Bianchi, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, "
        "Costa, Giordano, Lombardi"
    )),
    _culture(3, "Czech", given=(
        "Tereza, Kateřina, Zuzana, Markéta, Zdeňka | Jiří, Lukáš, Tomáš, Ondřej, Vojtěch"
    ), family=(
        "Dvořák/Dvořáková, Novák/Nováková, Černý/Černá, Svoboda/Svobodová, "
        "Procházka/Procházková, Kučera/Kučerová, Veselý/Veselá, Horák/Horáková"
    )),
    _culture(3, "Hungarian", given=(
        "Zsófia, Réka, Dóra, Eszter, Ildikó | Bálint, Gergő, Ádám, Márton, Levente"
    ), family="Kovács, Szabó, Tóth, Nagy, Horváth, Varga, Kiss, Molnár, Németh, Farkas"),
    _culture(5, "", given=(
        "Emma, Charlotte, Rachel, Sarah, Laura, Siobhán, Niamh | Oliver, James, Daniel, "
        "Thomas, Seán, Ciarán, Matthew"
    ), family=(
        "Smith, Taylor, Brown, Walsh, O'Brien, Murphy, Evans, Clarke, Ó Súilleabháin, Campbell"
    )),
    _culture(5, "Hindi, Tamil, Bengali", given=(
        "Priya, Ananya, Kavya, Sneha, Aishwarya | Aditya, Rohan, Arjun, Vikram, Karthik"
    ), family="Sharma, Patel, Iyer, Reddy, Gupta, Nair, Menon, Rao, Krishnan, Banerjee"),
    _culture(4, "Arabic, Dutch", given=(
        "Fatima, Samira, Khadija, Nadia, Soumaya | Youssef, Mohamed, Karim, Hamza, Bilal"
    ), family="El Amrani, Benali, Bouzid, El Idrissi, Haddou, Ait Taleb, Azzouzi, Bakkali"),
)

MIDDLE_INITIALS = "ABCDEFGHIJKLMNOPRSTVW"
"""Initials that tell apart two people who would otherwise share a name."""

EMAIL_DOMAINS = {"ams-institute.org": 60, "tudelft.nl": 18, "wur.nl": 15, "mit.edu": 7}
"""Where AMS researchers have their mailboxes, and how often."""

PROJECTS_BY_DEPARTMENT: dict[str, tuple[str, ...]] = {
    "Circular Economy": ("Circular Amsterdam", "Bio-based Building"),
    "Energy Transition": ("Energy Communities",),
    "Urban Mobility": ("Zero-Emission Logistics", "Roboat", "Mobility Hubs"),
    "Climate Adaptation": ("Urban Heat Resilience", "Rainproof Neighbourhoods",
                           "Green Roofs Amsterdam"),
    "Urban Food Systems": ("Food Waste Valorisation",),
    "Digital Urban Technologies": ("Digital Twin Amsterdam", "Urban Pulse"),
    "Urban Water & Infrastructure": ("Smart Water Grids", "Plastic-free Canals"),
    "Responsible Urban Innovation": ("Marineterrein Living Lab",),
}
"""AMS departments and the research projects each runs."""

DEPARTMENTS = tuple(PROJECTS_BY_DEPARTMENT)
PROJECTS = tuple(p for projects in PROJECTS_BY_DEPARTMENT.values() for p in projects)
COORDINATORS = ("Anouk Verhoeven", "Rachid El Khatib", "Ingrid Søndergaard")

MENTEE_MOTIVATIONS = (
    "I am in the last year of my PhD and would like advice on the next step.",
    "I want to learn how to combine research with a young family.",
    "Looking for someone outside my project to talk about academia versus industry.",
    "I am applying for a Veni grant next year and would value an experienced reader.",
    "I moved to the Netherlands last year and am still finding my way in Dutch academia.",
    "I struggle to say no to new tasks and would like to set better priorities.",
    "I would like to become more visible in the urban research community.",
    "My contract ends in a year; I want to think about what comes after it.",
)
MENTOR_MOTIVATIONS = (
    "Happy to give back what my own mentors gave me.",
    "I supervise PhD candidates in my group and like meeting people from other projects.",
    "I have reviewed for NWO and the ERC and can help with grant writing.",
    "I moved countries twice for my career and know how hard that can be.",
    "Glad to talk about leadership and building a research line.",
)
MULTILINE_MOTIVATIONS = (
    "Two things I would like to discuss:\n- how to plan the final year of my PhD\n"
    "- whether to apply for postdocs abroad",
    "I have little time in June and July.\nAfter the summer I can meet every month.",
)
PERSON_NOTES = ("Prefers meetings on Tuesdays or Thursdays.", "Works part-time (Mon–Wed).",
                "On parental leave until the end of the quarter.")

EVENT_NOTES: dict[str, tuple[str, ...]] = {
    "draft": ("Placed on the board after the matching meeting.",),
    "proposed": ("Proposed after the matching meeting.", "Second choice; first had no places."),
    "mentor_agreed": ("Mentor agreed by email.", "Agreed; prefers to meet online."),
    "mentor_declined": ("Mentor on sabbatical this semester.", "Knows the supervisor too well."),
    "introduced": ("Introduction email sent.",), "first_contact": ("The team was copied.",),
    "mentor_responded": ("Mentor proposed two dates.", "Replied after a reminder."),
    "meeting_planned": ("Confirmed by both.",), "met": ("Went well, says the mentee.",),
    "evaluated": ("Evaluation received by email.",), "continuing": ("Every two months.",),
    "closed": ("Closed after the final meeting.", "Closed at the end of the program year."),
}
"""Optional notes a coordinator might add to each step."""

CANCEL_REASONS = ("Mentee left AMS for a position in Delft.", "Mentor moved to another institute.",
                  "Mentee withdrew: too busy finishing the thesis.",
                  "No reply from the mentee after two reminders.")

QUESTIONS = (
    "1. How did you choose between academia and industry?\n"
    "2. Which skills from your PhD did you use most later?\n3. Would you go abroad again?",
    "1. How do you keep time for writing with a heavy teaching load?\n"
    "2. How do you say no to new projects without hurting relations?",
    "1. What makes a Veni proposal stand out?\n2. Could you read my one-page summary?",
    "1. How did you build a network after moving to the Netherlands?\n"
    "2. Which conferences are worth the trip for urban research?",
)
"""First-contact questions, as mentees write them."""

PLACES = ("AMS Institute, Marineterrein, building 027W", "Café de Ysbreeker",
          "TU Delft, Faculty of Architecture, room B-3.110", "Wageningen Campus, Lumen",
          "Lunch at the Marineterrein canteen")

OUTCOMES = (
    "Very useful: concrete advice on the job market and two contacts to follow up.",
    "Good talk about priorities; the mentee will try a weekly planning routine.",
    "Helpful feedback on the grant idea.",
    "Pleasant, but the mentee found the advice rather general.",
)
"""What mentees report after the meeting."""

_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss",
                       "đ": "d", "Đ": "D", "ı": "i", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th"})


@cache
def ascii_fold(text: str) -> str:
    """``text`` in lower-case ASCII letters and digits only, for an email's local part.

    >>> ascii_fold("van 't Hof"), ascii_fold("Łukasz"), ascii_fold("Nguyễn")
    ('vanthof', 'lukasz', 'nguyen')
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalnum())


class Weights(Generic[T]):
    """Items with relative weights, to be drawn with :meth:`DemoRandom.weighted`."""

    def __init__(self, weights: Mapping[T, int]) -> None:
        self.items = tuple(weights)
        self.cumulative = tuple(accumulate(weights.values()))


class DemoRandom(random.Random):
    """The draws the demo makes, all from ``random()``: fast, and the same on every Python."""

    def below(self, n: int) -> int:
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def weighted(self, weights: Weights[T]) -> T:
        cumulative = weights.cumulative
        return weights.items[bisect.bisect(cumulative, self.random() * cumulative[-1])]


_CULTURES = Weights({culture: culture.weight for culture in CULTURES})
_DOMAINS = Weights(EMAIL_DOMAINS)
_MENTEE_POSITIONS = Weights(dict(zip(DEFAULT_POSITIONS[:3], (55, 30, 15), strict=True)))
_MENTOR_POSITIONS = Weights(dict(zip(DEFAULT_POSITIONS[2:], (15, 35, 30, 20), strict=True)))
_ONE_TO_THREE = Weights({1: 35, 2: 45, 3: 20})
_PROJECT_COUNT = Weights({0: 25, 1: 55, 2: 20})
_FORMATS = Weights({MeetingFormat.ANY: 50, MeetingFormat.IN_PERSON: 30, MeetingFormat.ONLINE: 20})
_OWN_PROJECTS = tuple(tuple(PROJECTS.index(p) for p in PROJECTS_BY_DEPARTMENT[d])
                      for d in DEPARTMENTS)


@dataclass(slots=True, eq=False)
class DemoPerson:
    """A person as planned; ``projects`` are indexes into :data:`PROJECTS`."""

    name: str
    email: str
    position: str
    rank: int
    department: str
    projects: frozenset[int]
    languages: tuple[str, ...]
    notes: str
    id: int = 0


@dataclass(slots=True, eq=False)
class DemoSignup:
    """A sign-up as planned; ``day`` is a day number (:meth:`date.toordinal`).

    ``taken`` counts a mentor's pairs that take a place (not declined or
    cancelled); ``pair_statuses`` holds each pair's final status, oldest first.
    """

    person: DemoPerson
    role: Role
    day: int
    year: int
    capacity: int
    topics: tuple[str, ...]
    meeting_format: MeetingFormat
    motivation: str
    withdrawn: bool
    id: int = 0
    taken: int = 0
    pair_statuses: list[PairStatus] = field(default_factory=list)


class PeopleMaker:
    """Draws people (with unique, case-folded emails) and their sign-ups from ``rng``."""

    def __init__(self, rng: DemoRandom) -> None:
        self._rng = rng
        self._names: set[str] = set()
        self._emails: dict[str, int] = {}

    def _name(self) -> tuple[str, str, Culture]:
        rng = self._rng
        culture = rng.weighted(_CULTURES)
        female = rng.random() < 0.5
        given = rng.pick(culture.female if female else culture.male)
        family = rng.pick(culture.family).split("/")[-1 if female else 0]
        name = f"{family} {given}" if culture.family_first else f"{given} {family}"
        local = f"{ascii_fold(given)}.{ascii_fold(family)}"
        if name in self._names and not culture.family_first:
            initial = rng.pick(MIDDLE_INITIALS)
            name = f"{given} {initial}. {family}"
            local = f"{ascii_fold(given)}.{initial.lower()}.{ascii_fold(family)}"
        self._names.add(name)
        domain = rng.weighted(_DOMAINS)
        address = f"{local}@{domain}"
        seen = self._emails.get(address, 0)
        self._emails[address] = seen + 1
        if seen:  # namesakes get a number, as mail servers do
            address = f"{local}{seen + 1}@{domain}"
        return name, address, culture

    def person(self, role: Role) -> DemoPerson:
        """A new person who signs up as ``role`` (which decides their likely position)."""
        rng = self._rng
        name, email, culture = self._name()
        department = rng.below(len(DEPARTMENTS))
        projects: set[int] = set()
        for _ in range(rng.weighted(_PROJECT_COUNT)):
            mine = rng.random() < 0.7  # mostly a project of one's own department
            projects.add(rng.pick(_OWN_PROJECTS[department]) if mine
                         else rng.below(len(PROJECTS)))
        languages = ["English"] if rng.random() < 0.96 else []
        if culture.languages and rng.random() < 0.6:
            languages.append(rng.pick(culture.languages))
        if "Dutch" not in languages and rng.random() < 0.15:
            languages.append("Dutch")
        position = rng.weighted(_MENTOR_POSITIONS if role is Role.MENTOR else _MENTEE_POSITIONS)
        return DemoPerson(
            name=name,
            email=email,
            position=position,
            rank=DEFAULT_POSITIONS.index(position) + 1,
            department=DEPARTMENTS[department],
            projects=frozenset(projects),
            languages=tuple(languages or ["English"]),
            notes=rng.pick(PERSON_NOTES) if rng.random() < 0.05 else "",
        )

    def signup(self, person: DemoPerson, role: Role, year: int, last_day: int) -> DemoSignup:
        """A sign-up of ``person`` in program ``year``, dated no later than ``last_day``."""
        rng = self._rng
        first = date(year, 1, 1).toordinal()
        end = min(date(year, 12, 31).toordinal(), last_day)
        mentor = role is Role.MENTOR
        # Mentors tend to sign up early in the year; mentees all year round.
        share = rng.random() ** (1.6 if mentor else 1.0)
        motivation = ""
        if rng.random() < 0.4:
            motivation = rng.pick(MENTOR_MOTIVATIONS if mentor else MENTEE_MOTIVATIONS)
        elif rng.random() < 0.05:
            motivation = rng.pick(MULTILINE_MOTIVATIONS)
        offer = TOPICS[:6] if rng.random() < 0.7 else TOPICS
        topics: list[str] = []
        for _ in range(rng.weighted(_ONE_TO_THREE)):
            topic = rng.pick(offer)
            if topic not in topics:
                topics.append(topic)
        return DemoSignup(
            person=person,
            role=role,
            day=first + int((end - first + 1) * share),
            year=year,
            capacity=rng.weighted(_ONE_TO_THREE) if mentor else 1,
            topics=tuple(topics),
            meeting_format=rng.weighted(_FORMATS),
            motivation=motivation,
            withdrawn=rng.random() < 0.03,
        )

    def program(self, size: int, years: tuple[int, int],
                last_day: int) -> tuple[list[DemoPerson], list[DemoSignup]]:
        """``size`` people, about 30 % mentors, and their sign-ups over the two ``years``.

        Some sign up in both years. Ids follow the order of signing up, as
        they would after real imports.
        """
        mentors = round(size * 0.3)
        roles = [Role.MENTOR] * mentors + [Role.MENTEE] * (size - mentors)
        self._rng.shuffle(roles)
        signups: list[DemoSignup] = []
        for role in roles:
            person = self.person(role)
            chosen: tuple[int, ...] = years  # re-participation
            if self._rng.random() >= (0.15 if role is Role.MENTOR else 0.08):
                chosen = (years[0] if self._rng.random() < 0.45 else years[1],)
            signups.extend(self.signup(person, role, year, last_day) for year in chosen)
        signups.sort(key=lambda s: s.day)
        people: list[DemoPerson] = []
        for number, signup in enumerate(signups, 1):
            signup.id = number
            if not signup.person.id:
                people.append(signup.person)
                signup.person.id = len(people)
        return people, signups
