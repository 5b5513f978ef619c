"""The Critic's rules for code nobody has read: tests Scribe generated from page text and code a model wrote.

Such code runs on this machine (pytest imports it, the proof loop runs it), so it is held to an allowlist rather
than a list of known tricks: the modules a pytest-playwright test needs, the fixtures it needs, literal constants
at module level, and no way to reach the interpreter's internals, the file system, other processes, the network
outside the app, or JavaScript of its own. Every rule here is an error (codes SA2xx).

The pipeline applies these rules to every test Scribe writes and every rewrite a model proposes; ``superagent
lint --untrusted`` applies them to any file. Plain ``superagent lint`` does not: a hand-written suite's conftest
reads the environment and its helpers may open files, which is the author's business, not a flakiness problem.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator

from superagent.agents.critic_context import Context, FuncDef
from superagent.agents.critic_rules import Check, Hit, Rule, rule

UNTRUSTED_RULES: list[Rule] = []

# module -> the names that may be imported from it or used as its attributes
ALLOWED_IMPORTS: dict[str, frozenset[str]] = {
    "__future__": frozenset({"annotations"}),
    "re": frozenset(
        {"compile", "escape", "search", "match", "fullmatch", "sub", "findall", "split", "Pattern", "Match"}
        | {"IGNORECASE", "I", "MULTILINE", "M", "DOTALL", "S", "VERBOSE", "X", "ASCII", "A"}
    ),
    "datetime": frozenset({"datetime", "date", "time", "timedelta", "timezone", "UTC"}),
    "uuid": frozenset({"uuid4", "UUID"}),
    "secrets": frozenset({"token_hex", "token_urlsafe", "token_bytes", "choice", "randbelow"}),
    "pytest": frozenset({"mark", "fixture", "raises", "skip", "xfail", "fail", "param", "approx", "FixtureRequest"}),
    "playwright": frozenset({"sync_api"}),
    "playwright.sync_api": frozenset(
        {"Page", "Locator", "FrameLocator", "Frame", "BrowserContext", "Browser", "expect", "Error", "TimeoutError"}
        | {"Dialog", "Download", "Request", "Response", "Route", "Keyboard", "Mouse", "ConsoleMessage"}
    ),
    # Uploads: a file the test writes under tmp_path, or ships in files/ beside itself (the sandbox confines reads).
    "pathlib": frozenset({"Path"}),
    "superagent": frozenset({"testkit"}),
    "superagent.testkit": frozenset({"Credentials"}),
}
# Fixtures a test may ask for; fixtures the module defines itself and parametrized names come on top.
ALLOWED_FIXTURES = frozenset({"page", "context", "credentials", "base_url", "browser_name", "self", "tmp_path"})
SYSTEM_MODULES = frozenset(
    {"os", "subprocess", "socket", "sys", "shutil", "importlib", "ctypes", "pickle", "builtins"}
    | {"marshal", "runpy", "inspect", "gc", "tempfile", "multiprocessing", "pty", "posix", "nt", "signal"}
)
# Playwright calls that start or attach to programs outside the page: a browser binary, a CDP session.
PROGRAM_METHODS = frozenset(
    {"launch", "launch_persistent_context", "launch_server", "connect", "connect_over_cdp", "new_cdp_session"}
    | {"new_browser_cdp_session"}
)
DANGEROUS_BUILTINS = frozenset(
    {"eval", "exec", "compile", "__import__", "open", "globals", "locals", "vars", "breakpoint", "input", "help"}
    | {"exit", "quit", "license", "memoryview", "__build_class__"}
)
ATTRIBUTE_BUILTINS = frozenset({"getattr", "setattr", "delattr", "hasattr"})
INTROSPECTION = frozenset(
    {"gi_frame", "gi_code", "cr_frame", "cr_code", "ag_frame", "ag_code", "f_globals", "f_locals", "f_builtins"}
    | {"f_back", "f_code", "tb_frame", "tb_next", "co_code", "func_globals", "mro"}
)
FILE_METHODS = frozenset({"set_input_files", "save_as", "route_from_har"})
# pathlib's ways to read, write, list or change files: only under tmp_path, where a test writes what it uploads.
PATH_IO = frozenset(
    {"read_text", "read_bytes", "write_text", "write_bytes", "open", "unlink", "rmdir", "mkdir", "rename"}
    | {"replace", "touch", "chmod", "lchmod", "symlink_to", "hardlink_to", "iterdir", "glob", "rglob", "walk"}
    | {"readlink", "expanduser", "home", "cwd", "owner", "group", "samefile", "stat", "lstat", "exists"}
)
SCRIPT_METHODS = frozenset(
    {"evaluate", "evaluate_handle", "evaluate_all", "eval_on_selector", "eval_on_selector_all", "add_init_script"}
    | {"add_script_tag", "expose_function", "expose_binding", "route", "route_web_socket", "set_content"}
    | {"set_extra_http_headers", "request"}
)
XUNIT = frozenset(
    {"setup_module", "teardown_module", "setup_function", "teardown_function", "setup_method", "teardown_method"}
    | {"setup_class", "teardown_class", "setup", "teardown"}
)
_FORMAT_FIELD = re.compile(r"\{[^{}]*[.\[]")

HINT = "Generated and model-written tests may only drive the page through Playwright and assert with expect."


def _dunder(name: str) -> bool:
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def _untrusted(code: str, name: str, summary: str, message: str, hint: str) -> Callable[[Check], Check]:
    return rule(code, name, summary, message, hint, "error", into=UNTRUSTED_RULES)


def _import_bindings(ctx: Context) -> dict[str, str]:
    """Local name -> dotted name it was imported as (``import a.b`` binds ``a``)."""
    bound: dict[str, str] = {}
    for node in ctx.nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                bound[local] = alias.name if alias.asname else local
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                bound[alias.asname or alias.name] = f"{'.' * node.level}{node.module or ''}.{alias.name}"
    return bound


def _outside_allowlist(dotted: str) -> str | None:
    """The first part of ``dotted`` (a module path and the names used from it) the allowlist does not hold."""
    parts = dotted.split(".")
    for end in range(len(parts) - 1, 0, -1):
        module = ".".join(parts[:end])
        if module in ALLOWED_IMPORTS:
            name = parts[end]
            return None if name in ALLOWED_IMPORTS[module] else f"{module}.{name}"
    return None if dotted in ALLOWED_IMPORTS else dotted


@_untrusted("SA201", "import-not-allowed", "Imports outside the allowlist",
            "`{snippet}` imports `{detail}`, which generated tests may not use.",
            "Import only playwright.sync_api, re, datetime, uuid, secrets, pytest and superagent.testkit.")  # fmt: skip
def import_not_allowed(ctx: Context) -> Iterator[Hit]:
    for node in ctx.nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            names = [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            bad = _outside_allowlist(name)
            if bad:
                yield Hit(node, ctx.snippet(node), bad)
                break


def _is_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return isinstance(node.operand, ast.Constant) and isinstance(node.operand.value, int | float | complex)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_literal(k) for k in node.keys) and all(_is_literal(v) for v in node.values)
    return False


def _import_time(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a module or class body that run on import and are more than a definition or a constant."""
    for stmt in body:
        if isinstance(stmt, ast.Import | ast.ImportFrom | ast.Pass | FuncDef):
            continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str):
            continue
        names = all(isinstance(t, ast.Name) for t in stmt.targets) if isinstance(stmt, ast.Assign) else False
        if names and isinstance(stmt, ast.Assign) and _is_literal(stmt.value):
            continue
        annotated = isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name)
        if annotated and isinstance(stmt, ast.AnnAssign) and (stmt.value is None or _is_literal(stmt.value)):
            continue
        if isinstance(stmt, ast.ClassDef) and not stmt.keywords:
            yield from _import_time(stmt.body)
            continue
        yield stmt


