"""The personalities of GAME_DESIGN.md ("Computer-run firms"), one small class each.

Every class decides from its :class:`~game.engine.views.FirmView` alone and draws randomness only
from ``self.rng``, so a seeded game replays exactly and no firm can read hidden state. The
classifier follows the Axelrod library: ``stochastic`` says whether ``self.rng`` is used, and
``memory_depth`` how many past seasons of ``view.history`` / ``view.my_results`` the decision
may depend on (``inf`` when it counts or remembers without limit).

In the tutorial (``view.is_dilemma``) there is nothing to invest in and the engine refuses an
investment, so every personality falls back to cooperate or defect there.
"""

from __future__ import annotations

from typing import Any, ClassVar

from game.ai.base import Personality
from game.engine.contract import fine_due
from game.engine.dilemma_machine import ALWAYS_COOPERATE, TIT_FOR_TAT, DilemmaMachine
from game.engine.level import Level
from game.engine.reports import PublicRecord
from game.engine.state import (
    ACTION_NAMES,
    COOPERATE,
    COOPERATING,
    DEFECT,
    DEFECTING,
    INVESTING,
    Action,
    Decision,
    InvestTarget,
    invest,
)
from game.engine.views import FirmView

INF = float("inf")
QUALITY_TROUBLE = ("cancelled_uneven", "cancelled_low_quality")

_DEFECTED = ACTION_NAMES[Action.DEFECT]  # how the public record names a defection

_TWO_STATES = (COOPERATING, DEFECTING)
"""The moves of the tutorial strategies' state machines: state 0 cooperates, state 1 defects."""


# -- what a firm can read from the public record -------------------------------------------------


def others_defected(view: FirmView, record: PublicRecord) -> bool:
    """Did another firm visibly defect in ``record``?

    In the tutorial every action is revealed; in a cluster only detected defectors are named.
    """
    me = view.me.id
    if any(i != me for i in record.detected):
        return True
    return any(i != me and action == _DEFECTED for i, action in record.revealed.items())


def group_failed(view: FirmView, record: PublicRecord, i_cooperated: bool) -> bool:
    """Did the others let the group down in ``record``: a visible defection, or (in a cluster)
    lots missing from an order this firm itself delivered on?"""
    if others_defected(view, record):
        return True
    return not view.is_dilemma and i_cooperated and record.fill < 1.0 - 1e-9


def last_decision(view: FirmView) -> Decision | None:
    return view.my_results[-1].decision if view.my_results else None


def seasons_since_investing(view: FirmView) -> float:
    for back, result in enumerate(reversed(view.my_results), start=1):
        if result.decision.action is INVESTING:
            return back
    return INF


def quality_target(view: FirmView) -> InvestTarget | None:
    """Quality, when the firm's own lots or the last order show a quality problem."""
    uneven = view.me.quality_spread > view.order.tolerance / 2
    weak = view.me.quality < view.order.min_quality + 0.05
    cancelled = view.last is not None and view.last.order_status in QUALITY_TROUBLE
    return InvestTarget.QUALITY if uneven or weak or cancelled else None


# -- the personalities ---------------------------------------------------------------------------


class Leal(Personality):
    key = "leal"
    name: ClassVar[dict[str, str]] = {"es": "Socio leal", "en": "Loyal partner"}
    description: ClassVar[dict[str, str]] = {
        "es": "Cumple con su parte del pedido siempre, aunque por fuera le paguen más.",
        "en": "Always delivers its share of the order, even when outsiders pay more.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": False, "memory_depth": 1}
    tutorial_machine = ALWAYS_COOPERATE

    def decide(self, view: FirmView) -> Decision:
        last = view.last
        if (
            not view.is_dilemma
            and last is not None
            and last.order_status in QUALITY_TROUBLE
            and view.me.capital >= 2 * view.investment_cost
            and seasons_since_investing(view) > 1
        ):
            return invest(InvestTarget.QUALITY)
        return COOPERATE


