"""Kaya's grammar: the phrase tables the router matches requests against. Data only, no behaviour."""

from __future__ import annotations

import re
from typing import NamedTuple

from superagent.models import FlowKind, Intent


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _rxs(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_rx(p) for p in patterns)


EXAMPLES: list[str] = [
    "write a test that a user can log in on http://localhost:8000",
    "test that a wrong password is rejected on http://localhost:8000",
    "create a test for search on http://localhost:8000",
    'search for "lamp" on http://localhost:8000',
    "generate tests for registration",
    "test the checkout as alice with password from env DEMO_PASS",
    "log in and create a new note",
    "navigate to the About page",
    "as a logged in admin, add a new group",
    "test that a user can open a book and see its details",
    "edit an issue after signing in",
    "delete a record and check it is gone",
    "filter the issues by label",
    "sort the books by year",
    "go to the next page of books",
    "upload a CSV of contacts",
    "turn on two-factor authentication and save",
    "create a project with the multi-step wizard",
    "run the tests in superagent-tests/",
    "validate tests/test_login.py",
    "lint my tests",
    "fix the failing login test",
    "status",
]

# Filler a request may start with: "please", "Kaya,", "can you", ...
LEAD = (
    r"^\W*(?:(?:please|pls|kaya|hey|hi|hello|ok|okay|now|just|so|also|can\s+you|could\s+you|would\s+you"
    r"|will\s+you|go\s+ahead\s+and|i\s+want\s+you\s+to|i'?d\s+like\s+you\s+to)\W+)*"
)

# ---- intents: the earliest trigger in the sentence wins; on a tie, the first row below wins ----
INTENT_TRIGGERS: list[tuple[Intent, tuple[re.Pattern[str], ...]]] = [
    (
        Intent.STATUS,
        _rxs(
            LEAD + r"(?:(?:show|get|print|display|give)\s+(?:me\s+)?(?:the\s+)?)?status\b",
            r"\bwhat(?:'s|\s+is|\s+was)?\s+(?:the\s+)?status\b",
            r"\bwhat\s+(?:has\s+|have\s+|was\s+|were\s+)?(?:ran|run|been\s+run|happened)\b",
            r"\b(?:recent|latest|last|previous|past)\s+(?:\d+\s+)?(?:jobs?|runs?|results?|activity|history)\b",
            r"\b(?:job|run)\s+(?:history|status|list)\b|\bhistory\b",
            r"\b(?:list|show)\s+(?:me\s+)?(?:the\s+|my\s+|all\s+)?(?:jobs|runs)\b",
        ),
    ),
    (
        Intent.FIX,
        _rxs(r"\b(?:fix(?:es|ed|ing)?|heal(?:s|ed|ing)?|self-?heal\w*|repair\w*|mend(?:s|ed|ing)?|unbreak\w*)\b"),
    ),
    (
        Intent.VALIDATE,
        _rxs(
            r"\bvalidat(?:e|es|ed|ing|ion)\b",
            r"\bverify\s+(?:that\s+)?(?:the\s+|my\s+|our\s+)?(?=tests?\b|\S+\.py\b)",
        ),
    ),
    (
        Intent.LINT,
        _rxs(
            r"\blint(?:s|ed|er|ing)?\b",
            r"\b(?:check|scan|review|audit|inspect|analy[sz]e)\w*\b"
            r"(?=.{0,80}?\b(?:flak\w*|lint\w*|smells?|anti-?patterns?|style|bad\s+practices?|quality)\b)",
            r"\bflak(?:y|iness)\b",
            r"\breview\s+(?:my\s+|the\s+|our\s+)?tests?\b",
            r"\bcode\s+(?:smells?|review|quality)\b",
        ),
    ),
    (
        Intent.RUN_TESTS,
        _rxs(
            LEAD + r"(?:re-?run|run|execute)\b",
            r"\b(?:re-?run|run|execute|kick\s+off|trigger)\b"
            r"(?=(?:\W+[\w'-]+){0,3}?\W+(?:tests?|suites?|specs?|all|everything)\b)",
            r"\b(?:re-?run|run|execute)\s+(?=\S*(?:\.py\b|/))",
        ),
    ),
    (
        Intent.CREATE_TEST,
        _rxs(
            r"\b(?:write|create|generate|make(?!\s+sure)|add|build|author|draft|produce|record|set\s+up|give\s+me)\b"
            r"(?=(?:\W+[\w'-]+){0,3}?\W+(?:tests?|specs?|e2e|end-to-end|scenarios?|test\s*cases?)\b)",
            LEAD + r"test\b",
            r"\btest\s+(?:that|whether|if|how)\b",
            r"\b(?:want|need|like|going|have)\s+to\s+test\b",
            r"\b(?:need|want|like)\s+(?:a|an|some|new)\s+(?:[\w-]+\s+)?(?:tests?|specs?)\b",
            r"\bautomat(?:e|es|ed|ing)\b",
        ),
    ),
]

