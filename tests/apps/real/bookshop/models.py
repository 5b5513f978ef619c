"""Authors and their books."""

from __future__ import annotations

from django.db import models

from apps.real.catalog_data import GENRES


class Author(models.Model):  # type: ignore[misc]  # Django ships no type hints
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return str(self.name)


class Book(models.Model):  # type: ignore[misc]
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    year = models.PositiveSmallIntegerField()
    genre = models.CharField(max_length=20, choices=GENRES)
    in_stock = models.BooleanField("in stock", default=True)

    class Meta:
        ordering = ("title",)

    def __str__(self) -> str:
        return str(self.title)
