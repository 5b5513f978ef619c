"""A small Django app (authors and books) registered in Django's admin; ``serve`` runs it in a child process."""
