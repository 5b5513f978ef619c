"""The Critic: idiomatic tests come out clean, each rule fires on its own pattern, at the right line."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from superagent.agents.critic import critique_paths, critique_source
from superagent.agents.critic_rules import MAX_ACTIONS, RULES
from superagent.agents.critic_untrusted import UNTRUSTED_RULES
from superagent.errors import TestFileError, UsageError

MARK = re.compile(r"#\s*expect:\s*(SA\d{3}(?:\s*,\s*SA\d{3})*)")

HEADER = """\
import asyncio
import re
import sys
import time
from time import sleep

import pytest
from playwright.sync_api import Page, expect
"""


def found(source: str) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in critique_source(textwrap.dedent(source), "test_x.py").findings]


def marked(source: str) -> list[tuple[str, int]]:
    """The (code, line) pairs a source announces with ``# expect: SA1xx`` comments."""
    pairs = []
    for number, line in enumerate(textwrap.dedent(source).splitlines(), start=1):
        match = MARK.search(line)
        if match:
            pairs += [(code.strip(), number) for code in match.group(1).split(",")]
    return sorted(pairs, key=lambda pair: (pair[1], pair[0]))


# --- idiomatic code: zero findings -------------------------------------------------------------------------

LOGIN = """\
import re
from playwright.sync_api import Page, expect
from superagent.testkit import Credentials

def test_user_can_log_in(page: Page, credentials: Credentials) -> None:
    page.goto("/")
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill(credentials.username)
    page.get_by_label("Password").fill(credentials.password)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", name="Welcome back")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Lamp").first).to_be_visible()
    page.get_by_test_id("login-submit").click()
    page.locator("#search").fill("lamp")
    page.get_by_placeholder("Search").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("3 products found")
"""

CLASS_WITH_FIXTURES = """\
import re

import pytest
from playwright.sync_api import Page, expect


class TestCart:
    @pytest.fixture(autouse=True)
    def open_shop(self, page: Page) -> None:
        page.goto("/shop")

    @pytest.mark.parametrize(("product", "count"), [("Lamp", "1"), ("Desk", "1")])
    def test_add_to_cart(self, page: Page, product: str, count: str) -> None:
        card = page.get_by_role("article").filter(has_text=product)
        card.get_by_role("button", name="Add to cart").click()
        expect(page.get_by_test_id("cart-count")).to_have_text(count)

    def test_remove_from_cart(self, page: Page) -> None:
        page.get_by_role("row", name="Lamp").get_by_role("button", name="Remove").click()
        expect(page.get_by_role("row")).to_have_count(0)
        expect(page.locator("li", has_text="Lamp").first).to_be_hidden()
        expect(page.get_by_role("row").filter(has=page.get_by_text("Desk")).nth(0)).to_be_visible()

    @pytest.mark.skip(reason="checkout is disabled on the demo app")
    def test_checkout(self, page: Page) -> None:
        page.get_by_role("button", name="Check out").click()
        expect(page).to_have_url("http://localhost:8000/checkout")
"""

HELPERS = """\
from playwright.sync_api import Locator, Page, expect


def log_in(page: Page, username: str, password: str, remember: bool = False) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    if remember:
        page.get_by_label("Remember me").check()
    page.get_by_role("button", name="Log in").click()


class CartPage:
    def __init__(self, page: Page) -> None:
        self.page = page

    def add(self, *names: str) -> None:
        for name in names:
            self.page.get_by_role("article").filter(has_text=name).get_by_role("button").click()

    def row(self, name: str) -> Locator:
        return self.page.get_by_role("row", name=name) if name else self.page.get_by_role("table")


def test_cart_shows_added_products(page: Page, credentials) -> None:
    log_in(page, credentials.username, credentials.password)
    CartPage(page).add("Lamp", "Desk")
    expect(page.get_by_role("row")).to_have_count(2)


def test_logged_in_user_sees_dashboard(page: Page, credentials) -> None:
    log_in(page, credentials.username, credentials.password, remember=True)
    assert_dashboard(page)


def assert_dashboard(page: Page) -> None:
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
"""

