"""The words of the step language: verb synonyms, role nouns, fillers, key names. Data only, no behaviour.

Each entry of ``TERMINALS`` becomes one terminal of ``step_language.lark``: the phrases are matched
case-insensitively, as whole words, with any whitespace between their words. Adding a synonym here is all it
takes to teach the parser a new wording; the grammar only fixes the order of the parts of a phrase.
"""

from __future__ import annotations

from itertools import product


def _forms(*phrases: str) -> tuple[str, ...]:
    """Each phrase and its third-person form on the first word: "click on" -> "click on", "clicks on"."""
    out: list[str] = []
    for phrase in phrases:
        first, _, rest = phrase.partition(" ")
        third = first + ("es" if first.endswith(("s", "sh", "ch", "x", "o")) else "s")
        out += [phrase, f"{third} {rest}".strip()]
    return tuple(out)


# "write a test that ...", one word (or none, for "") from each slot in turn.
TEST_LEAD: tuple[tuple[str, ...], ...] = (
    ("write", "create", "generate", "make", "add", "build"),
    ("a", "an", "the", "new", "a new", ""),
    ("test", "e2e test", "end-to-end test", "scenario", "check"),
    ("that", "where", "which", "to", "in which", "checking that", "that checks that", "for when"),
)

# Leading words that say nothing about the step itself ("write a test that the user can ...").
FILLERS: tuple[str, ...] = (
    "test that", "test whether", "test if", "check that", "checks that", "verify that", "verifies that", "verify",
    "make sure that", "make sure", "ensure that", "ensure", "assert that", "confirm that", "expect that",
    "i want to", "we want to", "i need to", "we need to", "i'd like to", "i", "we", "you", "they",
    "the user", "a user", "user", "users", "the visitor", "a visitor", "the customer", "a customer", "someone",
    "can", "could", "will", "should be able to", "is able to", "are able to", "am able to", "be able to",
    "then", "and", "and then", "finally", "first", "firstly", "next", "after that", "afterwards", "also",
    "please", "now", "lastly", "when", "given", "but", "so",
)  # fmt: skip

# fmt: off
TERMINALS: dict[str, tuple[str, ...]] = {
    "FILLER": FILLERS,
    # ---- actions ----
    "GOTO": (
        *_forms("go to", "navigate to", "browse to", "head to", "open", "visit", "load", "go over to"),
        "goto", "going to", "am on", "is on", "are on", "start on", "start at", "starts on", "starts at", "am at",
        "land on", "lands on",
    ),
    "CLICK": (*_forms("click", "click on", "tap", "tap on", "hit", "press", "press on"), "clicking", "clicking on"),
    "FILL": (*_forms("fill", "fill in", "fill out", "type", "enter", "input", "put"), "typing", "entering"),
    "SET": _forms("set", "change"),
    "SELECT": _forms("select", "choose", "pick"),
    "CHECK": _forms("check", "tick", "toggle", "turn on", "switch on"),
    "UNCHECK": _forms("uncheck", "untick", "turn off", "switch off"),
    "UPLOAD": _forms("upload", "attach"),
    "HOVER": (*_forms("hover", "hover over", "hover on", "mouse over"), "move the mouse over", "moves the mouse over"),
    "PRESS": _forms("press", "hit"),
    "LOGIN": (
        *_forms("log in", "login", "log on", "sign in", "signin"),
        "logged in", "signed in", "logged on", "am logged in", "is logged in", "are logged in", "am signed in",
        "is signed in", "are signed in", "have logged in", "has logged in",
    ),
    "LOGOUT": (
        *_forms("log out", "logout", "log off", "sign out", "signout", "sign off"),
        "logged out", "signed out", "am logged out", "is logged out", "am signed out", "is signed out",
    ),
    "WAIT": _forms("wait"),
    "RELOAD": (*_forms("reload", "refresh"), "reloading", "refreshing"),
    # ---- expectations ----
    "EXPECT": ("expect", "expects", "assert", "asserts"),
    "SEE": ("see", "sees", "seeing", "find", "finds", "notice", "notices"),
    "SHOW": _forms("show", "display", "say", "read", "render"),
    "CONTAIN": _forms("contain", "include"),
    "HAVE": ("has", "have", "having"),
    "ENDS_WITH": ("ends with", "end with", "ending with"),
    "EQUALS": ("equals", "equal", "matches", "match"),
    "AUX": ("should", "must", "will", "can", "do", "does", "shall", "would", "to"),
    "NEG_AUX": (
        "shouldn't", "mustn't", "won't", "can't", "cannot", "don't", "doesn't", "didn't", "wouldn't", "should never",
        "must never", "never",
    ),
    "NOT": ("not", "no longer"),
    "IS": ("is", "are", "becomes", "become", "stays", "stay", "remains", "remain", "gets", "is now", "are now"),
    "NEG_IS": ("isn't", "aren't"),
    "BE": ("be", "become", "stay", "remain", "get", "still be"),
    "THERE": ("there",),
    "PAGE": ("the page", "page", "the screen", "the app", "the site", "it", "the browser", "the window"),
    "URL": (
        "the url", "url", "the page url", "the current url", "the browser url", "the address", "the location",
        "the path", "the address bar",
    ),
    "TITLE": ("the title", "title", "the page title", "the window title", "the tab title", "the document title"),
    "HEADING": ("the heading", "heading", "the page heading", "the main heading", "the h1", "the headline"),
    "FIRST": tuple(
        f"{the}{first} {noun}"
        for the, first, noun in product(
            ("the ", ""), ("first", "top"), ("row", "result", "item", "entry", "card", "record", "line")
        )
    ),
    "VALUE_WORD": ("value", "the value", "a value"),
    "VALUE_OF": ("the value of", "value of"),
}
# fmt: on

