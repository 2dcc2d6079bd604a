"""The source registry: alias folding, demonyms, metonyms, transliteration, user overrides (no model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import ConfigError
from claimledger.extract.sources import SourceRegistry, translit_key


@pytest.fixture(scope="module")
def reg() -> SourceRegistry:
    return SourceRegistry.load()


@pytest.mark.parametrize("mention", [
    "HUR", "GUR", "Ukraine's defense intelligence agency", "the Ukrainian intelligence agency",
    "Ukrainian intelligence", "Ukrainian military intelligence", "Defense Intelligence of Ukraine",
    "Ukraine\u2019s military intelligence service", "the Defence Intelligence of Ukraine",
])
def test_demonym_and_possessive_forms_meet_one_entry(reg: SourceRegistry, mention: str) -> None:
    entry = reg.lookup(mention)
    assert entry is not None and entry.name == "Defence Intelligence of Ukraine"
    assert entry.country == "UA" and entry.kind == "organization" and entry.reliability == "F"


def test_outlets_and_agencies(reg: SourceRegistry) -> None:
    assert reg.lookup("the Washington Post").kind == "outlet"  # type: ignore[union-attr]
    assert reg.lookup("Japan's Kyodo News").name == "Kyodo News"  # type: ignore[union-attr]
    assert reg.lookup("NSC").name == "U.S. National Security Council"  # type: ignore[union-attr]
    assert reg.is_outlet_name("CNN")
    assert reg.is_outlet_name("The Springfield Daily News")  # heuristic for unregistered outlets
    assert not reg.is_outlet_name("Asan Institute")
    assert reg.lookup("Institute of Something Unknown") is None


def test_transliteration_variants(reg: SourceRegistry) -> None:
    assert translit_key("Zelenskyy") == translit_key("Zelensky") == translit_key("Zelenskiy")
    assert translit_key("Andrii") == translit_key("Andriy")
    assert translit_key("Kim Yong-hyun") == translit_key("Kim Yong hyun")
    assert reg.lookup_person("Volodymyr Zelenskyy").name == "Volodymyr Zelensky"  # type: ignore[union-attr]
    assert reg.lookup_person("Zelenskiy").name == "Volodymyr Zelensky"  # type: ignore[union-attr]
    assert reg.lookup_person("Kim") is None  # a bare common surname is not resolved by the registry


def test_metonyms(reg: SourceRegistry) -> None:
    kremlin = reg.metonym("the Kremlin", agentive=False)
    assert kremlin is not None and kremlin.code == "RU" and kremlin.government == "Russian government"
    assert reg.metonym("Kyiv", agentive=False) is None  # a dateline is a place
    assert reg.metonym("Kyiv", agentive=True).code == "UA"  # type: ignore[union-attr]
    for capital, code in (("Pyongyang", "KP"), ("Seoul", "KR"), ("Washington", "US"), ("Beijing", "CN")):
        assert reg.metonym(capital, agentive=True).code == code  # type: ignore[union-attr]
    assert reg.metonym("the White House", agentive=False).code == "US"  # type: ignore[union-attr]
    gov = reg.countries["RU"].government_entry()
    assert "Moscow" in gov.aliases and "Russia" in gov.aliases


def test_countries_and_demonyms(reg: SourceRegistry) -> None:
    assert reg.country("the U.S.").code == "US"  # type: ignore[union-attr]
    assert reg.country("Ukrainian").code == "UA"  # type: ignore[union-attr]
    assert reg.demonym_country(["a", "South", "Korean", "official"]).code == "KR"  # type: ignore[union-attr]


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text('[[source]]\nname = "Reuters"\nkind = "outlet"\nreliability = "B"\n\n'
                    '[[source]]\nname = "Springfield Monitor"\nkind = "organization"\ncountry = "US"\n'
                    'aliases = ["the Monitor"]\n', encoding="utf-8")
    reg = SourceRegistry.load(user)
    assert reg.lookup("Reuters").reliability == "B"  # type: ignore[union-attr]
    assert reg.lookup("the Monitor").name == "Springfield Monitor"  # type: ignore[union-attr]
    assert SourceRegistry.load().lookup("Reuters").reliability == "F"  # type: ignore[union-attr]


def test_bad_user_file_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nname = "X"\nkind = "martian"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown kind"):
        SourceRegistry.load(bad)
    with pytest.raises(ConfigError, match="not found"):
        SourceRegistry.load(tmp_path / "missing.toml")