# ---- flows ----
_LOGIN = r"(?:log(?:s|ged|ging)?\s*-?\s*in|login|sign(?:s|ed|ing)?\s*-?\s*in|signin)"
_ITEM = r"(?:items?|posts?|notes?|tasks?|to-?dos?|records?|entr(?:y|ies)|products?|articles?|comments?|tickets?)"
_CART = r"(?:the\s+|my\s+|your\s+|their\s+|a\s+)?(?:shopping\s+)?(?:cart|basket|bag|trolley)\b"
_NOT_TO_CART = rf"(?!\s+(?:in)?to\s+{_CART})"
_STOP = r"(?:and|then|on|at|in|with|page|the|a|an|to|of|for|from|using|via|as|it|or|is|should|works?|loads?)"
_WORD = rf"(?:\"[^\"]+\"|“[^”]+”|(?!{_STOP}\b)[^\s,.;:!?\"“”()]+)"
TARGET = rf"(?P<t>{_WORD}(?:\s+{_WORD}){{0,3}})"
_QUOTED = r"(?:\"[^\"]+\"|“[^”]+”|(?<!\w)'[^']+'(?!\w)|‘[^’]+’)"
_SEARCH_VERB = r"(?:search(?:es|ed|ing)?|look(?:s|ed|ing)?\s*-?\s*up|find(?:s|ing)?|query(?:ing)?)"

