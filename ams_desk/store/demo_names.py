"""Word lists for the demo program: names, departments, projects and typical notes.

The names are those of an international research institute in Amsterdam, so
they carry the letters a real sign-up sheet carries (ë, ł, ş, ø, ñ, ễ, ǐ …).
"""

from __future__ import annotations

import bisect
import random
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import accumulate


def _items(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text.split(",") if item.strip())


@dataclass(frozen=True)
class Culture:
    """Given and family names that go together, and the languages that come with them.

    A family name written ``"Kowalski/Kowalska"`` has a masculine and a
    feminine form; ``family_first`` cultures write the family name first.
    """

    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    family: tuple[str, ...]
    languages: tuple[str, ...] = ()
    family_first: bool = False


CULTURES: tuple[Culture, ...] = (
    Culture(
        24,
        _items("Zoë, Sanne, Anouk, Eline, Floor, Femke, Lieke, Marijke, Noor, Iris, Annelies,"
               " Renée, Maaike, Inge, Eefje, Daniëlle, Chloë, Janneke, Merel, Fleur, Esmée"),
        _items("Daan, Thijs, Joost, Maarten, Sjoerd, Bram, Ruud, Jeroen, Koen, Wouter, Pieter,"
               " Geert, Stijn, Tijmen, Joël, Noël, Gijs, Rutger, Bas, Hidde, Teun"),
        _items("van den Berg, de Vries, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer,"
               " Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer,"
               " de Wit, Dijkstra, de Graaf, van der Meer, van der Linden, Kok, de Haan,"
               " Vermeulen, van den Heuvel, van der Veen, IJzerman, van 't Hof, 't Hart,"
               " Verhoeven, Schouten, van Beek, Kuipers"),
        ("Dutch",),
    ),
    Culture(
        9,
        _items("Käthe, Lena, Sophie, Anja, Annika, Hannah, Miriam, Ute, Frauke, Bärbel, Leonie,"
               " Katharina, Jördis, Henrike"),
        _items("Jürgen, Jörg, Günther, Maximilian, Lukas, Jonas, Felix, Tobias, Matthias,"
               " Sören, Moritz, Nils, Björn, Jan-Hendrik"),
        _items("Müller, Schröder, Weiß, Krüger, Schäfer, Hoffmann, Groß, Köhler, Böhm, König,"
               " Jäger, Vogel, Strauß, Meißner, Fischer, Neumann, Zimmermann, Braun, Förster,"
               " Dürr, Möller, Schürmann, Lübke, Roßmann"),
        ("German",),
    ),
    Culture(
        6,
        _items("Małgorzata, Agnieszka, Katarzyna, Zofia, Joanna, Magdalena, Marta, Ewa,"
               " Bożena, Anna, Łucja"),
        _items("Łukasz, Wojciech, Paweł, Michał, Grzegorz, Tomasz, Krzysztof, Bartłomiej,"
               " Jędrzej, Piotr, Mikołaj"),
        _items("Wójcik, Nowak, Kaczmarek, Mazur, Krawczyk, Zając, Król, Wieczorek, Wróbel,"
               " Dudek, Pawlak, Sikora, Łuczak, Kubiak, Gołąb, Żak, Ślęzak,"
               " Kowalski/Kowalska, Wiśniewski/Wiśniewska, Zieliński/Zielińska,"
               " Lewandowski/Lewandowska, Dąbrowski/Dąbrowska"),
        ("Polish",),
    ),
    Culture(
        6,
        _items("Ayşe, Zeynep, Elif, Şule, Özge, Gülşen, Tuğba, Ebru, Nihan, Büşra, Deniz"),
        _items("Mehmet, Emre, Çağlar, Gökhan, Burak, İlker, Barış, Onur, Serkan, Cem, Oğuz"),
        _items("Öztürk, Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Aydın, Özdemir, Arslan,"
               " Doğan, Kılıç, Çetin, Koç, Kurt, Özkan, Şimşek, Güneş"),
        ("Turkish",),
    ),
    Culture(
        4,
        _items("Eleni, Konstantina, Maria, Ioanna, Sofia, Athanasia, Katerina, Despina, Chrysa"),
        _items("Dimitris, Georgios, Nikos, Christos, Panagiotis, Vasilis, Stavros, Thanos"),
        _items("Papadopoulos/Papadopoulou, Georgiou, Nikolaidis/Nikolaidou,"
               " Karagiannis/Karagianni, Oikonomou, Vlachos/Vlachou, Makris/Makri, Dimitriou,"
               " Ioannidis/Ioannidou, Antoniou, Alexiou"),
        ("Greek",),
    ),
    Culture(
        5,
        _items("Åsa, Ingrid, Mette, Signe, Liv, Astrid, Märta, Ragnhild, Sigrún, Kirsten"),
        _items("Søren, Bjørn, Kåre, Pål, Ørjan, Henrik, Torbjørn, Jens, Mikkel, Håkon"),
        _items("Ødegård, Løvås, Sørensen, Åberg, Hansen, Johansson, Lindqvist, Bjørnstad,"
               " Nyström, Håkansson, Kjærgaard, Østergaard, Strøm, Sæther, Ekström, Dahl"),
        ("Danish", "Norwegian", "Swedish"),
    ),
    Culture(
        7,
        _items("María, Inés, Lucía, Sofía, Begoña, Núria, Ana, Pilar, Mónica, Rocío, Elena"),
        _items("José, Íñigo, Álvaro, Ramón, Jesús, Raúl, Andrés, Tomás, Joaquín, Sergio"),
        _items("Muñoz, García, Fernández, López, Martínez, Sánchez, Pérez, Gómez, Jiménez,"
               " Ibáñez, Rodríguez, Castaño, Núñez, Peña, Ortiz, Gutiérrez, Domínguez,"
               " Vázquez, Díaz, Hernández"),
        ("Spanish",),
    ),
    Culture(
        4,
        _items("Inês, Conceição, Mariana, Beatriz, Leonor, Margarida, Joana, Luísa"),
        _items("João, Gonçalo, Sebastião, Luís, Tiago, Rui, Francisco, Simão"),
        _items("Gonçalves, Magalhães, Simões, Araújo, Brandão, Ribeiro, Rodrigues, Carvalho,"
               " Guimarães, Falcão, Leitão, Sequeira, Pereira, Loureiro"),
        ("Portuguese",),
    ),
    Culture(
        4,
        _items("Thị Hương, Thị Lan, Ngọc Ánh, Thu Trang, Minh Thư, Thanh Hà, Phương Linh"),
        _items("Văn Minh, Đức Anh, Quang Huy, Minh Tuấn, Hữu Phước, Tiến Dũng, Quốc Bảo"),
        _items("Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, Ngô,"
               " Dương"),
        ("Vietnamese",),
        family_first=True,
    ),
    Culture(
        7,
        _items("Fāng, Nà, Xiùyīng, Mǐn, Jìng, Lì, Yàn, Xiùlán, Xiá, Yǔxuān, Zǐhán, Sīyǔ"),
        _items("Wěi, Qiáng, Lěi, Jūn, Yáng, Yǒng, Jié, Tāo, Míng, Chāo, Hàoyǔ, Zhìháo"),
        _items("Wáng, Lǐ, Zhāng, Liú, Chén, Yáng, Huáng, Zhào, Wú, Zhōu, Xú, Sūn, Mǎ, Zhū,"
               " Hú, Guō, Hé, Gāo, Lín, Luó"),
        ("Mandarin",),
        family_first=True,
    ),
    Culture(
        4,
        _items("Amélie, Hélène, Maëlle, Cécile, Gaëlle, Océane, Élodie, Anaïs"),
        _items("François, Loïc, Jérôme, Benoît, Théo, Raphaël, Gaël, Stéphane"),
        _items("Lefèvre, Dubois, Moreau, Lambert, Girard, Bonnet, Rousseau, Faure, Mercier,"
               " Chevalier, Lemaître, Fournier, Béranger"),
        ("French",),
    ),
    Culture(
        4,
        _items("Chiara, Giulia, Francesca, Federica, Ilaria, Benedetta"),
        _items("Niccolò, Matteo, Lorenzo, Alessandro, Nicolò, Gianluca"),
        _items("Rossi, Bianchi, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca,"
               " Mancini, Costa, Giordano, Lombardi, Fabbri"),
        ("Italian",),
    ),
    Culture(
        3,
        _items("Tereza, Kateřina, Zuzana, Markéta, Zdeňka, Lucie"),
        _items("Jiří, Lukáš, Tomáš, Ondřej, Radek, Vojtěch"),
        _items("Dvořák/Dvořáková, Novák/Nováková, Černý/Černá, Svoboda/Svobodová,"
               " Procházka/Procházková, Kučera/Kučerová, Veselý/Veselá, Horák/Horáková"),
        ("Czech",),
    ),
    Culture(
        3,
        _items("Zsófia, Réka, Dóra, Eszter, Ildikó, Krisztina"),
        _items("Bálint, Gergő, Ádám, Márton, Levente, Zoltán"),
        _items("Kovács, Szabó, Tóth, Nagy, Horváth, Varga, Kiss, Molnár, Németh, Farkas"),
        ("Hungarian",),
    ),
    Culture(
        5,
        _items("Emma, Charlotte, Rachel, Sarah, Laura, Siobhán, Niamh, Olivia"),
        _items("Oliver, James, Daniel, Thomas, Seán, Ciarán, William, Matthew"),
        _items("Smith, Taylor, Brown, Walsh, O'Brien, Murphy, Evans, Clarke, Ó Súilleabháin,"
               " Harrison, Campbell"),
    ),
    Culture(
        5,
        _items("Priya, Ananya, Kavya, Sneha, Aishwarya, Lakshmi"),
        _items("Aditya, Rohan, Arjun, Vikram, Siddharth, Karthik"),
        _items("Sharma, Patel, Iyer, Reddy, Gupta, Nair, Menon, Rao, Krishnan, Banerjee"),
        ("Hindi", "Tamil", "Bengali"),
    ),
    Culture(
        4,
        _items("Fatima, Samira, Khadija, Nadia, Soumaya, Hanane"),
        _items("Youssef, Mohamed, Karim, Hamza, Bilal, Anouar"),
        _items("El Amrani, Benali, Bouzid, El Idrissi, Haddou, Ait Taleb, Azzouzi, Bakkali"),
        ("Arabic", "Dutch"),
    ),
)