@_untrusted("SA202", "code-at-import", "Statements that run on import",
            "`{snippet}` runs when the module is imported; only imports, docstrings, literal constants, functions "
            "and classes may stand at module or class level.",
            "Move the code into the test function or a fixture.")  # fmt: skip
def code_at_import(ctx: Context) -> Iterator[Hit]:
    for stmt in _import_time(ctx.tree.body):
        yield Hit(stmt, ctx.snippet(stmt))


def _attribute_name(call: ast.Call) -> ast.expr | None:
    if len(call.args) >= 2:
        return call.args[1]
    return next((k.value for k in call.keywords if k.arg == "name"), None)


@_untrusted("SA203", "dangerous-builtin", "eval, exec, open, __import__ and dynamic attribute access",
            "`{snippet}` {detail}.", HINT)  # fmt: skip
def dangerous_builtin(ctx: Context) -> Iterator[Hit]:
    for node in ctx.nodes:
        if not isinstance(node, ast.Name) or not isinstance(node.ctx, ast.Load):
            continue
        if node.id in DANGEROUS_BUILTINS:
            yield Hit(node, node.id, "runs code, reads files or reaches the interpreter")
        elif node.id in ATTRIBUTE_BUILTINS:
            call = ctx.parents.get(node)
            name = _attribute_name(call) if isinstance(call, ast.Call) and call.func is node else None
            text = name.value if isinstance(name, ast.Constant) else None
            if not isinstance(text, str) or text.startswith("_"):
                shown = ctx.snippet(call) if isinstance(call, ast.Call) else node.id
                yield Hit(node, shown, "reaches an attribute chosen at run time or a private one")