# A record's noun ("issue", "blog post", "group"): one or two words after the verb and its article, never a word
# that names the test itself ("create a test"), a person ("a new user can ..."), or an account (register).
_DET = r"(?:(?:an?|the|one|some|its|their|his|her|my|our|your|that|this|any|existing|single)\s+)*"
_NOT_NOUN = (
    r"(?:tests?|specs?|scenarios?|cases?|checks?|e2e|end-to-end|(?:user\s+|new\s+)?accounts?|sure|settings?"
    r"|preferences?|passwords?|to|into|it|them|this|that|these|those|one|and|then|or|on|in|at|for|with|from|by"
    r"|of|as|is|are|be|can|should|must|will|a|an|the|new|page|pages|wizard|filters?|sort|files?)\b"
)
_NOT_SECOND = (
    rf"(?:{_STOP}|that|which|who|so|but|if|when|while|after|before|by|into|successfully|correctly|properly|again"
    r"|twice|there|here|via|can|will|would|has|have|had|was|were|are|be|been|shows?|appears?|gets?|does|do)\b"
)
_PEOPLE = r"(?:users?|visitors?|customers?|members?|admins?|administrators?|people|person|shoppers?|clients?)\b"
NOUN = rf"(?P<t>(?!{_NOT_NOUN})[a-z][\w-]*\b(?:\s+(?!{_NOT_SECOND})[a-z][\w-]*\b)?)"
_CREATE_VERB = r"(?:creat(?:e|es|ed|ing)|add(?:s|ed|ing)?|open(?:s|ed|ing)?\s+(?=(?:an?\s+)?new\b))"
_CREATE = (
    r"\b(?:creat(?:e|es|ed|ing)|add(?:s|ed|ing)?|makes?|post(?:s|ed|ing)?|writ(?:e|es|ing)|submit(?:s|ted|ting)?"
    rf"|publish(?:es|ed|ing)?)\s+(?:an?\s+|the\s+|one\s+|some\s+)?(?:new\s+)?(?:[\w-]+\s+)?{_ITEM}\b{_NOT_TO_CART}",
    rf"\bnew\s+(?:[\w-]+\s+)?{_ITEM}\b{_NOT_TO_CART}",
    rf"\b{_CREATE_VERB}\s*{_DET}(?:new\s+)?{NOUN}{_NOT_TO_CART}",
    rf"\ban?\s+new\s+(?!{_PEOPLE}){NOUN}{_NOT_TO_CART}",
)
_VIEW = (
    r"\b(?:open(?:s|ing)?|view(?:s|ing)?|see(?:s|ing)?|brows(?:e|es|ing)|inspect(?:s|ing)?|look(?:s|ing)?\s+at)\s+"
    rf"{_DET}(?!new\b)(?![\w-]+(?:\s+[\w-]+)?\s+page\b){NOUN}",
    r"\b(?:details?|record)\s+(?:page|view)\b",
    r"\bdetails\s+of\b",
)
_EDIT_VERB = (
    r"\b(?:edit(?:s|ed|ing)?|updat(?:e|es|ed|ing)|modif(?:y|ies|ied|ying)|chang(?:e|es|ed|ing)"
    r"|renam(?:e|es|ed|ing))\s+"
)
_EDIT = (rf"{_EDIT_VERB}{_DET}{NOUN}", rf"{_EDIT_VERB}(?:it|them)\b")
_DELETE_VERB = r"\b(?:delet(?:e|es|ed|ing)|remov(?:e|es|ed|ing)|destroy(?:s|ed|ing)?|trash(?:es|ed|ing)?)\s+"
_DELETE = (rf"{_DELETE_VERB}{_DET}(?:new\s+)?{NOUN}", rf"{_DELETE_VERB}(?:it|them)\b")
# Verbs that change one record's state in place, by their base form ("close an issue", "archive the post").
RECORD_ACTIONS = (
    "close", "reopen", "archive", "unarchive", "resolve", "approve", "reject", "publish", "unpublish", "lock",
    "unlock", "pin", "unpin", "complete", "restore", "cancel", "star", "unstar", "hide", "unhide",
)  # fmt: skip
# Base form, -s and -ing, never -ed: "closed issues" are a filter, not an action.
_RECORD_ACTION_VERB = (
    r"\b(?P<v>"
    + "|".join(v[:-1] + "(?:e|es|ing)" if v.endswith("e") else rf"{v}(?:s|es|ing|{v[-1]}ing)?" for v in RECORD_ACTIONS)
    + r")\s+"
)
_RECORD_ACTION = rf"{_RECORD_ACTION_VERB}{_DET}(?!new\b){NOUN}"

_TOGGLE = (
    r"\btoggl(?:e|es|ed|ing)\b",
    r"\bflip(?:s|ped|ping)?\b",
    r"\b(?:switch(?:es|ed|ing)?|turn(?:s|ed|ing)?)\s+(?:[\w-]+\s+){0,3}?(?:on|off)\b",
    r"\b(?:enabl|disabl)(?:e|es|ed|ing)\b",
    r"\b(?:chang|updat|sav|edit|adjust)\w*\s+(?:[\w-]+\s+){0,3}?(?:settings?|preferences?)\b",
    r"\b(?:a|one)\s+setting\b",
)