CONFTEST = """\
import os

import pytest
from playwright.sync_api import Page

from superagent.testkit import Credentials


@pytest.fixture(scope="session")
def base_url() -> str:
    return os.environ.get("APP_URL", "http://localhost:8000")


@pytest.fixture
def credentials() -> Credentials:
    password = os.environ["APP_PASSWORD"]
    return Credentials(username=os.environ.get("APP_USER", "demo"), password=password)


@pytest.fixture
def logged_in(page: Page, credentials: Credentials) -> Page:
    page.goto("/login")
    page.get_by_label("Username").fill(credentials.username)
    page.get_by_label("Password").fill(credentials.password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")
    return page


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="slow tests run nightly"))
"""

GENERATED = '''\
"""A visitor can create an account."""

import re
import secrets
import uuid

from playwright.sync_api import Page, expect

from superagent.testkit import Credentials


def test_visitor_can_register(page: Page) -> None:
    username = f"user-{uuid.uuid4().hex[:8]}"
    password = secrets.token_urlsafe(12)
    page.goto("/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm password").fill(password)
    page.get_by_role("button", name="Create account").click()
    expect(page).to_have_url(re.compile(r"/welcome$"))
    expect(page.get_by_role("alert")).to_contain_text("Account created")


def test_log_in_with_wrong_password_shows_error(page: Page, credentials: Credentials) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(credentials.username)
    page.get_by_label("Password").fill(credentials.password + "-wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_have_text(re.compile("invalid", re.IGNORECASE))
'''

MISC = """\
import re
import sys

import pytest
from playwright.sync_api import APIRequestContext, Page, expect


def sleep(seconds: float) -> None:
    '''A local helper named sleep is not time.sleep.'''


@pytest.mark.skipif(sys.platform == "win32", reason="no file chooser on Windows CI")
def test_upload(page: Page) -> None:
    page.goto("/upload")
    page.get_by_label("File").set_input_files("fixtures/report.pdf")
    page.wait_for_load_state("domcontentloaded")
    expect(page.get_by_role("status")).to_have_text("Uploaded")


@pytest.mark.xfail(reason="known bug #123", strict=True)
def test_search_is_case_insensitive(page: Page) -> None:
    page.goto("/")
    page.get_by_role("searchbox").fill("LAMP")
    page.keyboard.press("Enter")
    expect(page.get_by_role("listitem")).to_have_count(3)


def test_selectors_that_are_fine(page: Page) -> None:
    page.goto("/")
    page.locator("[data-testid=cart] .badge").click()
    expect(page.locator(".card__title")).to_have_count(3)
    page.locator("form#checkout button[type=submit]").click()
    page.locator("nav >> text=Home").click()
    page.locator("button:has-text('Save')").click()
    page.locator("#main-content .product-list > li.col-md-6").filter(has_text="Lamp").click()
    page.locator("//button[@type='submit']").click()
    page.get_by_label("Email").fill("shopper@example.com")
    page.get_by_label("Coupon code").fill("SAVE10")
    with page.expect_popup() as popup_info:
        page.get_by_role("link", name="Help").click()
    expect(popup_info.value).to_have_title(re.compile("Help"))
    expect(page).to_have_url("http://localhost:8000/products?page=2&sort=price")


def test_api_health(api_request_context: APIRequestContext) -> None:
    response = api_request_context.get("/health")
    assert response.ok
    assert response.json()["status"] == "ok"
    assert response.url.endswith("/health")


def test_raises_when_app_is_down(page: Page) -> None:
    with pytest.raises(TimeoutError):
        page.goto("http://localhost:1/")


def test_noqa_silences_one_line(page: Page) -> None:
    page.goto("/")
    page.wait_for_timeout(100)  # noqa: SA101 -- animation without an end event
    page.get_by_role("button").first.click()  # noqa
    expect(page.get_by_role("dialog")).to_be_visible()
"""