class Oportunista(Personality):
    """Sells por fuera when this season's sums say so.

    Cooperating earns the joint price on its share (times the chance the order is accepted,
    estimated from past orders). Selling por fuera earns the offer on that same share, at a
    premium that shrinks as others also sell por fuera
    (estimated from the last fill), minus the expected fine (the detection chance times the
    fine its next offence would cost, :func:`~game.engine.contract.fine_due`), the informal sanction seen in past penalties and, when one more
    offence means expulsion, the expected loss of the seasons left.

    The tutorial has no offers or fines and everything is seen: there the opportunist keeps up
    appearances while the others do, and betrays when they did or when there is no tomorrow.
    """

    key = "oportunista"
    name: ClassVar[dict[str, str]] = {"es": "El vivo", "en": "Opportunist"}
    description: ClassVar[dict[str, str]] = {
        "es": "Saca sus cuentas: si por fuera le pagan más y no lo van a chapar, vende por fuera.",
        "en": "Does the sums: if outsiders pay more and nobody will catch it, it sells por fuera.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": False, "memory_depth": INF}
    tutorial_machine = DilemmaMachine(_TWO_STATES, (0, 0), (1, 1), last_round=DEFECTING)

    def preferred_contract(self, level: Level) -> dict[str, str]:
        """Nothing that could catch or fine it: no penalties, no traceability, excuses welcome."""
        return {
            **level.reference_contract,
            "penalties": "none",
            "traceability": "none",
            "commitment": "lenient",
            "full_contract": "handshake",
        }

    def decide(self, view: FirmView) -> Decision:
        if view.is_dilemma:
            if view.season_limit is not None and view.season >= view.season_limit:
                return DEFECT
            last = view.last
            return DEFECT if last is not None and others_defected(view, last) else COOPERATE
        return DEFECT if self.gain_por_fuera(view) > 0 else COOPERATE

    @staticmethod
    def gain_por_fuera(view: FirmView) -> float:
        """Expected money from selling por fuera minus that from cooperating, this season.

        The outside buyer takes the same share the consortium would; spare capacity sells at
        the market price either way, so only the share is compared.
        """
        order, offer, cost, history = view.order, view.offer, view.unit_cost, view.history
        margin = view.market_price - cost
        lots = offer.lots
        accepted = [r.order_status for r in history].count("accepted")
        p_accept = (accepted + 1) / (len(history) + 2)
        cooperate = lots * (p_accept * order.price - cost)

        anchor = 1.0
        if view.last is not None:
            n = max(len(view.members), 2)
            mine = last_decision(view)
            i_defected = mine is not None and mine.action is DEFECTING
            anchor = min(view.last.fill * n / (n - 1) if i_defected else view.last.fill, 1.0)
        price = view.market_price + (offer.price - view.market_price) * anchor
        terms = view.terms.modifiers
        owed = order.lots_per_member * order.price
        counted = view.me.counted_offences
        fine = fine_due(terms, counted + 1, owed) * view.penalty_severity
        sanction = max(
            [p.informal_sanction for r in history for p in r.penalties.values()], default=0.0
        )
        expected_penalty = view.detection_chance * (fine + sanction)
        expel_after = terms["expel_after"]
        if expel_after > 0 and not view.terms.excuses_accepted and counted + 1 >= expel_after:
            left = 5 if view.season_limit is None else max(view.season_limit - view.season, 0)
            membership = max(cooperate - lots * margin, 0.0)
            expected_penalty += view.detection_chance * left * membership
        return lots * (price - cost) - expected_penalty - cooperate


class Reciproco(Personality):
    key = "reciproco"
    name: ClassVar[dict[str, str]] = {"es": "Recíproco", "en": "Reciprocator"}
    description: ClassVar[dict[str, str]] = {
        "es": "Coopera mientras el grupo cumple; si le fallan, responde una vez y luego vuelve.",
        "en": "Cooperates while the group does; if let down, answers once and then cooperates.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": False, "memory_depth": 1}
    tutorial_machine = DilemmaMachine(_TWO_STATES, (0, 0), (1, 0))  # answers once, then forgives

    def decide(self, view: FirmView) -> Decision:
        mine, last = last_decision(view), view.last
        if mine is None or last is None or mine.action is DEFECTING:
            return COOPERATE  # first season, or it already answered: back to cooperating
        return DEFECT if group_failed(view, last, mine.action is COOPERATING) else COOPERATE


class Rencoroso(Personality):
    key = "rencoroso"
    name: ClassVar[dict[str, str]] = {"es": "Rencoroso", "en": "Grudger"}
    description: ClassVar[dict[str, str]] = {
        "es": "Coopera hasta que chapa a alguien vendiendo por fuera; de ahí no confía en nadie.",
        "en": "Cooperates until it catches someone selling por fuera; then it trusts no one.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": False, "memory_depth": INF}
    tutorial_machine = DilemmaMachine(_TWO_STATES, (0, 1), (1, 1))  # once betrayed, always defects

    def decide(self, view: FirmView) -> Decision:
        betrayed = any(others_defected(view, record) for record in view.history)
        return DEFECT if betrayed else COOPERATE


class AMedias(Personality):
    """Says yes to everything and sometimes delivers short ("a 'no' that is never said clearly",
    000 III): the less it trusts the group, the more often."""

    key = "a_medias"
    name: ClassVar[dict[str, str]] = {"es": "Acepta a medias", "en": "Half-hearted yes"}
    description: ClassVar[dict[str, str]] = {
        "es": "A todo dice que sí, pero a veces entrega incompleto, más aún si no hay confianza.",
        "en": "Says yes to everything but sometimes delivers short, more so when trust is low.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": True, "memory_depth": 0}
    low, high = 0.15, 0.40

    def preferred_contract(self, level: Level) -> dict[str, str]:
        """Says yes to everything, as long as nothing is pinned down too tightly."""
        return {**level.reference_contract, "goals": "vague", "commitment": "lenient"}

    def decide(self, view: FirmView) -> Decision:
        chance = self.low + (self.high - self.low) * (1.0 - view.alliance_trust)
        return DEFECT if self.rng.random() < min(max(chance, self.low), self.high) else COOPERATE


