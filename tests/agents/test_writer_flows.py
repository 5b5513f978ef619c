"""Each flow planner on the smallest app that has its flow, and a clear FlowUnavailable on one that has not.

One server holds every app, each under its own prefix (its pages link relatively, so it never leaves it); the
explorer's base URL is the prefix, so the recorded paths read as the app's own.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from apps.local_http import serve_handler
from apps.tiny_site import Reply, Route, page, redirect, site_handler

from superagent.agents import writer_flows, writer_planner
from superagent.agents.writer_explore import Explorer
from superagent.agents.writer_fields import Generated
from superagent.agents.writer_flows import FlowPlanner, FlowUnavailable, Outcome
from superagent.models import FlowKind, Step
from superagent.testkit.credentials import Credentials

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]

CREDENTIALS = Credentials(username="qa@example.com", password="right-pass-7")

# -- the apps ---------------------------------------------------------------------------------------------------

LOGIN_FORM = """<h1>Log in</h1>{error}<form method="post" action="login">
<label>Email <input type="email" name="email"></label>
<label>Password <input type="password" name="password"></label>
<button>Sign in</button></form>"""


def auth_login(fields: dict[str, str]) -> Reply:
    if not fields:
        return Reply(page("Log in", LOGIN_FORM.format(error="")))
    if (fields["email"], fields["password"]) == (CREDENTIALS.username, CREDENTIALS.password):
        return redirect("account")
    return Reply(page("Log in", LOGIN_FORM.format(error='<p role="alert">Wrong email or password</p>')))


SIGNUP_FORM = """<h1>Create your account</h1>{error}<form method="post" action="signup">
<label>Username <input name="username" required></label>
<label>Email <input type="email" name="email" required></label>
<label>Password <input type="password" name="password" required></label>
<label>Confirm password <input type="password" name="confirm" required></label>
<label>Plan <select name="plan" required><option value="">Choose a plan</option><option value="basic">Basic</option>
<option value="pro">Pro</option></select></label>
<label><input type="checkbox" name="adult" required> I am 18 or older</label>
<label><input type="checkbox" name="news"> Send me the newsletter</label>
<button>Create account</button></form>"""


def join_signup(fields: dict[str, str]) -> Reply:
    if not fields:
        return Reply(page("Sign up", SIGNUP_FORM.format(error="")))
    problems = [
        problem
        for problem, wrong in [
            ("the email is not the user's own", fields.get("email") != f"{fields.get('username')}@example.com"),
            ("the passwords differ", fields.get("password") != fields.get("confirm")),
            ("the plan is not Basic", fields.get("plan") != "basic"),
            ("the age box is not ticked", fields.get("adult") != "on"),
            ("the newsletter box is ticked", "news" in fields),
        ]
        if wrong
    ]
    if problems:
        return Reply(page("Sign up", SIGNUP_FORM.format(error=f'<p role="alert">{"; ".join(problems)}</p>')))
    return redirect("welcome")


NOTE_FORM = """<h1>New note</h1>{error}<form method="post" action="new">
<label>Title <input name="title" required></label>
<label>Body <textarea name="body"></textarea></label>
<label>Priority <select name="priority"><option value="">Choose a priority</option><option value="low">Low</option>
<option value="high">High</option></select></label>
<label>Price <input type="number" name="price" min="0" required></label>
<button>Save</button></form>"""


def notes_new(fields: dict[str, str]) -> Reply:
    if not fields:
        return Reply(page("New note", NOTE_FORM.format(error="")))
    if not (fields.get("title") and fields.get("priority") and fields.get("price", "").isdigit()):
        return Reply(page("New note", NOTE_FORM.format(error=f'<p role="alert">Invalid: {fields}</p>')))
    return redirect("saved")


PRODUCTS = ("Trail boots", "Rain jacket")


def find_results(fields: dict[str, str]) -> Reply:
    term = fields.get("q", "").lower()
    found = [p for p in PRODUCTS if term in p.lower()]
    items = "".join(f"<li>{p}</li>" for p in found)
    return Reply(page("Results", f'<h1>Results</h1><p role="status">Found {len(found)} product(s)</p><ul>{items}</ul>'))


SHOP_HEADER = '<header><a href="cart">Cart</a></header>'
CHECKOUT_FORM = """<h1>Checkout</h1><form method="post" action="checkout">
<label>Full name <input name="name" required></label>
<label>Email <input type="email" name="email" required></label>
<label>Address <input name="address" required></label>
<label>Card number <input name="card" required></label>
<button>Place order</button></form>"""
NAV = '<nav><a href="about">About us</a> <a href="contact">Contact</a></nav>'

ROUTES: dict[str, Route] = {
    "/auth/": page("Home", '<h1>Home</h1><a href="login">Log in</a>'),
    "/auth/login": auth_login,
    "/auth/account": page(
        "Account", '<h1>Welcome back</h1><form method="post" action="logout"><button>Log out</button></form>'
    ),
    "/auth/logout": lambda _fields: redirect("./"),
    "/join/": page("Join", '<h1>Join us</h1><a href="signup">Sign up</a>'),
    "/join/signup": join_signup,
    "/join/welcome": page("Welcome", '<h1>Account created</h1><p role="status">Welcome aboard</p>'),
    "/find/": page(
        "Outdoor shop",
        """<h1>Outdoor shop</h1><form action="results" role="search">
        <input type="search" name="q" aria-label="Search products"><button>Search</button></form>
        <ul><li><a href="p1">Trail boots</a></li><li><a href="p2">Rain jacket</a></li></ul>""",
    ),
    "/find/results": find_results,
    "/notes/": page("Notes", '<h1>Notes</h1><a href="new">New note</a><ul><li>Groceries</li></ul>'),
    "/notes/new": notes_new,
    "/notes/saved": page("Notes", '<h1>Notes</h1><p role="status">Note saved</p><ul><li>Groceries</li></ul>'),
    "/shop/": page(
        "Shop",
        f"""{SHOP_HEADER}<h1>Shop</h1><article><h2>Trail boots</h2>
        <form method="post" action="add"><button>Add to cart</button></form></article>""",
    ),
    "/shop/add": lambda _fields: redirect("./?added=1"),
    "/shop/cart": page(
        "Cart", f'{SHOP_HEADER}<h1>Your cart</h1><ul><li>Trail boots</li></ul><a href="checkout">Checkout</a>'
    ),
    "/shop/checkout": lambda fields: redirect("order/SA-XSPRLX") if fields else Reply(page("Checkout", CHECKOUT_FORM)),
    "/shop/order/SA-XSPRLX": page("Thank you", '<h1>Thank you</h1><p role="status">Order SA-XSPRLX confirmed</p>'),
    "/site/": page("Welcome", f"{NAV}<h1>Welcome</h1>"),
    "/site/about": page("About", f"{NAV}<h1>About us</h1>"),
    "/banner/": page(
        "Welcome",
        """<div id="consent"><p>We use cookies to remember your cart.</p>
        <button onclick="document.getElementById('consent').remove()">Accept all</button></div>
        <a href="about">About</a><h1>Welcome</h1>""",
    ),
    "/banner/about": page("About", "<h1>About</h1>"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_handler(site_handler(ROUTES)) as url:
        yield url


@pytest.fixture(autouse=True)
def _short_cookie_banner_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    # None of these apps but /banner has a banner; the planner would give each start page 1.2 s to show one.
    monkeypatch.setattr(writer_planner, "COOKIE_BANNER_WAIT_MS", 50)


Planner = Callable[[FlowPlanner], Awaitable[Outcome]]
RunFlow = Callable[..., Awaitable[tuple[FlowPlanner, Outcome]]]


@pytest.fixture
def run(tab: Any, server: str) -> RunFlow:
    async def run_flow(
        flow: FlowKind, app: str, *, credentials: Credentials | None = None, target: str | None = None
    ) -> tuple[FlowPlanner, Outcome]:
        planner = FlowPlanner(Explorer(tab, f"{server}/{app}"), credentials, target)
        return planner, await writer_flows.PLANNERS[flow](planner)

    return run_flow


def actions(steps: list[Step]) -> list[tuple[str, str | None]]:
    return [(s.action, s.locator) for s in steps]


# -- the flows, where the app has them --------------------------------------------------------------------------


async def test_login(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.LOGIN, "auth", credentials=CREDENTIALS)
    steps = planner.x.steps

    assert actions(steps) == [
        ("goto", None),
        ("click", 'page.get_by_role("link", name="Log in")'),
        ("fill", 'page.get_by_role("textbox", name="Email")'),
        ("fill", 'page.get_by_label("Password")'),
        ("click", 'page.get_by_role("button", name="Sign in")'),
    ]
    assert [s.value_expr for s in steps[2:4]] == ["credentials.username", "credentials.password"]
    assert all(CREDENTIALS.password not in (s.value or "") for s in steps), "the password is never recorded"
    assert [s.page for s in steps[1:]] == ["/", "/login", "/login", "/login"]
    assert outcome.before.url.endswith("/auth/login") and outcome.after.url.endswith("/auth/account")
    assert outcome.after.headings == ["Welcome back"]
    assert outcome.dynamic == [CREDENTIALS.username]
    assert planner.used_credentials


async def test_login_failure_types_a_wrong_password_and_sees_the_error(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.LOGIN_FAILURE, "auth", credentials=CREDENTIALS)

    assert planner.x.steps[3].value_expr == 'credentials.password + "-wrong"'
    assert [(m.role, m.text) for m in outcome.after.messages] == [("alert", "Wrong email or password")]
    assert outcome.before.messages == []
    assert outcome.after.url.endswith("/auth/login")


async def test_logout_logs_in_first(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.LOGOUT, "auth", credentials=CREDENTIALS)

    assert planner.x.steps[-1].locator == 'page.get_by_role("button", name="Log out")'
    assert planner.x.steps[-1].page == "/account"
    assert outcome.before.headings == ["Welcome back"]
    assert outcome.after.url.endswith("/auth/") and outcome.after.headings == ["Home"]


async def test_register_fills_the_form_with_values_the_app_accepts(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.REGISTER, "join")
    filled = {s.locator: (s.value, s.value_expr) for s in planner.x.steps if s.action in ("fill", "select")}
    username = outcome.dynamic[0]

    assert outcome.after.url.endswith("/join/welcome"), outcome.after.messages
    assert outcome.after.headings == ["Account created"]
    assert filled == {
        'page.get_by_role("textbox", name="Username")': (None, "username"),
        'page.get_by_role("textbox", name="Email")': (None, 'f"{username}@example.com"'),
        'page.get_by_label("Password", exact=True)': (None, "password"),
        'page.get_by_label("Confirm password")': (None, "password"),
        'page.get_by_role("combobox", name="Plan")': ("Basic", None),
    }
    assert [s.locator for s in planner.x.steps if s.action == "check"] == [
        'page.get_by_role("checkbox", name="I am 18 or older")'
    ]
    assert outcome.data == Generated.definitions()
    assert username.startswith("user-") and len(outcome.dynamic) == 2


async def test_search_picks_a_listed_word_and_submits_it(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.SEARCH, "find")

    assert [(s.action, s.value) for s in planner.x.steps[1:]] == [("fill", "trail"), ("click", None)]
    assert planner.x.steps[-1].locator == 'page.get_by_role("button", name="Search")'
    assert outcome.after.url.endswith("/find/results?q=trail")
    assert [m.text for m in outcome.after.messages] == ["Found 1 product(s)"]
    assert (outcome.before.items, outcome.after.items) == (2, 1)
    assert outcome.negative


async def test_search_for_a_named_term(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.SEARCH, "find", target="jacket")

    assert planner.x.steps[1].value == "jacket"
    assert outcome.after.url.endswith("/find/results?q=jacket")


async def test_create_item_follows_the_new_link_and_fills_the_form(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.CREATE_ITEM, "notes")
    steps = planner.x.steps

    assert steps[1].locator == 'page.get_by_role("link", name="New note")'
    assert [(s.action, s.value, s.value_expr) for s in steps[2:]] == [
        ("fill", None, "record"),  # the field naming the note: a value no other run used
        ("fill", "Waterproof boots for long weekend walks.", None),
        ("select", "Low", None),
        ("fill", "49", None),
        ("click", None, None),
    ]
    assert outcome.before.url.endswith("/notes/new")
    assert outcome.after.url.endswith("/notes/saved"), outcome.after.messages
    assert [m.text for m in outcome.after.messages] == ["Note saved"]
    assert outcome.data == {"record": 'f"Note {uuid.uuid4().hex[:8]}"'}
    [made] = outcome.dynamic
    assert made.startswith("Note ")


async def test_checkout_adds_to_cart_opens_the_cart_and_places_the_order(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.CHECKOUT, "shop")
    steps = planner.x.steps

    assert actions(steps[:4]) == [
        ("goto", None),
        ("click", 'page.get_by_role("button", name="Add to cart")'),
        ("click", 'page.get_by_role("link", name="Cart")'),
        ("click", 'page.get_by_role("link", name="Checkout")'),
    ]
    assert [s.value for s in steps[4:-1]] == [
        "Alex Morgan",
        "alex.morgan@example.com",
        "12 Market Street",
        "4242 4242 4242 4242",
    ]
    assert steps[-1].locator == 'page.get_by_role("button", name="Place order")'
    assert outcome.before.url.endswith("/shop/checkout")
    assert outcome.after.url.endswith("/shop/order/SA-XSPRLX")
    assert [m.text for m in outcome.after.messages] == ["Order SA-XSPRLX confirmed"]


async def test_navigate_opens_the_named_page(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.NAVIGATE, "site", target="About")

    assert actions(planner.x.steps) == [("goto", None), ("click", 'page.get_by_role("link", name="About us")')]
    assert outcome.before.headings == ["Welcome"] and outcome.after.headings == ["About us"]
    assert outcome.after.url.endswith("/site/about")


async def test_a_cookie_banner_is_dismissed_before_the_flow(run: RunFlow) -> None:
    planner, outcome = await run(FlowKind.NAVIGATE, "banner", target="About")

    assert actions(planner.x.steps) == [
        ("goto", None),
        ("dismiss", 'page.get_by_role("button", name="Accept all")'),
        ("click", 'page.get_by_role("link", name="About")'),
    ]
    assert outcome.after.headings == ["About"]


# -- FlowUnavailable, where the app has not -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flow", "credentials", "target", "message"),
    [
        (FlowKind.LOGIN, CREDENTIALS, None, "no log-in link or password field on the start page"),
        (FlowKind.LOGOUT, CREDENTIALS, None, "no log-in link or password field on the start page"),
        (FlowKind.REGISTER, None, None, "no register / sign-up link on the start page"),
        (FlowKind.SEARCH, None, None, "no search field on the page or behind a products / search link"),
        (FlowKind.CREATE_ITEM, None, None, "no 'new' / 'add' / 'create' control, even after logging in"),
        (FlowKind.CHECKOUT, None, None, "no 'add to cart' button on the page or behind a products link"),
        (FlowKind.NAVIGATE, None, None, "say which page to open, e.g. 'navigate to the About page'"),
        (FlowKind.NAVIGATE, None, "Careers", "no link or button named like 'Careers'"),
    ],
    ids=["login", "logout", "register", "search", "create_item", "checkout", "navigate-no-target", "navigate-unknown"],
)
async def test_a_page_without_the_flow_says_what_it_looked_for(
    run: RunFlow, flow: FlowKind, credentials: Credentials | None, target: str | None, message: str
) -> None:
    with pytest.raises(FlowUnavailable) as raised:
        await run(flow, "site", credentials=credentials, target=target)

    assert str(raised.value) == message


async def test_a_flow_that_needs_an_account_says_how_to_give_one(run: RunFlow, tab: Any) -> None:
    with pytest.raises(FlowUnavailable, match="--username and --password-env"):
        await run(FlowKind.LOGIN, "auth")

    assert tab.url.endswith("/auth/login")  # it got as far as the form
