"""Flow planners: how Scribe finds and performs each kind of flow on a page it has never seen.

Every planner works from what the page offers (names, labels, field types), follows links that lead towards the
goal, performs the flow, and returns the observation before and after the flow's decisive action.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from superagent.agents.writer_explore import Explorer
from superagent.agents.writer_fields import (
    Generated,
    is_confirmation,
    is_password,
    is_search,
    is_text_entry,
    option_for,
    should_check,
    value_for,
)
from superagent.browser.snapshot import Element, Observation
from superagent.healing.locators import py_literal
from superagent.models import FlowKind
from superagent.testkit.credentials import Credentials

LOGIN_WORDS = ("log in", "login", "sign in", "signin", "log on")
LOGOUT_WORDS = ("log out", "logout", "sign out", "signout", "log off")
REGISTER_WORDS = ("register", "sign up", "signup", "create account", "create an account", "join")
CREATE_WORDS = ("new item", "add item", "create item", "add note", "new note", "new", "add", "create", "post")
CART_WORDS = ("add to cart", "add to basket", "add to bag", "buy now")
CART_LINK_WORDS = ("cart", "basket", "bag")
CHECKOUT_WORDS = ("checkout", "check out", "proceed to checkout", "proceed")
ORDER_WORDS = ("place order", "confirm order", "pay", "complete order", "buy", "confirm", "submit")
SHOP_WORDS = ("products", "shop", "catalog", "catalogue", "store", "browse", "search")
COOKIE_BANNER_WAIT_MS = 1200
SUBMIT_WORDS = ("save", "create", "add", "submit", "publish", "post", "done")


class FlowUnavailable(Exception):
    """The page offers no way to do the flow; the message says what was looked for and what was seen."""


@dataclass
class Outcome:
    before: Observation
    after: Observation
    dynamic: list[str] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)
    negative: bool = False


class FlowPlanner:
    def __init__(self, explorer: Explorer, credentials: Credentials | None, target: str | None = None) -> None:
        self.x = explorer
        self.credentials = credentials
        self.target = target
        self.used_credentials = False

    # -- shared moves --------------------------------------------------------------------------------------
    async def start(self) -> None:
        await self.x.goto("/")
        await self.accept_cookies()

    async def accept_cookies(self) -> None:
        """Consent banners often slide in a moment after load; give one a second to show, then accept it."""
        words = ("accept all", "accept", "agree", "got it", "allow all", "ok")
        button = self.x.find(words, roles=("button",))
        if button is None:
            banner = self.x.page.get_by_text(re.compile(r"\bcookies?\b", re.IGNORECASE))
            try:
                await banner.first.wait_for(state="visible", timeout=COOKIE_BANNER_WAIT_MS)
            except Exception:
                return
            await self.x.settle()
            button = self.x.find(words, roles=("button",))
        if button is None:
            return
        in_banner = await self.x.page.evaluate(
            "(i) => { let n = window.__superagentElements[i];"
            " for (let d = 0; n && d < 4; d++, n = n.parentElement)"
            " if (/cookie/i.test(n.textContent || '')) return true;"
            " return false; }",
            button.index,
        )
        if in_banner:
            await self.x.act(button, "dismiss", description="accept the cookie banner whenever it shows")

    async def follow(self, words: tuple[str, ...], *, exclude: tuple[str, ...] = ()) -> bool:
        link = self.x.find(words, exclude=exclude)
        if link is None:
            return False
        await self.x.act(link, "click", description=f"open {link.describe()}")
        return True

    def password_field(self) -> Element | None:
        return next((el for el in self.x.elements if is_password(el) and not is_confirmation(el)), None)

    def submit_of(self, form: int | None, words: tuple[str, ...]) -> Element | None:
        def in_form(el: Element) -> bool:
            return el.form == form

        return self.x.find(words, roles=("button",), where=in_form) or self.x.find((), roles=("button",), where=in_form)

    def need_credentials(self) -> Credentials:
        if self.credentials is None:
            raise FlowUnavailable(
                "this flow needs an account: pass --username and --password-env (or set SUPERAGENT_USERNAME and "
                "SUPERAGENT_PASSWORD)"
            )
        self.used_credentials = True
        return self.credentials

    async def reach_login_form(self) -> Element:
        if self.password_field() is None and not await self.follow(LOGIN_WORDS):
            raise FlowUnavailable("no log-in link or password field on the start page")
        password = self.password_field()
        if password is None:
            raise FlowUnavailable(f"no password field after following the log-in link (at {self.x.path()!r})")
        return password

    async def fill_login(self, password: Element, *, wrong: bool = False) -> Element:
        creds = self.need_credentials()
        user = next(
            (
                el
                for el in self.x.fields(password.form)
                if el.index < password.index and is_text_entry(el) and not is_password(el)
            ),
            None,
        )
        if user is None:
            raise FlowUnavailable("the log-in form has no username or email field")
        await self.x.act(user, "fill", value=creds.username, value_expr="credentials.username")
        if wrong:
            await self.x.act(
                password, "fill", value=creds.password + "-wrong", value_expr='credentials.password + "-wrong"'
            )
        else:
            await self.x.act(password, "fill", value=creds.password, value_expr="credentials.password")
        submit = self.submit_of(password.form, LOGIN_WORDS)
        if submit is None:
            raise FlowUnavailable("the log-in form has no submit button")
        return submit

    async def login(self) -> None:
        submit = await self.fill_login(await self.reach_login_form())
        await self.x.act(submit, "click", description="submit the log-in form")

    async def decisive(
        self, el: Element, action: str = "click", value: str | None = None
    ) -> tuple[Observation, Observation]:
        before = await self.x.observe()
        await self.x.act(el, action, value=value)
        return before, await self.x.observe()

    async def fill_form(self, form: int | None, generated: Generated | None = None) -> None:
        """Fill every field of a form with a plausible value."""
        for el in self.x.fields(form):
            fp = el.fingerprint
            if fp.tag == "select":
                option = option_for(el)
                if option:
                    await self.x.act(el, "select", value=option)
            elif fp.input_type in ("checkbox", "radio"):
                if should_check(el) or (el.required and fp.input_type == "radio"):
                    await self.x.act(el, "check")
            elif is_text_entry(el) and not is_search(el):
                value = value_for(el, generated)
                if value is None:
                    continue
                expr = None if value.code == py_literal(value.value) else value.code
                await self.x.act(el, "fill", value=value.value, value_expr=expr)

    def main_form(self) -> int | None:
        counts: dict[int, int] = {}
        for el in self.x.elements:
            if el.form is not None and is_text_entry(el) and not is_search(el):
                counts[el.form] = counts.get(el.form, 0) + 1
        return max(counts, key=lambda f: counts[f]) if counts else None


# -- the flows -------------------------------------------------------------------------------------------------
async def plan_login(p: FlowPlanner) -> Outcome:
    await p.start()
    submit = await p.fill_login(await p.reach_login_form())
    before, after = await p.decisive(submit)
    if p.password_field() is not None and before.url == after.url:
        raise FlowUnavailable("after submitting valid credentials the log-in form is still shown")
    return Outcome(before, after, dynamic=[p.need_credentials().username])


async def plan_login_failure(p: FlowPlanner) -> Outcome:
    await p.start()
    submit = await p.fill_login(await p.reach_login_form(), wrong=True)
    before, after = await p.decisive(submit)
    if not [m for m in after.messages if m not in before.messages]:
        raise FlowUnavailable("a wrong password produced no error message on the page")
    return Outcome(before, after, dynamic=[p.need_credentials().username])


async def plan_logout(p: FlowPlanner) -> Outcome:
    await p.start()
    await p.login()
    out = p.x.find(LOGOUT_WORDS)
    if out is None:
        raise FlowUnavailable(f"no log-out control after logging in (at {p.x.path()!r})")
    before, after = await p.decisive(out)
    return Outcome(before, after, dynamic=[p.need_credentials().username])


async def plan_register(p: FlowPlanner) -> Outcome:
    await p.start()
    on_form = p.password_field() is not None and p.x.find(REGISTER_WORDS, roles=("button",)) is not None
    if not on_form and not await p.follow(REGISTER_WORDS):
        raise FlowUnavailable("no register / sign-up link on the start page")
    password = p.password_field()
    if password is None:
        raise FlowUnavailable("the sign-up page has no password field")
    generated = Generated.fresh()
    await p.fill_form(password.form, generated)
    submit = p.submit_of(password.form, REGISTER_WORDS)
    if submit is None:
        raise FlowUnavailable("the sign-up form has no submit button")
    before, after = await p.decisive(submit)
    dynamic = [generated.username.value, generated.password.value]
    return Outcome(before, after, dynamic=dynamic, data=Generated.definitions())


async def _find_or_login(
    p: FlowPlanner, finder: Callable[[], Element | None], follow_words: tuple[str, ...]
) -> Element | None:
    """Look here, then behind a link towards the goal, then (with credentials) after logging in."""
    el = finder()
    if el is None and follow_words and await p.follow(follow_words, exclude=LOGIN_WORDS + REGISTER_WORDS):
        el = finder()
    if el is None and p.credentials is not None and p.x.find(LOGIN_WORDS) is not None:
        await p.login()
        el = finder()
    return el


async def plan_search(p: FlowPlanner) -> Outcome:
    await p.start()
    box = await _find_or_login(p, lambda: next((e for e in p.x.elements if is_search(e)), None), SHOP_WORDS)
    if box is None:
        raise FlowUnavailable("no search field on the page or behind a products / search link")
    term = p.target or _pick_term(p)
    if not term:
        raise FlowUnavailable('nothing listed on the page to search for; name a term: search for "..."')
    await p.x.act(box, "fill", value=term)
    button = p.x.find(("search", "go", "find", "filter"), roles=("button",), where=lambda e: e.form == box.form)
    if button is not None and box.form is not None:
        before, after = await p.decisive(button)
    else:
        before, after = await p.decisive(box, "press", "Enter")
    return Outcome(before, after, negative=True)


def _pick_term(p: FlowPlanner) -> str | None:
    """A word that names exactly one listed thing (a card, list item or row outside the site's chrome)."""
    chrome = ("/nav[", "/header[", "/footer[")
    names = [
        (e.fingerprint.accessible_name or "").lower()
        for e in p.x.elements
        if e.fingerprint.role in ("link", "heading")
        and any(c in (e.fingerprint.xpath or "") for c in ("/article[", "/li[", "/tr["))
        and not any(c in (e.fingerprint.xpath or "") for c in chrome)
    ]
    counts: dict[str, int] = {}
    for name in dict.fromkeys(names):
        for word in dict.fromkeys(re.findall(r"[a-z]{4,}", name)):
            counts[word] = counts.get(word, 0) + 1
    unique = [w for w, n in counts.items() if n == 1]
    return unique[0] if unique else None


async def plan_create_item(p: FlowPlanner) -> Outcome:
    await p.start()
    exclude = CART_WORDS + CART_LINK_WORDS + LOGIN_WORDS + REGISTER_WORDS + ("account",)
    link = await _find_or_login(p, lambda: p.x.find(CREATE_WORDS, exclude=exclude), ())
    if link is None:
        raise FlowUnavailable("no 'new' / 'add' / 'create' control, even after logging in")
    await p.x.act(link, "click", description=f"open {link.describe()}")
    if p.password_field() is not None and p.credentials is not None:
        await p.login()  # the app asked for a log-in first and sends us on afterwards
    form = p.main_form()
    if form is None:
        raise FlowUnavailable(f"no form to create an item at {p.x.path()!r}")
    await p.fill_form(form)
    submit = p.submit_of(form, SUBMIT_WORDS)
    if submit is None:
        raise FlowUnavailable("the item form has no submit button")
    before, after = await p.decisive(submit)
    return Outcome(before, after, dynamic=[p.credentials.username] if p.used_credentials and p.credentials else [])


async def plan_checkout(p: FlowPlanner) -> Outcome:
    await p.start()
    add = await _find_or_login(p, lambda: p.x.find(CART_WORDS, roles=("button",)), SHOP_WORDS)
    if add is None:
        raise FlowUnavailable("no 'add to cart' button on the page or behind a products link")
    await p.x.act(add, "click", description="add a product to the cart")
    if not await p.follow(CART_LINK_WORDS, exclude=CART_WORDS):
        raise FlowUnavailable("no link to the cart after adding a product")
    if p.x.find(CHECKOUT_WORDS) is None:
        raise FlowUnavailable(f"no checkout control in the cart at {p.x.path()!r}")
    await p.follow(CHECKOUT_WORDS)
    if p.password_field() is not None and p.credentials is not None:
        await p.login()
    form = p.main_form()
    if form is not None:
        await p.fill_form(form)
    submit = p.submit_of(form, ORDER_WORDS) if form is not None else p.x.find(ORDER_WORDS, roles=("button",))
    if submit is None:
        raise FlowUnavailable("no button to place the order")
    before, after = await p.decisive(submit)
    return Outcome(before, after)


async def plan_navigate(p: FlowPlanner) -> Outcome:
    await p.start()
    target = (p.target or "").strip()
    if not target:
        raise FlowUnavailable("say which page to open, e.g. 'navigate to the About page'")
    link = p.x.find((target.lower(), f"{target.lower()} us"), roles=("link", "button", "tab", "menuitem"))
    if link is None:
        raise FlowUnavailable(f"no link or button named like {target!r}")
    before, after = await p.decisive(link)
    return Outcome(before, after)


PLANNERS = {
    FlowKind.LOGIN: plan_login,
    FlowKind.LOGIN_FAILURE: plan_login_failure,
    FlowKind.LOGOUT: plan_logout,
    FlowKind.REGISTER: plan_register,
    FlowKind.SEARCH: plan_search,
    FlowKind.CREATE_ITEM: plan_create_item,
    FlowKind.CHECKOUT: plan_checkout,
    FlowKind.NAVIGATE: plan_navigate,
}
