"""The forms a secret takes on its way into files: what the redaction tests plant and what they grep for."""

from __future__ import annotations

import base64
import html
import json
import re
from urllib.parse import quote, quote_plus, urlencode

from superagent.redaction import base64_cores


def _lower_hex(encoded: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded)


def encodings(secret: str) -> dict[str, str]:
    """Every encoding of ``secret`` a trace, a form post, a JSON log or an HTML page may hold, by name."""
    forms = {
        "raw": secret,
        "json": json.dumps(secret),
        "json-unicode": json.dumps(secret, ensure_ascii=False),
        "json-upper-hex": re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), json.dumps(secret)),
        "json-slash": json.dumps(secret).replace("/", "\\/"),
        "json-in-json": json.dumps(json.dumps({"password": secret})),
        "url": quote(secret, safe=""),
        "url-lower-hex": _lower_hex(quote(secret, safe="")),
        "url-plus": quote_plus(secret),
        "url-plus-lower-hex": _lower_hex(quote_plus(secret)),
        "form-body": urlencode({"user": "alice", "password": secret}),
        "query": "http://127.0.0.1:8000/login?" + urlencode({"password": secret}),
        "url-of-json": quote(json.dumps(secret)),
        "html": html.escape(secret),
        "html-unquoted": html.escape(secret, quote=False),
        "html-of-json": html.escape(json.dumps(secret)),
        "html-decimal": "".join(f"&#{ord(c)};" for c in secret),
        "html-hex": "".join(f"&#x{ord(c):X};" for c in secret),
    }
    for shift in range(3):
        blob = b"p" * shift + secret.encode() + b"-tail"
        forms[f"base64-{shift}"] = base64.b64encode(blob).decode()
        forms[f"base64url-{shift}"] = base64.urlsafe_b64encode(blob).decode()
    forms["basic-auth"] = "Authorization: Basic " + base64.b64encode(f"alice:{secret}".encode()).decode()
    return forms


def needles(secret: str) -> dict[str, bytes]:
    """What must never be found in a file: every whole encoding of ``secret`` (the raw one also as UTF-16, as a
    browser may store it) and its base64 at the three alignments (the characters that depend on it alone)."""
    whole = {name: form for name, form in encodings(secret).items() if not name.startswith(("base64", "basic"))}
    found = {name: form.encode() for name, form in whole.items()}
    found["utf-16"] = secret.encode("utf-16-le")
    for form in (secret, json.dumps(secret)[1:-1], quote(secret, safe=""), quote_plus(secret)):
        for core in base64_cores(form.encode()):
            found[f"base64 of {form[:12]!r}… {core[:6]}…"] = core.encode()
    return found
