"""Which paths of an app are critical (authentication, payment, checkout): they get the critical budget, a
vision check of their final screenshot, and a higher place in the review queue."""

from __future__ import annotations

import re

# Whole words only, with "_", "-", "/" and "." as separators: test_login.py yes, test_author_page.py no.
_CRITICAL = re.compile(
    r"(?<![a-z])(log_?in|sign_?in|auth|authentication|log_?out|register|registration|sign_?up|checkout|"
    r"payments?|pay|cart|basket|orders?)(?![a-z])",
    re.I,
)


def is_critical(test_file: str, flow: str | None = None) -> bool:
    """Authentication, payment and checkout paths count as critical."""
    return bool(_CRITICAL.search(f"{flow or ''} {test_file}"))