FLOW_SYNONYMS: dict[FlowKind, tuple[re.Pattern[str], ...]] = {
    FlowKind.LOGIN: _rxs(rf"\b{_LOGIN}\b", r"\blog(?:s|ged|ging)?\s*-?\s*on\b", r"\bauthenticat\w*"),
    FlowKind.LOGIN_FAILURE: _rxs(
        rf"\b(?:fail(?:s|ed|ing)?|unsuccessful|invalid|bad|wrong|incorrect|rejected|denied)\s+(?:to\s+)?{_LOGIN}\b"
        r"(?!\s+tests?\b)",
        rf"\b{_LOGIN}[\s_-]+(?:errors?|failures?|fails?|failed|failing|is\s+rejected|is\s+denied)\b",
        r"\b(?:wrong|incorrect|invalid|bad|mistyped|unknown|expired)\s+"
        r"(?:passwords?|credentials?|user\s*name|e-?mail|login\s+details)\b",
        rf"\b(?:cannot|can[’']?t|can\s+not|unable\s+to|not\s+able\s+to|(?:should|must)(?:n[’']?t|\s+not)"
        rf"(?:\s+be\s+able\s+to)?)\s+{_LOGIN}\b",
        r"\blocked[\s-]?out\b",
    ),
    FlowKind.LOGOUT: _rxs(r"\blog(?:s|ged|ging)?\s*-?\s*(?:out|off)\b", r"\bsign(?:s|ed|ing)?\s*-?\s*(?:out|off)\b"),
    FlowKind.REGISTER: _rxs(
        r"\bregist(?:er|ers|ered|ering|ration)\b",
        r"\bsign(?:s|ed|ing)?\s*-?\s*up\b",
        r"\b(?:create|creates|creating|open|opens|opening|make|new)\s+(?:an?\s+|their\s+|my\s+|new\s+)*"
        r"(?:user\s+)?accounts?\b",
        r"\benrol(?:l|ls|led|ling|ment)?\b",
    ),
    FlowKind.SEARCH: _rxs(
        r"\bsearch(?:es|ed|ing)?\b",
        r"\bfind(?:s|ing)?\s+(?:an?\s+|the\s+|some\s+)?(?:products?|items?|articles?|results?|things?)\b",
        r"\blook(?:s|ed|ing)?\s*-?\s*up\b|\blookup\b",
    ),
    FlowKind.CHECKOUT: _rxs(
        r"\bcheck(?:s|ed|ing)?\s*-?\s*out\b",
        r"\b(?:cart|basket|trolley)s?\b",
        r"\bbuy(?:s|ing)?\b|\bbought\b|\bpurchas(?:e|es|ed|ing)\b",
        r"\bplac(?:e|es|ed|ing)\s+(?:an?\s+|the\s+)?orders?\b",
        r"\bpay(?:s|ing|ments?)?\b|\bpaid\b",
    ),
    FlowKind.NAVIGATE: _rxs(
        rf"\b(?:navigat(?:e|es|ed|ing)|go(?:es)?|head(?:s|ing)?|brows(?:e|es|ing)|jump(?:s|ing)?)\s+to\s+(?:the\s+)?{TARGET}",
        rf"\b(?:open(?:s|ing)?|load(?:s|ing)?|view(?:s|ing)?|land(?:s|ing)?\s+on|reach(?:es|ing)?)\s+(?:the\s+)?"
        rf"{TARGET}\s+page\b",
        rf"\bvisit(?:s|ing)?\s+(?:the\s+)?{TARGET}",
        rf"\bthe\s+{TARGET}\s+page\b",
    ),
    FlowKind.CREATE_ITEM: _rxs(*_CREATE),
    FlowKind.VIEW_RECORD: _rxs(*_VIEW),
    FlowKind.EDIT_RECORD: _rxs(*_EDIT),
    FlowKind.DELETE_RECORD: _rxs(*_DELETE),
    FlowKind.FILTER: _rxs(
        r"\bfilter(?:s|ed|ing)?\b",
        r"\bnarrow(?:s|ed|ing)?\s+down\b",
        r"\bonly\s+(?:the\s+)?(?:open|closed|active|archived|completed|done|pending|published|in[\s-]stock)\s+\w+",
    ),
    FlowKind.SORT: _rxs(r"\b(?:re-?)?sort(?:s|ed|ing|able)?\b", r"\border(?:s|ed|ing)?\s+by\b", r"\breorder\w*"),
    FlowKind.PAGINATE: _rxs(
        r"\bpaginat\w*",
        r"\b(?:next|previous|second|last|following|other)\s+pages?\b",
        r"\bpage\s+(?:2|two)\b",
        r"\bpag(?:e|es|ing)\s+through\b",
    ),
    FlowKind.UPLOAD: _rxs(
        r"\bupload(?:s|ed|ing)?\b",
        r"\bimport(?:s|ed|ing)?\b",
        r"\battach(?:es|ed|ing)?\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?"
        r"(?:files?|documents?|images?|photos?|pictures?|csv|attachments?)\b",
    ),
    FlowKind.TOGGLE_SETTING: _rxs(*_TOGGLE),
    FlowKind.RECORD_ACTION: _rxs(_RECORD_ACTION),
    FlowKind.WIZARD: _rxs(
        r"\bwizards?\b",
        r"\bmulti-?\s*step\b",
        r"\bstep[\s-]by[\s-]step\b",
        r"\b(?:several|multiple|many|three|four|all(?:\s+the)?)\s+steps\b",
        r"\bonboarding\b",
    ),
}