MIDDLE_INITIALS = "ABCDEFGHIJKLMNOPRSTVW"
"""Initials that tell apart two people who would otherwise share a name."""

EMAIL_DOMAINS: tuple[tuple[str, int], ...] = (
    ("ams-institute.org", 60),
    ("tudelft.nl", 18),
    ("wur.nl", 15),
    ("mit.edu", 7),
)
"""Where AMS researchers have their mailboxes, with how often each occurs."""

DEPARTMENTS: tuple[str, ...] = (
    "Circular Economy",
    "Energy Transition",
    "Urban Mobility",
    "Climate Adaptation",
    "Urban Food Systems",
    "Digital Urban Technologies",
    "Urban Water & Infrastructure",
    "Responsible Urban Innovation",
)

PROJECTS: tuple[tuple[str, int], ...] = (
    ("Circular Amsterdam", 0),
    ("Bio-based Building", 0),
    ("Energy Communities", 1),
    ("Zero-Emission Logistics", 2),
    ("Roboat", 2),
    ("Mobility Hubs", 2),
    ("Urban Heat Resilience", 3),
    ("Rainproof Neighbourhoods", 3),
    ("Green Roofs Amsterdam", 3),
    ("Food Waste Valorisation", 4),
    ("Digital Twin Amsterdam", 5),
    ("Urban Pulse", 5),
    ("Smart Water Grids", 6),
    ("Plastic-free Canals", 6),
    ("Marineterrein Living Lab", 7),
)
"""AMS research projects with the index of the department that runs them."""

