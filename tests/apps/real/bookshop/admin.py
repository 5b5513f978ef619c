"""The admin pages for authors and books, with the list features a real catalogue would use."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from apps.real.bookshop.models import Author, Book


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):  # type: ignore[misc]  # Django ships no type hints
    list_display = ("name", "book_count")
    search_fields = ("name",)
    ordering = ("name",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Author]:
        return super().get_queryset(request).annotate(number_of_books=Count("books"))

    @admin.display(description="books", ordering="number_of_books")  # type: ignore[untyped-decorator]
    def book_count(self, author: Author) -> int:
        return int(author.number_of_books)


@admin.register(Book)
class BookAdmin(admin.ModelAdmin):  # type: ignore[misc]
    list_display = ("title", "author", "year", "genre", "in_stock")
    list_filter = ("genre", "in_stock", "author")
    search_fields = ("title", "author__name")
    ordering = ("title",)
    list_per_page = 25