@_untrusted("SA204", "interpreter-internals", "Dunder and frame attributes",
            "`{snippet}` reaches the interpreter's internals ({detail}).", HINT)  # fmt: skip
def interpreter_internals(ctx: Context) -> Iterator[Hit]:
    for node in ctx.nodes:
        if isinstance(node, ast.Attribute):
            private = node.attr.startswith("_") and not (isinstance(node.value, ast.Name) and node.value.id == "self")
            if _dunder(node.attr) or node.attr in INTROSPECTION or private:
                yield Hit(node, ctx.snippet(node), f"`.{node.attr}`")
            elif node.attr in {"format", "format_map"}:
                template = node.value.value if isinstance(node.value, ast.Constant) else None
                if not isinstance(template, str) or _FORMAT_FIELD.search(template):
                    yield Hit(node, ctx.snippet(node), "a format string that can read attributes")
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and _dunder(node.id):
            if node.id in DANGEROUS_BUILTINS:
                continue  # SA203 reports it
            if node.id == "__file__" and _is_path_call(ctx.parents.get(node)):
                continue  # Path(__file__): where the test keeps the files it uploads; SA206 watches what it does
            yield Hit(node, node.id, f"`{node.id}`")


def _is_path_call(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Path"


def _root(node: ast.AST) -> ast.AST:
    """The innermost value an attribute chain, call, subscript or ``/`` join starts from."""
    while True:
        if isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call) and not _is_path_call(node):
            node = node.func
        elif isinstance(node, ast.BinOp):
            node = node.left
        else:
            return node


_BESIDE = re.compile(r"Path\(__file__\)\.parent / '(?:files|files/)' / '[^/\\'.][^/\\']*'")


def _own_upload(arg: ast.AST | None, scratch: set[str]) -> bool:
    """A file under tmp_path, or one in the ``files`` folder beside the test: never a path that climbs out."""
    if arg is None:
        return False
    root = _root(arg)
    if isinstance(root, ast.Name) and root.id in scratch:
        return ".." not in ast.unparse(arg)
    return bool(_BESIDE.fullmatch(ast.unparse(arg)))


def _under_tmp_path(ctx: Context) -> set[str]:
    """``tmp_path`` and the names assigned from a path under it (``upload = tmp_path / "contacts.csv"``)."""
    names = {"tmp_path"}
    assigns = [n for n in ctx.nodes if isinstance(n, ast.Assign | ast.AnnAssign) and n.value is not None]
    for _ in range(3):
        for node in assigns:
            root = _root(node.value)  # type: ignore[arg-type]
            if isinstance(root, ast.Name) and root.id in names:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


@_untrusted("SA205", "system-access", "Processes, files, sockets and the interpreter through modules",
            "`{snippet}` reaches {detail}, outside the browser page.", HINT)  # fmt: skip
def system_access(ctx: Context) -> Iterator[Hit]:
    bound = _import_bindings(ctx)
    for node in ctx.nodes:
        if isinstance(node, ast.Name) and node.id in SYSTEM_MODULES:
            yield Hit(node, node.id, f"the `{node.id}` module")
        elif isinstance(node, ast.Attribute):
            if node.attr in SYSTEM_MODULES:
                yield Hit(node, ctx.snippet(node), f"the `{node.attr}` module")
            elif node.attr in PROGRAM_METHODS:
                yield Hit(node, ctx.snippet(node), "a browser or program of its own")
            elif isinstance(node.value, ast.Name) and node.value.id in bound:
                outside = _outside_allowlist(f"{bound[node.value.id]}.{node.attr}")
                if outside:
                    yield Hit(node, ctx.snippet(node), f"`{outside}`, which is not on the allowlist")


@_untrusted("SA206", "local-files", "Reading or writing local files",
            "`{snippet}` {detail}.",
            "Generated tests touch no local files but the ones they upload (written under tmp_path, or kept "
            "beside the test); SuperAgent captures the evidence.")  # fmt: skip
