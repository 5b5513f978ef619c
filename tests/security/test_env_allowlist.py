"""The tests' environment is an allowlist: basics, the testkit's settings, and only the job's own credentials."""

from __future__ import annotations

import pytest

from superagent.errors import UsageError
from superagent.sandbox.env import child_env, password_var

PARENT = {
    "PATH": "/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "TZ": "UTC",
    "HOME": "/root",
    "OPENAI_API_KEY": "sk-openai",
    "FAKE_API_KEY": "fake-key",
    "GITHUB_TOKEN": "ghp-token",
    "AWS_SECRET_ACCESS_KEY": "aws-secret",
    "AWS_REGION": "eu-west-1",
    "LD_PRELOAD": "/tmp/evil.so",
    "PYTHONPATH": "/tmp/evil",
    "PYTEST_ADDOPTS": "-p evil",
    "SUPERAGENT_OPENAI_API_KEY": "sk-too",
    "SUPERAGENT_ACTION_TIMEOUT_MS": "3000",
    "SUPERAGENT_MODEL": "openai:gpt-4o-mini",
    "APP_PASSWORD": "hunter2",
    "OTHER_PASSWORD": "not-this-one",
}


def test_only_basics_and_testkit_settings_without_an_account() -> None:
    env = child_env(PARENT, {"SUPERAGENT_BASE_URL": "http://127.0.0.1:5000"}, home="/root")
    assert env == {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "HOME": "/root",
        "PYTHONDONTWRITEBYTECODE": "1",
        "SUPERAGENT_ACTION_TIMEOUT_MS": "3000",
        "SUPERAGENT_BASE_URL": "http://127.0.0.1:5000",
    }


def test_the_named_password_variable_and_no_other_secret() -> None:
    job = {"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD_ENV": "APP_PASSWORD"}
    env = child_env(PARENT, job, home="/root")
    assert env["APP_PASSWORD"] == "hunter2"
    assert env["SUPERAGENT_USERNAME"] == "demo" and env["SUPERAGENT_PASSWORD_ENV"] == "APP_PASSWORD"
    assert "OTHER_PASSWORD" not in env
    leaked = {"sk-openai", "fake-key", "ghp-token", "aws-secret", "sk-too", "/tmp/evil.so", "-p evil", "not-this-one"}
    assert leaked.isdisjoint(env.values())


def test_job_settings_cannot_smuggle_keys_or_code_in() -> None:
    job = {"OPENAI_API_KEY": "sk-job", "LD_PRELOAD": "/x.so", "PYTHONPATH": "/x", "SUPERAGENT_TRACE": "off"}
    env = child_env(PARENT, job, home="/root", import_root="/work/src")
    assert env["SUPERAGENT_TRACE"] == "off"
    assert "OPENAI_API_KEY" not in env and "LD_PRELOAD" not in env
    assert env["PYTHONPATH"] == "/work/src"  # only the folder superagent itself is imported from


@pytest.mark.parametrize("name", ["OPENAI_API_KEY", "DEPLOY_TOKEN", "MY_SECRET_PASSWORD", "AWS_PASSWORD"])
def test_a_password_variable_that_looks_like_a_key_is_refused(name: str) -> None:
    with pytest.raises(UsageError, match=f"{name!r} may not be passed"):
        password_var({"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD_ENV": name})


def test_the_secret_allowlist_is_configurable() -> None:
    job = {"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD_ENV": "APP_WORD"}
    with pytest.raises(UsageError, match="SUPERAGENT_PASSWORD_ENV_ALLOWLIST"):
        password_var(job)
    assert password_var(job, "APP_WORD") == "APP_WORD"
    assert password_var({"SUPERAGENT_USERNAME": "demo"}) == "SUPERAGENT_PASSWORD"  # the testkit's default
    assert password_var({"SUPERAGENT_PASSWORD_ENV": "APP_PASSWORD"}) is None  # no account, no password
