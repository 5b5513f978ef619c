"""Look and wording of each release of the shop.

Markup is shared by both releases; what differs (element ids, ``data-testid`` values, generated
class names, a few labels and the layout of some forms) is looked up here by the templates.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from dataclasses import dataclass
from typing import Literal

Variant = Literal["v1", "v2"]
VARIANTS: tuple[Variant, ...] = ("v1", "v2")

_B36 = string.digits + string.ascii_lowercase

# Stable element ids and data-testid values: (v1, v2).
_NAMES: dict[str, tuple[str, str]] = {
    "login_form": ("login-form", "signin-form"),
    "login_submit": ("login-submit", "signin-button"),
    "login_username": ("login-username", "signin-identifier"),
    "register_form": ("register-form", "signup-form"),
    "register_submit": ("register-submit", "signup-button"),
    "search_form": ("search-form", "product-search-form"),
    "search_input": ("search-input", "product-search"),
    "search_submit": ("search-submit", "search-go"),
    "add_to_cart": ("add-to-cart-{}", "cart-add-{}"),
    "cart_count": ("cart-count", "cart-badge"),
    "item_form": ("item-form", "new-item-form"),
    "item_submit": ("create-item-submit", "item-save"),
    "checkout": ("checkout-button", "cart-checkout"),
    "checkout_form": ("checkout-form", "shipping-form"),
    "place_order": ("place-order", "order-submit"),
    "logout": ("logout-button", "signout-button"),
    "featured": ("featured", "featured-products"),
    "order_number": ("order-number", "confirmation-number"),
}

# Wording that changed between releases: (v1, v2).
_TEXTS: dict[str, tuple[str, str]] = {
    "login_username_label": ("Username", "User name"),
    "item_created": ("Item created", "Item saved"),
}

# Component styles; class names are hashed from the component name and the release, as a
# CSS-in-JS build would do.
STYLES: dict[str, str] = {
    "header": "display:flex;align-items:center;gap:1.5rem;padding:.75rem 1.5rem;background:#1f2937;color:#fff",
    "brand": "font-weight:700;font-size:1.2rem;color:#fff;text-decoration:none",
    "navlist": "display:flex;flex-wrap:wrap;gap:1rem;list-style:none;margin:0;padding:0;align-items:center",
    "navlink": "color:#e5e7eb;text-decoration:none;background:none;border:0;font:inherit;cursor:pointer;padding:0",
    "main": "max-width:60rem;margin:0 auto;padding:1.5rem",
    "footer": "max-width:60rem;margin:2rem auto;padding:1rem 1.5rem;border-top:1px solid #e5e7eb;color:#6b7280",
    "grid": "display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:1rem;padding:0",
    "card": "border:1px solid #e5e7eb;border-radius:.5rem;padding:1rem;list-style:none;background:#fff",
    "price": "font-weight:600;color:#047857",
    "muted": "color:#6b7280",
    "button": "background:#2563eb;color:#fff;border:0;border-radius:.375rem;padding:.5rem 1rem;"
    "cursor:pointer;font:inherit",
    "ghost": "background:none;border:1px solid #9ca3af;border-radius:.375rem;padding:.4rem .9rem;font:inherit",
    "field": "display:flex;flex-direction:column;gap:.25rem;margin-bottom:1rem;max-width:26rem",
    "input": "padding:.45rem .6rem;border:1px solid #9ca3af;border-radius:.375rem;font:inherit",
    "check": "display:flex;gap:.5rem;align-items:center;margin-bottom:1rem",
    "alert": "border:1px solid #dc2626;background:#fef2f2;color:#991b1b;padding:.75rem 1rem;border-radius:.375rem",
    "notice": "border:1px solid #059669;background:#ecfdf5;color:#065f46;padding:.75rem 1rem;border-radius:.375rem",
    "toasts": "position:fixed;top:4.5rem;right:1rem;display:flex;flex-direction:column;gap:.5rem;z-index:20",
    "toast": "background:#111827;color:#fff;padding:.75rem 1rem;border-radius:.375rem;transition:opacity .4s",
    "banner": "position:fixed;left:0;right:0;bottom:0;display:flex;gap:1rem;align-items:center;"
    "justify-content:center;padding:.75rem 1rem;background:#f3f4f6;border-top:1px solid #d1d5db;z-index:10",
    "table": "border-collapse:collapse;width:100%;margin-bottom:1rem",
    "toolbar": "display:flex;gap:.75rem;align-items:center;margin:1rem 0",
    "fieldset": "border:1px solid #e5e7eb;border-radius:.5rem;padding:1rem;margin:0 0 1rem",
}


def _base36(data: bytes, length: int) -> str:
    n = int.from_bytes(data, "big")
    out = []
    for _ in range(length):
        n, r = divmod(n, 36)
        out.append(_B36[r])
    return "".join(out)


@dataclass(frozen=True)
class UI:
    variant: Variant

    @property
    def v2(self) -> bool:
        return self.variant == "v2"

    def _pick(self, pair: tuple[str, str]) -> str:
        return pair[1] if self.v2 else pair[0]

    def name(self, key: str, *args: str) -> str:
        """The element id or data-testid this release uses for ``key``."""
        return self._pick(_NAMES[key]).format(*args)

    def text(self, key: str) -> str:
        return self._pick(_TEXTS[key])

    def cls(self, component: str) -> str:
        digest = hashlib.sha1(f"{self.variant}:{component}".encode()).digest()
        return "css-" + _base36(digest, 6)

    def card_id(self, slug: str) -> str:
        return "p-" + hashlib.sha1(f"{self.variant}/{slug}".encode()).hexdigest()[:8]

    def stylesheet(self) -> str:
        return "\n".join(f".{self.cls(name)}{{{rules}}}" for name, rules in STYLES.items())


def field_id() -> str:
    """A fresh id for a form control, different on every render."""
    return "f-" + "".join(secrets.choice(_B36) for _ in range(4))