def local_files(ctx: Context) -> Iterator[Hit]:
    scratch = _under_tmp_path(ctx)
    for call in ctx.calls:
        name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
        if _is_path_call(call) and not (
            len(call.args) == 1 and isinstance(call.args[0], ast.Name) and call.args[0].id == "__file__"
        ):
            yield Hit(call, ctx.snippet(call), "names a path on this machine; use tmp_path or the test's own folder")
            continue
        if name in PATH_IO and isinstance(call.func, ast.Attribute):
            root = _root(call.func.value)
            if not (isinstance(root, ast.Name) and root.id in scratch):
                yield Hit(call, ctx.snippet(call), f"uses `{name}` outside tmp_path")
            continue
        keyword = next((k.arg for k in call.keywords if k.arg and re.fullmatch(r"path|\w+_(path|dir)", k.arg)), None)
        literal = bool(call.args) and isinstance(call.args[0], ast.Constant | ast.List | ast.JoinedStr)
        if name == "set_input_files" and not literal and _own_upload(call.args[0] if call.args else None, scratch):
            continue  # an upload of a file the test wrote (tmp_path) or keeps beside itself, not a host path
        if name in FILE_METHODS:
            yield Hit(call, ctx.snippet(call), f"uses `{name}`, which reads or writes local files")
        elif keyword or any(k.arg == "storage_state" for k in call.keywords):
            yield Hit(call, ctx.snippet(call), f"passes `{keyword or 'storage_state'}=`, a local file")


def _parametrized(fn: FuncDef) -> tuple[set[str], list[ast.AST]]:
    """Names a function's parametrize marks supply, and marks that hand values to fixtures (indirect=...)."""
    names: set[str] = set()
    indirect: list[ast.AST] = []
    for deco in fn.decorator_list:
        if not (isinstance(deco, ast.Call) and ast.unparse(deco.func).endswith("mark.parametrize") and deco.args):
            continue
        if any(k.arg == "indirect" for k in deco.keywords):
            indirect.append(deco)
        first = deco.args[0]
        items = first.elts if isinstance(first, ast.Tuple | ast.List) else [first]
        for item in items:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                names |= {n.strip() for n in item.value.split(",") if n.strip()}
    return names, indirect


def _is_fixture(fn: FuncDef) -> bool:
    return any("fixture" in ast.unparse(d) for d in fn.decorator_list)


@_untrusted("SA207", "fixture-not-allowed", "Fixtures outside the allowlist",
            "`{snippet}` asks pytest for {detail}.",
            "Take only page, context, credentials, base_url, browser_name or fixtures the module defines.")  # fmt: skip
def fixture_not_allowed(ctx: Context) -> Iterator[Hit]:
    functions = [n for n in ctx.nodes if isinstance(n, FuncDef)]
    fixtures = [fn for fn in functions if _is_fixture(fn)]
    own = {fn.name for fn in fixtures}
    for fn in [*ctx.tests, *fixtures]:
        supplied, indirect = _parametrized(fn)
        for deco in indirect:
            yield Hit(deco, ctx.snippet(deco), "values handed to fixtures (indirect=)")
        args = fn.args
        for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs]:
            allowed = arg.arg in ALLOWED_FIXTURES | supplied | (own - {fn.name})
            if not allowed:
                yield Hit(arg, fn.name, f"the fixture `{arg.arg}`")
    for node in ctx.nodes:
        if isinstance(node, ast.Attribute) and node.attr == "usefixtures":
            yield Hit(node, ctx.snippet(node), "fixtures by name (usefixtures)")
    for fn in functions:
        if fn.name.startswith("pytest_") or fn.name in XUNIT:
            yield Hit(fn, fn.name, "the objects it hands to hooks and xunit-style setup functions")


def _same_app_path(node: ast.expr | None) -> bool:
    """A literal path on the app under test: relative ("./", "books/?page=2"), or from the host's root ("/x"),
    never an address with a scheme ("https:", "javascript:") or a host ("//host", "/\\host")."""
    text = node.value if isinstance(node, ast.Constant) else None
    if not isinstance(text, str):
        return False
    if text.startswith(("//", "/\\", "\\")) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", text):
        return False
    return not any(ch.isspace() or ord(ch) < 32 for ch in text)


@_untrusted("SA208", "script-or-elsewhere", "Scripts of its own and pages outside the app",
            "`{snippet}` {detail}.",
            "Drive the app through locators and paths inside it (`page.goto(\"cart/\")`); no JavaScript of "
            "the test's own, no routes, no requests beside the page's.")  # fmt: skip
def script_or_elsewhere(ctx: Context) -> Iterator[Hit]:
    for node in ctx.nodes:
        if isinstance(node, ast.Attribute) and node.attr in SCRIPT_METHODS:
            yield Hit(node, ctx.snippet(node), f"uses `{node.attr}`, which runs or injects code or requests")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "goto":
            target = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "url"), None)
            if not _same_app_path(target):
                yield Hit(node, ctx.snippet(node), "goes to an address that is not a literal path on the app")