COORDINATORS: tuple[str, ...] = ("Anouk Verhoeven", "Rachid El Khatib", "Ingrid Søndergaard")

MENTEE_MOTIVATIONS: tuple[str, ...] = (
    "I am in the last year of my PhD and would like advice on the next step.",
    "I want to learn how to combine research with a young family.",
    "Looking for someone outside my project to talk about academia versus industry.",
    "I am applying for a Veni grant next year and would value an experienced reader.",
    "I moved to the Netherlands last year and am still finding my way in Dutch academia.",
    "I struggle to say no to new tasks and would like to set better priorities.",
    "I would like to become more visible in the urban research community.",
    "My contract ends in a year; I want to think about what comes after it.",
    "I teach a large course for the first time and want to keep time for research.",
    "I want to start publishing in journals outside my own field.",
)

MENTOR_MOTIVATIONS: tuple[str, ...] = (
    "Happy to give back what my own mentors gave me.",
    "I supervise PhD candidates in my group and like meeting people from other projects.",
    "I have reviewed for NWO and the ERC and can help with grant writing.",
    "I moved countries twice for my career and know how hard that can be.",
    "Glad to talk about leadership and building a research line.",
    "I combine a part-time chair with consultancy work and can speak about both worlds.",
)

MULTILINE_MOTIVATIONS: tuple[str, ...] = (
    "Two things I would like to discuss:\n- how to plan the final year of my PhD\n"
    "- whether to apply for postdocs abroad",
    "I have little time in June and July.\nAfter the summer I can meet every month.",
    "Career guidance, mainly.\nI am also curious how others handle peer review load.",
)

