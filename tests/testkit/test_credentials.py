"""Credentials come from the environment or a secret file, and never show their password."""

from __future__ import annotations

from pathlib import Path

import pytest

from superagent.testkit import credentials as credentials_module
from superagent.testkit.credentials import Credentials, MissingCredentialsError, load_credentials


@pytest.fixture(autouse=True)
def no_secrets_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the /run/secrets fallback at an empty folder, so the machine's secrets never leak in."""
    folder = tmp_path / "secrets"
    folder.mkdir()
    monkeypatch.setattr(credentials_module, "SECRETS_DIR", folder)
    return folder


def test_from_environment_variables(demo_password: str) -> None:
    creds = load_credentials({"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD": demo_password})
    assert creds == Credentials(username="demo", password=demo_password)


def test_password_from_the_variable_named_by_password_env(demo_password: str) -> None:
    env = {
        "SUPERAGENT_USERNAME": "demo",
        "SUPERAGENT_PASSWORD_ENV": "SHOP_ADMIN_PASSWORD",
        "SHOP_ADMIN_PASSWORD": demo_password,
        "SUPERAGENT_PASSWORD": "not-this-one",
    }
    assert load_credentials(env).password == demo_password


def test_password_from_a_file(tmp_path: Path, demo_password: str) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text(demo_password + "\n")
    creds = load_credentials({"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD_FILE": str(secret)})
    assert creds.password == demo_password


def test_username_and_named_password_from_files(tmp_path: Path, demo_password: str) -> None:
    (tmp_path / "user").write_text("alice\n")
    (tmp_path / "pw").write_text(demo_password)
    env = {
        "SUPERAGENT_USERNAME_FILE": str(tmp_path / "user"),
        "SUPERAGENT_PASSWORD_ENV": "APP_PW",
        "APP_PW_FILE": str(tmp_path / "pw"),
    }
    assert load_credentials(env) == Credentials(username="alice", password=demo_password)


def test_variable_wins_over_file(tmp_path: Path, demo_password: str) -> None:
    secret = tmp_path / "password.txt"
    secret.write_text("from-the-file")
    env = {"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD": demo_password, "SUPERAGENT_PASSWORD_FILE": str(secret)}
    assert load_credentials(env).password == demo_password


def test_password_from_the_secrets_folder(no_secrets_dir: Path, demo_password: str) -> None:
    (no_secrets_dir / "superagent_password").write_text(demo_password + "\n")
    assert load_credentials({"SUPERAGENT_USERNAME": "demo"}).password == demo_password


def test_reads_the_process_environment_by_default(monkeypatch: pytest.MonkeyPatch, demo_password: str) -> None:
    monkeypatch.setenv("SUPERAGENT_USERNAME", "from-env")
    monkeypatch.setenv("SUPERAGENT_PASSWORD", demo_password)
    monkeypatch.delenv("SUPERAGENT_PASSWORD_ENV", raising=False)
    assert load_credentials() == Credentials(username="from-env", password=demo_password)


def test_missing_everything_names_both_variables() -> None:
    with pytest.raises(MissingCredentialsError) as info:
        load_credentials({})
    message = str(info.value)
    assert "SUPERAGENT_USERNAME" in message
    assert "SUPERAGENT_PASSWORD" in message


def test_missing_password_names_only_the_password_variable() -> None:
    with pytest.raises(MissingCredentialsError) as info:
        load_credentials({"SUPERAGENT_USERNAME": "demo"})
    assert str(info.value).startswith("test needs credentials: set SUPERAGENT_PASSWORD ")
    assert "SUPERAGENT_USERNAME" not in str(info.value)


def test_missing_username_names_only_the_username_variable(demo_password: str) -> None:
    with pytest.raises(MissingCredentialsError) as info:
        load_credentials({"SUPERAGENT_PASSWORD": demo_password})
    assert str(info.value).startswith("test needs credentials: set SUPERAGENT_USERNAME ")
    assert demo_password not in str(info.value)


def test_missing_named_password_names_that_variable() -> None:
    with pytest.raises(MissingCredentialsError, match="set APP_PW "):
        load_credentials({"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD_ENV": "APP_PW"})


def test_missing_file_counts_as_missing(tmp_path: Path) -> None:
    env = {"SUPERAGENT_USERNAME": "demo", "SUPERAGENT_PASSWORD_FILE": str(tmp_path / "absent")}
    with pytest.raises(MissingCredentialsError, match="SUPERAGENT_PASSWORD"):
        load_credentials(env)


def test_missing_credentials_is_a_lookup_error() -> None:
    with pytest.raises(LookupError):
        load_credentials({})


def test_repr_and_str_never_show_the_password(demo_password: str) -> None:
    creds = Credentials(username="demo", password=demo_password)
    for text in (repr(creds), str(creds), f"{creds}", repr([creds]), repr({"creds": creds})):
        assert demo_password not in text
        assert "demo" in text
        assert "***" in text
