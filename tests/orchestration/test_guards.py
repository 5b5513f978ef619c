"""A worker refuses what a job may not ask of it: foreign environment variables for pytest, a key or token as the
password, a job id that is not a folder name, test paths outside the tests folder and the working directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from superagent.errors import UsageError
from superagent.job_models import JobRecord, JobSpec
from superagent.orchestration.activities import AgentActivities
from superagent.orchestration.models import CommitInput, RunInput, StageInput, WriteInput
from superagent.settings import Settings
from superagent.state.sqlite import SQLiteStateStore


@pytest.fixture
def activities(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AgentActivities:
    monkeypatch.chdir(tmp_path)
    settings = Settings(
        tests_dir=tmp_path / "superagent-tests", artifacts_dir=tmp_path / "artifacts", state_dir=tmp_path / ".sa",
        _env_file=None,  # type: ignore[call-arg]
    )  # fmt: skip

    def open_state() -> SQLiteStateStore:
        return SQLiteStateStore(tmp_path / ".sa" / "state.db")

    return AgentActivities(settings, open_state, brains=None)  # type: ignore[arg-type]


def _spec(**changes: object) -> JobSpec:
    return JobSpec(job_id="20260101-000000-ab12cd", kind="check", title="t", **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("env", "refusal"),
    [
        ({"LD_PRELOAD": "/tmp/evil.so"}, "refused 'LD_PRELOAD'"),
        ({"PYTEST_ADDOPTS": "-p evil"}, "refused 'PYTEST_ADDOPTS'"),
        ({"PYTHONPATH": "/tmp/evil"}, "refused 'PYTHONPATH'"),
        ({"SUPERAGENT_CHROMIUM_PATH": "/tmp/evil"}, "refused 'SUPERAGENT_CHROMIUM_PATH'"),
        ({"SUPERAGENT_PASSWORD_ENV": "ANTHROPIC_API_KEY"}, "holds a key or token"),
        ({"SUPERAGENT_PASSWORD_ENV": "HOME"}, "not allowed as a password variable"),
    ],
)
async def test_the_runner_environment_is_an_allowlist(
    activities: AgentActivities, env: dict[str, str], refusal: str
) -> None:
    with pytest.raises(UsageError, match=refusal):
        await activities.open_job(JobRecord(spec=_spec(runner_env=env)))
    with pytest.raises(UsageError, match=refusal):
        await activities.run(RunInput(job_id="j1", run_no=1, paths=["superagent-tests"], runner_env=env))


async def test_the_testkit_settings_and_an_allowed_password_variable_pass(activities: AgentActivities) -> None:
    env = {"SUPERAGENT_USERNAME": "u", "SUPERAGENT_PASSWORD_ENV": "APP_PASSWORD", "SUPERAGENT_TRACE": "off"}
    await activities.open_job(JobRecord(spec=_spec(runner_env=env, password_env="NOTES_PASS")))
    async with activities.open_state() as state:
        assert await state.get_job("20260101-000000-ab12cd") is not None


@pytest.mark.parametrize("name", ["ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GITHUB_TOKEN", "AWS_SECRET_KEY", "HOME"])
async def test_the_writer_never_types_a_key_into_a_form(
    activities: AgentActivities, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from superagent.models import Intent, Request

    monkeypatch.setenv(name, "the-secret-value")
    request = Request(text="log in", intent=Intent.CREATE_TEST, url="http://127.0.0.1:9")
    with pytest.raises(UsageError, match=name):
        await activities.write(WriteInput(job_id="j1", request=request, username="u", password_env=name))


@pytest.mark.parametrize("job_id", ["../../etc", "a/b", "", ".hidden", "x" * 82, "a b", "j\n1"])
async def test_a_job_id_must_be_a_plain_folder_name(activities: AgentActivities, job_id: str) -> None:
    with pytest.raises(UsageError, match="bad job id"):
        await activities.open_job(JobRecord(spec=_spec().model_copy(update={"job_id": job_id})))
    with pytest.raises(UsageError, match="bad job id"):
        await activities.run(RunInput(job_id=job_id, run_no=1, paths=["superagent-tests"]))


@pytest.mark.parametrize("path", ["/etc/passwd", "../outside/test_x.py", "/tmp/../etc/test_x.py"])
async def test_test_paths_stay_under_the_tests_folder_or_working_directory(
    activities: AgentActivities, path: str
) -> None:
    with pytest.raises(UsageError, match="outside the tests folder"):
        await activities.open_job(JobRecord(spec=_spec(paths=[path])))
    with pytest.raises(UsageError, match="outside the tests folder"):
        await activities.read(path)
    with pytest.raises(UsageError, match="outside the tests folder"):
        await activities.stage(StageInput(test_file=path, source="x", job_id="j1"))
    with pytest.raises(UsageError, match="outside the tests folder"):
        await activities.commit(CommitInput(test_file=path, source="x"))
    assert Path("/etc/passwd").read_text() == Path("/etc/passwd").read_text()  # untouched, and still readable


async def test_a_path_inside_the_working_directory_is_staged_per_job(activities: AgentActivities) -> None:
    test = Path("superagent-tests/test_x.py")
    test.parent.mkdir()
    test.write_text("def test_x():\n    pass\n")
    first = await activities.stage(StageInput(test_file=str(test), source="a", job_id="job-1"))
    second = await activities.stage(StageInput(test_file=str(test), source="b", job_id="job-2"))
    assert first != second
    assert Path(first).name == "_medic_job_1_test_x.py" and Path(first).read_text() == "a"
    assert Path(second).read_text() == "b"
    assert sorted(os.listdir(test.parent)) == ["_medic_job_1_test_x.py", "_medic_job_2_test_x.py", "test_x.py"]
