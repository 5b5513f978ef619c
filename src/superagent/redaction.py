"""Take secret values out of anything SuperAgent writes: results, traces, logs, reports, review items.

A secret rarely stays raw on its way to a file. A trace stores a typed password JSON-escaped (``a\\"b``), a form
post stores it URL-encoded (``a%22b`` or ``a+b``), an HTML report escapes it (``a&quot;b``), a header or a data
URL carries it in base64, often inside a longer blob (``Basic base64(user:password)``). :class:`Redactor` knows
every one of these forms and replaces each with :data:`MARKER`:

* raw, and JSON-escaped (``\\"``, ``\\\\``, ``\\/``, ``\\uXXXX`` in either case, and escaped twice, for JSON
  inside a JSON string);
* URL-encoded, one character at a time, so ``%20`` and ``+``, upper and lower hex and every encoder's choice of
  which characters to leave alone all match;
* HTML-escaped (``&quot;``, ``&#34;``, ``&#x22;``, ...), also over the JSON-escaped form;
* base64 and URL-safe base64 at all three alignments, so the secret is found inside a longer blob: only the
  characters that depend on the secret alone are matched (a few bits next to it stay, none of them enough to
  rebuild it).

Secrets of fewer characters than a base64 core needs are still redacted in every other form.
"""

from __future__ import annotations

import base64
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, quote_plus

from pydantic import BaseModel

MARKER = "***"
# A base64 core shorter than this would match by chance inside large blobs (screenshots in a trace).
MIN_BASE64_CORE = 6
_HTML_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}
_JSON_SHORT = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
Model = TypeVar("Model", bound=BaseModel)
Data = TypeVar("Data")


def _hex(number: int, width: int) -> str:
    """A regex for ``number`` in hex, either case."""
    digits = f"{number:0{width}x}"
    return "".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in digits)


def _json_forms(char: str) -> set[str]:
    """``char`` as JSON writers write it inside a string (literals, not regexes)."""
    forms = {char}
    if char in _JSON_SHORT:
        forms.add(_JSON_SHORT[char])
    units = char.encode("utf-16-be")
    escape = "".join(f"\\u{int.from_bytes(units[i : i + 2], 'big'):04x}" for i in range(0, len(units), 2))
    forms.update({escape, escape.upper().replace("\\U", "\\u")})
    return forms


def _url_regex(text: str) -> str:
    """A regex for ``text`` URL-encoded by any encoder: each character raw or as %XX of its UTF-8 bytes."""
    parts = []
    for char in text:
        encoded = "".join("%" + _hex(byte, 2) for byte in char.encode())
        options = [encoded, re.escape(char)] + (["\\+"] if char == " " else [])
        parts.append("(?:" + "|".join(options) + ")")
    return "".join(parts)


def _html_regexes(text: str) -> list[str]:
    """Regexes for ``text`` with its (one) character HTML-escaped; ``text`` is one character's written form."""
    if len(text) != 1:
        out = []  # a JSON escape: only its backslash-quote tail can be HTML-escaped (\&quot;)
        if text.endswith('"'):
            out.append(re.escape(text[:-1]) + "(?:&quot;|&#0*34;|&#[xX]0*22;)")
        return out
    code = ord(text)
    options = [f"&#0*{code};", f"&#[xX]0*{_hex(code, 1)};"]
    if text in _HTML_NAMED:
        options.append(re.escape(_HTML_NAMED[text]))
    if text == "'":
        options.append("&#0*39;")
    return options


def _char_regex(char: str) -> str:
    """Every way ``char`` is written once a secret goes through JSON (once or twice), URL and HTML encoders."""
    options: set[str] = set()
    for single in _json_forms(char):
        options.update({re.escape(single), re.escape(json.dumps(single)[1:-1])})
        options.update(_html_regexes(single))
        options.add(_url_regex(single))
    return "(?:" + "|".join(sorted(options, key=len, reverse=True)) + ")"


def base64_cores(data: bytes) -> set[str]:
    """The base64 characters that depend on ``data`` alone, at each of the three alignments it can have inside
    a longer blob, in the standard and the URL-safe alphabet."""
    cores = set()
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + data + b"\0\0\0").decode()
        first = -(-(8 * shift) // 6)  # the first character whose 6 bits all lie within ``data``
        last = (8 * (shift + len(data))) // 6  # one past the last such character
        core = encoded[first:last]
        if len(core) >= MIN_BASE64_CORE:
            cores.update({core, core.replace("+", "-").replace("/", "_")})
    return cores


def _literal_forms(secret: str) -> set[str]:
    """Whole-string encodings of ``secret`` whose base64 is worth recognising too."""
    return {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
    }


def _pattern(secret: str) -> str:
    per_char = "".join(_char_regex(char) for char in secret)
    cores = {core for form in _literal_forms(secret) for core in base64_cores(form.encode())}
    return "|".join([per_char, *(re.escape(core) for core in sorted(cores, key=len, reverse=True))])


class Redactor:
    """Replaces every known form of the given secrets with :data:`MARKER`; one with no secrets changes nothing."""

    def __init__(self, secrets: Iterable[str]) -> None:
        self.secrets = frozenset(s for s in secrets if s)
        ordered = sorted(self.secrets, key=len, reverse=True)  # a secret containing another one goes first
        source = "|".join(f"(?:{_pattern(s)})" for s in ordered)
        self._text = re.compile(source) if ordered else None
        self._bytes = re.compile(source.encode()) if ordered else None

    def __bool__(self) -> bool:
        return bool(self.secrets)

    def text(self, text: str) -> str:
        return text if self._text is None else self._text.sub(MARKER, text)

    def bytes(self, data: bytes) -> bytes:
        return data if self._bytes is None else self._bytes.sub(MARKER.encode(), data)

    def data(self, value: Data) -> Data:
        """``value`` with every string in it (keys included) redacted; dicts, lists and tuples are rebuilt."""
        return self._walk(value)  # type: ignore[no-any-return]

    def _walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self._walk(k): self._walk(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self._walk(v) for v in value)
        return value

    def model(self, model: Model) -> Model:
        """A copy of a pydantic model with every string field redacted, nested models included."""
        if not self:
            return model
        return type(model).model_validate(self.data(model.model_dump(mode="json")))

    def file(self, path: Path) -> bool:
        """Redact a file in place (a zip archive member by member); True when something was taken out."""
        if zipfile.is_zipfile(path):
            return self.zip(path)
        data = path.read_bytes()
        clean = self.bytes(data)
        if clean != data:
            path.write_bytes(clean)
        return clean != data

    def zip(self, path: Path) -> bool:
        """Rewrite an archive (a Playwright trace) with every member redacted: the action log, the network log,
        the resources (request and response bodies) and the snapshots."""
        if not self:
            return False
        with zipfile.ZipFile(path) as archive:
            entries = [(info, archive.read(info.filename)) for info in archive.infolist()]
        cleaned = [(info, self.bytes(data)) for info, data in entries]
        if all(a[1] == b[1] for a, b in zip(entries, cleaned, strict=True)):
            return False
        temporary = path.with_name(path.name + ".redacting")
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in cleaned:
                archive.writestr(info, data)
        temporary.replace(path)
        return True