class Inversor(Personality):
    """Invests spare capital, then delivers: quality when its lots (or the last order) show a
    quality problem, otherwise technology, and every third investment a common good (the brand
    when demand lags the institutions, the institutions otherwise)."""

    key = "inversor"
    name: ClassVar[dict[str, str]] = {"es": "Inversor", "en": "Investor"}
    description: ClassVar[dict[str, str]] = {
        "es": "Cuando le sobra plata la mete en calidad, maquinaria o la marca; si no, cumple.",
        "en": "With money to spare it invests in quality, machines or the brand; else it delivers.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": False, "memory_depth": INF}
    tutorial_machine = ALWAYS_COOPERATE  # nothing to invest in at the tutorial
    comfort = 2.0  # capital must be this many times the investment's cost
    pause = 2  # seasons to wait after an investment

    def decide(self, view: FirmView) -> Decision:
        if view.is_dilemma or view.me.capital < self.comfort * view.investment_cost:
            return COOPERATE
        if seasons_since_investing(view) <= self.pause:
            return COOPERATE
        return invest(self.target(view))

    @staticmethod
    def target(view: FirmView) -> InvestTarget:
        quality = quality_target(view)
        if quality is not None:
            return quality
        done = sum(r.decision.action is INVESTING for r in view.my_results)
        if done % 3 == 2:
            dims = view.dimensions
            if dims.get("demand", 0.0) < dims.get("institutions", 0.0):
                return InvestTarget.BRAND
            return InvestTarget.INSTITUTIONS
        return InvestTarget.TECHNOLOGY


class Aprendiz(Personality):
    """Learns from its own payoffs: the mean capital change after each action it has taken.

    Tries every action once, then takes the best-paying one, exploring at random with
    probability ``epsilon``. Investing (in clusters only, and only when it can pay for it)
    targets quality when its lots need it, technology otherwise.
    """

    key = "aprendiz"
    name: ClassVar[dict[str, str]] = {"es": "Aprendiz", "en": "Learner"}
    description: ClassVar[dict[str, str]] = {
        "es": "Va probando y se queda con lo que más plata le ha dejado, aunque a ratos cambia.",
        "en": "Tries things out and sticks with what has paid best, though it strays now and then.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": True, "memory_depth": INF}
    epsilon = 0.1

    def decide(self, view: FirmView) -> Decision:
        actions = [COOPERATING, DEFECTING]
        if not view.is_dilemma and view.me.capital > view.investment_cost:
            actions.append(INVESTING)
        totals = {a: [0.0, 0] for a in actions}
        for result in view.my_results:
            if result.decision.action in totals:
                totals[result.decision.action][0] += result.capital_change
                totals[result.decision.action][1] += 1
        explore = self.rng.random() < self.epsilon
        untried = [a for a in actions if totals[a][1] == 0]
        if untried:
            action = untried[0]
        elif explore:
            action = self.rng.choice(actions)
        else:
            action = max(actions, key=lambda a: totals[a][0] / totals[a][1])
        if action is INVESTING:
            return invest(quality_target(view) or InvestTarget.TECHNOLOGY)
        return COOPERATE if action is COOPERATING else DEFECT


class OjoPorOjo(Personality):
    key = "ojo_por_ojo"
    name: ClassVar[dict[str, str]] = {"es": "Ojo por ojo", "en": "Tit for tat"}
    description: ClassVar[dict[str, str]] = {
        "es": "Empieza cooperando y luego hace lo mismo que le hicieron la vez anterior.",
        "en": "Starts by cooperating, then does what was done to it the time before.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": False, "memory_depth": 1}
    tutorial_machine = TIT_FOR_TAT

    def decide(self, view: FirmView) -> Decision:
        last = view.last
        if last is None:
            return COOPERATE
        if others_defected(view, last):
            return DEFECT
        mine = last_decision(view)
        i_cooperated = mine is not None and mine.action is COOPERATING
        short = last.order_status == "cancelled_short" and i_cooperated
        return DEFECT if not view.is_dilemma and short else COOPERATE


class Alternador(Personality):
    key = "alternador"
    name: ClassVar[dict[str, str]] = {"es": "Alternador", "en": "Alternator"}
    description: ClassVar[dict[str, str]] = {
        "es": "Una temporada cumple y a la siguiente vende por fuera, sin fijarse en nadie.",
        "en": "One season it delivers, the next it sells por fuera, whatever the others do.",
    }
    classifier: ClassVar[dict[str, Any]] = {"stochastic": False, "memory_depth": 0}
    tutorial_machine = DilemmaMachine(_TWO_STATES, (1, 0), (1, 0))

    def decide(self, view: FirmView) -> Decision:
        return COOPERATE if view.season % 2 == 1 else DEFECT