# A flow that refines another one drops it when both are mentioned.
DOMINATES: dict[FlowKind, frozenset[FlowKind]] = {
    FlowKind.LOGIN_FAILURE: frozenset({FlowKind.LOGIN}),
    FlowKind.CHECKOUT: frozenset({FlowKind.CREATE_ITEM}),
    # "create a project with the wizard", "upload a file to a new post", "create an issue, then delete it"
    FlowKind.WIZARD: frozenset({FlowKind.CREATE_ITEM}),
    FlowKind.UPLOAD: frozenset({FlowKind.CREATE_ITEM}),
    FlowKind.DELETE_RECORD: frozenset({FlowKind.CREATE_ITEM}),
    # "change the privacy settings" reads as an edit too; "filter the search results" as a search
    FlowKind.TOGGLE_SETTING: frozenset({FlowKind.EDIT_RECORD}),
    FlowKind.FILTER: frozenset({FlowKind.SEARCH}),
}
# A precondition flow is the main flow only when nothing else is asked for ("log in and create an item").
PRECONDITION_FLOWS = frozenset({FlowKind.LOGIN, FlowKind.NAVIGATE})
# Looking at a list or a record is the main flow only when no other goal is asked for: "edit a book and see the
# new title" is an edit, "log in and open the books table" is a view.
SUPPORTING_FLOWS = frozenset({FlowKind.VIEW_RECORD})
CRITICAL_FLOWS = frozenset(
    {FlowKind.LOGIN, FlowKind.LOGIN_FAILURE, FlowKind.LOGOUT, FlowKind.REGISTER, FlowKind.CHECKOUT}
)

FLOW_MAIN_PHRASE: dict[FlowKind, str] = {
    FlowKind.LOGIN: "log in",
    FlowKind.LOGIN_FAILURE: "cannot log in with a wrong password",
    FlowKind.LOGOUT: "log out",
    FlowKind.REGISTER: "register / sign up",
    FlowKind.SEARCH: 'search for "lamp"',
    FlowKind.CREATE_ITEM: "create an item",
    FlowKind.CHECKOUT: "add to cart and check out",
    FlowKind.NAVIGATE: "go to the About page",
    FlowKind.VIEW_RECORD: "open a book and see its details",
    FlowKind.EDIT_RECORD: "edit an issue",
    FlowKind.DELETE_RECORD: "delete a record",
    FlowKind.FILTER: "filter the books by genre",
    FlowKind.SORT: "sort the books by year",
    FlowKind.PAGINATE: "go to the next page of books",
    FlowKind.UPLOAD: "upload a CSV of contacts",
    FlowKind.TOGGLE_SETTING: "turn a setting on and save it",
    FlowKind.WIZARD: "create a project with the multi-step wizard",
    FlowKind.RECORD_ACTION: "close an issue (archive, approve, publish ... a record)",
}

