"""Docs are tested: the CLI and settings references match the code; every command and setting is
documented; the README's set-up is the two commands."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import claimledger
from claimledger.cli.reference import cli_reference, settings_reference
from claimledger.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FIX = "run `python -m claimledger.cli.reference docs/` and commit the result"


def test_cli_reference_is_current() -> None:
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == cli_reference(), FIX


def test_settings_reference_is_current() -> None:
    assert (ROOT / "docs" / "settings.md").read_text(encoding="utf-8") == settings_reference(), FIX


def test_every_command_is_explained_in_the_readme() -> None:
    from claimledger.cli.main import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert re.search(rf"claimledger {name}\b", readme), f"README does not mention `claimledger {name}`"


def test_every_setting_is_in_the_docs() -> None:
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in Settings.help_texts():
        assert f"`{name}`" in text


def test_readme_setup_is_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^\$ (.+)$", setup, flags=re.M)
    assert commands == ["make demo", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_package_doctests() -> None:
    assert doctest.testmod(claimledger).failed == 0
