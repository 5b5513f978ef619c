"""In-memory data of one demo shop: users, sessions, catalogue, items, carts and orders."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string
import threading
from dataclasses import dataclass, field

_ALPHABET = string.ascii_uppercase + string.digits
MAX_SESSIONS = 10_000


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    category: str
    price_cents: int
    blurb: str
    featured: bool = False


PRODUCTS: tuple[Product, ...] = (
    Product("desk-lamp", "Desk Lamp", "Office", 2400, "Warm LED light with a flexible arm.", featured=True),
    Product("ergonomic-chair", "Ergonomic Chair", "Office", 18900, "Adjustable lumbar support and armrests."),
    Product("notebook-set", "Notebook Set", "Office", 1250, "Three dotted A5 notebooks."),
    Product("coffee-grinder", "Coffee Grinder", "Kitchen", 3990, "Burr grinder with 18 settings.", featured=True),
    Product("chefs-knife", "Chef's Knife", "Kitchen", 5400, "20 cm stainless steel blade."),
    Product("ceramic-mug", "Ceramic Mug", "Kitchen", 950, "Holds 350 ml, dishwasher safe."),
    Product("water-bottle", "Water Bottle", "Outdoor", 1800, "Insulated, keeps drinks cold for 24 h."),
    Product("camping-lantern", "Camping Lantern", "Outdoor", 2999, "Rechargeable, three brightness levels."),
    Product("wool-blanket", "Wool Blanket", "Home", 4500, "Soft merino wool, 130 × 170 cm.", featured=True),
    Product("plant-pot", "Plant Pot", "Home", 1500, "Glazed terracotta with a drainage hole."),
)

ITEM_CATEGORIES: tuple[tuple[str, str], ...] = (
    ("general", "General"),
    ("books", "Books"),
    ("electronics", "Electronics"),
    ("home-garden", "Home & garden"),
)


def money(cents: int) -> str:
    return f"${cents // 100:,}.{cents % 100:02d}"


def _hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)


@dataclass
class User:
    username: str
    email: str
    salt: bytes
    password_hash: bytes
    logins: int = 0

    def check(self, password: str) -> bool:
        return hmac.compare_digest(self.password_hash, _hash_password(password, self.salt))


@dataclass
class Session:
    sid: str
    csrf: str
    user: str | None = None
    cart: dict[str, int] = field(default_factory=dict)
    flashes: list[tuple[str, str]] = field(default_factory=list)
    orders: list[str] = field(default_factory=list)

    def flash(self, text: str, kind: str = "toast") -> None:
        self.flashes.append((kind, text))

    def take_flashes(self) -> list[tuple[str, str]]:
        taken, self.flashes = self.flashes, []
        return taken

    @property
    def cart_count(self) -> int:
        return sum(self.cart.values())


@dataclass
class Item:
    id: str
    owner: str
    title: str
    description: str
    category: str
    price_cents: int | None


@dataclass(frozen=True)
class OrderLine:
    name: str
    quantity: int
    price_cents: int


@dataclass
class Order:
    number: str
    full_name: str
    address: str
    city: str
    postal_code: str
    lines: list[OrderLine]
    sid: str
    user: str | None

    @property
    def total_cents(self) -> int:
        return sum(line.quantity * line.price_cents for line in self.lines)


class Store:
    """Everything one app instance remembers; safe to share between request threads."""

    def __init__(self, username: str, password: str) -> None:
        self.lock = threading.Lock()
        self.users: dict[str, User] = {}
        self.sessions: dict[str, Session] = {}
        self.items: dict[str, Item] = {}
        self.orders: dict[str, Order] = {}
        self.products = {p.slug: p for p in PRODUCTS}
        self.add_user(username, f"{username}@example.com", password)

    def add_user(self, username: str, email: str, password: str) -> User:
        salt = secrets.token_bytes(16)
        user = User(username, email, salt, _hash_password(password, salt))
        with self.lock:
            self.users[username.lower()] = user
        return user

    def find_user(self, username: str) -> User | None:
        return self.users.get(username.strip().lower())

    def email_taken(self, email: str) -> bool:
        return any(u.email.lower() == email.strip().lower() for u in self.users.values())

    def authenticate(self, username: str, password: str) -> User | None:
        user = self.find_user(username)
        if user is None or not user.check(password):
            return None
        return user

    def new_session(self) -> Session:
        session = Session(sid=secrets.token_urlsafe(24), csrf=secrets.token_urlsafe(24))
        with self.lock:
            while len(self.sessions) >= MAX_SESSIONS:
                del self.sessions[next(iter(self.sessions))]
            self.sessions[session.sid] = session
        return session

    def drop_session(self, sid: str) -> None:
        with self.lock:
            self.sessions.pop(sid, None)

    def search(self, query: str) -> list[Product]:
        words = query.lower().split()
        return [p for p in PRODUCTS if all(w in p.name.lower() or w == p.category.lower() for w in words)]

    def cart_lines(self, session: Session) -> list[tuple[Product, int]]:
        return [(self.products[slug], qty) for slug, qty in session.cart.items() if slug in self.products]

    def create_item(self, owner: str, title: str, description: str, category: str, price_cents: int | None) -> Item:
        item = Item(secrets.token_hex(5), owner, title, description, category, price_cents)
        with self.lock:
            self.items[item.id] = item
        return item

    def place_order(self, session: Session, full_name: str, address: str, city: str, postal: str) -> Order:
        lines = [OrderLine(p.name, qty, p.price_cents) for p, qty in self.cart_lines(session)]
        number = "SA-" + "".join(secrets.choice(_ALPHABET) for _ in range(6))
        order = Order(number, full_name, address, city, postal, lines, session.sid, session.user)
        with self.lock:
            self.orders[number] = order
            session.orders.append(number)
            session.cart.clear()
        return order

    def user_items(self, username: str) -> list[Item]:
        return [i for i in self.items.values() if i.owner == username]

    def user_orders(self, session: Session) -> list[Order]:
        return [
            o
            for o in self.orders.values()
            if (session.user is not None and o.user == session.user) or o.number in session.orders
        ]