# What the flow is about, for the flows that take a target beyond navigate and search (group "t").
_BY = rf"\s+(?:by|on|per)\s+(?:the\s+|their\s+|its\s+)?{TARGET}"
FLOW_TARGETS: dict[FlowKind, tuple[re.Pattern[str], ...]] = {
    FlowKind.CREATE_ITEM: _rxs(*_CREATE[2:]),
    FlowKind.VIEW_RECORD: _rxs(_VIEW[0]),
    FlowKind.EDIT_RECORD: _rxs(_EDIT[0], *_CREATE[2:]),  # "create an issue, then edit it": the issue
    FlowKind.DELETE_RECORD: _rxs(_DELETE[0], *_CREATE[2:]),
    FlowKind.PAGINATE: _rxs(rf"\b(?:pages?|paginat\w*)\s+(?:of|through)\s+(?:the\s+|all\s+)*{TARGET}"),
    FlowKind.FILTER: _rxs(rf"\bfilter\w*\b(?:\s+(?!by\b)[\w-]+){{0,3}}?{_BY}"),
    FlowKind.SORT: _rxs(rf"\b(?:sort|order)\w*\b(?:\s+(?!by\b)[\w-]+){{0,3}}?{_BY}"),
    FlowKind.UPLOAD: _rxs(
        rf"\b(?:upload|import)\w*\s+(?:an?\s+|the\s+|their\s+|my\s+|some\s+|new\s+)*{TARGET}",
    ),
    FlowKind.TOGGLE_SETTING: _rxs(
        rf"\b(?:toggl\w*|enabl\w*|disabl\w*|flip\w*|(?:switch|turn)\w*\s+(?:on|off))\s+(?:the\s+|their\s+|a\s+)?{TARGET}",
        r"\b(?:switch|turn)\w*\s+(?:the\s+|their\s+)?(?P<t>(?:(?!on\b|off\b)[\w-]+\s+){1,3}?)(?:on|off)\b",
        r"\b(?:chang|updat|sav|edit|adjust)\w*\s+(?:the\s+|their\s+|my\s+|his\s+|her\s+)?"
        r"(?P<t>(?!settings?\b|preferences?\b)[\w-]+(?:\s+(?!settings?\b|preferences?\b)[\w-]+)?)\s+(?:settings?|preferences?)\b",
    ),
    FlowKind.WIZARD: _rxs(*_CREATE[2:]),
    FlowKind.RECORD_ACTION: _rxs(_RECORD_ACTION),
}
# The records a filter or sort works on, when the request names them ("sort the books by year", "the issues list
# can be ordered by title", "filter books by genre"): group "t".
_LIST_VERB = r"(?:filter|sort|order|reorder|group)\w*"
LIST_SUBJECTS: tuple[re.Pattern[str], ...] = _rxs(
    rf"\b{_LIST_VERB}\s+(?:the\s+|all\s+|their\s+|my\s+)?(?P<t>(?!by\b|on\b)[\w-]+)(?:\s+(?:list|table))?\s+(?:by|on|per)\b",
    r"\b(?:the\s+)?(?P<t>[\w-]+)\s+(?:list|table|listing|grid)\b",
    rf"\b(?P<t>[\w-]+)\s+(?:can\s+be|are|get|is)\s+{_LIST_VERB}",
)

# Words that describe where a record is shown, not which record: "the books table" is about books.
TARGET_TAIL = _rx(
    r"(?:\s+(?:table|list|listing|grid|page|details?|records?|rows?|entries|view|overview|settings?|wizard|form"
    r"|flow))+$"
)
PRONOUNS = _words("it its them their this that these those one rows entries results")

