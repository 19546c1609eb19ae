"""What the checker accepts, the engine plays (issue 16): numbers that would overflow a game
are refused with file, line and a hint, and a level at every bound plays to its end with
finite money."""

from __future__ import annotations

import math
from pathlib import Path

import yaml

from game.ai import make_personality
from game.content.levels import check_file, load_level
from game.engine.game import play
from game.engine.rules import MONEY_MAX

ROOT = Path(__file__).resolve().parents[2]


def _level_file(tmp_path: Path, change) -> Path:
    data = yaml.safe_load((ROOT / "levels" / "villa_el_salvador.yaml").read_text("utf-8"))
    change(data)
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _problems(path: Path) -> list[str]:
    return [str(p) for p in check_file(path)]


def test_phase_minimums_that_do_not_rise_with_the_phase_are_refused(tmp_path) -> None:
    def reverse(data):
        data["rules"]["phase_thresholds"] = {3: {"technology": 10}}  # below phase II's 15

    problems = _problems(_level_file(tmp_path, reverse))
    assert any(
        "rules.phase_thresholds.3.technology" in p and "is not above phase II's (15)" in p
        for p in problems
    ), problems
    assert all(p.startswith(str(tmp_path / "hostile.yaml") + ":") for p in problems)


def test_an_escalation_that_would_overflow_is_refused(tmp_path) -> None:
    def escalate(data):
        changes = {"penalties": {"options": {"escalating": {"effects": {"escalation": 50}}}}}
        data["contract"]["changes"] = changes

    problems = _problems(_level_file(tmp_path, escalate))
    assert any("escalation of 50 makes repeated fines grow past any sum" in p for p in problems)


def test_prices_beyond_any_sum_are_refused(tmp_path) -> None:
    def inflate(data):
        data["rules"]["market"] = {"joint_price": 1e308}

    problems = _problems(_level_file(tmp_path, inflate))
    assert any("rules.market.joint_price" in p for p in problems), problems


def test_a_level_at_every_bound_plays_to_its_end_with_finite_money(tmp_path) -> None:
    def at_the_bounds(data):
        data["rules"]["market"] = {"joint_price": MONEY_MAX, "market_price": MONEY_MAX / 2}
        data["rules"]["end"] = {"season_limit": 200}
        escalating = {"effects": {"escalation": 10, "expel_after": 0}}
        data["contract"]["changes"] = {"penalties": {"options": {"escalating": escalating}}}

    path = _level_file(tmp_path, at_the_bounds)
    assert _problems(path) == []
    level = load_level(str(path))
    seats = ["always_defect"] + ["always_cooperate"] * (level.firms.default - 1)
    deciders = [make_personality(key, f"1/ai/{i}") for i, key in enumerate(seats)]
    game = play(level, deciders, 1, level.reference_contract)
    assert game.outcome is not None
    assert all(math.isfinite(x) for x in (*game.payoffs(), *game.alone_payoffs()))
    assert all(math.isfinite(p.fine) for r in game.reports for p in r.penalties.values())


def test_firm_names_no_screen_can_show_are_refused(tmp_path) -> None:
    """A NUL or half a surrogate pair in a name crashed the season screen (issue 16)."""

    def unshowable(data):
        data["firm_names"][1] = "Muebles\x00Sol"
        data["firm_names"][2] = "Taller \ud800"

    problems = _problems(_level_file(tmp_path, unshowable))
    assert any("firm_names[1]" in p and "(U+0000)" in p for p in problems), problems
    assert any("firm_names[2]" in p and "(U+D800)" in p for p in problems), problems


def test_firm_names_of_invisible_characters_are_refused(tmp_path) -> None:
    """A name of nothing but a zero-width space has no width: pygame raises 'Text has zero
    width' on the screen that draws it (issue 16). Formatting characters are refused too."""

    def invisible(data):
        data["firm_names"][1] = "\u200b"
        data["firm_names"][2] = "Taller\u202eSol"

    problems = _problems(_level_file(tmp_path, invisible))
    assert any("firm_names[1]" in p and "U+200B zero width space" in p for p in problems)
    assert any("firm_names[2]" in p and "U+202E" in p for p in problems), problems


def test_a_new_contract_option_without_its_texts_is_refused_not_crashed(tmp_path) -> None:
    """Found by the level fuzz: a changed option renamed to one the defaults lack (a new
    option) with only a cost gave a TypeError traceback instead of a message."""

    def rename(data):
        options = {"desconocido": {"cost_per_season": 3}}
        data["contract"]["changes"] = {"leadership": {"options": options}}

    problems = _problems(_level_file(tmp_path, rename))
    where = "contract.changes.leadership.options.desconocido"
    assert any(f"{where}.name: a new option needs 'name'" in p for p in problems), problems
    assert any(f"{where}.consequence: a new option needs" in p for p in problems), problems
