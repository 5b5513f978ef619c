"""Runner: runs a batch of tests in ONE pytest process under the testkit plugin and returns structured results."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from superagent.children import die_with_parent
from superagent.errors import RunnerError, TestFileError
from superagent.models import Failure, FailureKind, RunReport, TestResult
from superagent.private_files import make_private, private_dir, write_private
from superagent.redaction import Redactor
from superagent.sandbox import Sandbox, select_sandbox
from superagent.sandbox.prepare import announce, prepare_run
from superagent.secret_sources import secret_values
from superagent.settings import Settings

log = logging.getLogger(__name__)

_LOCATOR_RE = re.compile(r"waiting for ((?:get_by_\w+|locator|frame_locator)\(.*)$", re.MULTILINE)
_CODE_ERRORS = {
    "CollectionError",
    "SyntaxError",
    "NameError",
    "ImportError",
    "ModuleNotFoundError",
    "AttributeError",
    "TypeError",
    "ValueError",
    "KeyError",
    "IndentationError",
    "MissingCredentialsError",
}


def classify_failure(error_type: str | None, message: str | None, phase: str | None) -> Failure:
    """Name what went wrong, the way Medic needs it: which kind, and the locator involved if any."""
    text = message or ""
    match = _LOCATOR_RE.search(text)
    locator = match.group(1).strip() if match else None
    kind: FailureKind
    if "strict mode violation" in text:
        kind = FailureKind.STRICT_MODE
    elif "net::ERR_" in text or "Page.goto" in text or "NS_ERROR" in text:
        kind = FailureKind.NAVIGATION
    elif phase == "collect" or (error_type or "") in _CODE_ERRORS:
        kind = FailureKind.TEST_CODE
    elif error_type == "AssertionError":
        kind = FailureKind.SELECTOR_NOT_FOUND if "element(s) not found" in text else FailureKind.ASSERTION
    elif error_type == "TimeoutError" or "Timeout" in text:
        # The call log says "locator resolved to ..." once the element existed but never became actionable.
        kind = FailureKind.TIMEOUT if "resolved to" in text else FailureKind.SELECTOR_NOT_FOUND
        if locator is None:
            kind = FailureKind.TIMEOUT
    else:
        kind = FailureKind.TEST_CODE
    return Failure(kind=kind, message=text.strip()[:2000], locator=locator)


def _to_result(record: Mapping[str, object]) -> TestResult:
    failure = None
    if record.get("outcome") in ("failed", "error"):
        failure = classify_failure(
            _str(record.get("error_type")),
            _str(record.get("error_message")) or _str(record.get("longrepr")),
            _str(record.get("phase")),
        )
        line = record.get("line")
        failure.line = line if isinstance(line, int) else None
    data = {k: v for k, v in record.items() if k in TestResult.model_fields and k != "failure"}
    return TestResult.model_validate({**data, "failure": failure})


def _merged_records(artifacts_dir: Path) -> list[dict[str, object]]:
    """One record per test id from the session's results file(s); a worker's record beats the controller's."""
    merged: dict[str, dict[str, object]] = {}
    for path in sorted(artifacts_dir.glob("results*.json"), key=lambda p: p.name != "results.json"):
        for record in json.loads(path.read_text())["tests"]:
            merged[str(record["nodeid"])] = record
    return list(merged.values())


_NOT_TEXT = {".png", ".jpg", ".jpeg", ".webm"}


def seal_evidence(artifacts_dir: Path, redactor: Redactor) -> None:
    """What a run left behind is private and secret-free: the pytest process redacts as it writes, this pass
    catches what it could not (a secret it was not told about, a file a test wrote itself) and fixes permissions."""
    if redactor:
        for path in artifacts_dir.rglob("*"):
            if path.is_file() and not path.is_symlink() and path.suffix.lower() not in _NOT_TEXT:
                redactor.file(path)
    make_private(artifacts_dir)


def _str(value: object) -> str | None:
    return None if value is None else str(value)


MIN_TESTS_PER_WORKER = 3


