"""What to type into a form field, decided from what the field says it is (label, name, type, placeholder)."""

from __future__ import annotations

import contextlib
import math
import re
import secrets
import uuid
from dataclasses import dataclass

from superagent.browser.snapshot import Element
from superagent.healing.locators import py_literal


@dataclass(frozen=True)
class FieldValue:
    """The value used while exploring and the code the test uses for it (a literal or an expression)."""

    value: str
    code: str


def _literal(value: str) -> FieldValue:
    return FieldValue(value, py_literal(value))


def describe(el: Element) -> str:
    fp = el.fingerprint
    parts = [fp.label, fp.accessible_name, fp.name, fp.id, fp.placeholder, fp.input_type]
    return " ".join(p for p in parts if p).lower()


def is_password(el: Element) -> bool:
    return el.fingerprint.input_type == "password"


def is_confirmation(el: Element) -> bool:
    return bool(re.search(r"confirm|repeat|again|retype|verify|password2", describe(el)))


def is_text_entry(el: Element) -> bool:
    fp = el.fingerprint
    if fp.tag == "textarea":
        return True
    return fp.tag == "input" and (fp.input_type or "text") in (
        "text", "email", "tel", "url", "number", "search", "date", "password",
    )  # fmt: skip


def is_search(el: Element) -> bool:
    fp = el.fingerprint
    if fp.tag != "input":
        return False
    if fp.input_type == "search" or fp.role == "searchbox":
        return True
    return bool(re.search(r"\b(search|filter|find|query)\b|^q$", describe(el))) or fp.name in ("q", "s", "query")


@dataclass
class Generated:
    """Values made up for one test; the test makes its own at run time with the same expressions."""

    username: FieldValue
    password: FieldValue

    @classmethod
    def fresh(cls) -> Generated:
        suffix = uuid.uuid4().hex[:8]
        return cls(
            username=FieldValue(f"user-{suffix}", "username"),
            password=FieldValue(secrets.token_urlsafe(12), "password"),
        )

    @staticmethod
    def definitions() -> dict[str, str]:
        return {"username": 'f"user-{uuid.uuid4().hex[:8]}"', "password": "secrets.token_urlsafe(12)"}


_RULES: list[tuple[str, str]] = [
    (r"e-?mail", "{email}"),
    (r"full name|your name|^name\b|\bname$|recipient", "Alex Morgan"),
    (r"first name|given", "Alex"),
    (r"last name|surname|family", "Morgan"),
    (r"address|street", "12 Market Street"),
    (r"city|town", "Springfield"),
    (r"postal|postcode|zip", "12345"),
    (r"country", "United States"),
    (r"phone|tel|mobile", "555-0100"),
    (r"card.?number|\bcard\b", "4242 4242 4242 4242"),
    (r"expir|mm/yy", "12/30"),
    (r"cvc|cvv|security code", "123"),
    (r"title|subject|headline|item name|product name", "Weekend hiking boots"),
    (r"desc|body|content|details|notes?|message|comment", "Waterproof boots for long weekend walks."),
    (r"price|amount|cost", "49.99"),
    (r"quantity|qty|count", "2"),
    (r"date|day", "2030-01-15"),
    (r"url|website|link", "https://example.com/boots"),
    (r"tag", "outdoor"),
]


def value_for(el: Element, generated: Generated | None = None) -> FieldValue | None:
    """A plausible value for a form field, or None when the field should be left alone."""
    fp = el.fingerprint
    text = describe(el)
    if is_password(el):
        return generated.password if generated else None
    if generated and re.search(r"user ?name|login|handle|nick", text):
        return generated.username
    if fp.input_type == "number":
        return _literal(number_for(el, text))
    if fp.input_type == "date":
        return _literal("2030-01-15")
    for pattern, value in _RULES:
        if re.search(pattern, text):
            if value == "{email}":
                if generated:
                    return FieldValue(f"{generated.username.value}@example.com", 'f"{username}@example.com"')
                return _literal("alex.morgan@example.com")
            return _literal(value)
    if fp.tag == "textarea":
        return _literal("Created by an end-to-end test.")
    if el.required or fp.tag in ("input",):
        return _literal("Sample text")
    return None


def number_for(el: Element, text: str) -> str:
    """A whole number (without step="any" a number field refuses 49.99) inside the field's min and max, since the
    browser will not submit a form whose number is out of range."""
    wanted = 49 if re.search(r"price|amount|cost", text) else 2001 if re.search(r"year", text) else 2
    low, high = el.bounds or (None, None)
    with contextlib.suppress(ValueError):
        if low and wanted < float(low):
            wanted = math.ceil(float(low))
        if high and wanted > float(high):
            wanted = math.floor(float(high))
    return str(wanted)


def option_for(el: Element) -> str | None:
    """The first real option of a select (skipping "Choose..." placeholders), by its visible label."""
    for value, label in el.options or []:
        if value and not re.match(r"(choose|select|pick|--)", label.strip().lower()):
            return label or value
    return None


def should_check(el: Element) -> bool:
    """Required checkboxes (the form will not submit without them) and agreements to terms."""
    if el.required and el.fingerprint.input_type == "checkbox":
        return True
    return bool(re.search(r"agree|accept|terms|consent|confirm|acknowledge", describe(el) + " " + (el.fp.text or "")))
