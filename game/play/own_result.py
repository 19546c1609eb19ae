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
from game.i18n import LANGUAGES, register, tr
from game.play.story import StoryStep

SOLD = ("joint_sale", "outside_sale")


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
        extras.append({lang: tr(f"own.also.{left}", lang) for lang in LANGUAGES})
    values["why"] = {
        lang: _why(why, lang, values) + "".join(e[lang] for e in extras) for lang in LANGUAGES
    }
    sign = "earned" if change >= 0.005 else ("lost" if change <= -0.005 else "even")
    key = f"own.{'last' if last else 'now'}.{sign}"
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


register(
    {
        "own.now.earned": {
            "es": "Tu resultado: ganaste {amount} esta temporada: {why}.",
            "en": "Your result: you earned {amount} this season: {why}.",
        },
        "own.now.lost": {
            "es": "Tu resultado: perdiste {amount} esta temporada: {why}.",
            "en": "Your result: you lost {amount} this season: {why}.",
        },
        "own.now.even": {
            "es": "Tu resultado: esta temporada ni ganaste ni perdiste: {why}.",
            "en": "Your result: you broke even this season: {why}.",
        },
        "own.last.earned": {
            "es": "La temporada pasada ganaste {amount}: {why}.",
            "en": "Last season you earned {amount}: {why}.",
        },
        "own.last.lost": {
            "es": "La temporada pasada perdiste {amount}: {why}.",
            "en": "Last season you lost {amount}: {why}.",
        },
        "own.last.even": {
            "es": "La temporada pasada ni ganaste ni perdiste: {why}.",
            "en": "Last season you broke even: {why}.",
        },
        "own.why.accepted": {
            "es": "entregaste {lots:.1f} lotes y el cliente aceptó el pedido (te pagó {sale})",
            "en": "you delivered {lots:.1f} lots and the client accepted the order "
            "(it paid you {sale})",
        },
        "own.why.cancelled": {
            "es": "entregaste {lots:.1f} lotes, pero el cliente canceló el pedido ({cause}) y "
            "los vendiste como saldo",
            "en": "you delivered {lots:.1f} lots, but the client cancelled the order ({cause}) "
            "and you sold them off cheaply",
        },
        "own.cause.cancelled_short": {"es": "faltaron lotes", "en": "lots were missing"},
        "own.cause.cancelled_uneven": {"es": "calidad dispareja", "en": "uneven quality"},
        "own.cause.cancelled_low_quality": {"es": "calidad baja", "en": "low quality"},
        "own.why.no_order": {
            "es": "no hubo pedido conjunto y vendiste en el mercado local",
            "en": "there was no joint order and you sold in the local market",
        },
        "own.why.mistake": {
            "es": "tu lote salió fallado sin querer y lo vendiste como saldo",
            "en": "your lot came out faulty by mistake and you sold it off cheaply",
        },
        "own.why.uncaught": {
            "es": "vendiste por fuera ({sale}) y nadie te descubrió",
            "en": "you sold por fuera ({sale}) and nobody caught you",
        },
        "own.why.caught": {
            "es": "vendiste por fuera ({sale}), pero te descubrieron y pagaste una multa de {fine}",
            "en": "you sold por fuera ({sale}), but you were caught and paid a fine of {fine}",
        },
        "own.why.caught_owing": {
            "es": "vendiste por fuera ({sale}), pero te descubrieron: de la multa de {fine} "
            "pagaste {paid} y debes {owed}, que el fondo cobrará de tus próximas temporadas",
            "en": "you sold por fuera ({sale}), but you were caught: of the fine of {fine} you "
            "paid {paid} and owe {owed}, which the fund will take from your next seasons",
        },
        "own.also.instalment": {
            "es": "; el fondo cobró {paid} de la multa que debías",
            "en": "; the fund took {paid} of the fine you owed",
        },
        "own.why.caught_no_fine": {
            "es": "vendiste por fuera ({sale}); te descubrieron, pero no hubo multa",
            "en": "you sold por fuera ({sale}); you were caught, but there was no fine",
        },
        "own.why.invested": {
            "es": "invertiste {cost} en {target} y vendiste solo lo que te quedó libre",
            "en": "you invested {cost} in {target} and sold only the capacity left free",
        },
        "own.also.claim": {
            "es": "; pagaste {claim} por reclamos de lotes fallados",
            "en": "; you paid {claim} in claims for faulty lots",
        },
        "own.also.informal": {
            "es": "; la red del distrito te cortó el crédito",
            "en": "; the district's network cut your credit",
        },
        "own.also.expelled": {
            "es": "; y el consorcio te expulsó",
            "en": "; and the consortium expelled you",
        },
        "own.also.bankrupt": {
            "es": "; y te quedaste sin capital: quebraste",
            "en": "; and you ran out of capital: you went bankrupt",
        },
    }
)
