"""The planner for tests spelled out as steps: every step performed in the live page, in order, its element found
by name (writer_ground), its expectation checked before it is written (writer_expect)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from superagent.agents.step_models import Instruction
from superagent.agents.writer_expect import ExpectationFailed, Expectations
from superagent.agents.writer_explore import NoUniqueLocator
from superagent.agents.writer_ground import Grounder, Match, Ungroundable, scope_specs
from superagent.agents.writer_planner import LOGIN_WORDS, LOGOUT_WORDS, FlowPlanner, FlowUnavailable
from superagent.agents.writer_values import UNIQUE_CODE, UNIQUE_NAME, Values
from superagent.browser.snapshot import Observation
from superagent.healing.locators import py_literal
from superagent.models import Assertion, Request, Step

log = logging.getLogger(__name__)

NAVIGATION_ROLES = ("link", "tab", "menuitem", "button")
_ACTS = {"click": "click", "fill": "fill", "select": "select", "check": "check", "uncheck": "uncheck"}
_ACTS |= {"hover": "hover", "upload": "upload", "press": "press"}


@dataclass
class StepsOutcome:
    """What performing the steps left: the recorded steps' expectations, in place, and the test's variables."""

    assertions: list[Assertion] = field(default_factory=list)
    data: dict[str, str] = field(default_factory=dict)
    examples: list[dict[str, str]] = field(default_factory=list)
    uploads: dict[str, str] = field(default_factory=dict)
    last: tuple[Observation, Observation] | None = None  # around the last action, when nothing was expected


class StepsPlanner:
    def __init__(self, planner: FlowPlanner, request: Request, base_url: str) -> None:
        self.p = planner
        self.x = planner.x
        self.request = request
        self.base_url = base_url
        self.g = Grounder(self.x)
        self.values = Values(request.examples)
        self.expect = Expectations(self.g, self.values, base_url)
        self.out = StepsOutcome(examples=self.values.examples)

    async def run(self) -> StepsOutcome:
        steps = self.request.steps
        if not steps:
            raise FlowUnavailable("the request has no steps")
        if steps[0].verb != "goto" or not _is_path(steps[0].target or ""):
            await self.p.start()
        for number, ins in enumerate(steps, start=1):
            try:
                await self.perform(ins)
            except (FlowUnavailable, NoUniqueLocator, Ungroundable, ExpectationFailed) as exc:
                raise FlowUnavailable(f"step {number} {ins.source!r}: {exc}") from None
            except Exception as exc:
                if "net::ERR_" in str(exc):
                    raise
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise FlowUnavailable(f"step {number} {ins.source!r} failed in the browser: {first}") from None
        self._finish()
        return self.out

    async def perform(self, ins: Instruction) -> None:
        if ins.kind == "expect":
            check = await self.expect.check(ins)
            self.out.assertions.append(
                Assertion(code=check.code(), description=ins.source, after_step=len(self.x.steps))
            )
            return
        before = await self.x.observe()
        if ins.verb == "goto":
            await self._goto(ins)
        elif ins.verb == "login":
            await self.p.login()
            await self.x.settle()
        elif ins.verb == "logout":
            await self._logout()
        elif ins.verb == "reload":
            await self.x.page.reload(wait_until="load")
            self.x.steps.append(Step(action="reload", description=ins.source))
            await self.x.settle()
        elif ins.verb == "wait_for":
            await self._wait(ins)
        elif ins.verb == "press" and not ins.target:
            await self.x.page.keyboard.press(ins.value or "Enter")
            self.x.steps.append(Step(action="press", value=ins.value or "Enter", description=ins.source))
            await self.x.settle()
        else:
            await self._act(ins)
        self.out.last = (before, await self.x.observe())

    async def _goto(self, ins: Instruction) -> None:
        target = self.values.run(ins.target or "")
        if _is_path(target):
            await self.x.goto(self._relative(target))
            return
        match = await self._ground(target, list(NAVIGATION_ROLES), None)
        await self._do(match, "click", ins)

    def _relative(self, target: str) -> str:
        """A path as Explorer.goto takes it: under the app's base URL (a full URL of the app, or a path that
        repeats the base URL's own path, lose that part)."""
        base = urlsplit(self.base_url)
        parts = urlsplit(target)
        path = parts.path or "/"
        if parts.netloc and parts.netloc != base.netloc:
            raise FlowUnavailable(f"{target!r} is another site than the app under test ({self.base_url})")
        prefix = base.path.rstrip("/")
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            path = path[len(prefix) :] or "/"
        return path + (f"?{parts.query}" if parts.query else "")

    async def _logout(self) -> None:
        for word in LOGOUT_WORDS:
            match = await self.g.pick(word, NAVIGATION_ROLES)
            if match is not None:
                break
        else:
            match = await self.g.reach(LOGOUT_WORDS[0], NAVIGATION_ROLES) or await self.g.reach(
                "sign out", NAVIGATION_ROLES
            )
        if match is None:
            raise FlowUnavailable(f"no log-out control here or behind a menu (at {self.x.path()!r})")
        await self.x.act(match.element, "click", description="log out", scopes=scope_specs(match.scopes))
        self.g.last = match.scopes

    async def _wait(self, ins: Instruction) -> None:
        check = await self.expect.check(ins.model_copy(update={"kind": "expect", "verb": "text"}))
        self.out.assertions.append(Assertion(code=check.code(), description=ins.source, after_step=len(self.x.steps)))

    async def _act(self, ins: Instruction) -> None:
        target = self.values.run(ins.target or "")
        if not target:
            raise FlowUnavailable(f"say which element to {ins.verb}")
        if ins.verb == "click" and target.lower() in LOGIN_WORDS and self.p.credentials is not None:
            log.info("clicking %r as a step, not as a log-in", target)
        within = self.values.run(ins.within) if ins.within else None
        roles = ins.roles if ins.verb != "upload" else ["file", *ins.roles]
        if ins.verb == "select" and ins.value is not None and await self.g.reach(target, roles, within) is None:
            # "select Dark in Theme" where Theme is a group of radio buttons, not a drop-down
            option = await self.g.pick(self.values.run(ins.value), ["radio"], f"form:{target}")
            if option is not None:
                await self._do(option, "check", ins.model_copy(update={"value": None}))
                return
        if ins.verb == "click":
            match = await self.g.reach(target, roles, within)
            if match is None and (opener := await self.g.row_opener(target)) is not None:
                # the row that shows the text, opened by its own link
                await self._do(opener, "click", ins.model_copy(update={"within": f"row:{target}"}))
                return
        match = await self._ground(target, roles, within)
        await self._do(match, _ACTS[ins.verb], ins)

    async def _ground(self, target: str, roles: list[str], within: str | None) -> Match:
        match = await self.g.reach(target, roles, within)
        if match is None:
            closest = ", ".join(self.g.closest(target)) or "no named elements at all"
            kinds = " / ".join(roles) if roles else "element"
            where = f" in the {within.replace(':', ' ')}" if within else ""
            raise FlowUnavailable(
                f"no {kinds} named like {target!r}{where} at {self.x.path()!r}, nor behind its links and menus; "
                f"closest: {closest}"
            )
        return match

    async def _do(self, match: Match, action: str, ins: Instruction) -> None:
        el = match.element
        value = self.values.run(ins.value) if ins.value is not None else None
        expr = self.values.code(ins.value) if ins.value is not None else None
        upload = None
        if action == "fill" and el.fingerprint.tag == "select":
            action = "select"
        if action == "upload":
            upload, value, expr = self._upload(value or "")
        if action == "upload" or (action in ("fill", "select") and expr is not None and expr.startswith('f"')):
            step_value, step_expr = value, expr
        else:
            step_value, step_expr = value, None
        within = self.values.run(ins.within) if ins.within else None
        await self.x.act(
            el, action, value=step_value, value_expr=step_expr, description=ins.source,
            scopes=scope_specs(match.scopes, within), upload=upload,
        )  # fmt: skip
        if action in ("check", "select", "fill"):
            await self.x.settle()
        self.g.last = match.scopes

    def _upload(self, name: str) -> tuple[str, str, str]:
        """The file to give the input: it must exist; the test reads its copy in files/ beside itself."""
        source = Path(name).expanduser()
        if not source.is_file():
            raise FlowUnavailable(f"the file {name!r} to upload does not exist (relative to {Path.cwd()})")
        self.out.uploads[source.name] = str(source.resolve())
        return str(source.resolve()), source.name, f'Path(__file__).parent / "files" / {py_literal(source.name)}'

    def _finish(self) -> None:
        """Generated values back into the code: each locator, value and expectation names ``unique`` and the
        parameters instead of what exploration typed."""
        for step in self.x.steps:
            if step.locator:
                step.locator = self.values.templated(step.locator)
            if step.alternatives:
                step.alternatives = [self.values.templated(a) for a in step.alternatives]
        for assertion in self.out.assertions:
            assertion.code = self.values.templated(assertion.code)
        if self.values.used_unique:
            self.out.data[UNIQUE_NAME] = UNIQUE_CODE


def _is_path(target: str) -> bool:
    """An address: absolute, a full URL, or relative with a slash in it ("books/", "issues/4")."""
    return target.startswith(("/", "http://", "https://")) or bool(_RELATIVE_PATH.fullmatch(target))


_RELATIVE_PATH = re.compile(r"[\w.~-]+/[\w.~/-]*(?:\?\S*)?")
