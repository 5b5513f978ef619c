"""The bubblewrap command line: what a test run can see, write and reach."""

from __future__ import annotations

from pathlib import Path

from superagent.sandbox.base import RunPlan
from superagent.sandbox.bubblewrap import BubblewrapSandbox, bwrap_argv, project_root
from superagent.sandbox.origins import OriginPolicy, allowed_origins, origin_of

PYTEST = ["python", "-m", "pytest", "tests"]


def _pairs(argv: list[str], flag: str) -> list[str]:
    return [argv[i + 1] for i, arg in enumerate(argv) if arg == flag]


def _plan(tmp_path: Path) -> RunPlan:
    tests = tmp_path / "project" / "superagent-tests"
    tests.mkdir(parents=True)
    (tmp_path / "project" / "pyproject.toml").write_text("")
    return RunPlan(tests=(tests,), artifacts=tmp_path / "artifacts", workdir=Path("/"), home=str(tmp_path / "home"))


def test_read_only_system_private_tmp_and_home_writable_run_folders(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    argv = bwrap_argv("bwrap", plan, PYTEST, home="/root", drop_to=None)
    assert argv[:4] == ["bwrap", "--ro-bind", "/", "/"]
    assert {"/tmp", "/root"} <= set(_pairs(argv, "--tmpfs"))
    assert sorted(_pairs(argv, "--bind")) == sorted([str(plan.tests[0]), str(plan.artifacts)])
    assert str(tmp_path / "project") in _pairs(argv, "--ro-bind")  # pytest's configuration above the tests
    assert argv[argv.index("--") + 1 :] == PYTEST
    for flag in ("--unshare-pid", "--unshare-net", "--unshare-user", "--die-with-parent", "--new-session"):
        assert flag in argv


def test_root_drops_to_nobody_instead_of_mapping_root(tmp_path: Path) -> None:
    argv = bwrap_argv("bwrap", _plan(tmp_path), PYTEST, home="/root", drop_to=65534, setpriv="/usr/bin/setpriv")
    after = argv[argv.index("--") + 1 :]
    assert after[:3] == ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534"]
    assert "--no-new-privs" in after and after[-4:] == PYTEST
    assert "--unshare-user" not in argv


def test_a_hidden_folder_is_never_mounted_back_whole(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    plan = RunPlan(tests=plan.tests, artifacts=plan.artifacts, readable=(Path("/tmp"), Path("/root")), home="/root")
    argv = bwrap_argv("bwrap", plan, PYTEST, home="/root", drop_to=None)
    assert "/tmp" not in _pairs(argv, "--ro-bind") and "/root" not in _pairs(argv, "--ro-bind")


def test_host_network_only_when_asked(tmp_path: Path) -> None:
    argv = bwrap_argv("bwrap", _plan(tmp_path), PYTEST, home="/root", drop_to=None, share_network=True)
    assert "--unshare-net" not in argv


def test_a_hidden_working_folder_becomes_the_tests_folder(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    plan = RunPlan(tests=plan.tests, artifacts=plan.artifacts, workdir=tmp_path, home=plan.home)
    argv = bwrap_argv("bwrap", plan, PYTEST, home="/root", drop_to=None)
    assert _pairs(argv, "--chdir") == [str(plan.tests[0])]


def test_project_root_is_the_nearest_configured_folder(tmp_path: Path) -> None:
    tests = _plan(tmp_path).tests[0]
    assert project_root(tests, ["/tmp"]) == tmp_path / "project"
    assert project_root(Path("/usr/lib"), ["/tmp"]) is None  # visible anyway


def test_remote_or_privileged_origins_keep_the_host_network() -> None:
    sandbox = BubblewrapSandbox(Path("/usr/bin/bwrap"))
    assert sandbox.network(allowed_origins("http://127.0.0.1:8000"))[0] is False
    assert sandbox.network(allowed_origins("http://localhost:8000", "http://127.0.0.2:9000"))[0] is False
    assert sandbox.network(allowed_origins("https://staging.example.test"))[0] is True
    assert sandbox.network(allowed_origins("http://127.0.0.1:80"))[0] is True


def test_origin_policy_same_origin_plus_allowed() -> None:
    policy = OriginPolicy(allowed_origins("http://127.0.0.1:8000/app/", "http://127.0.0.1:9000"))
    assert policy.allows("http://127.0.0.1:8000/other?x=1")
    assert policy.allows("ws://127.0.0.1:8000/socket")  # the app's own WebSocket
    assert policy.allows("http://127.0.0.1:9000/")
    assert policy.allows("data:text/plain,hi") and policy.allows("about:blank")
    assert not policy.allows("http://127.0.0.1:8001/")
    assert not policy.allows("https://127.0.0.1:8000/")  # another scheme is another origin
    assert not policy.allows("http://127.0.0.2:8000/")
    assert origin_of("http://LOCALHOST/") == origin_of("http://localhost:80")