# Words after which a verb is not that verb: "check that X is shown" is an expectation, "check out" a flow.
NOT_FOLLOWED_BY: dict[str, tuple[str, ...]] = {
    "CHECK": ("out", "that", "whether", "if", "the url", "the title"),
}

# Expectations about an element's state: the terminal for each verb and the words that name it.
STATE_WORDS: dict[str, tuple[str, ...]] = {
    "visible": ("visible", "shown", "displayed", "present", "on screen", "on the page", "showing", "there"),
    "hidden": ("hidden", "invisible", "gone", "absent", "not shown", "not displayed", "not present"),
    "enabled": ("enabled", "active", "clickable", "editable", "usable"),
    "disabled": ("disabled", "greyed out", "grayed out", "inactive", "read-only", "readonly", "not clickable"),
    "checked": ("checked", "ticked", "selected", "on", "turned on", "switched on"),
    "unchecked": ("unchecked", "unticked", "not checked", "not ticked", "deselected", "unselected", "off",
                  "turned off", "switched off"),
}  # fmt: skip
# "X appears" / "X disappears": a change of visibility said with a verb.
STATE_CHANGES: dict[str, tuple[str, ...]] = {
    "visible": (*_forms("appear", "show up", "pop up"), "is displayed", "gets displayed"),
    "hidden": _forms("disappear", "vanish", "go away", "close"),
}

# Keys for "press KEY", by the lower-case word a user types, to Playwright's name for them.
KEYS: dict[str, str] = {
    **{k.lower(): k for k in (
        "Enter", "Escape", "Tab", "Backspace", "Delete", "Space", "Home", "End", "PageUp", "PageDown", "Insert",
        "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight",
    )},
    **{f"f{n}": f"F{n}" for n in range(1, 13)},
    "return": "Enter", "esc": "Escape", "del": "Delete", "spacebar": "Space", "up": "ArrowUp", "down": "ArrowDown",
    "left": "ArrowLeft", "right": "ArrowRight", "page up": "PageUp", "page down": "PageDown",
    "arrow up": "ArrowUp", "arrow down": "ArrowDown", "arrow left": "ArrowLeft", "arrow right": "ArrowRight",
    "up arrow": "ArrowUp", "down arrow": "ArrowDown", "left arrow": "ArrowLeft", "right arrow": "ArrowRight",
}  # fmt: skip
MODIFIERS: dict[str, str] = {
    "control": "Control", "ctrl": "Control", "shift": "Shift", "alt": "Alt", "option": "Alt", "meta": "Meta",
    "cmd": "Meta", "command": "Meta", "controlormeta": "ControlOrMeta",
}  # fmt: skip

# Numbers a count may be spelled with ("three rows").
NUMBER_WORDS: dict[str, int] = {
    w: n
    for n, w in enumerate(
        (
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        )
    )
} | {"no": 0, "a single": 1, "just one": 1, "only one": 1}