PERSON_NOTES: tuple[str, ...] = (
    "Prefers meetings on Tuesdays or Thursdays.",
    "On parental leave until the end of the quarter.",
    "Works part-time (Monday to Wednesday).",
    "Based at the Marineterrein lab most days.",
    "Asked to be matched with someone outside the energy theme.",
    "Former mentee; keen to mentor next year.",
)

EVENT_NOTES: dict[str, tuple[str, ...]] = {
    "draft": ("Placed on the board after the matching meeting.",),
    "proposed": (
        "Proposed after the matching meeting.",
        "Strong overlap in topics; mentor works outside the mentee's theme.",
        "Second choice; the first mentor had no places left.",
    ),
    "mentor_agreed": ("Mentor agreed by email.", "Agreed; prefers to meet online."),
    "mentor_declined": (
        "Mentor on sabbatical this semester.",
        "Mentor has no time before the summer.",
        "Mentor knows the mentee's supervisor too well.",
    ),
    "introduced": ("Introduction email sent to the mentee.",),
    "first_contact": ("Mentee sent three questions about the job market.",),
    "mentor_responded": ("Mentor replied and proposed two dates.", "Late reply after a reminder."),
    "meeting_planned": ("Lunch meeting at the Marineterrein.", "Online meeting planned."),
    "met": ("First meeting went well, according to the mentee.",),
    "evaluated": ("Evaluation received: very useful.", "Evaluation received; both want to go on."),
    "continuing": ("They will meet every two months.",),
    "closed": ("Closed after the final meeting.", "Closed at the end of the program year."),
}

CANCEL_REASONS: tuple[str, ...] = (
    "Mentee left AMS for a position in Delft.",
    "Mentee withdrew: too busy finishing the thesis.",
    "Mentor moved to another institute.",
    "No reply from the mentee after two reminders.",
    "Mentor fell ill; the mentee will be matched again.",
    "Mentee asked for a mentor with experience in funding applications.",
)

_FOLD = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ß": "ss", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
})


@cache
def ascii_fold(text: str) -> str:
    """``text`` in lower-case ASCII letters and digits only, for an email's local part.

    >>> ascii_fold("van 't Hof"), ascii_fold("Łukasz"), ascii_fold("Nguyễn")
    ('vanthof', 'lukasz', 'nguyen')
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(c for c in decomposed.lower() if c.isascii() and c.isalnum())


class NameMaker:
    """Names and unique email addresses for new people, drawn from ``rng``."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._cultures = list(accumulate(c.weight for c in CULTURES))
        self._domains = list(accumulate(weight for _, weight in EMAIL_DOMAINS))
        self._names: set[str] = set()
        self._emails: dict[str, int] = {}

    def _pick(self, items: tuple[str, ...] | str) -> str:
        return items[int(self._rng.random() * len(items))]

    def make(self) -> tuple[str, str, Culture]:
        """A new person's name, email address (unique, case-folded) and culture."""
        draw = self._rng.random
        culture = CULTURES[bisect.bisect(self._cultures, draw() * self._cultures[-1])]
        female = draw() < 0.5
        given = self._pick(culture.female if female else culture.male)
        family = self._pick(culture.family).split("/")[-1 if female else 0]
        name = f"{family} {given}" if culture.family_first else f"{given} {family}"
        local = f"{ascii_fold(given)}.{ascii_fold(family)}"
        if name in self._names and not culture.family_first:
            initial = self._pick(MIDDLE_INITIALS)
            name = f"{given} {initial}. {family}"
            local = f"{ascii_fold(given)}.{initial.lower()}.{ascii_fold(family)}"
        self._names.add(name)
        domain = EMAIL_DOMAINS[bisect.bisect(self._domains, draw() * self._domains[-1])][0]
        address = f"{local}@{domain}"
        seen = self._emails.get(address, 0)
        self._emails[address] = seen + 1
        if seen:  # namesakes get a number, as mail servers do
            address = f"{local}{seen + 1}@{domain}"
        return name, address, culture