SEARCH_TARGETS = _rxs(
    rf"\b{_SEARCH_VERB}\b(?:\s+(?!for\b)[\w-]+){{0,3}}?\s+(?:for\s+)?(?P<t>{_QUOTED})",
    rf"\b{_SEARCH_VERB}\b(?:\s+(?!for\b)[\w-]+){{0,3}}?\s+for\s+(?:an?\s+|the\s+|some\s+)?{TARGET}",
    rf"\blook(?:s|ed|ing)?\s*-?\s*up\s+(?:an?\s+|the\s+|some\s+)?{TARGET}",
    rf"(?P<t>{_QUOTED})",
)
QUOTED = _rx(_QUOTED)
TARGET_QUOTES = "\"'“”‘’"


# ---- complexity: a small scoring grammar ----
class Factor(NamedTuple):
    name: str
    weight: int
    words: re.Pattern[str] | None
    flows: frozenset[FlowKind]
    counts_steps: bool = False


FACTORS: tuple[Factor, ...] = (
    Factor(
        "auth",
        3,
        _rx(r"\b(?:passw(?:or)?ds?|passwd|credentials?|auth\w*)\b"),
        frozenset({FlowKind.LOGIN, FlowKind.LOGIN_FAILURE, FlowKind.LOGOUT, FlowKind.REGISTER}),
    ),
    Factor(
        "payment",
        4,
        _rx(r"\b(?:check\s*-?\s*out|payments?|pay(?:s|ing)?|paid|cards?|purchas(?:e|es|ed|ing))\b"),
        frozenset({FlowKind.CHECKOUT}),
    ),
    Factor("many_steps", 2, None, frozenset({FlowKind.REGISTER, FlowKind.CHECKOUT}), counts_steps=True),
    Factor("file_upload", 2, _rx(r"\b(?:upload\w*|attach\w*|files?)\b"), frozenset()),
    Factor(
        "websocket",
        3,
        _rx(r"\b(?:web\s*-?\s*sockets?|socket\.io|real\s*-?\s*time|live\s+(?:updates?|feeds?|data|chat)|chat\w*)\b"),
        frozenset(),
    ),
    Factor(
        "mocking",
        2,
        _rx(r"\b(?:mock\w*|stub\w*|intercept\w*|fake\s+(?:api|apis|backend|server|responses?|data))\b"),
        frozenset(),
    ),
)
MANY_STEPS_OVER = 4
HARD_TIER_SCORE = 5

# Meta words ("write a test that ...") are not steps of the flow itself.
META_PHRASE = _rx(
    r"\b(?:write|create|generate|make|add|build)\s+(?:an?\s+|some\s+|new\s+|the\s+)*(?:e2e\s+|end-to-end\s+)?"
    r"(?:tests?|specs?)\b|^\W*test\b"
)
CLAUSE_SPLIT = _rx(r"[,;]|\b(?:and\s+then|then|after\s+that|afterwards|next|finally)\b")
STEP_VERBS = _rx(
    r"\b(?:click|tap|fill|type|enter|select|choose|pick|press|submit|open|go|navigate|visit|log|sign|login|logout"
    r"|signup|signin|checkout|search|add|create|upload|attach|check|verify|confirm|pay|buy|delete|remove|edit"
    r"|update|save|scroll|hover|drag|drop|wait|register|send|post|expect|see)(?:s|es|ed|ing)?\b"
)