@pytest.mark.parametrize(
    "source",
    [LOGIN, CLASS_WITH_FIXTURES, HELPERS, CONFTEST, GENERATED, MISC],
    ids=["login", "class-fixtures", "helpers", "conftest", "generated", "misc"],
)
def test_idiomatic_code_is_clean(source: str) -> None:
    assert critique_source(source, "test_clean.py").findings == []


# --- each rule fires: `# expect: SAxxx` marks every line that must be reported, and no other ---------------

CASES = {
    "SA101": """
        def test_waits(page: Page) -> None:
            page.goto("/")
            page.wait_for_timeout(500)  # expect: SA101
            time.sleep(1)  # expect: SA101
            sleep(0.5)  # expect: SA101
            expect(page.get_by_role("status")).to_be_visible()


        async def settle() -> None:
            await asyncio.sleep(1)  # expect: SA101
    """,
    "SA102": """
        def test_idle(page: Page) -> None:
            page.goto("/", wait_until="networkidle")  # expect: SA102
            page.wait_for_load_state("networkidle")  # expect: SA102
            expect(page.get_by_role("main")).to_be_visible()
    """,
    "SA103": """
        def test_force(page: Page) -> None:
            page.goto("/")
            page.get_by_role("button", name="Save").click(force=True)  # expect: SA103
            page.get_by_label("Agree").check(force=True)  # expect: SA103
            page.get_by_role("button", name="Save").click(force=False)
            expect(page.get_by_role("status")).to_have_text("Saved")
    """,
    "SA104": """
        def test_positions(page: Page) -> None:
            page.goto("/")
            page.get_by_role("row").nth(2).click()  # expect: SA104
            page.locator(".card").first.click()  # expect: SA104
            rows = page.get_by_role("row")
            rows.last.click()  # expect: SA104
            page.get_by_role("row").filter(has_text="Lamp").first.click()
            expect(page.get_by_role("listitem").nth(0)).to_be_visible()  # expect: SA104
    """,
    "SA105": """
        def test_handles(page: Page) -> None:
            page.goto("/")
            cart = page.query_selector("#cart")  # expect: SA105
            items = page.query_selector_all("li")  # expect: SA105
            page.wait_for_selector("#toast")  # expect: SA105
            handle = page.get_by_role("button").element_handle()  # expect: SA105
            expect(page.get_by_role("status")).to_be_visible()
    """,
    "SA106": """
        def test_reads(page: Page) -> None:
            page.goto("/")
            assert page.get_by_role("status").text_content() == "Saved"  # expect: SA106
            assert page.get_by_role("alert").is_visible()  # expect: SA106
            assert not page.get_by_role("dialog").is_hidden()  # expect: SA106
            assert page.get_by_role("button").is_enabled()  # expect: SA106
            assert page.get_by_label("Agree").is_checked()  # expect: SA106
            assert page.get_by_role("link").get_attribute("href") == "/cart"  # expect: SA106
            assert page.get_by_label("Email").input_value() == "a@example.com"  # expect: SA106
            assert page.get_by_role("listitem").count() == 3  # expect: SA106
            assert page.url == "http://localhost:8000/dashboard"  # expect: SA106
            assert "/dashboard" in page.url  # expect: SA106
            assert page.title() == "Shop"  # expect: SA106
            heading = page.get_by_role("heading").inner_text()
            assert heading == "Welcome"  # expect: SA106
            assert ["a", "b"].count("a") == 1
    """,
    "SA107": """
        def test_clicks_and_hopes(page: Page) -> None:  # expect: SA107
            page.goto("/")
            page.get_by_role("button", name="Buy").click()


        def test_only_navigates(page: Page) -> None:  # expect: SA107
            page.goto("/about")


        def test_only_reads(page: Page) -> None:
            expect(page.get_by_role("heading")).to_be_visible()
    """,
    "SA108": """
        def test_logic(page: Page) -> None:
            page.goto("/")
            if page.get_by_role("dialog").is_visible():  # expect: SA108
                page.get_by_role("button", name="Close").click()
            for name in ["Lamp", "Desk"]:  # expect: SA108
                page.get_by_label(name).check()
            label = "Yes" if sys.platform else "No"  # expect: SA108
            while page.get_by_role("button", name="More").is_visible():  # expect: SA108
                page.get_by_role("button", name="More").click()
            expect(page.get_by_text(label)).to_be_visible()


        def test_match(page: Page, kind: str) -> None:
            match kind:  # expect: SA108
                case "a":
                    page.goto("/a")
            expect(page).to_have_title("A")
    """,
    "SA109": """
        @pytest.mark.skip  # expect: SA109
        def test_a() -> None: ...


        @pytest.mark.skip()  # expect: SA109
        def test_b() -> None: ...


        @pytest.mark.skipif(sys.platform == "win32")  # expect: SA109
        def test_c() -> None: ...


        @pytest.mark.xfail  # expect: SA109
        def test_d() -> None: ...


        @pytest.mark.xfail(strict=True)  # expect: SA109
        def test_e() -> None: ...


        def test_f() -> None:
            pytest.skip()  # expect: SA109


        @pytest.mark.skip("flaky upstream")
        def test_g() -> None:
            pytest.skip("not on this backend")
    """,
    "SA110": """
        def test_css(page: Page) -> None:
            page.goto("/")
            page.locator("table tr:nth-child(2) td").click()  # expect: SA110
            page.locator("li:nth-of-type(3)").click()  # expect: SA110
            page.locator("main > div section ul li a").click()  # expect: SA110
            page.locator(".css-1x2y3z4").click()  # expect: SA110
            page.locator("div.sc-bdVaJa > span").click()  # expect: SA110
            page.locator(".jsx-2837465").click()  # expect: SA110
            page.locator(".Button_primary_3xkF2_1").click()  # expect: SA110
            page.locator("button.btn-3fa9c2").click()  # expect: SA110
            page.locator("#f-3k9x").click()  # expect: SA110
            page.locator("#ember123").click()  # expect: SA110
            page.locator("#\\\\:r5\\\\:-form-item").click()  # expect: SA110
            page.click("css=div:nth-child(4)")  # expect: SA110
            page.frame_locator("iframe").locator(".css-9zq8w7v").click()  # expect: SA110
            save = "css=form > div > div > div > button"  # expect: SA110
            expect(page.get_by_role("status")).to_be_visible()
    """,
    "SA111": """
        def test_xpath(page: Page) -> None:
            page.goto("/")
            page.locator("xpath=/html/body/div[2]/button").click()  # expect: SA111
            page.locator("/html/body/main/form").click()  # expect: SA111
            page.locator('//*[@id="app"]/div[3]/span').click()  # expect: SA111
            page.locator("(//button)[2]").click()  # expect: SA111
            page.locator("//button[@type='submit']").click()
            expect(page.get_by_role("status")).to_be_visible()
    """,
    "SA112": """
        def test_secrets(page: Page) -> None:
            page.goto("/")
            page.get_by_label("Password").fill("hunter2")  # expect: SA112
            page.locator("#api-key").fill("abc123")  # expect: SA112
            page.fill("input[name=password]", "hunter2")  # expect: SA112
            page.get_by_label("Password").fill("")
            password = "hunter2"  # expect: SA112
            API_KEY: str = "k-12345"  # expect: SA112
            data = {"username": "demo", "token": "abc"}  # expect: SA112
            login(page, password="hunter2")  # expect: SA112
            secret_label = "Secret"
            expect(page.get_by_role("status")).to_be_visible()
    """,
    "SA113": """
        def test_urls(page: Page) -> None:
            page.goto("/")
            expect(page).to_have_url("http://localhost:8000/items/8f3a9c2e71")  # expect: SA113
            expect(page).to_have_url("/orders/123e4567-e89b-12d3-a456-426614174000")  # expect: SA113
            expect(page).to_have_url("/items/4821/edit")  # expect: SA113
            expect(page).to_have_url("/receipt?id=a1b2c3d4e5")  # expect: SA113
            expect(page).to_have_url("/orders/SA-XSPRLX")  # expect: SA113
            expect(page).to_have_url(f"{base_url}/orders/10342")  # expect: SA113
            expect(page).to_have_url(base_url + "/items/8f3a9c2e71")  # expect: SA113
            expect(page).to_have_url(re.compile(r"/items/[^/]+$"))
            expect(page).to_have_url("/blog/2024/top-10-lamps?page=2")
            expect(page).to_have_url(f"{base_url}/orders/{order_id}")
            expect(page).to_have_url(f"{base_url}/blog/2024/top-10-lamps")
    """,
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_reports_exact_lines(code: str) -> None:
    source = HEADER + textwrap.dedent(CASES[code])
    expected = marked(source)
    assert expected and {c for c, _ in expected} == {code}
    assert found(source) == expected


def test_key_looking_literals_are_secrets() -> None:
    keys = ["sk-" + "proj-" + "Ab3dE6gH9jK2mN5pQ8sT", "gh" + "p_" + "a1B2" * 6, "AKIA" + "Q2W3E4R5T6Y7U8I9", "eyJ"
            + "hbGciOiJIUzI1" + ".eyJ" + "zdWIiOiIxMjM0" + ".sig"]  # fmt: skip
    source = (
        "\n".join(f"value_{i} = {key!r}" for i, key in enumerate(keys)) + "\nclass_name = 'sk-circle-bounce-anim'\n"
    )
    assert found(source) == [("SA112", line) for line in range(1, len(keys) + 1)]


def test_secret_message_does_not_repeat_the_secret() -> None:
    finding = critique_source('def f(page):\n    page.get_by_label("Password").fill("hunter2")\n').findings[0]
    assert "hunter2" not in finding.message
    assert finding.message.startswith('Hard-coded secret: `page.get_by_label("Password").fill("...")`')
    finding = critique_source('page.fill("#password", "hunter2")  # a legacy page-level call\n').findings[0]
    assert finding.message == 'Hard-coded secret: `page.fill("#password", "...")` types a literal into a secret field.'


def test_too_many_steps() -> None:
    def test_source(actions: int) -> str:
        body = "".join(f'    page.get_by_label("Field {i}").fill("x")\n' for i in range(actions))
        return f"def test_long(page):\n{body}    expect(page.get_by_role('status')).to_be_visible()\n"

    assert found(test_source(MAX_ACTIONS)) == []
    assert found(test_source(MAX_ACTIONS + 1)) == [("SA114", 1)]
    message = critique_source(test_source(MAX_ACTIONS + 1)).findings[0].message
    assert message == f"Test `test_long` performs {MAX_ACTIONS + 1} page actions (more than {MAX_ACTIONS})."


def test_messages_quote_code_and_hints_are_specific() -> None:
    source = 'def test_x(page):\n    assert page.get_by_role("alert").is_visible()\n    page.wait_for_timeout(50)\n'
    wait, read = sorted(critique_source(source, "t.py").findings, key=lambda f: f.code)
    assert read.code == "SA106"
    assert read.message.startswith('`assert page.get_by_role("alert").is_visible()`')
    assert "expect(locator).to_be_visible()" in read.hint
    assert "`page.wait_for_timeout(50)`" in wait.message
    assert (wait.path, wait.line, wait.col) == ("t.py", 3, 5)


def test_url_assertion_hint_points_to_to_have_url() -> None:
    finding = critique_source('def test_x(page):\n    assert page.url == "/a"\n').findings[0]
    assert "expect(page).to_have_url(" in finding.hint


def test_positions_are_one_based_characters() -> None:
    source = 'def test_x(page):\n    x = "é"; page.wait_for_timeout(1)\n    expect(page).to_have_title("x")\n'
    (finding,) = critique_source(source).findings
    assert (finding.line, finding.col) == (2, 14)


# --- noqa -------------------------------------------------------------------------------------------------


def test_noqa_with_codes_silences_only_those_codes() -> None:
    source = "def test_x(page):\n    page.goto('/', wait_until='networkidle'); time.sleep(1)  # noqa: SA101\n"
    assert found(source) == [("SA107", 1), ("SA102", 2)]
    assert found(source.replace("# noqa: SA101", "# noqa: SA101, SA102")) == [("SA107", 1)]
    assert found(source.replace("# noqa: SA101", "# noqa")) == [("SA107", 1)]
    assert found(source.replace("# noqa: SA101", "# NOQA:SA102,SA101")) == [("SA107", 1)]


def test_noqa_inside_a_string_does_not_count() -> None:
    source = 'def test_x(page):\n    page.wait_for_timeout(1); x = "# noqa"\n    expect(page).to_have_title("x")\n'
    assert found(source) == [("SA101", 2)]


# --- syntax errors, files and folders -----------------------------------------------------------------------


def test_syntax_error_is_a_finding() -> None:
    critique = critique_source("def test_x(page)\n    pass\n", "broken_test.py")
    (finding,) = critique.findings
    assert (finding.code, finding.line, finding.path) == ("SA000", 1, "broken_test.py")
    assert finding.col >= 1
    assert "expected ':'" in finding.message
    assert not critique.accepted


def test_registry_is_complete_and_consistent() -> None:
    codes = [rule.code for rule in RULES]
    assert codes == sorted(codes) == [f"SA{n}" for n in range(101, 115)]
    untrusted = [rule.code for rule in UNTRUSTED_RULES]
    assert untrusted == sorted(untrusted) == [f"SA{n}" for n in range(201, 209)]
    assert all(rule.level == "error" for rule in UNTRUSTED_RULES)
    for rule in RULES + UNTRUSTED_RULES:
        assert rule.name and rule.summary and rule.message and rule.hint
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        assert rule.level in {"error", "warning"}
    assert len({rule.name for rule in RULES + UNTRUSTED_RULES}) == len(RULES + UNTRUSTED_RULES)


def write(path: Path, text: str = "def test_ok():\n    assert True\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_critique_paths_expands_folders_recursively_and_sorted(tmp_path: Path) -> None:
    write(tmp_path / "b" / "test_two.py", "import time\ntime.sleep(1)\n")
    write(tmp_path / "a" / "login_test.py")
    write(tmp_path / "a" / "test_one.py")
    write(tmp_path / "a" / "helpers.py", "import time\ntime.sleep(1)\n")
    write(tmp_path / ".venv" / "test_vendored.py")
    write(tmp_path / "__pycache__" / "test_cached.py")
    critiques = critique_paths([str(tmp_path)])
    names = [Path(c.path).relative_to(tmp_path).as_posix() for c in critiques]
    assert names == ["a/login_test.py", "a/test_one.py", "b/test_two.py"]
    assert [len(c.findings) for c in critiques] == [0, 0, 1]


def test_critique_paths_takes_files_as_given_once(tmp_path: Path) -> None:
    checks = write(tmp_path / "checks.py", "x = (\n")
    critiques = critique_paths([str(checks), str(tmp_path / "checks.py")])
    assert [c.path for c in critiques] == [str(checks)]
    assert critiques[0].findings[0].code == "SA000"


def test_critique_paths_rejects_missing_paths_and_empty_folders(tmp_path: Path) -> None:
    with pytest.raises(TestFileError, match="not found"):
        critique_paths([str(tmp_path / "nope.py")])
    write(tmp_path / "empty" / "helpers.py")
    with pytest.raises(TestFileError, match="no test files"):
        critique_paths([str(tmp_path / "empty")])


def test_unreadable_file_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "test_bad.py"
    bad.write_bytes(b"x = '\xff\xfe'\n")
    with pytest.raises(UsageError):
        critique_paths([str(bad)])


# --- the allowlist for generated and model-written code (SA2xx, only with untrusted=True) ------------------

ALLOWED_HEADER = """\
import re
import secrets
import uuid
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from superagent.testkit import Credentials
"""

UNTRUSTED_CASES = {
    "SA201": """
        import os  # expect: SA201
        import subprocess as sp  # expect: SA201
        import playwright.sync_api
        from pathlib import Path
        from pathlib import PurePath  # expect: SA201
        from playwright.sync_api import sync_playwright  # expect: SA201
        from superagent.testkit.credentials import load_credentials  # expect: SA201
        from superagent import services  # expect: SA201
        from . import helpers  # expect: SA201


        def test_x(page: Page) -> None:
            import json  # expect: SA201
            expect(page).to_have_title("x")
    """,
    "SA202": '''
        """A docstring is fine."""
        TIMEOUT = 5000
        NAMES: tuple[str, ...] = ("Lamp", "Desk", -1, {"a": [1.5]})
        print("imported")  # expect: SA202
        token = secrets.token_hex(8)  # expect: SA202
        if True:  # expect: SA202
            pass
        try:  # expect: SA202
            pass
        except Exception:
            pass


        class TestCart:
            """Class bodies run on import too."""

            LIMIT = 3
            stamp = datetime.now()  # expect: SA202

            def test_cart(self, page: Page) -> None:
                expect(page).to_have_title("Cart")


        class Sneaky(metaclass=type):  # expect: SA202
            pass
    ''',
    "SA203": """
        def test_x(page: Page) -> None:
            eval("1")  # expect: SA203
            exec("x = 1")  # expect: SA203
            run = __import__  # expect: SA203
            open("/etc/passwd")  # expect: SA203
            compile("1", "f", "eval")  # expect: SA203
            globals()  # expect: SA203
            vars(page)  # expect: SA203
            getattr(page, "__class__")  # expect: SA203
            getattr(page, name)  # expect: SA203
            setattr(page, "_impl", None)  # expect: SA203
            fetch = getattr  # expect: SA203
            getattr(page, "url")
            expect(page).to_have_title("x")
    """,
    "SA204": """
        def test_x(page: Page) -> None:
            page.__class__  # expect: SA204
            ().__class__.__base__.__subclasses__()  # expect: SA204
            page.goto.__globals__  # expect: SA204
            __builtins__  # expect: SA204
            page._impl_obj  # expect: SA204
            (x for x in ()).gi_frame.f_globals  # expect: SA204
            "{0.__class__}".format(page)  # expect: SA204
            template.format(page)  # expect: SA204
            "{} items".format(3)
            expect(page).to_have_title("x")
    """,
    "SA205": """
        def test_x(page: Page) -> None:
            uuid.os.system("id")  # expect: SA205
            re.sys  # expect: SA205
            pytest.importorskip("os")  # expect: SA205
            page.context.browser.browser_type.launch()  # expect: SA205
            os.getcwd()  # expect: SA205
            subprocess  # expect: SA205
            uuid.uuid4().hex
            expect(page).to_have_url(re.compile(r"/x$"))
    """,
    "SA206": """
        def test_x(page: Page) -> None:
            page.screenshot(path="/tmp/shot.png")  # expect: SA206
            page.get_by_label("File").set_input_files("/home/me/.ssh/id_rsa")  # expect: SA206
            page.context.storage_state(path="state.json")  # expect: SA206
            page.screenshot()
            expect(page).to_have_title("x")


        def test_paths(page: Page, tmp_path) -> None:
            upload = tmp_path / "contacts.csv"
            upload.write_text("name,email\\n")
            (tmp_path / "notes.txt").write_bytes(b"x")
            page.get_by_label("File").set_input_files(upload)
            page.get_by_label("File").set_input_files(Path(__file__).parent / "files" / "contacts.csv")
            Path("/etc/passwd").read_text()  # expect: SA206
            Path.home()  # expect: SA206
            (Path(__file__).parent / "x.txt").write_text("x")  # expect: SA206
            page.get_by_label("File").set_input_files(Path(__file__).parent.parent / "files" / "a.csv")  # expect: SA206
            page.get_by_label("File").set_input_files(Path(__file__).parent / "files" / "..")  # expect: SA206
            page.get_by_label("File").set_input_files(tmp_path / ".." / "x")  # expect: SA206
            expect(page).to_have_title("x")
    """,
    "SA207": """
        @pytest.fixture
        def cart(page: Page, tmp_path_factory) -> Page:  # expect: SA207
            return page


        @pytest.mark.parametrize("product", ["Lamp", "Desk"])
        def test_x(page: Page, cart: Page, credentials: Credentials, product: str, request) -> None:  # expect: SA207
            expect(page).to_have_title(product)


        @pytest.mark.parametrize("monkeypatch", ["x"], indirect=True)  # expect: SA207
        def test_y(page: Page, monkeypatch) -> None:
            expect(page).to_have_title("y")


        @pytest.mark.usefixtures("pytester")  # expect: SA207
        def test_z(page: Page) -> None:
            expect(page).to_have_title("z")


        def pytest_generate_tests(metafunc) -> None:  # expect: SA207
            pass
    """,
    "SA208": """
        def test_x(page: Page, credentials: Credentials, base_url: str) -> None:
            page.goto("/login")
            page.goto("")
            page.goto("https://elsewhere.example/")  # expect: SA208
            page.goto("//elsewhere.example/")  # expect: SA208
            page.goto(f"{base_url}/x")  # expect: SA208
            page.evaluate("fetch('/x')")  # expect: SA208
            page.set_content("<script></script>")  # expect: SA208
            page.route("**/*", lambda route: route.abort())  # expect: SA208
            page.request.get("/api")  # expect: SA208
            expect(page).to_have_title("x")
    """,
}


def untrusted_found(source: str) -> list[tuple[str, int]]:
    findings = critique_source(textwrap.dedent(source), "test_x.py", untrusted=True).findings
    return sorted(((f.code, f.line) for f in findings if f.code.startswith("SA2")), key=lambda p: (p[1], p[0]))


@pytest.mark.parametrize("code", sorted(UNTRUSTED_CASES))
def test_untrusted_rule_reports_exact_lines(code: str) -> None:
    source = ALLOWED_HEADER + textwrap.dedent(UNTRUSTED_CASES[code])
    expected = marked(source)
    assert expected and {c for c, _ in expected} == {code}
    assert untrusted_found(source) == expected


@pytest.mark.parametrize("source", [LOGIN, CLASS_WITH_FIXTURES, HELPERS, GENERATED], ids=str)
def test_idiomatic_test_code_passes_the_allowlist(source: str) -> None:
    assert critique_source(source, "test_clean.py", untrusted=True).findings == []


def test_the_allowlist_applies_only_when_asked() -> None:
    assert found(CONFTEST) == []
    assert {code for code, _ in untrusted_found(CONFTEST)} == {"SA201", "SA205", "SA207"}


def test_noqa_cannot_silence_the_allowlist() -> None:
    source = "import os  # noqa\nimport time  # noqa: SA201\n"
    assert untrusted_found(source) == [("SA201", 1), ("SA201", 2)]


def test_the_injected_url_test_is_refused() -> None:
    """What a URL ending a docstring would have produced: it parses, and the allowlist stops it."""
    source = '"""Written from http://x/"""+__import__("os").system("id")+""""""\n' + GENERATED
    assert ("SA202", 1) in untrusted_found(source)
    assert ("SA203", 1) in untrusted_found(source)


def test_critique_paths_applies_the_allowlist_on_request(tmp_path: Path) -> None:
    test = write(tmp_path / "test_os.py", "import os\n\ndef test_ok():\n    assert os.sep\n")
    assert critique_paths([str(test)])[0].findings == []
    assert [f.code for f in critique_paths([str(test)], untrusted=True)[0].findings] == ["SA201", "SA205"]
