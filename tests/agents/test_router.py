"""Kaya, the router: intents, flows, slots, complexity, budgets and errors."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from superagent.agents.router import EXAMPLES, check_url, complexity, redact, route
from superagent.errors import BadURLError, UnknownRequestError, UsageError
from superagent.models import FlowKind, Intent

F = FlowKind

INTENT_CASES = [
    ("write a test that a user can log in", Intent.CREATE_TEST),
    ("test the checkout", Intent.CREATE_TEST),
    ("create a test for search on http://localhost:8000", Intent.CREATE_TEST),
    ("generate tests for registration", Intent.CREATE_TEST),
    ("please test that the user can sign in", Intent.CREATE_TEST),
    ("I need a test for the logout", Intent.CREATE_TEST),
    ("log in and create an item", Intent.CREATE_TEST),
    ("write a test that runs a search for lamps", Intent.CREATE_TEST),
    ("run the tests in superagent-tests/", Intent.RUN_TESTS),
    ("run tests/test_login.py", Intent.RUN_TESTS),
    ("Kaya, run everything", Intent.RUN_TESTS),
    ("can you execute tests/test_checkout.py", Intent.RUN_TESTS),
    ("re-run the failed tests", Intent.RUN_TESTS),
    ("execute the checkout test", Intent.RUN_TESTS),
    ("validate tests/test_login.py", Intent.VALIDATE),
    ("please validate the login test", Intent.VALIDATE),
    ("verify tests/test_search.py", Intent.VALIDATE),
    ("lint my tests", Intent.LINT),
    ("check tests/ for flaky code", Intent.LINT),
    ("are my tests flaky?", Intent.LINT),
    ("review the tests", Intent.LINT),
    ("fix the failing login test", Intent.FIX),
    ("heal tests/test_x.py", Intent.FIX),
    ("the login test is failing, fix it", Intent.FIX),
    ("repair the checkout test", Intent.FIX),
    ("status", Intent.STATUS),
    ("Status?", Intent.STATUS),
    ("what ran recently", Intent.STATUS),
    ("show recent jobs", Intent.STATUS),
    ("show me the status", Intent.STATUS),
    ("what's the status?", Intent.STATUS),
    ("show the last run", Intent.STATUS),
]

FLOW_CASES = [
    # login
    ("write a test that a user can log in", F.LOGIN),
    ("test the login", F.LOGIN),
    ("test that users can sign in", F.LOGIN),
    ("test signin", F.LOGIN),
    ("a user can log on", F.LOGIN),
    ("test that we can authenticate", F.LOGIN),
    ("test LOGIN please", F.LOGIN),
    ("check that one can log-in", F.LOGIN),
    # login_failure
    ("failed log in", F.LOGIN_FAILURE),
    ("write a test for a failed login", F.LOGIN_FAILURE),
    ("test a wrong password", F.LOGIN_FAILURE),
    ("test that invalid credentials are rejected", F.LOGIN_FAILURE),
    ("test a bad login", F.LOGIN_FAILURE),
    ("test the login error", F.LOGIN_FAILURE),
    ("a user cannot log in with a wrong password", F.LOGIN_FAILURE),
    ("test that you can't sign in with an incorrect password", F.LOGIN_FAILURE),
    ("log in with a wrong password", F.LOGIN_FAILURE),
    # logout
    ("test log out", F.LOGOUT),
    ("test logout", F.LOGOUT),
    ("a user can sign out", F.LOGOUT),
    ("test that you can log off", F.LOGOUT),
    ("log in and then log out", F.LOGOUT),
    # register
    ("test that a visitor can register", F.REGISTER),
    ("test sign up", F.REGISTER),
    ("test signup", F.REGISTER),
    ("a user can create an account", F.REGISTER),
    ("generate tests for registration", F.REGISTER),
    ("test that a new user can open a new account", F.REGISTER),
    # search
    ("create a test for search on http://localhost:8000", F.SEARCH),
    ('search for "lamp"', F.SEARCH),
    ("test that I can find a product", F.SEARCH),
    ("look up a lamp", F.SEARCH),
    ("test searching the catalogue", F.SEARCH),
    ('search for "log in"', F.SEARCH),
    # create_item
    ("test that a user can create an item", F.CREATE_ITEM),
    ("add an item", F.CREATE_ITEM),
    ("test new item", F.CREATE_ITEM),
    ("create a new post", F.CREATE_ITEM),
    ("create a new note", F.CREATE_ITEM),
    ("test that I can create a new task", F.CREATE_ITEM),
    ("create a new record", F.CREATE_ITEM),
    ("log in and create an item", F.CREATE_ITEM),
    ("sign in, then add a todo item", F.CREATE_ITEM),
    # checkout
    ("test the checkout", F.CHECKOUT),
    ("a user can check out", F.CHECKOUT),
    ("test add to cart", F.CHECKOUT),
    ("add a lamp to the basket", F.CHECKOUT),
    ("test that a user can buy a lamp", F.CHECKOUT),
    ("test a purchase", F.CHECKOUT),
    ("test that a user can place an order", F.CHECKOUT),
    ("test the payment", F.CHECKOUT),
    ("add an item to the basket and check out", F.CHECKOUT),
    ("check out after adding an item", F.CHECKOUT),
    ("log in, add an item to the cart and pay", F.CHECKOUT),
    # navigate
    ("navigate to the About page", F.NAVIGATE),
    ("go to the Contact page", F.NAVIGATE),
    ("open the pricing page", F.NAVIGATE),
    ("visit About", F.NAVIGATE),
    ("test the home page", F.NAVIGATE),
    ("sign in then go to the settings page", F.NAVIGATE),
    ("go to the shop page and search for lamps", F.SEARCH),
    # create_item takes any noun, after any precondition
    ("write a test that an admin can add a new group", F.CREATE_ITEM),
    ("write a test that a logged in user can create an issue", F.CREATE_ITEM),
    ("as a logged in admin, add a book", F.CREATE_ITEM),
    ("after logging in, open a new project", F.CREATE_ITEM),
    ("test that a new user can log in", F.LOGIN),
    # view_record
    ("write a test that a user can open the books table and see its rows", F.VIEW_RECORD),
    ("test that a user can open a book and see its details", F.VIEW_RECORD),
    ("when signed in, view an issue", F.VIEW_RECORD),
    ("test the detail page", F.VIEW_RECORD),
    ("log in and browse the authors list", F.VIEW_RECORD),
    # edit_record
    ("after logging in, edit an issue", F.EDIT_RECORD),
    ("test that an admin can update a book", F.EDIT_RECORD),
    ("rename a group", F.EDIT_RECORD),
    ("edit a book and see the new title", F.EDIT_RECORD),
    # delete_record
    ("when signed in, delete a book", F.DELETE_RECORD),
    ("test that a user can remove an issue", F.DELETE_RECORD),
    ("create an issue and delete it", F.DELETE_RECORD),
    ("delete a record and check it is gone", F.DELETE_RECORD),
    # filter
    ("write a test that filters the books by genre", F.FILTER),
    ("as a logged in user, filter the issues by label", F.FILTER),
    ("show only closed issues", F.FILTER),
    ("filter the search results", F.FILTER),
    # sort
    ("sort the books by year", F.SORT),
    ("test that the issues list can be ordered by title", F.SORT),
    ("log in and sort issues by oldest", F.SORT),
    # paginate
    ("go to the next page of books", F.PAGINATE),
    ("test the pagination of the books list", F.PAGINATE),
    ("after signing in, page through the authors", F.PAGINATE),
    # upload
    ("upload a CSV of contacts", F.UPLOAD),
    ("test that a signed in user can import contacts from a CSV file", F.UPLOAD),
    ("attach a photo to the profile", F.UPLOAD),
    ("log in, upload a file to a new post", F.UPLOAD),
    # toggle_setting
    ("turn on two-factor authentication and save", F.TOGGLE_SETTING),
    ("test that a user can toggle the email notifications setting", F.TOGGLE_SETTING),
    ("when logged in, change the privacy settings", F.TOGGLE_SETTING),
    ("disable marketing emails", F.TOGGLE_SETTING),
    # wizard
    ("create a project with the multi-step wizard", F.WIZARD),
    ("test the create project wizard", F.WIZARD),
    ("as a signed in user, fill the onboarding step by step", F.WIZARD),
]


@pytest.mark.parametrize(("text", "intent"), INTENT_CASES)
def test_intent(text: str, intent: Intent) -> None:
    assert route(text).intent is intent


@pytest.mark.parametrize(("text", "flow"), FLOW_CASES)
def test_flow(text: str, flow: FlowKind) -> None:
    request = route(text)
    assert request.flow is flow
    assert request.intent is Intent.CREATE_TEST


def test_a_precondition_never_names_the_test() -> None:
    request = route("write a test that a logged in user can create an issue on http://localhost:8000")

    assert (request.flow, request.target, request.url) == (F.CREATE_ITEM, "issue", "http://localhost:8000")
    assert request.critical  # logging in is still part of it, so it gets the critical budget


def test_enough_phrasings() -> None:
    assert len(INTENT_CASES) + len(FLOW_CASES) >= 60


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_example_is_understood(example: str) -> None:
    assert route(example).intent is not Intent.UNKNOWN


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("test login on http://localhost:8000", "http://localhost:8000"),
        ("test login on http://localhost:8000.", "http://localhost:8000"),
        ("test login (see https://shop.example.com/en?x=1), thanks", "https://shop.example.com/en?x=1"),
        ("on https://example.com/, test the checkout!", "https://example.com/"),
        ("test login on http://127.0.0.1:5000/", "http://127.0.0.1:5000/"),
        ("test login on http://[::1]:8000", "http://[::1]:8000"),
        ("test login", None),
    ],
)
def test_url_slot(text: str, url: str | None) -> None:
    assert route(text).url == url


def test_url_argument_wins_and_is_validated() -> None:
    assert route("test login on http://a.example.com", url="http://b.example.com").url == "http://b.example.com"
    assert route("test login", url=" https://b.example.com ").url == "https://b.example.com"
    with pytest.raises(BadURLError):
        route("test login", url="http://exa mple")


@pytest.mark.parametrize(
    "text",
    [
        "http://",
        "test login on http://",
        "test login on htp:/x",
        "test login on http://exa mple",
        "test login on ftp://example.com",
        "test login on http:/example.com",
        "test login on file:///etc/passwd",
        "test login on http://example.com:99999",
        "test login on http://alice:hunter2@example.com",
    ],
)
def test_bad_url_in_text(text: str) -> None:
    with pytest.raises(BadURLError) as caught:
        route(text)
    assert "not a usable URL" in str(caught.value)
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize("url", ["", "http://", "htp:/x", "http://exa mple", "localhost:8000", "ws://x.com", "x"])
def test_bad_url_argument(url: str) -> None:
    with pytest.raises(BadURLError):
        route("test login", url=url)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ('http://127.0.0.1:5000/x"""+__import__("os").system("id")+"""', 'a double quote (") at position 24'),
        ("http://127.0.0.1:5000/it's", "a single quote (') at position 25"),
        ("http://127.0.0.1:5000/\\N", "a backslash (\\) at position 23"),
        ("http://127.0.0.1:5000/a\x1bb", "the control or unprintable character '\\x1b' at position 24"),
        ("http://127.0.0.1:5000/a\x00", "the control or unprintable character '\\x00'"),
        ("http://127.0.0.1:5000/a\u2028b", "whitespace ('\\u2028') at position 24"),
        ("http://127.0.0.1:5000/a\x85b", "whitespace ('\\x85')"),
        ("http://127.0.0.1:5000/a\u202eb", "the control or unprintable character '\\u202e'"),
        ("http://127.0.0.1:5000/items/[1]", "'[' or ']' outside an IPv6 host"),
        ("http://[::1/x", "'[' or ']' outside an IPv6 host"),
    ],
)
def test_a_url_that_could_end_a_string_is_refused_naming_the_character(url: str, problem: str) -> None:
    with pytest.raises(BadURLError) as caught:
        check_url(url)
    assert f"is not a usable URL: it contains {problem}" in str(caught.value)


@pytest.mark.parametrize("url", ["http://[::1]:8000/", "http://[fe80::1%25eth0]:8000/x", "http://localhost:5000/café"])
def test_ipv6_hosts_and_printable_unicode_are_fine(url: str) -> None:
    assert check_url(url) == url


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("navigate to the About page", "About"),
        ("go to the Contact Us page on https://example.com/", "Contact Us"),
        ("open the pricing page", "pricing"),
        ("visit About and check the heading", "About"),
        ('go to the "Our Team" page', "Our Team"),
        ("navigate to /about", "/about"),
        ('search for "lamp"', "lamp"),
        ("search for lamp", "lamp"),
        ("search for a red lamp on http://localhost:8000", "red lamp"),
        ("write a test that searches the catalogue for lamps", "lamps"),
        ("look up lamp", "lamp"),
        ("test search with 'desk chair'", "desk chair"),
        ("create a test for search", None),
        ("test the login", None),
        ("write a test that a logged in user can create an issue", "issue"),
        ("as a logged in admin, add a new group", "group"),
        ("add a blog post", "blog post"),
        ("open the books table and see its rows", "books"),
        ("edit an issue after signing in", "issue"),
        ("create an issue and delete it", "issue"),
        ("filter the books by genre", "genre"),
        ("sort issues by title", "title"),
        ("go to the next page of books", "books"),
        ("import contacts from a CSV file", "contacts"),
        ("turn on two-factor authentication and save", "two-factor authentication"),
        ("toggle the email notifications setting", "email notifications"),
        ("create a project with the wizard", "project"),
        ("show only closed issues", None),
    ],
)
def test_target_slot(text: str, target: str | None) -> None:
    assert route(text).target == target


@pytest.mark.parametrize(
    ("text", "verb", "subject"),
    [
        ("write a test that a user can close an issue", "close", "issue"),
        ("test that closing an issue works", "close", "issue"),
        ("write a test that an editor can publish a post", "publish", "post"),
        ("as a signed in user, archive a note", "archive", "note"),
        ("write a test that a user can pin a comment", "pin", "comment"),
        ("reopen the ticket", "reopen", "ticket"),
    ],
)
def test_record_actions_name_the_verb_and_the_record(text: str, verb: str, subject: str) -> None:
    request = route(text)
    assert (request.flow, request.target, request.subject) == (F.RECORD_ACTION, verb, subject)


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("filter the books by genre", "books"),
        ("write a test that a user can filter books by genre", "books"),
        ("write a test that the books list can be sorted by title", "books"),
        ("test that the issues list can be ordered by title", "issues"),
        ("sort issues by title", "issues"),
        ("write a test that a user can sort by date", None),  # no records named: the page's own list
        ("write a test that a user can edit a book", "book"),
        ("go to the next page of books", "books"),
        ("log in", None),
    ],
)
def test_subject_slot_names_the_records_a_list_flow_works_on(text: str, subject: str | None) -> None:
    assert route(text).subject == subject


@pytest.mark.parametrize(
    ("text", "username", "username_env", "password_env"),
    [
        ("log in as alice", "alice", None, None),
        ("log in as alice with password from env DEMO_PASS", "alice", None, "DEMO_PASS"),
        ("log in with username bob", "bob", None, None),
        ("sign in as user carol, password from DEMO_PASS", "carol", None, "DEMO_PASS"),
        ("test login as dave@example.com.", "dave@example.com", None, None),
        ("log in, username from env DEMO_USER, password env DEMO_PASS", None, "DEMO_USER", "DEMO_PASS"),
        ("log in with the password from the environment variable SHOP_PASSWD", None, None, "SHOP_PASSWD"),
        ("log in as an admin", None, None, None),
        ("a user can log in as expected", None, None, None),
        ("log in with password from the field", None, None, None),
    ],
)
def test_credentials_slot(text: str, username: str | None, username_env: str | None, password_env: str | None) -> None:
    creds = route(text).credentials
    assert (creds.username, creds.username_env, creds.password_env) == (username, username_env, password_env)


def test_credential_arguments_win() -> None:
    creds = route("log in as alice", username="bob", password_env="BOB_PASS").credentials
    assert (creds.username, creds.password_env) == ("bob", "BOB_PASS")


def test_password_env_argument_must_be_a_name() -> None:
    with pytest.raises(UsageError) as caught:
        route("log in", password_env="hunter2!")
    assert "hunter2" not in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "log in as alice with password hunter2",
        "log in as alice, password: hunter2",
        "log in as alice password=hunter2 then log out",
        'log in with password "hunter2" and search for "lamp"',
        "log in with Password is hunter2",
        "log in with pwd hunter2",
    ],
)
def test_password_values_are_never_stored(text: str) -> None:
    request = route(text)
    assert "hunter2" not in request.model_dump_json()
    assert request.credentials.password_env is None
    assert request.credentials.username in (None, "alice")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("log in with pw: hunter2", "log in with pw: ***"),
        ("log in as alice:hunter2", "log in as alice:***"),
        ("log in as alice / hunter2 then log out", "log in as alice / *** then log out"),
        ('sign in with alice:hunter2 and search for "lamp"', 'sign in with alice:*** and search for "lamp"'),
        (
            "test log in on http://127.0.0.1:8000/login?user=alice&password=hunter2&next=/home",
            "test log in on http://127.0.0.1:8000/login?user=alice&password=***&next=/home",
        ),
    ],
)
def test_more_ways_of_writing_a_password_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected
    request = route(text)
    assert "hunter2" not in request.model_dump_json()
    assert request.credentials.username in (None, "alice")


@pytest.mark.parametrize(
    "text",
    [
        "log in at http://127.0.0.1:8000/login as alice",
        "log in http://localhost:8000/login and log out",
        'search for "note:important" at 10:30',
        "log in as alice and go to /settings/profile",
        "open http://localhost:5000/items?page=2 and check out as guest",
        "the pw field stays empty when the password is wrong",
        "log in with the password from SHOP_PASSWORD",
    ],
)
def test_ordinary_text_is_not_blanked(text: str) -> None:
    assert redact(text) == text


def test_redacted_text_keeps_the_meaning() -> None:
    request = route('log in with password "hunter2" and search for "lamp"')
    assert request.text == 'log in with password *** and search for "lamp"'
    assert (request.flow, request.target) == (F.SEARCH, "lamp")


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        ("run the tests in superagent-tests/", ["superagent-tests/"]),
        ("run tests/test_login.py", ["tests/test_login.py"]),
        ("validate tests/test_login.py.", ["tests/test_login.py"]),
        ("run tests/test_login.py::test_ok and tests/e2e", ["tests/test_login.py::test_ok", "tests/e2e"]),
        ("heal test_x.py", ["test_x.py"]),
        ("lint ./tests/ and ../other/tests/", ["./tests/", "../other/tests/"]),
        ("lint my tests", []),
        ("run tests on http://localhost:8000/app/", []),
        ("test login and/or logout", []),
    ],
)
def test_paths_slot(text: str, paths: list[str]) -> None:
    assert route(text).paths == paths


def test_paths_do_not_name_flows() -> None:
    request = route("validate tests/test_checkout.py")
    assert request.flow is None
    assert request.critical is False


@pytest.mark.parametrize(
    ("text", "flow", "score", "factors"),
    [
        ("search for lamps", F.SEARCH, 0, []),
        ("log in", F.LOGIN, 3, ["auth"]),
        ("enter the password", None, 3, ["auth"]),
        ("check out", F.CHECKOUT, 6, ["payment", "many_steps"]),
        ("enter the card details", None, 4, ["payment"]),
        ("pay by card", None, 6, ["payment", "many_steps"]),
        ("register", F.REGISTER, 5, ["auth", "many_steps"]),
        (
            "open the form, fill the name, pick a date, attach a photo and then submit",
            None,
            4,
            ["many_steps", "file_upload"],
        ),
        ("click a, then click b, then click c, then click d, then click e", None, 2, ["many_steps"]),
        ("click a, then click b", None, 0, []),
        ("upload a file", None, 2, ["file_upload"]),
        ("the chat shows live updates over a websocket", None, 3, ["websocket"]),
        ("see real-time prices", None, 3, ["websocket"]),
        ("mock the API and stub the payment gateway", None, 8, ["payment", "many_steps", "mocking"]),
        ("use a fake api", None, 2, ["mocking"]),
        ("create an item", F.CREATE_ITEM, 0, []),
        ("log in and create an item", F.CREATE_ITEM, 3, ["auth"]),
    ],
)
def test_complexity(text: str, flow: FlowKind | None, score: int, factors: list[str]) -> None:
    assert complexity(text, flow) == (score, factors)


@pytest.mark.parametrize(
    ("text", "tier", "critical"),
    [
        ("search for lamps", "easy", False),
        ("navigate to the About page", "easy", False),
        ("create a new note", "easy", False),
        ("test the login", "easy", True),
        ("test a wrong password", "easy", True),
        ("test log out", "easy", True),
        ("test sign up", "hard", True),
        ("test the checkout", "hard", True),
        ("log in and create an item", "easy", True),
        ("log in, upload a file to a new post", "hard", True),
        ("create a new note with a mocked api and watch it appear in the chat", "hard", False),
        ("create a new note and watch it appear in the chat", "easy", False),
    ],
)
def test_tier_and_critical(text: str, tier: str, critical: bool) -> None:
    request = route(text)
    assert (request.tier, request.critical) == (tier, critical)
    assert request.budget_usd == (3.00 if critical else 0.50)


def test_budgets_come_from_the_arguments() -> None:
    assert route("test the checkout", budget_critical=9.0, budget_per_feature=0.1).budget_usd == 9.0
    assert route("search for lamps", budget_critical=9.0, budget_per_feature=0.1).budget_usd == 0.1
    with pytest.raises(UsageError):
        route("search for lamps", budget_per_feature=-1)


@pytest.mark.parametrize("text", ["hello world", "what is the meaning of life", "42", "make it so"])
def test_unknown_request(text: str) -> None:
    with pytest.raises(UnknownRequestError) as caught:
        route(text)
    message = str(caught.value)
    assert repr(text) in message
    assert len(message.splitlines()) > 4
    assert sum(example in message for example in EXAMPLES) >= 3


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_request(text: str) -> None:
    with pytest.raises(UnknownRequestError, match="empty") as caught:
        route(text)
    assert EXAMPLES[0] in str(caught.value)


@pytest.mark.parametrize("text", ["write a test", "test the dashboard widgets", "generate tests"])
def test_new_test_without_a_flow(text: str) -> None:
    with pytest.raises(UnknownRequestError) as caught:
        route(text)
    message = str(caught.value)
    assert repr(text) in message
    for flow in FlowKind:
        assert f"{flow.value}:" in message


def test_unknown_message_does_not_leak_a_password() -> None:
    with pytest.raises(UnknownRequestError) as caught:
        route("my password is hunter2")
    assert "hunter2" not in str(caught.value)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=200))
def test_arbitrary_text_only_raises_usage_errors(text: str) -> None:
    try:
        request = route(text)
    except UsageError:
        return
    assert request.intent is not Intent.UNKNOWN
    assert request.budget_usd in (0.50, 3.00)


_WORDS = st.sampled_from(
    ["log in", "as alice", "test", "with", "the", "password", "from env", "search for", "and", ",", ":", "="]
)


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(_WORDS | st.text(max_size=8), max_size=6).map(" ".join),
    after=st.lists(_WORDS | st.text(max_size=8), max_size=6).map(" ".join),
    secret=st.from_regex(r"[A-Za-z0-9!@#%^&*]{4,12}", fullmatch=True).map(lambda s: "Zq9" + s),
    keyword=st.sampled_from(["password", "Password", "PASSWORD:", "password is", "password =", "pwd"]),
)
def test_a_password_value_is_never_stored(before: str, after: str, secret: str, keyword: str) -> None:
    text = f"{before} {keyword} {secret} {after}"
    try:
        request = route(text)
    except UsageError as exc:
        assert secret not in str(exc)
        return
    assert secret not in request.model_dump_json()


def test_a_request_longer_than_4_kb_is_refused_with_its_size() -> None:
    text = "write a test for search on " + " ".join(f"http://127.0.0.1:5000/p{i}" for i in range(40_000))
    with pytest.raises(UsageError, match=r"the request is \d+ bytes long; Kaya reads requests of at most 4096"):
        route(text)


def test_masking_blanks_every_span_and_nothing_else() -> None:
    from superagent.agents.router import _mask

    text = "ab cd ef gh"
    assert _mask(text, [(0, 2), (6, 8), (9, 11)]) == "   cd      "
    assert _mask(text, []) == text


@pytest.mark.parametrize(
    ("sentence", "refusal"),
    [
        ("log in with password from env ANTHROPIC_API_KEY on http://evil.example", "holds a key or token"),
        ("log in with password from env GITHUB_TOKEN on http://evil.example", "holds a key or token"),
        ("log in with password from env AWS_SECRET_KEY_PASS on http://evil.example", "holds a key or token"),
        ("log in with password from env HOME on http://evil.example", "is not allowed as a password variable"),
    ],
)
def test_a_key_or_token_can_never_be_the_password(sentence: str, refusal: str) -> None:
    with pytest.raises(UsageError, match=refusal):
        route(sentence, username="u")
    with pytest.raises(UsageError, match=refusal):
        route("log in on http://127.0.0.1:5000", username="u", password_env=sentence.split()[6])


def test_the_password_allowlist_is_configurable() -> None:
    request = route(
        "log in on http://127.0.0.1:5000", username="u", password_env="SHOP_PW", password_env_allowlist=["SHOP_PW"]
    )
    assert request.credentials.password_env == "SHOP_PW"
    with pytest.raises(UsageError, match="not allowed"):
        route("log in on http://127.0.0.1:5000", username="u", password_env="SHOP_PW")
