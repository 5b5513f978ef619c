"""Names the way another developer or a build tool would write them: synonyms, case styles, generated codes."""

from __future__ import annotations

import random
import re
import string

_SYNONYMS = {
    "login": "signin", "log": "sign", "signup": "register", "submit": "btn", "button": "btn", "username": "user-name",
    "password": "pwd", "email": "mail", "user": "member", "users": "members", "add": "put", "cart": "basket",
    "delete": "remove", "edit": "modify", "search": "find", "settings": "prefs", "account": "profile",
    "save": "persist", "first": "given", "last": "family", "filters": "facets", "apply": "run", "remember": "persist",
    "sso": "oauth", "tab": "tabs", "display": "public", "name": "label", "more": "extra", "load": "fetch",
    "confirm": "repeat", "new": "fresh", "phone": "mobile", "price": "cost", "stock": "inventory",
}  # fmt: skip
_KIND_SUFFIX = {"a": "link", "button": "btn", "input": "input", "select": "select", "textarea": "text"}


def code(rng: random.Random, size: int = 6) -> str:
    """A random-looking name part with at least one digit and one letter, as build tools generate."""
    while True:
        code = "".join(rng.choice(string.ascii_lowercase + string.digits) for _ in range(size))
        if re.search(r"\d", code) and re.search(r"[a-z]", code):
            return code


def name_words(name: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w]


def restyle(name: str, kind: str, rng: random.Random) -> str:
    """The same name as another developer would write it: synonyms, another case style, maybe a kind suffix."""
    words = name_words(name)
    swapped = [part for w in words for part in _SYNONYMS.get(w, w).split("-")]
    if swapped == words or rng.random() < 0.3:
        swapped.append(_KIND_SUFFIX.get(kind, "el"))
    style = rng.choice(["camel", "snake", "kebab"])
    if style == "camel":
        return swapped[0] + "".join(w.capitalize() for w in swapped[1:])
    return ("_" if style == "snake" else "-").join(swapped)


def new_id(old: str, kind: str, rng: random.Random) -> str:
    style = rng.choice(["generated", "react", "restyled", "restyled"])
    if style == "generated":
        return f"{rng.choice(['f', 'el', 'input', 'c', 'mui'])}-{code(rng)}"
    if style == "react":
        return f":r{code(rng, 2)}:"
    return restyle(old, kind, rng)
