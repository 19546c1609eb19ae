"""The export: CSV and JSON hold every season and firm and reload; the HTML names the story."""

from __future__ import annotations

import csv
import dataclasses
import html
import json

import pytest

from game.ai import make_personality
from game.debrief import analyse, compare, export_comparison, export_game, load_export
from game.debrief.export import CSV_COLUMNS, ExportError
from game.debrief.html import KEY_MOMENTS, _mark, key_moments
from game.engine.game import GameRecord, play
from game.engine.rules import DIMENSIONS
from tests.debrief.conftest import MIXED, computer_game


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


def test_the_summary_names_the_outcome_and_the_key_moments(gamarra, tmp_path):
    game, files = _exported(gamarra, tmp_path, lang="both")
    page = files[".html"].read_text(encoding="utf-8")
    debrief = analyse(gamarra, game.record())
    chosen = key_moments(debrief.moments, debrief.outcome, KEY_MOMENTS["both"])
    assert chosen
    for lang in ("es", "en"):
        assert html.escape(debrief.outcome.title[lang]) in page
        for moment in chosen:
            assert html.escape(moment.text[lang]) in page
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org/2000/svg", "")


def test_the_summary_in_one_language_leaves_the_other_out(gamarra, tmp_path):
    game, files = _exported(gamarra, tmp_path, lang="es")
    page = files[".html"].read_text(encoding="utf-8")
    debrief = analyse(gamarra, game.record())
    assert html.escape(debrief.outcome.title["es"]) in page
    assert html.escape(debrief.outcome.title["en"]) not in page


def test_every_text_in_the_summary_is_escaped(gamarra, tmp_path):
    record = computer_game(gamarra, 3).record()
    names = ("<b>Evil & Co</b>", *record.names[1:])
    tricky = dataclasses.replace(record, names=names)
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
    _game, files = _exported(gamarra, tmp_path)
    data = json.loads(files[".json"].read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False)
    assert '"decisions": [{' in text
    broken = tmp_path / "roto.json"
    broken.write_text(text.replace('"decisions": [{', '"decisions": [{"99": {"action": "x"}, ', 1))
    result = compare([files[".json"], broken])
    assert len(result.games) == 1 and len(result.problems) == 1
    assert "roto.json" in result.problems[0]


TREATED = {"visibility": "public", "mistake_rate": 0.2, "penalty_severity": 2.0}


def _treated(record: GameRecord) -> GameRecord:
    """The same decisions, recorded as played with other switches (the export only reads them)."""
    return dataclasses.replace(record, treatments=TREATED)


def test_the_csv_and_json_say_which_treatments_the_game_was_played_with(gamarra, tmp_path):
    record = _treated(computer_game(gamarra, 3).record())
    files = {p.suffix: p for p in export_game(gamarra, record, tmp_path, name="t")}
    expected = gamarra.rules.treatments.with_overrides(TREATED).to_json()
    with files[".csv"].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    switches = [c for c in CSV_COLUMNS if c.startswith("treatment_")]
    assert switches == [f"treatment_{name}" for name in expected]
    for row in rows:
        assert row["treatment_visibility"] == "public"
        assert float(row["treatment_mistake_rate"]) == 0.2
        assert float(row["treatment_penalty_severity"]) == 2.0
        assert row["treatment_announce_last_season"] == str(int(expected["announce_last_season"]))
    data = json.loads(files[".json"].read_text(encoding="utf-8"))
    assert data["treatments"] == expected
    assert load_export(files[".json"])[1].treatments_for(gamarra).to_json() == expected


def test_a_game_recorded_before_treatments_exports_the_levels_defaults(gamarra, tmp_path):
    played = computer_game(gamarra, 3).record()
    old = dataclasses.replace(played, treatments={})  # what such a record reads back as
    files = {p.suffix: p for p in export_game(gamarra, old, tmp_path, name="vieja")}
    data = json.loads(files[".json"].read_text(encoding="utf-8"))
    assert data["treatments"] == gamarra.rules.treatments.to_json()


