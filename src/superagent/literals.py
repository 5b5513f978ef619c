"""Values as Python source for generated code: the one place string literals are written.

Page text (accessible names, labels, messages) and user input (URLs, paths) end up inside generated tests and
Medic's edits. Every such value goes through :func:`py_literal`, which is correct for any string: the result is a
one-line, double-quoted literal that ``ast.literal_eval`` turns back into the very same value.

Printable characters stay as they are, non-ASCII letters included, so a test for a French or Japanese app still
reads like the page. Everything else is spelled as an escape: quotes and backslashes, line breaks of every kind
(``\\n``, ``\\r``, U+0085, U+2028, U+2029, vertical tab, form feed, file separators: all of which
``str.splitlines`` breaks on), other control and format characters (NUL, ESC, bidi overrides), non-breaking and
other unusual spaces, and lone surrogates (which cannot even be written to a UTF-8 file).
"""

from __future__ import annotations

# Characters str.splitlines() treats as line ends; all are unprintable, the set makes the promise explicit.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape(char: str, quote: str = '"') -> str:
    if char in _SHORT:
        return _SHORT[char]
    if char == quote:
        return "\\" + quote
    if char.isprintable() and char not in LINE_BREAKS:
        return char
    point = ord(char)
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def escaped_text(value: str, quote: str = '"') -> str:
    """``value`` escaped for the inside of a non-raw string literal delimited by ``quote`` (single or triple)."""
    return "".join(_escape(char, quote) for char in value)


def py_literal(value: str | bool, quote: str = '"') -> str:
    """A value as Python source: a one-line string literal (double-quoted unless ``quote`` says '), or True/False."""
    if isinstance(value, bool):
        return repr(value)
    if quote not in {'"', "'"}:
        raise ValueError(f"a string literal is quoted with ' or \", not {quote!r}")
    return quote + escaped_text(value, quote) + quote


def regex_literal(pattern: str) -> str:
    """A regex as a raw string ``r"..."`` when that spells it exactly, else as :func:`py_literal`."""
    trailing = len(pattern) - len(pattern.rstrip("\\"))
    plain = '"' not in pattern and trailing % 2 == 0 and all(c in '\\"' or _escape(c) == c for c in pattern)
    return f'r"{pattern}"' if plain else py_literal(pattern)
