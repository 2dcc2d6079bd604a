"""Settings: defaults, then TOML, then environment, then command-line flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import ConfigError
from claimledger.settings import Settings, load_settings


def test_precedence(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[claimledger]\ndb = "from-file.db"\nfetch_timeout = 3\nallow_private_addresses = true\n')
    s = load_settings(cfg, env={})
    assert (s.db, s.fetch_timeout, s.allow_private_addresses) == ("from-file.db", 3.0, True)
    s = load_settings(cfg, env={"CLAIMLEDGER_DB": "from-env.db", "CLAIMLEDGER_ALLOW_PRIVATE_ADDRESSES": "no"})
    assert (s.db, s.allow_private_addresses) == ("from-env.db", False)
    s = load_settings(cfg, env={"CLAIMLEDGER_DB": "from-env.db"}, overrides={"db": "flag.db", "fetch_timeout": None})
    assert (s.db, s.fetch_timeout) == ("flag.db", 3.0)


def test_defaults_without_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_settings(env={}) == Settings()
    assert Settings().db == "claimledger.db"


@pytest.mark.parametrize(("content", "match"), [
    ('nonsense = 1\n', "unknown setting"),
    ('fetch_timeout = "soon"\n', "fetch_timeout"),
    ('db = \n', "c.toml"),
])
def test_bad_settings_file(tmp_path: Path, content: str, match: str) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text(content)
    with pytest.raises(ConfigError, match=match):
        load_settings(cfg, env={})


def test_every_setting_has_help() -> None:
    assert all(len(h) > 10 for h in Settings.help_texts().values())
