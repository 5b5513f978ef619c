"""The book catalogue both real apps serve: the same authors and books, always in the same order."""

from __future__ import annotations

GENRES = (
    ("fiction", "Fiction"),
    ("mystery", "Mystery"),
    ("science", "Science"),
    ("history", "History"),
    ("poetry", "Poetry"),
)

AUTHORS = (
    "Jane Austen",
    "Arthur Conan Doyle",
    "Charles Darwin",
    "Edward Gibbon",
    "Emily Dickinson",
    "Mary Shelley",
    "Wilkie Collins",
    "Herodotus",
)

# (title, author, year, genre, in stock)
BOOKS = (
    ("Pride and Prejudice", "Jane Austen", 1813, "fiction", True),
    ("Emma", "Jane Austen", 1815, "fiction", True),
    ("Persuasion", "Jane Austen", 1817, "fiction", False),
    ("Sense and Sensibility", "Jane Austen", 1811, "fiction", True),
    ("Northanger Abbey", "Jane Austen", 1817, "fiction", True),
    ("Mansfield Park", "Jane Austen", 1814, "fiction", False),
    ("A Study in Scarlet", "Arthur Conan Doyle", 1887, "mystery", True),
    ("The Sign of the Four", "Arthur Conan Doyle", 1890, "mystery", True),
    ("The Hound of the Baskervilles", "Arthur Conan Doyle", 1902, "mystery", True),
    ("The Valley of Fear", "Arthur Conan Doyle", 1915, "mystery", False),
    ("The Lost World", "Arthur Conan Doyle", 1912, "fiction", True),
    ("On the Origin of Species", "Charles Darwin", 1859, "science", True),
    ("The Descent of Man", "Charles Darwin", 1871, "science", False),
    ("The Voyage of the Beagle", "Charles Darwin", 1839, "science", True),
    ("The Expression of the Emotions", "Charles Darwin", 1872, "science", True),
    ("The Formation of Vegetable Mould", "Charles Darwin", 1881, "science", False),
    ("The Decline and Fall, Volume I", "Edward Gibbon", 1776, "history", True),
    ("The Decline and Fall, Volume II", "Edward Gibbon", 1781, "history", True),
    ("The Decline and Fall, Volume III", "Edward Gibbon", 1781, "history", False),
    ("Memoirs of My Life", "Edward Gibbon", 1796, "history", True),
    ("Poems", "Emily Dickinson", 1890, "poetry", True),
    ("Poems: Second Series", "Emily Dickinson", 1891, "poetry", True),
    ("Poems: Third Series", "Emily Dickinson", 1896, "poetry", False),
    ("Letters", "Emily Dickinson", 1894, "poetry", True),
    ("Frankenstein", "Mary Shelley", 1818, "fiction", True),
    ("The Last Man", "Mary Shelley", 1826, "fiction", False),
    ("Mathilda", "Mary Shelley", 1959, "fiction", True),
    ("Valperga", "Mary Shelley", 1823, "history", True),
    ("The Woman in White", "Wilkie Collins", 1859, "mystery", True),
    ("The Moonstone", "Wilkie Collins", 1868, "mystery", True),
    ("Armadale", "Wilkie Collins", 1866, "mystery", False),
    ("No Name", "Wilkie Collins", 1862, "fiction", True),
    ("The Histories, Books I-IV", "Herodotus", 1858, "history", True),
    ("The Histories, Books V-IX", "Herodotus", 1858, "history", True),
)
