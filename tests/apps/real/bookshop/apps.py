from django.apps import AppConfig


class BookshopConfig(AppConfig):  # type: ignore[misc]  # Django ships no type hints
    name = "apps.real.bookshop"
    label = "bookshop"
    verbose_name = "Bookshop"
    default_auto_field = "django.db.models.BigAutoField"