# Nouns that name an element's kind, and the ARIA roles they point to ("the Add link" -> link).
ROLE_NOUNS: dict[str, tuple[str, ...]] = {
    "button": ("button",), "btn": ("button",), "menu button": ("button",), "dropdown button": ("button",),
    "link": ("link",), "hyperlink": ("link",),
    "tab": ("tab",),
    "menu item": ("menuitem",), "menuitem": ("menuitem",), "menu entry": ("menuitem",),
    "checkbox": ("checkbox",), "check box": ("checkbox",), "tickbox": ("checkbox",), "tick box": ("checkbox",),
    "radio": ("radio",), "radio button": ("radio",), "option button": ("radio",),
    "switch": ("switch",), "toggle": ("switch",),
    "field": ("textbox", "searchbox", "combobox"), "input": ("textbox", "searchbox", "combobox"),
    "box": ("textbox", "searchbox", "combobox"), "input field": ("textbox", "searchbox", "combobox"),
    "text box": ("textbox",), "textbox": ("textbox",), "text field": ("textbox",), "text area": ("textbox",),
    "textarea": ("textbox",), "text input": ("textbox",),
    "search box": ("searchbox", "textbox"), "search field": ("searchbox", "textbox"),
    "search bar": ("searchbox", "textbox"), "searchbox": ("searchbox", "textbox"),
    "dropdown": ("combobox", "listbox"), "drop-down": ("combobox", "listbox"), "drop down": ("combobox", "listbox"),
    "select": ("combobox", "listbox"), "select box": ("combobox", "listbox"), "combo box": ("combobox", "listbox"),
    "combobox": ("combobox", "listbox"), "list box": ("listbox", "combobox"), "listbox": ("listbox", "combobox"),
    "option": ("option",),
    "heading": ("heading",), "header": ("heading",), "title": ("heading",),
    "icon": ("button", "link", "img"), "image": ("img",), "picture": ("img",), "logo": ("img", "link"),
    "row": ("row",), "cell": ("cell",), "column": ("columnheader",),
    "dialog": ("dialog",), "modal": ("dialog",), "popup": ("dialog",), "pop-up": ("dialog",),
    "message": ("alert", "status"), "alert": ("alert",), "notification": ("alert", "status"),
    "toast": ("status", "alert"), "banner": ("alert", "status", "banner"), "error": ("alert",),
    "table": ("table", "grid"), "list": ("list",), "form": ("form",), "region": ("region",),
    "section": ("region",), "menu": ("menu", "button"), "navigation": ("navigation",), "nav": ("navigation",),
    # nouns that say nothing about the role, only that the words before them are the name
    "text": (), "label": (), "element": (), "page": (), "screen": (), "view": (), "file": (), "key": (),
}  # fmt: skip
# Nouns that leave the target without a role, by verb: a page is not an element.
PAGE_NOUNS = ("page", "screen", "view", "tab", "section")

# Roles a verb implies when the user names no kind of element.
VERB_ROLES: dict[str, tuple[str, ...]] = {
    "click": ("button", "link", "menuitem", "tab"),
    "fill": ("textbox", "searchbox", "combobox"),
    "select": ("combobox", "listbox"),
    "check": ("checkbox", "radio", "switch"),
    "uncheck": ("checkbox", "switch"),
    "checked": ("checkbox", "radio", "switch"),
    "unchecked": ("checkbox", "radio", "switch"),
    "value": ("textbox", "searchbox", "combobox"),
    "heading": ("heading",),
}

# Words before a name that are not part of it ("the Save button" -> "Save").
DETERMINERS = ("the", "a", "an", "my", "our", "your", "their", "this", "that", "its")
# Values meaning "generate one per run" (only unquoted: a quoted value is always typed as written).
UNIQUE_PHRASES = (
    "a unique name", "a unique title", "a unique value", "a unique text", "a unique word", "a unique id",
    "a unique string", "a new unique name", "a new unique title", "some unique text", "a random name",
    "a random title", "a random value",
)  # fmt: skip

# What a step that starts with a known verb needs, for the error message when the rest cannot be read.
USAGE: dict[str, str] = {
    "GOTO": "go to PAGE, e.g. go to /admin/books or open the Books page",
    "CLICK": 'click X, e.g. click Save or click the "Add book" link',
    "FILL": 'fill VALUE in FIELD or fill FIELD with VALUE, e.g. fill "Ada" in Name',
    "SET": 'set FIELD to VALUE, e.g. set Quantity to "3"',
    "SELECT": 'select OPTION from FIELD, e.g. select "Large" from Size',
    "CHECK": "check X, e.g. check Remember me",
    "UNCHECK": "uncheck X, e.g. uncheck Newsletter",
    "UPLOAD": "upload FILE to FIELD, e.g. upload contacts.csv to Import",
    "HOVER": "hover over X, e.g. hover over Account",
    "PRESS": "press KEY, e.g. press Enter or press Control+A",
    "LOGIN": 'log in, or log in as NAME, e.g. log in as "admin"',
    "LOGOUT": "log out",
    "RELOAD": "reload the page",
    "WAIT": 'wait for TEXT or wait until X appears, e.g. wait for "Saved"',
    "EXPECT": 'expect TEXT, e.g. expect "Issue created" or expect the Save button to be disabled',
    "SEE": 'see TEXT, e.g. should see "Issue created"',
    "URL": "the URL contains / ends with / is PATH, e.g. the URL contains /books",
    "TITLE": 'the title is TEXT, e.g. the title is "Books"',
    "HEADING": 'the heading is / says TEXT, e.g. the heading says "Books"',
    "FIRST": 'the first row contains TEXT, e.g. the first row contains "Dune"',
}
# The verbs named when a step starts with none of them.
VERB_HINT = "click, fill, select, check, go to, expect"
# Nouns after a login name that are not part of it ("as the admin user" -> "admin").
ACCOUNT_NOUNS = ("user", "account", "login")
# Nouns after expected text that name where it shows, not an element to find by role: "should see the 'Saved'
# message" is text on the page; "should see the Save button" is a visible button.
MESSAGE_NOUNS = ("message", "text", "notification", "alert", "toast", "banner", "error", "label", "notice")