# ---- credentials: names only, never secret values ----
_SECRET_WORD = r"pass(?:word|wd|code|phrase)s?|pwd|pw"
SECRET_WORD = _rx(_SECRET_WORD)
SECRET = _rx(
    rf"\b(?P<kw>{_SECRET_WORD})\b(?P<sep>\s*[=:]\s*|\s+(?:is|was|being|of|equals?)\s+|\s+)"
    r"(?P<v>\"[^\"]*\"|“[^”]*”|'[^']*'|[^\s,;]+)",
)
NOT_A_SECRET = _words(
    "*** from in via env environment variable var and then to for with is was field fields box input reset "
    "manager prompt page form wrong incorrect invalid rejected empty blank missing required too expired changed "
    "fails failed failure error errors should must will read comes taken stored set the a an it but or as "
    "password passwords pwd passwd passcode passphrase credential credentials login log sign if when not"
)
REDACTED = "***"
# "log in as alice:hunter2", "sign in with alice / hunter2": a user and a password paired after a log-in phrase
# (a bare "a:b" elsewhere is a filter, a time or a URL); and a password in a URL's query.
_LOGIN_LEAD = (
    r"(?:(?:(?:log|sign)\s*-?\s*in|login|signin|authenticate)(?:\s+(?:as|with|using))?|as|credentials?|account)"
)
_PAIR_USER = r"(?!https?:)[\w.@+-]+"
USER_PASSWORD = _rxs(
    rf"\b{_LOGIN_LEAD}\s+{_PAIR_USER}:(?P<v>[^\s/,;][^\s,;]*)",
    rf"\b{_LOGIN_LEAD}\s+{_PAIR_USER}\s+/\s+(?P<v>[^\s,;]+)",
)
QUERY_SECRET = _rx(r"[?&](?:password|passwd|pwd|pw|pass|secret|token|access_token|api_?key|key)=(?P<v>[^&#\s]+)")
_ENV_ANY = r"\$?(?P<n>[A-Za-z_][A-Za-z0-9_]*)\b"
_ENV_UPPER = r"\$?(?P<n>(?-i:[A-Z_][A-Z0-9_]*))\b"
_ENV_WORDS = r"(?:\s+(?:from|in|via))?\s+(?:the\s+)?(?:env|environment)(?:\s+var(?:iable)?s?)?\s+"
_SOURCE = r"(?:\s+(?:is|comes|read|taken))?"
PASSWORD_ENV = _rxs(
    rf"\bpass(?:word|wd){_SOURCE}{_ENV_WORDS}{_ENV_ANY}",
    rf"\bpass(?:word|wd){_SOURCE}\s+(?:from|in|via)\s+{_ENV_UPPER}",
    rf"\bpassword_env\s*[=:]?\s*{_ENV_ANY}",
)
USERNAME_ENV = _rxs(
    rf"\buser(?:\s*name)?{_SOURCE}{_ENV_WORDS}{_ENV_ANY}",
    rf"\buser(?:\s*name)?{_SOURCE}\s+(?:from|in|via)\s+{_ENV_UPPER}",
    rf"\busername_env\s*[=:]?\s*{_ENV_ANY}",
)
_USER = r"(?P<u>\"[^\"\s]+\"|'[^'\s]+'|[\w.@+-]+)"
USERNAME = _rxs(
    rf"\buser(?:\s*name)?\s*[=:]\s*{_USER}",
    rf"\buser\s*name\s+(?:is\s+|of\s+)?{_USER}",
    rf"\b(?:with|using)\s+(?:the\s+)?user\s+{_USER}",
    rf"\bas\s+(?:the\s+)?(?:user|account)\s+{_USER}",
    rf"\bas\s+{_USER}",
)
USERNAME_STOPWORDS = _words(
    "a an the well soon expected usual before above below follows follow following shown described normal "
    "needed required possible long much many far if it this that such part intended designed is per in of its "
    "his her their they we you i he she from env environment via and then can should must will who with field "
    "input name user username specified configured given always mentioned to for on at or not logged signed "
    "usual anonymous someone somebody anyone new valid registered regular standard existing different "
    "another other same"
)
ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# ---- URLs and paths ----
URL_SCHEMES = ("http", "https")
HOST_NAME = re.compile(r"\w(?:[\w-]*\w)?(?:\.\w(?:[\w-]*\w)?)*\.?")
URL_CANDIDATE = _rx(r"(?<![\w.+-])(?:[a-z][a-z0-9+.-]*:/+|https?:)[^\s\"'<>`]*")
URL_TRAILING = ".,;:!?)]}'\"”’>"
PATH_TOKEN = re.compile(r"[^\s\"'`()\[\]{}<>,;]+")
PATH_SHAPE = re.compile(r"[\w.~/@+-]+(?:::[\w\[\].-]+)*")
NOT_PATHS = frozenset(
    {"and/or", "either/or", "in/out", "login/logout", "cart/basket", "yes/no", "on/off", "up/down", "he/she"}
)
