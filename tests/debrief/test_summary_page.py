"""The exported summary is one printed page: the outcome, a few key moments, the contract as
had/lacked, the treatments and a few questions, within a word budget even for a long game; the
seasons go to an appendix after a page break."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from game.ai import make_personality
from game.content.levels import load_level
from game.debrief import analyse, export_game
from game.debrief.html import KEY_MOMENTS, QUESTIONS, key_moments, render_game
from game.debrief.model import Moment, OutcomeSummary
from game.engine.game import play
from game.i18n.treatments import describe_treatments

WORDS_PER_LANGUAGE = 450
TREATED = {"visibility": "public", "mistake_rate": 0.1, "penalty_severity": 2.0}
SEATS = ("leal", "reciproco", "oportunista", "leal", "a_medias", "leal")


class _Visible(HTMLParser):
    """The text a reader sees: no CSS, no page title, no chart labels."""

    HIDDEN = ("style", "title", "svg")

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.depth += tag in self.HIDDEN

    def handle_endtag(self, tag) -> None:
        self.depth -= tag in self.HIDDEN

    def handle_data(self, data) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Visible()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def first_page(page: str) -> str:
    """The summary, before the appendix (which starts on a new printed page)."""
    head, _appendix = page.split('<section class="appendix">')
    assert "<table" not in head.split("<body>")[1]  # the seasons table is in the appendix
    return head


@pytest.fixture(scope="module")
def long_game():
    """Fourteen seasons of Villa El Salvador, played with treatments, with expulsions."""
    level = load_level("villa_el_salvador")
    deciders = [make_personality(k, f"13/ai/{i}") for i, k in enumerate(SEATS)]
    game = play(level, deciders, 13, level.reference_contract, treatments=TREATED)
    assert len(game.reports) >= 12
    return level, game.record(), analyse(level, game.record())


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_first_page_of_a_long_game_stays_within_its_word_budget(long_game, lang):
    *_, debrief = long_game
    page = render_game(debrief, lang)
    words = len(visible_text(first_page(page)).split())
    assert 150 < words <= WORDS_PER_LANGUAGE
    assert len(visible_text(page).split()) > words  # the appendix holds the rest


def test_with_both_languages_the_first_page_holds_each_within_the_budget(long_game):
    _level, _record, debrief = long_game
    words = len(visible_text(first_page(render_game(debrief, "both"))).split())
    assert words <= 2 * WORDS_PER_LANGUAGE


@pytest.mark.parametrize("lang", ["es", "en", "both"])
def test_the_first_page_names_outcome_key_moments_treatments_and_questions(long_game, lang):
    level, record, debrief = long_game
    head = first_page(render_game(debrief, lang))
    codes = ("es", "en") if lang == "both" else (lang,)
    chosen = key_moments(debrief.moments, debrief.outcome, KEY_MOMENTS[lang])
    assert 3 <= len(chosen) <= 6
    for code in codes:
        assert html.escape(debrief.outcome.title[code]) in head
        for moment in chosen:
            assert html.escape(moment.text[code]) in head
        for name, value in describe_treatments(record.treatments_for(level).to_json(), code):
            assert html.escape(name) in head and html.escape(value) in head
        for review in debrief.contract_review:
            assert html.escape(review.name[code]) in head
            assert html.escape(review.effect[code]) not in head  # the long texts: appendix
        questions = [q for q in debrief.questions if html.escape(q[code]) in head]
        assert questions == debrief.questions[: QUESTIONS[lang]]
        assert 3 <= len(questions) <= 4
    assert head.count('class="mark had"') + head.count('class="mark lacked"') == 8


def test_the_appendix_starts_on_a_new_printed_page(long_game):
    _level, _record, debrief = long_game
    page = render_game(debrief, "es")
    assert "break-before: page" in page and "page-break-before: always" in page
    appendix = page.split('<section class="appendix">')[1]
    assert "<table" in appendix and html.escape(debrief.history.text["es"]) in appendix


def test_the_exported_file_is_that_page(long_game, tmp_path):
    level, record, debrief = long_game
    page = export_game(level, record, tmp_path, name="larga")[2].read_text(encoding="utf-8")
    assert page == render_game(debrief, "both")


# -- which moments make the page ---------------------------------------------------------------


def _moment(season: int, kind: str) -> Moment:
    return Moment(season, kind, (), {"es": f"{kind} {season}", "en": f"{kind} {season}"})


def _outcome(kind: str, season: int) -> OutcomeSummary:
    return OutcomeSummary(kind, season, {"es": kind, "en": kind}, (), ())


def test_decisive_moments_and_each_kinds_first_time_come_before_repeats():
    """Fines (which follow their detection) and the ending (told above) give way."""
    moments = [
        _moment(1, "event_hit"),
        _moment(1, "defection_detected"),
        _moment(1, "penalty"),
        _moment(2, "defection_detected"),
        _moment(2, "penalty"),
        _moment(3, "order_cancelled"),
        _moment(4, "defection_detected"),
        _moment(4, "penalty"),
        _moment(5, "defection_unseen"),
        _moment(6, "expulsion"),
        _moment(7, "phase_change"),
        _moment(8, "defection_detected"),
        _moment(9, "ending"),
    ]
    chosen = key_moments(moments, _outcome("stagnation", 9), limit=6)
    assert [(m.season, m.kind) for m in chosen] == [
        (1, "event_hit"),
        (1, "defection_detected"),
        (3, "order_cancelled"),
        (5, "defection_unseen"),
        (6, "expulsion"),
        (7, "phase_change"),
    ]


def test_what_happened_in_the_season_of_a_collapse_is_kept():
    moments = [_moment(s, "defection_detected") for s in range(1, 9)]
    moments.append(_moment(9, "defection_unseen"))
    chosen = key_moments(moments, _outcome("collapse", 9), limit=3)
    assert [(m.season, m.kind) for m in chosen] == [
        (1, "defection_detected"),
        (2, "defection_detected"),
        (9, "defection_unseen"),
    ]


def test_a_quiet_game_keeps_every_moment_it_has():
    moments = [_moment(2, "event_hit"), _moment(3, "penalty")]
    assert key_moments(moments, _outcome("advance", 5)) == moments
