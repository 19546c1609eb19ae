"""The export: CSV and JSON hold every season and firm and reload; the HTML names the story."""

from __future__ import annotations

import csv
import html
import json

from game.debrief import analyse, export_game, load_export
from game.engine.rules import DIMENSIONS
from tests.debrief.conftest import computer_game


def _exported(level, tmp_path, seed=3, **kwargs):
    game = computer_game(level, seed)
    paths = export_game(level, game.record(), tmp_path, name="partida", **kwargs)
    return game, {p.suffix: p for p in paths}


def test_the_csv_has_one_row_per_firm_per_season_with_every_column(gamarra, tmp_path):
    game, files = _exported(gamarra, tmp_path)
    with files[".csv"].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    seasons, firms = len(game.reports), len(game.names)
    assert len(rows) == seasons * firms
    assert {(int(r["season"]), int(r["firm"])) for r in rows} == {
        (s, f) for s in range(1, seasons + 1) for f in range(firms)
    }
    for column in ("decision", "detected", "penalty", "capital", "trust", *DIMENSIONS):
        assert column in rows[0]
    for row in rows:
        report = game.reports[int(row["season"]) - 1]
        decision = report.decisions.get(int(row["firm"]))
        assert row["decision"] == (decision.action.value if decision else "")
        assert row["detected"] == str(
            int(
                int(row["firm"]) in report.detected
                and decision is not None
                and decision.action.value == "defect"
            )
        )
    last = [r for r in rows if int(r["season"]) == seasons]
    for row in last:
        assert abs(float(row["capital"]) - game.state.firms[int(row["firm"])].capital) < 0.001


def test_the_json_holds_every_season_and_reloads_into_the_same_debrief(gamarra, tmp_path):
    game, files = _exported(gamarra, tmp_path, personalities=("leal",) * 6)
    data = json.loads(files[".json"].read_text(encoding="utf-8"))
    seasons = data["debrief"]["seasons"]
    assert [s["season"] for s in seasons] == list(range(1, len(game.reports) + 1))
    assert all(len(s["firms"]) == len(game.names) for s in seasons)
    level, record = load_export(files[".json"])
    assert record == game.record()
    original = analyse(gamarra, game.record(), personalities=("leal",) * 6)
    assert analyse(level, record, personalities=("leal",) * 6) == original


def test_the_summary_names_the_outcome_and_every_key_moment(gamarra, tmp_path):
    game, files = _exported(gamarra, tmp_path, lang="both")
    page = files[".html"].read_text(encoding="utf-8")
    debrief = analyse(gamarra, game.record())
    assert debrief.moments
    for lang in ("es", "en"):
        assert html.escape(debrief.outcome.title[lang]) in page
        for moment in debrief.moments:
            assert html.escape(moment.text[lang]) in page
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")


def test_the_summary_in_one_language_leaves_the_other_out(gamarra, tmp_path):
    game, files = _exported(gamarra, tmp_path, lang="es")
    page = files[".html"].read_text(encoding="utf-8")
    debrief = analyse(gamarra, game.record())
    assert html.escape(debrief.outcome.title["es"]) in page
    assert html.escape(debrief.outcome.title["en"]) not in page


def test_every_text_in_the_summary_is_escaped(gamarra, tmp_path):
    from game.engine.game import GameRecord

    record = computer_game(gamarra, 3).record()
    names = ("<b>Evil & Co</b>", *record.names[1:])
    tricky = GameRecord(record.level_id, record.seed, names, record.contract, record.decisions)
    page = export_game(gamarra, tricky, tmp_path, name="x")[2].read_text(encoding="utf-8")
    assert "<b>Evil" not in page
    assert "&lt;b&gt;Evil &amp; Co&lt;/b&gt;" in page


def test_charts_come_from_the_callback_and_are_named_after_the_game(gamarra, tmp_path):
    seen = []

    def charts(debrief, out):
        seen.append(debrief.level_id)
        path = out / "grafico_1_trust.png"
        path.write_bytes(b"png")
        return [path]

    _, files = _exported(gamarra, tmp_path, charts=charts)
    assert seen == ["gamarra"]
    assert files[".png"].name == "partida-grafico_1_trust.png"


def test_a_comparison_skips_a_game_whose_record_is_nonsense(gamarra, tmp_path):
    """A hand-edited export whose decisions name a firm that does not exist is listed as a
    problem, not a crash, and the good game is still compared."""
    from game.debrief import compare

    _game, files = _exported(gamarra, tmp_path)
    data = json.loads(files[".json"].read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert '"decisions": [{' in text
    broken = tmp_path / "roto.json"
    broken.write_text(text.replace('"decisions": [{', '"decisions": [{"99": {"action": "x"}, ', 1))
    result = compare([files[".json"], broken])
    assert len(result.games) == 1 and len(result.problems) == 1
    assert "roto.json" in result.problems[0]
