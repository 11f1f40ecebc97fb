"""The compiled report as a document model: chapters made of a few kinds of blocks (headings,
paragraphs, lists, term/description pairs, tables, charts with their data table) that every format
renders the same way — HTML and PDF (render.render_html), DOCX (docx.render_docx), XLSX (the
chapters' tables and sheets, render.render_xlsx). A format never reads the data itself, so a new
chapter appears in all four at once.

Chapters are built by the functions in KAPITEL, in order, each from the snapshot (data.Rapportdata)
and returning a Kapitel or None (nothing to show for this scope). Another part of the portal adds a
chapter by registering its builder, e.g. the indicators:

    from uppfoljning.sammanstallning.dokument import registrera
    registrera(indikatorkapitel, fore="diagram")

A builder runs inside the snapshot's transaction (see jobb._run), so what it reads is of the same
instant as the rest of the report. Text in blocks is plain text (escaped by every format)."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class Rubrik:
    """A heading inside a chapter: level 2 (an activity, a målområde), 3 (a period, the evaluation)
    or 4 (an organisation's account, a pilot). The chapter's own heading is level 1."""

    typ: ClassVar[str] = "rubrik"
    niva: int
    text: str
    id: str = ""


@dataclass
class Stycke:
    typ: ClassVar[str] = "stycke"
    text: str
    klass: str = ""  # "notis" (a note), "bedomning" (an assessment), "exempel" (demo content)


@dataclass
class Lista:
    typ: ClassVar[str] = "lista"
    punkter: list[str]


@dataclass
class Definitioner:
    """Terms and their text, e.g. "Vad har gjorts" → the official's account. Empty texts are left out."""

    typ: ClassVar[str] = "definitioner"
    rader: list[tuple[str, str]]

    def __post_init__(self):
        self.rader = [(term, text) for term, text in self.rader if text not in ("", None)]


@dataclass
class Tabell:
    typ: ClassVar[str] = "tabell"
    rubrik: str  # the caption: says what the table holds
    kolumner: list[str]
    rader: list[list[Any]]
    radrubrik: bool = True  # the first cell of each row names the row (th scope=row)
    tal: frozenset[int] = frozenset()  # indexes of numeric columns (right-aligned)
    liggande: bool = False  # wide: a landscape page of its own in PDF and DOCX

    def celler(self) -> list[list[tuple[Any, bool]]]:
        """Each row as (value, numeric) pairs, for the formats that align numbers right."""
        return [[(v, i in self.tal) for i, v in enumerate(rad)] for rad in self.rader]


@dataclass
class Diagram:
    """A chart (SVG, with role=img, title and description) and the data table it draws."""

    typ: ClassVar[str] = "diagram"
    svg: str
    titel: str
    beskrivning: str
    tabell: Tabell


Block = Rubrik | Stycke | Lista | Definitioner | Tabell | Diagram


@dataclass
class Blad:
    """A sheet of the XLSX file: every row, also where the readable documents abbreviate."""

    titel: str
    kolumner: list[str]
    rader: Sequence[Sequence[Any]]
    bredder: list[int] | None = None


@dataclass
class Kapitel:
    id: str
    rubrik: str
    block: list[Block] = field(default_factory=list)
    blad: list[Blad] = field(default_factory=list)


@dataclass
class Dokument:
    titel: str
    inledning: list[str]  # the title page's paragraphs
    kapitel: list[Kapitel]
    underlag: str  # the running footer: when the data was read


Kapitelbyggare = Callable[[Any], "Kapitel | None"]

# (name, builder) in the order of the document. Filled by kapitel.py; others register theirs.
KAPITEL: list[tuple[str, Kapitelbyggare]] = []


def registrera(byggare: Kapitelbyggare, *, namn: str | None = None, fore: str | None = None) -> None:
    """Add a chapter builder (last, or before the chapter named `fore`). Registering the same
    name again replaces it, so importing a module twice adds nothing twice."""
    namn = namn or byggare.__name__
    KAPITEL[:] = [(n, b) for n, b in KAPITEL if n != namn]
    index = next((i for i, (n, _b) in enumerate(KAPITEL) if n == fore), len(KAPITEL))
    KAPITEL.insert(index, (namn, byggare))


def bygg_kapitel(data) -> list[Kapitel]:
    return [kapitel for _namn, byggare in KAPITEL if (kapitel := byggare(data)) is not None]
