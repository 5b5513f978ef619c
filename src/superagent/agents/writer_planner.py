"""The planner's toolkit: the moves every flow planner shares (start, log in, fill a form, act on a row of a list).

Planners (:mod:`superagent.agents.writer_flows` and its siblings) work from what the page offers (names, labels,
field types), follow links that lead towards the goal, perform the flow, and return an :class:`Outcome`: the
observation before and after the flow's decisive action, plus any assertion only the planner can phrase (on a
value the test makes up, a row that must be gone, the order of a list).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from superagent.agents.writer_explore import Explorer, NoUniqueLocator
from superagent.agents.writer_fields import (
    FieldValue,
    Generated,
    describe,
    is_confirmation,
    is_password,
    is_search,
    is_text_entry,
    option_for,
    should_check,
    value_for,
)
from superagent.browser.snapshot import Element, Observation, element_index
from superagent.healing.locators import candidates, py_literal
from superagent.models import Assertion, Step
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
LOGIN_FORM_WAIT_MS = 1500  # how long a log-in form may take to show before the page counts as signed in
SUBMIT_WORDS = ("save", "create", "add", "submit", "publish", "post", "done")
NAMING = r"title|name|subject|summary|heading"


class FlowUnavailable(Exception):
    """The page offers no way to do the flow; the message says what was looked for and what was seen."""


@dataclass
class Outcome:
    before: Observation
    after: Observation
    dynamic: list[str] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)
    negative: bool = False
    # Assertions only the planner can phrase (on a value the test makes up, a row that must be gone, the order
    # of a list), already checked on the live page; they follow the ones read off the observation diff.
    assertions: list[Assertion] = field(default_factory=list)
    # True when the planner already read the page's reaction itself (it had to reload the page afterwards)
    complete: bool = False


class FlowPlanner:
    def __init__(
        self,
        explorer: Explorer,
        credentials: Credentials | None,
        target: str | None = None,
        *,
        subject: str | None = None,
    ) -> None:
        self.x = explorer
        self.credentials = credentials
        self.target = target
        self.subject = subject  # the records a list flow works on, when the target names something else
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
        """Open the link (or tab, menu item, button outside a form) named like ``words``: a form's button
        submits the form, it does not lead anywhere."""

        def leads(el: Element) -> bool:
            return el.fingerprint.role != "button" or el.form is None

        link = self.x.find(words, roles=("link", "tab", "menuitem", "button"), exclude=exclude, where=leads)
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

    async def sign_in_if_asked(self) -> None:
        """A precondition as setup: when the app shows its log-in form and there is an account, log in first. A
        single-page app may draw its form a moment after load: until signed in, give it that moment."""
        if self.credentials is None:
            return
        if self.password_field() is None and not self.used_credentials:
            try:
                await self.x.page.locator("input[type=password]").first.wait_for(
                    state="visible", timeout=LOGIN_FORM_WAIT_MS
                )
            except Exception:
                return
            await self.x.settle()
        if self.password_field() is not None:
            await self.login()

    def target_words(self, *, plural: bool = True, subject: bool = False) -> tuple[str, ...]:
        """The request's noun as the page may spell it: "book", "books"; with ``subject``, the records a list
        flow works on (none when the request did not name them)."""
        noun = ((self.subject if subject else self.target) or "").strip().lower()
        if not noun:
            return ()
        singular = noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun
        return tuple(dict.fromkeys((noun, singular, singular + "s") if plural else (noun, singular)))

    def create_words(self) -> tuple[str, ...]:
        """ "New issue" / "Add book" first when the request named the noun, then the usual words."""
        named = tuple(f"{verb} {noun}" for noun in self.target_words(plural=False) for verb in ("new", "add", "create"))
        return named + CREATE_WORDS

    async def state(self, el: Element) -> dict[str, str | bool | None]:
        """What a control holds right now: checked (native or aria-checked), selected, value."""
        result: dict[str, str | bool | None] = await self.x.page.evaluate(
            "(i) => { const n = window.__superagentElements[i];"
            " const aria = n.getAttribute('aria-checked');"
            " return {checked: aria !== null ? aria === 'true' : !!n.checked,"
            " selected: n.getAttribute('aria-selected') === 'true', value: n.value === undefined ? null : n.value}; }",
            el.index,
        )
        return result

    async def inside(self, el: Element, selector: str) -> str | None:
        """The text of the nearest container of ``el`` matching ``selector`` (a row, a dialog), or None."""
        text: str | None = await self.x.page.evaluate(
            "([i, sel]) => { const c = window.__superagentElements[i].closest(sel);"
            " return c ? (c.innerText || c.textContent || '').replace(/\\s+/g, ' ').trim() : null; }",
            [el.index, selector],
        )
        return text

    async def act_scoped(
        self,
        scope: str,
        scope_live: Any,
        el: Element,
        action: str,
        *,
        description: str = "",
        value: str | None = None,
        value_expr: str | None = None,
    ) -> bool:
        """Act on ``el`` through a locator inside a container the test names by code (``scope``: the row holding
        a value the test made up, the open dialog, a named form), where no locator of the page's own is unique.
        False when nothing inside the container reaches ``el`` alone."""
        for inner in candidates(el.fingerprint):
            if inner.strategy in ("css_id", "css_name"):
                continue
            live = inner.resolve(scope_live)
            try:
                if await live.count() != 1 or await element_index(live) != el.index:
                    continue
            except Exception:
                continue
            where = urlsplit(self.x.path()).path or "/"
            if action == "fill":
                await live.fill(value or "")
            elif action == "select":
                await live.select_option(label=value)
            elif action == "check":
                await live.check()
            else:
                await live.click()
            self.x.steps.append(
                Step(
                    action=action,
                    locator=inner.code(root=scope),
                    value=value if value_expr is None else None,
                    value_expr=value_expr,
                    description=description or f"{action} {el.describe()}",
                    fingerprint=el.fingerprint,
                    page=where,
                )
            )
            if action == "click":
                await self.x.settle()
            return True
        return False

    def _by_account(self, step: Step) -> None:
        """A control named after the signed-in account (a user menu "dana") is named by the test's credentials, so
        the test runs with any account."""
        if not (self.used_credentials and self.credentials and step.locator):
            return
        literal = f"name={py_literal(self.credentials.username)}"
        if literal in step.locator:
            step.locator = step.locator.replace(literal, "name=credentials.username")
            step.alternatives = [a.replace(literal, "name=credentials.username") for a in step.alternatives]

    async def act(
        self,
        el: Element,
        action: str,
        *,
        value: str | None = None,
        value_expr: str | None = None,
        description: str = "",
    ) -> None:
        """Act through the page's own unique locator, else inside the open dialog or the named form holding
        ``el`` (a "Save" in an edit form beside another "Save", a "Label" select in a dialog over a filter)."""
        try:
            step = await self.x.act(el, action, value=value, value_expr=value_expr, description=description)
            self._by_account(step)
            return
        except NoUniqueLocator:
            pass
        holder = await self.x.page.evaluate(
            "(i) => { const n = window.__superagentElements[i]; const d = n.closest('[role=dialog], dialog');"
            " const f = n.closest('form'); const named = f && (f.getAttribute('aria-label') || '');"
            " return {dialog: !!d, form: named || null}; }",
            el.index,
        )
        scopes: list[tuple[str, Any]] = []
        if holder.get("dialog"):
            scopes.append(('page.get_by_role("dialog")', self.x.page.get_by_role("dialog")))
        if holder.get("form"):
            name = holder["form"]
            scopes.append(
                (f'page.get_by_role("form", name={py_literal(name)})', self.x.page.get_by_role("form", name=name))
            )
        for code, live in scopes:
            if await live.count() == 1 and await self.act_scoped(
                code, live, el, action, description=description, value=value, value_expr=value_expr
            ):
                return
        raise NoUniqueLocator(f"no unique locator for {el.describe()}")

    async def decisive(
        self, el: Element, action: str = "click", value: str | None = None
    ) -> tuple[Observation, Observation]:
        before = await self.x.observe()
        await self.act(el, action, value=value)
        return before, await self.x.observe()

    async def fill_form(
        self, form: int | None, generated: Generated | None = None, *, record: FieldValue | None = None
    ) -> None:
        """Fill every field of a form with a plausible value; ``record`` goes into the field that names the record
        (its title or name), so the test can find the record again by a value no other run used."""
        naming = self.naming_field(form) if record is not None else None
        for el in self.x.fields(form):
            if naming is not None and record is not None and el.index == naming.index:
                await self.act(el, "fill", value=record.value, value_expr=record.code)
                continue
            fp = el.fingerprint
            if fp.tag == "select":
                option = option_for(el)
                if option:
                    await self.act(el, "select", value=option)
            elif fp.input_type in ("checkbox", "radio"):
                if should_check(el) or (el.required and fp.input_type == "radio"):
                    await self.act(el, "check")
            elif is_text_entry(el) and not is_search(el):
                value = value_for(el, generated)
                if value is None:
                    continue
                expr = None if value.code == py_literal(value.value) else value.code
                await self.act(el, "fill", value=value.value, value_expr=expr)

    def naming_field(self, form: int | None) -> Element | None:
        entries = [el for el in self.x.fields(form) if is_text_entry(el) and not is_search(el) and not is_password(el)]
        entries = [el for el in entries if el.fingerprint.tag == "input"] or entries
        return next((el for el in entries if re.search(NAMING, describe(el))), entries[0] if entries else None)

    def main_form(self) -> int | None:
        counts: dict[int, int] = {}
        for el in self.x.elements:
            if el.form is not None and is_text_entry(el) and not is_search(el):
                counts[el.form] = counts.get(el.form, 0) + 1
        return max(counts, key=lambda f: counts[f]) if counts else None


async def find_or_login(
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