def workers_for(batch: int, configured: int = 0) -> int:
    """How many pytest-xdist workers a batch gets: ``configured`` if set, else one per core while every worker
    still has a few tests (a worker costs a process and a browser)."""
    if configured:
        return configured
    return max(1, min(os.cpu_count() or 1, batch // MIN_TESTS_PER_WORKER))


def count_test_files(paths: Sequence[str | Path]) -> int:
    count = 0
    for raw in paths:
        path = Path(raw)
        count += len(list(path.rglob("test_*.py"))) if path.is_dir() else 1
    return count


def expand_test_paths(paths: Sequence[str | Path]) -> list[Path]:
    """Check that every path exists; folders are passed to pytest as they are."""
    if not paths:
        raise TestFileError("no test paths given")
    resolved = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise TestFileError(f"test path {str(path)!r} does not exist")
        if path.is_file() and path.suffix != ".py":
            raise TestFileError(f"{str(path)!r} is not a Python test file")
        resolved.append(path)
    return resolved


async def run_tests(
    paths: Sequence[str | Path],
    *,
    run_id: str,
    artifacts_dir: Path,
    base_url: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout_s: float = 600.0,
    extra_args: Sequence[str] = (),
    workers: int = 0,
    settings: Settings | None = None,
    sandbox: Sandbox | None = None,
) -> RunReport:
    """Run ``paths`` in one pytest session, inside the sandbox; every test gets evidence under ``artifacts_dir``.

    With ``workers`` > 1 the session spreads the tests over that many pytest-xdist worker processes (each with
    its own browser); each worker reports its own results file and they are merged here. ``settings`` (read from
    the environment when not given) choose the sandbox, the extra allowed origins and the secret allowlist.
    """
    settings = settings or Settings()
    files = [f.resolve() for f in expand_test_paths(paths)]
    sandbox = sandbox or select_sandbox(settings)
    artifacts_dir = artifacts_dir.resolve()
    private_dir(artifacts_dir)
    # Every secret the run can see, so what it leaves behind is checked for all of them.
    redactor = Redactor(secret_values({**os.environ, **(env or {})}))
    results_path = artifacts_dir / "results.json"
    for stale in artifacts_dir.glob("results*.json"):
        stale.unlink()
    args = [
        sys.executable, "-m", "pytest", *map(str, files), "-q", "--no-header", "-p", "no:cacheprovider",
        "--superagent-results", str(results_path), "--superagent-artifacts", str(artifacts_dir),
        "-o", "addopts=", "--continue-on-collection-errors", *extra_args,
    ]  # fmt: skip
    if base_url:
        args += ["--base-url", base_url]
    if workers > 1:
        args += ["-n", str(workers)]
    plan, tests_env = prepare_run(sandbox, settings, files, artifacts_dir, base_url, env or {})
    log.info("running %d path(s) in one pytest process", len(files), extra={"run_id": run_id})
    started = time.perf_counter()
    async with sandbox.launch(args, plan) as launch:
        announce(sandbox, launch)
        proc = await asyncio.create_subprocess_exec(
            *launch.argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, env=tests_env,
            preexec_fn=die_with_parent,
        )  # fmt: skip
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), timeout_s)
        except TimeoutError:
            proc.kill()
            await proc.wait()
            seal_evidence(artifacts_dir, redactor)
            names = [str(f) for f in files]
            raise RunnerError(f"pytest did not finish within {timeout_s:.0f}s for {names!r}") from None
    wall_ms = (time.perf_counter() - started) * 1000
    output = redactor.text(out.decode(errors="replace"))
    seal_evidence(artifacts_dir, redactor)
    code = proc.returncode if proc.returncode is not None else -1
    if code == 5:
        raise TestFileError(f"no tests found in {[str(f) for f in files]!r}")
    if not results_path.exists():
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise RunnerError(f"pytest exited with code {code} before reporting results:\n{tail}")
    records = redactor.data(_merged_records(artifacts_dir))
    for worker_file in artifacts_dir.glob("results.*.json"):
        worker_file.unlink()
    write_private(results_path, json.dumps({"tests": records, "exit_status": code}, indent=2))  # one for people
    results = [_to_result(record) for record in records]
    return RunReport(
        run_id=run_id,
        exit_code=code,
        wall_ms=wall_ms,
        results=results,
        output=output[-20000:],
        artifacts_dir=str(artifacts_dir),
    )
