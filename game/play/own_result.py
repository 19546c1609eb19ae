"""A firm's own result of a season, in one line: what it earned or lost, and why.

The season's story (game.play.story) is public: it never says what a firm earned, as that would
give away a defector nobody caught. This line is private. A screen shows it only to the firm it
is about: at the end of the story when one person plays against the computer, otherwise on that
firm's next private screen ("Last season you earned S/ 12.3k: ...").

The figures are the engine's: the season's capital change for the firm and the ledger entries
behind it, never worked out again here.
"""

from __future__ import annotations

from game.engine.reports import SeasonReport
from game.engine.state import Action
from game.i18n import LANGUAGES, tr
from game.play.story import StoryStep

SOLD = ("joint_sale", "outside_sale")
WHEN = ("now", "last")
"""The line after an ordinary season, and after the last one (indexed by ``last``)."""
SIGNS = ("earned", "lost", "even")
"""What the season did to the firm's capital."""


def own_result(report: SeasonReport, firm: int, *, last: bool = False) -> StoryStep | None:
    """``firm``'s result of ``report``'s season, or None for a firm that did not play it (it was
    no longer a member). ``last``: told the season after, on the firm's next private screen."""
    decision = report.decisions.get(firm)
    if decision is None:
        return None
    change = report.capital_change.get(firm, 0.0)
    entries = [(amount, reason) for account, amount, reason in report.ledger if account == firm]

    def total(*reasons: str) -> float:
        return sum(amount for amount, reason in entries if reason in reasons)

    values: dict[str, object] = {
        "amount": _money(abs(change)),
        "season": report.season,
    }
    delivery = report.deliveries.get(firm)
    if decision.action is Action.COOPERATE:
        assert delivery is not None
        values["lots"] = delivery.lots
        if delivery.faulty:
            why = "own.why.mistake"
        elif report.order_status == "accepted":
            why = "own.why.accepted"
            values["sale"] = _money(total("joint_sale"))
        elif report.order_status == "no_order":
            why = "own.why.no_order"
        else:
            why = "own.why.cancelled"
            # keys: own.cause.{game.engine.reports.CANCELLED_STATUSES}
            values["cause_key"] = f"own.cause.{report.order_status}"
    elif decision.action is Action.DEFECT:
        values["sale"] = _money(total("outside_sale"))
        if firm in report.detected:
            penalty = report.penalties.get(firm)
            fine = penalty.fine if penalty is not None else 0.0
            unpaid = penalty.unpaid if penalty is not None else 0.0
            why = "own.why.caught" if fine > 0 else "own.why.caught_no_fine"
            if unpaid >= 0.05:
                why = "own.why.caught_owing"
                values["paid"] = _money(fine - unpaid)
                values["owed"] = _money(unpaid)
            values["fine"] = _money(fine)
        else:
            why = "own.why.uncaught"
    else:
        assert decision.target is not None
        why = "own.why.invested"
        values["cost"] = _money(-total("investment"))
        # keys: target.{game.engine.state.InvestTarget}
        values["target_key"] = f"target.{decision.target.value}"
    extras = []
    claims = -total("faulty_claim")
    if claims > 0:
        extras.append(
            {
                lang: tr("own.also.claim", lang, claim=tr("money", lang, amount=claims))
                for lang in LANGUAGES
            }
        )
    instalment = -total("fine") - _fine_paid_now(report, firm)
    if instalment >= 0.05:
        extras.append(
            {
                lang: tr("own.also.instalment", lang, paid=tr("money", lang, amount=instalment))
                for lang in LANGUAGES
            }
        )
    cut = -total("informal_sanction")
    if cut > 0:
        extras.append({lang: tr("own.also.informal", lang) for lang in LANGUAGES})
    left = report.left.get(firm)
    if left is not None:
        # keys: own.also.{game.engine.reports.LEFT_REASONS}
        extras.append({lang: tr(f"own.also.{left}", lang) for lang in LANGUAGES})
    values["why"] = {
        lang: _why(why, lang, values) + "".join(e[lang] for e in extras) for lang in LANGUAGES
    }
    sign = SIGNS[0] if change >= 0.005 else (SIGNS[1] if change <= -0.005 else SIGNS[2])
    # keys: own.{game.play.own_result.WHEN}.{game.play.own_result.SIGNS}
    key = f"own.{WHEN[last]}.{sign}"
    return StoryStep("own", key, {"amount": values["amount"], "why": values["why"]}, (firm,))


def _fine_paid_now(report: SeasonReport, firm: int) -> float:
    """What ``firm`` paid this season of the fine it got this season (the rest of its "fine"
    entries are instalments of fines it owed)."""
    penalty = report.penalties.get(firm)
    return penalty.fine - penalty.unpaid if penalty is not None else 0.0


def _why(key: str, lang: str, values: dict[str, object]) -> str:
    picked = {k: v[lang] if isinstance(v, dict) else v for k, v in values.items()}
    if "cause_key" in picked:
        picked["cause"] = tr(str(picked["cause_key"]), lang)
    if "target_key" in picked:
        picked["target"] = tr(str(picked["target_key"]), lang).lower()
    return tr(key, lang, **picked)


def _money(amount: float) -> dict[str, str]:
    """Money as each language writes it, never broken across two lines."""
    return {lang: tr("money", lang, amount=amount).replace(" ", "\u00a0") for lang in LANGUAGES}
