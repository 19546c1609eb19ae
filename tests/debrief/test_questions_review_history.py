"""Questions follow what happened; the contract review is measured on the game; the history
note comes from the level file and names its section."""

from __future__ import annotations

from game.content.levels import load_level
from game.debrief import analyse, what_if_all_cooperate
from game.engine.contract import CONDITIONS
from game.engine.state import Action
from tests.debrief.conftest import computer_game


def _undetected(game):
    return sum(
        1
        for r in game.reports
        for f, d in r.decisions.items()
        if d.action is Action.DEFECT and f not in r.detected
    )


def test_questions_differ_between_an_unseen_defection_and_all_cooperation(gamarra):
    game = computer_game(gamarra, 4)
    assert _undetected(game) > 0
    mixed = analyse(gamarra, game.record())
    loyal = what_if_all_cooperate(gamarra, game.record())
    for debrief in (mixed, loyal):
        assert 4 <= len(debrief.questions) <= 6
        assert all(q["es"] and q["en"] for q in debrief.questions)
    assert mixed.questions != loyal.questions
    assert any("trazabilidad" in q["es"] for q in mixed.questions)
    assert not any("trazabilidad" in q["es"] for q in loyal.questions)


def test_the_tutorial_asks_about_forgiving_and_punishing(tutorial):
    from game.engine.game import GameRecord
    from game.engine.state import COOPERATE, DEFECT

    script = tuple({0: DEFECT, 1: COOPERATE} for _ in range(10))
    record = GameRecord("tutorial", 1, ("Ana", "Beto"), dict(tutorial.default_contract), script)
    questions = analyse(tutorial, record).questions
    assert 4 <= len(questions) <= 6
    assert any("Axelrod" in q["en"] for q in questions)


def test_the_review_covers_the_eight_conditions_with_their_source(gamarra):
    debrief = analyse(gamarra, computer_game(gamarra, 3).record())
    assert [r.condition for r in debrief.contract_review] == list(CONDITIONS)
    for review in debrief.contract_review:
        assert review.source.startswith("000 III (Condiciones básicas para la asociatividad)")
        assert review.chosen == debrief.contract[review.condition]
        assert review.effect["es"] and review.effect["en"]
    assert all(not r.had for r in debrief.contract_review)  # Gamarra's habit: no rules


def test_missing_monitoring_is_measured_on_the_unseen_defections_of_this_game(gamarra):
    game = computer_game(gamarra, 3)
    review = {r.condition: r for r in analyse(gamarra, game.record()).contract_review}
    for condition in ("traceability", "leadership"):
        figures = review[condition].figures
        if "detection.count" in figures:
            assert figures["detection.total"] == _undetected(game)
            assert 0 < figures["detection.count"] <= figures["detection.total"]


def test_a_sound_contract_is_had_in_full_and_says_what_it_cost(gamarra):
    from game.engine.game import play
    from game.engine.state import COOPERATE

    game = play(gamarra, [lambda v: COOPERATE] * 6, 2, gamarra.reference_contract)
    review = analyse(gamarra, game.record()).contract_review
    assert all(r.had for r in review)
    traceability = next(r for r in review if r.condition == "traceability")
    assert traceability.figures["cost.amount"] > 0


def test_every_shipped_level_has_a_history_note_with_its_section():
    for name in ("tutorial", "gamarra", "el_porvenir", "villa_el_salvador"):
        level = load_level(name)
        debrief = analyse(level, computer_game(level, 2).record())
        note = debrief.history
        assert note.study["es"] and note.study["en"] and note.text["es"] and note.text["en"]
        assert note.source
    tutorial = load_level("tutorial")
    note = analyse(tutorial, computer_game(tutorial, 2).record()).history
    assert "Axelrod" in note.source and "Evolution of Trust" in note.source
    gamarra = load_level("gamarra")
    assert "3.3.1" in analyse(gamarra, computer_game(gamarra, 2).record()).history.source


def test_check_level_reports_a_history_without_its_study(tmp_path):
    from game.content.levels import LEVELS_DIR, check_file

    text = (LEVELS_DIR / "villa_el_salvador.yaml").read_text(encoding="utf-8")
    start = text.index("  study:")
    end = text.index("  advance:")
    broken = tmp_path / "broken_history.yaml"
    broken.write_text(text[:start] + text[end:], encoding="utf-8")
    problems = check_file(broken)
    assert len(problems) == 1
    assert "history.study" in str(problems[0]) and "missing" in str(problems[0])


def _lacked_question(level, facts, lacked):
    from game.debrief.questions import choose_questions

    questions = choose_questions(level, {**facts, "lacked": list(CONDITIONS[:lacked])})
    return next(q for q in questions if "condiciones básicas" in q["es"])


def test_the_question_on_missing_conditions_reads_naturally_however_many(gamarra):
    """Signing without any condition is said in words ("ninguna", "any"), not "8 de las ocho";
    a few missing are counted in words too."""
    facts = what_if_all_cooperate(gamarra, computer_game(gamarra, 3).record()).facts
    every = _lacked_question(gamarra, facts, len(CONDITIONS))
    assert every["es"].startswith("Firmaron sin ninguna de las ocho condiciones básicas.")
    assert every["en"].startswith("You signed without any of the eight basic conditions.")
    some = _lacked_question(gamarra, facts, 3)
    assert some["es"].startswith("Firmaron sin tres de las ocho")
    assert some["en"].startswith("You signed without three of the eight")
    for question in (every, some):
        assert not any(ch.isdigit() for ch in question["es"] + question["en"])


def test_signing_every_condition_has_its_own_wording():
    from game.debrief.questions import lacked_key
    from game.debrief.texts import both

    assert lacked_key(0) == "lacked_none" and lacked_key(len(CONDITIONS)) == "lacked_all"
    assert lacked_key(4) == "lacked"
    none = both("question.lacked_none")
    assert "con las ocho" in none["es"] and "all eight" in none["en"]
