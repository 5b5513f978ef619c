"""Accounts remembered per app: names only, owner-readable, keyed by the app's base URL."""

from __future__ import annotations

import stat
from pathlib import Path

from superagent.app_accounts import Account, recall, remember


def test_an_account_is_recalled_for_the_same_app_however_its_url_is_written(tmp_path: Path) -> None:
    remember(tmp_path, "http://h:1/admin/", Account(username="dana", password_env="ADMIN_PW"))

    assert recall(tmp_path, "http://h:1/admin") == Account(username="dana", password_env="ADMIN_PW")
    assert recall(tmp_path, "http://h:1/other/") is None
    assert recall(tmp_path, None) is None
    assert stat.S_IMODE((tmp_path / "accounts.json").stat().st_mode) == 0o600


def test_a_new_account_replaces_the_old_one_and_others_stay(tmp_path: Path) -> None:
    remember(tmp_path, "http://h:1/", Account(username="a", password_env="A_PW"))
    remember(tmp_path, "http://h:2/", Account(username="b", password_env="B_PW"))
    remember(tmp_path, "http://h:1/", Account(username="c", password_env="C_PW"))

    assert recall(tmp_path, "http://h:1/") == Account(username="c", password_env="C_PW")
    assert recall(tmp_path, "http://h:2/") == Account(username="b", password_env="B_PW")


def test_an_unreadable_file_means_no_account(tmp_path: Path) -> None:
    (tmp_path / "accounts.json").write_text("not json")

    assert recall(tmp_path, "http://h:1/") is None