def test_the_comparison_shows_each_groups_conditions_and_treatments(gamarra, tmp_path):
    """One group signed the sound contract, the other the level's usual one (none of the
    conditions): the page marks every condition of each, and each game's switches."""
    deciders = [make_personality(k, f"2/ai/{i}") for i, k in enumerate(MIXED[:6])]
    sound = play(gamarra, deciders, 2, gamarra.reference_contract, treatments=TREATED).record()
    usual = computer_game(gamarra, 3).record()
    exports = [
        export_game(gamarra, record, tmp_path, name=name)[1]  # csv, json, html
        for name, record in (("grupo_a", sound), ("grupo_b", usual))
    ]
    comparison = compare(exports)
    page = export_comparison(comparison, tmp_path, lang="es").read_text(encoding="utf-8")
    a, b = comparison.games
    assert len(a.had) == 8 and len(b.had) == 0
    contract = page.split("<h2>El contrato")[1].split("</table>")[0]
    rows = contract.split("<tr>")[2:]
    assert len(rows) == 8
    for review, row in zip(analyse(gamarra, usual).contract_review, rows, strict=True):
        assert html.escape(review.name["es"]) in row
        assert row.count(_mark(True, "es")) == 1 and row.count(_mark(False, "es")) == 1
        assert row.index(_mark(True, "es")) < row.index(_mark(False, "es"))  # a, then b
    assert a.treatments == gamarra.rules.treatments.with_overrides(TREATED).to_json()
    assert b.treatments == gamarra.rules.treatments.with_overrides(usual.treatments).to_json()
    treatments = page.split("<h2>Opciones del facilitador")[1].split("</table>")[0]
    assert html.escape("Toda traición es pública") in treatments
    assert html.escape("Solo se sabe lo que se detecta") in treatments
    assert "20% de los lotes" in treatments and "× 2" in treatments


def test_the_csv_alone_reloads_into_the_same_debrief(gamarra, tmp_path):
    """A facilitator may keep only the spreadsheet: its rows still replay the same game."""
    from game.debrief import read_export

    seats = ("leal", "oportunista", "reciproco", None, "a_medias", "inversor")
    game = computer_game(gamarra, 5)
    record = game.record()
    files = {
        p.suffix: p
        for p in export_game(gamarra, record, tmp_path, name="grupo", personalities=seats)
    }
    exported = read_export(files[".csv"])
    assert exported.record == record
    assert exported.personalities == seats
    assert analyse(exported.level, exported.record, personalities=seats) == analyse(
        gamarra, record, personalities=seats
    )


def test_the_csv_keeps_the_treatments_for_the_reload(gamarra, tmp_path):
    from game.debrief import read_export
    from game.engine.game import Game

    treatments = {"visibility": "public", "mistake_rate": 0.1, "announce_last_season": True}
    game = Game(gamarra, gamarra.firm_names[:5], 8, treatments=treatments)
    deciders = [make_personality("reciproco", i) for i in range(5)]
    while game.outcome is None:
        game.begin_season()
        game.resolve({i: deciders[i](game.view(i)) for i in game.members()})
    files = {p.suffix: p for p in export_game(gamarra, game.record(), tmp_path, name="t")}
    record = read_export(files[".csv"]).record
    assert record.treatments_for(gamarra) == game.treatments
    assert record.decisions == game.record().decisions


def test_a_csv_that_is_not_a_game_is_refused_with_a_reason(tmp_path):
    import pytest

    from game.debrief import read_export
    from game.debrief.export import ExportError

    sheet = tmp_path / "notas.csv"
    sheet.write_text("alumno,nota\nAna,18\n", encoding="utf-8")
    with pytest.raises(ExportError, match="not a game exported by this game"):
        read_export(sheet)


@pytest.mark.parametrize("model", [None, "1"])
def test_an_export_of_the_old_rules_is_refused_saying_why(gamarra, tmp_path, model):
    """A CSV without the ``model`` column, or of model 1, and a JSON export of version 2 hold
    games of the old rules: refused with a message, never replayed under today's."""
    import csv
    import json

    from game.debrief import read_export

    record = computer_game(gamarra, 3).record()
    files = export_game(gamarra, record, tmp_path, name="old")
    path = next(p for p in files if p.suffix == ".csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        columns = [c for c in rows[0] if c != "model" or model is not None]
        writer = csv.DictWriter(handle, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows({**row, "model": model} for row in rows)
    with pytest.raises(ExportError, match="earlier rules"):
        read_export(path)
    document = next(p for p in files if p.suffix == ".json")
    data = json.loads(document.read_text(encoding="utf-8"))
    data["version"] = 2
    data["record"].pop("model")
    document.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ExportError, match="earlier rules"):
        read_export(document)


def test_a_csv_mixing_two_models_or_a_bad_one_is_refused_naming_it(gamarra, tmp_path):
    import csv

    import pytest

    from game.debrief import read_export
    from game.debrief.export import ExportError

    record = computer_game(gamarra, 3).record()
    path = next(p for p in export_game(gamarra, record, tmp_path, name="g") if p.suffix == ".csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))

    def write(changed_rows) -> None:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, list(rows[0]))
            writer.writeheader()
            writer.writerows(changed_rows)

    write([rows[0], *({**row, "model": "1"} for row in rows[1:])])
    with pytest.raises(ExportError, match="more than one game"):
        read_export(path)
    write([{**row, "model": "dos"} for row in rows])
    with pytest.raises(ExportError, match="model is 'dos'"):
        read_export(path)
