"""The admin app's in-memory catalogue: seeded books and authors, queries, and edits."""

from __future__ import annotations

from dataclasses import dataclass, replace

GENRES = ("Fantasy", "History", "Mystery", "Poetry", "Science", "Science fiction")
SORT_KEYS = ("title", "author", "year", "genre")

SEED_AUTHORS = (
    ("Ursula K. Le Guin", "United States"),
    ("Isaac Asimov", "United States"),
    ("Agatha Christie", "United Kingdom"),
    ("Mary Beard", "United Kingdom"),
    ("Carl Sagan", "United States"),
    ("Terry Pratchett", "United Kingdom"),
    ("Octavia E. Butler", "United States"),
    ("Arthur Conan Doyle", "United Kingdom"),
    ("Wisława Szymborska", "Poland"),
    ("Stanisław Lem", "Poland"),
)
# (title, author index into SEED_AUTHORS, year, genre)
SEED_BOOKS = (
    ("A Wizard of Earthsea", 0, 1968, "Fantasy"),
    ("The Left Hand of Darkness", 0, 1969, "Science fiction"),
    ("The Dispossessed", 0, 1974, "Science fiction"),
    ("Foundation", 1, 1951, "Science fiction"),
    ("I, Robot", 1, 1950, "Science fiction"),
    ("The Caves of Steel", 1, 1954, "Science fiction"),
    ("Murder on the Orient Express", 2, 1934, "Mystery"),
    ("And Then There Were None", 2, 1939, "Mystery"),
    ("The Murder of Roger Ackroyd", 2, 1926, "Mystery"),
    ("SPQR", 3, 2015, "History"),
    ("Women & Power", 3, 2017, "History"),
    ("Cosmos", 4, 1980, "Science"),
    ("Pale Blue Dot", 4, 1994, "Science"),
    ("The Demon-Haunted World", 4, 1995, "Science"),
    ("Guards! Guards!", 5, 1989, "Fantasy"),
    ("Small Gods", 5, 1992, "Fantasy"),
    ("Mort", 5, 1987, "Fantasy"),
    ("Kindred", 6, 1979, "Science fiction"),
    ("Parable of the Sower", 6, 1993, "Science fiction"),
    ("Dawn", 6, 1987, "Science fiction"),
    ("A Study in Scarlet", 7, 1887, "Mystery"),
    ("The Hound of the Baskervilles", 7, 1902, "Mystery"),
    ("The Sign of the Four", 7, 1890, "Mystery"),
    ("View with a Grain of Sand", 8, 1995, "Poetry"),
    ("Map: Collected and Last Poems", 8, 2015, "Poetry"),
    ("Solaris", 9, 1961, "Science fiction"),
    ("The Cyberiad", 9, 1965, "Science fiction"),
    ("His Master's Voice", 9, 1968, "Science fiction"),
)


@dataclass(frozen=True)
class Author:
    id: int
    name: str
    country: str


@dataclass(frozen=True)
class Book:
    id: int
    title: str
    author_id: int
    year: int
    genre: str
    in_stock: bool


@dataclass(frozen=True)
class BookQuery:
    text: str = ""
    genre: str = ""
    in_stock_only: bool = False
    sort: str = ""  # "" keeps the default order, newest first
    descending: bool = False


class DuplicateTitleError(ValueError):
    """A second book with the same title (compared case-insensitively) was refused."""


class Catalogue:
    """Books and authors of one app instance; ``reset`` restores the deterministic seed."""

    def __init__(self) -> None:
        self.authors: dict[int, Author] = {}
        self.books: dict[int, Book] = {}
        self.reset()

    def reset(self) -> None:
        self.authors = {i: Author(i, name, country) for i, (name, country) in enumerate(SEED_AUTHORS, start=1)}
        # Every third book is out of stock, so the "In stock" filter always has something to hide.
        self.books = {
            i: Book(i, title, author + 1, year, genre, in_stock=i % 3 != 0)
            for i, (title, author, year, genre) in enumerate(SEED_BOOKS, start=1)
        }

    # -- books --------------------------------------------------------------------
    def author_name(self, book: Book) -> str:
        author = self.authors.get(book.author_id)
        return author.name if author else ""

    def find_books(self, query: BookQuery) -> list[Book]:
        needle = query.text.strip().casefold()
        found = [
            b
            for b in self.books.values()
            if (not needle or needle in b.title.casefold() or needle in self.author_name(b).casefold())
            and (not query.genre or b.genre == query.genre)
            and (not query.in_stock_only or b.in_stock)
        ]
        if query.sort not in SORT_KEYS:
            return sorted(found, key=lambda b: b.id, reverse=True)
        key = {
            "title": lambda b: b.title.casefold(),
            "author": lambda b: self.author_name(b).casefold(),
            "year": lambda b: b.year,
            "genre": lambda b: b.genre,
        }[query.sort]
        # Ties break on title so a sorted page is stable across requests.
        found.sort(key=lambda b: b.title.casefold())
        return sorted(found, key=key, reverse=query.descending)

    def _check_title(self, title: str, exclude: int | None = None) -> None:
        wanted = title.strip().casefold()
        if any(b.title.casefold() == wanted and b.id != exclude for b in self.books.values()):
            raise DuplicateTitleError(title)

    def add_book(self, title: str, author_id: int, year: int, genre: str, in_stock: bool) -> Book:
        self._check_title(title)
        book = Book(max(self.books, default=0) + 1, title, author_id, year, genre, in_stock)
        self.books[book.id] = book
        return book

    def update_book(self, book_id: int, **changes: object) -> Book:
        if "title" in changes:
            self._check_title(str(changes["title"]), exclude=book_id)
        book = replace(self.books[book_id], **changes)  # type: ignore[arg-type]
        self.books[book_id] = book
        return book

    def delete_book(self, book_id: int) -> None:
        del self.books[book_id]

    # -- authors ------------------------------------------------------------------
    def find_authors(self, text: str = "", descending: bool = False) -> list[Author]:
        needle = text.strip().casefold()
        found = [a for a in self.authors.values() if needle in a.name.casefold() or needle in a.country.casefold()]
        return sorted(found, key=lambda a: a.name.casefold(), reverse=descending)

    def books_by(self, author_id: int) -> list[Book]:
        return sorted((b for b in self.books.values() if b.author_id == author_id), key=lambda b: b.year)

    def add_author(self, name: str, country: str) -> Author:
        author = Author(max(self.authors, default=0) + 1, name, country)
        self.authors[author.id] = author
        return author

    def update_author(self, author_id: int, name: str, country: str) -> Author:
        author = Author(author_id, name, country)
        self.authors[author_id] = author
        return author
