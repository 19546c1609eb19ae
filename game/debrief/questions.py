"""Reflection questions for the group, chosen from what happened in this game.

Each question has a test on the game's facts; the first that apply (in the order below, the most
telling first) are asked, between :data:`FEWEST` and :data:`MOST`, and general ones fill in when a
quiet game gives too few.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.debrief.model import Bilingual, ConditionReview
from game.debrief.replay import Played
from game.debrief.texts import both
from game.engine.contract import CONDITIONS
from game.engine.level import Level
from game.engine.state import Action, InvestTarget
from game.i18n import register

FEWEST, MOST = 4, 6
COMMON_GOODS = (InvestTarget.BRAND, InvestTarget.INSTITUTIONS)


def game_facts(level: Level, played: Played, review: list[ConditionReview]) -> dict[str, Any]:
    """The counts the questions, the history note and the comparison are chosen from."""
    reports = played.reports
    decisions = [(r, f, d) for r in reports for f, d in r.decisions.items()]
    defections = [(r, f) for r, f, d in decisions if d.action is Action.DEFECT]
    snaps = played.snapshots
    from game.engine.trust import alliance_trust

    trust = [alliance_trust(s.trust, s.members) for s in snaps]
    outcome = played.game.outcome
    return {
        "seasons": len(reports),
        "firms": len(played.game.names),
        "members_end": len(snaps[-1].members),
        "defections": len(defections),
        "detected": sum(1 for r, f in defections if f in r.detected),
        "undetected": sum(1 for r, f in defections if f not in r.detected),
        "expelled": sum(1 for r in reports for why in r.left.values() if why == "expelled"),
        "bankrupt": sum(1 for r in reports for why in r.left.values() if why == "bankrupt"),
        "uneven_cancellations": sum(r.order_status == "cancelled_uneven" for r in reports),
        "short_cancellations": sum(r.order_status == "cancelled_short" for r in reports),
        "low_quality_cancellations": sum(
            r.order_status == "cancelled_low_quality" for r in reports
        ),
        "faulty_shared": sum(1 for r in reports if r.faulty_lots and r.faulty_cost_shared),
        "common_goods_investments": sum(1 for _, _, d in decisions if d.target in COMMON_GOODS),
        "trust_start": trust[0],
        "trust_end": trust[-1],
        "trust_min": min(trust),
        "phase_start": snaps[0].phase,
        "phase_end": snaps[-1].phase,
        "lacked": [c.condition for c in review if not c.had],
        "outcome": outcome.kind if outcome else "unfinished",
    }


Rule = tuple[str, Callable[[dict[str, Any]], bool]]

CLUSTER_RULES: tuple[Rule, ...] = (
    ("unseen", lambda f: f["undetected"] > 0),
    ("uneven", lambda f: f["uneven_cancellations"] > 0),
    ("caught", lambda f: f["detected"] > 0),
    ("expelled", lambda f: f["expelled"] > 0),
    ("short", lambda f: f["short_cancellations"] > 0),
    ("faulty_shared", lambda f: f["faulty_shared"] > 0),
    ("big_group", lambda f: f["firms"] >= 6 and f["undetected"] > 0),
    ("free_ride", lambda f: f["common_goods_investments"] > 0),
    ("trust_fell", lambda f: f["trust_end"] < f["trust_start"] - 0.1),
    ("loyal", lambda f: f["defections"] == 0),
    ("lacked", lambda f: len(f["lacked"]) >= 3),
    ("advance", lambda f: f["outcome"] == "advance"),
    ("collapse", lambda f: f["outcome"] == "collapse"),
    ("stagnation", lambda f: f["outcome"] == "stagnation"),
)
CLUSTER_FILLERS = ("study", "condition", "advice")

DILEMMA_RULES: tuple[Rule, ...] = (
    ("dilemma.betrayed", lambda f: f["defections"] > 0),
    ("dilemma.loyal", lambda f: f["defections"] == 0),
    ("dilemma.trust_fell", lambda f: f["trust_end"] < f["trust_start"] - 0.1),
    ("dilemma.advance", lambda f: f["outcome"] == "advance"),
)
DILEMMA_FILLERS = ("dilemma.axelrod", "dilemma.last_round", "dilemma.hidden")


def choose_questions(level: Level, facts: dict[str, Any]) -> list[Bilingual]:
    rules, fillers = (
        (DILEMMA_RULES, DILEMMA_FILLERS) if level.is_dilemma else (CLUSTER_RULES, CLUSTER_FILLERS)
    )
    keys = [key for key, applies in rules if applies(facts)][:MOST]
    for key in fillers:
        if len(keys) >= FEWEST:
            break
        keys.append(key)
    lacked = len(facts["lacked"])
    values = {
        "level": level.name,
        "start": facts["trust_start"],
        "end": facts["trust_end"],
        "lacked": lacked,
    }
    if 0 < lacked < len(CONDITIONS):
        values["lacked_words_key"] = f"question.count.{lacked}"
    keys = [lacked_key(lacked) if key == "lacked" else key for key in keys]
    return [both(f"question.{key}", **values) for key in keys]


def lacked_key(lacked: int) -> str:
    """The question on missing conditions, worded for how many were missing: "sin 8 de las
    ocho" reads as a slip, so signing without any (or with all) is said in plain words."""
    if lacked >= len(CONDITIONS):
        return "lacked_all"
    if lacked == 0:
        return "lacked_none"
    return "lacked"


def _pair(es: str, en: str) -> dict[str, str]:
    return {"es": es, "en": en}


register(
    {
        "question.unseen": _pair(
            "Alguien vendió por fuera y nadie lo descubrió. ¿Qué habría cambiado con "
            "trazabilidad o un gerente profesional que vigile?",
            "Someone sold por fuera and nobody found out. What would traceability or a "
            "professional manager keeping watch have changed?",
        ),
        "question.uneven": _pair(
            "El cliente devolvió el pedido por lotes disparejos, como al primer consorcio de "
            "polos de Gamarra. ¿Qué norma de calidad o qué inversión lo habría evitado?",
            "The client sent the order back for uneven lots, as with Gamarra's first polo-shirt "
            "consortium. What quality standard or investment would have prevented it?",
        ),
        "question.caught": _pair(
            "Descubrieron a quien vendió por fuera. ¿La sanción pesó más que lo que ganó? ¿Qué "
            "debe pasar si reincide, como el productor «A»?",
            "Someone selling por fuera was caught. Did the penalty outweigh the gain? What should "
            "happen if they do it again, like producer 'A'?",
        ),
        "question.expelled": _pair(
            "Una firma fue expulsada. ¿Qué ganó y qué perdió el consorcio con eso?",
            "A firm was expelled. What did the consortium gain and lose by it?",
        ),
        "question.short": _pair(
            "Faltaron lotes y el cliente se fue. ¿Qué le dirían al socio que no entregó, y qué "
            "debió decir él antes?",
            "Lots were missing and the client walked away. What would you tell the partner who "
            "did not deliver, and what should they have said beforehand?",
        ),
        "question.faulty_shared": _pair(
            "Todos pagaron lotes fallados que hizo uno solo. ¿Es justo? ¿Cómo lo evitarían?",
            "Everyone paid for faulty lots that one firm made. Is that fair? How would you "
            "prevent it?",
        ),
        "question.big_group": _pair(
            "En un grupo grande cuesta más vigilar a cada socio. ¿Cuántos socios tendría su "
            "consorcio ideal, y por qué?",
            "In a large group it is harder to watch every partner. How many partners would your "
            "ideal consortium have, and why?",
        ),
        "question.free_ride": _pair(
            "Hubo quien invirtió en la marca colectiva o en las instituciones, y eso beneficia "
            "también a quien no puso nada. ¿Cómo repartirían ese costo?",
            "Some invested in the collective brand or the institutions, which also benefits "
            "those who paid nothing. How would you share that cost?",
        ),
        "question.trust_fell": _pair(
            "La confianza empezó en {start:.2f} y terminó en {end:.2f}. ¿Qué temporada la "
            "rompió? ¿Se puede reconstruir, y cuánto tarda?",
            "Trust started at {start:.2f} and ended at {end:.2f}. Which season broke it? Can it "
            "be rebuilt, and how long does it take?",
        ),
        "question.loyal": _pair(
            "Nadie vendió por fuera. ¿Qué los mantuvo unidos? ¿Habrían resistido una oferta "
            "mucho mejor?",
            "Nobody sold por fuera. What held you together? Would you have resisted a much "
            "better offer?",
        ),
        "question.lacked": _pair(
            "Firmaron sin {lacked_words} de las ocho condiciones básicas. ¿Cuál agregarían "
            "primero, y por qué?",
            "You signed without {lacked_words} of the eight basic conditions. Which would you "
            "add first, and why?",
        ),
        "question.lacked_all": _pair(
            "Firmaron sin ninguna de las ocho condiciones básicas. ¿Cuál agregarían primero, y "
            "por qué?",
            "You signed without any of the eight basic conditions. Which would you add first, "
            "and why?",
        ),
        "question.lacked_none": _pair(
            "Firmaron con las ocho condiciones básicas. ¿Cuál les sirvió más, y cuál les "
            "costó más sostener?",
            "You signed with all eight basic conditions. Which helped you most, and which was "
            "hardest to keep up?",
        ),
        **{
            f"question.count.{n}": _pair(es, en)
            for n, (es, en) in enumerate(
                zip(
                    ("una", "dos", "tres", "cuatro", "cinco", "seis", "siete"),
                    ("one", "two", "three", "four", "five", "six", "seven"),
                    strict=True,
                ),
                start=1,
            )
        },
        "question.advance": _pair(
            "El cluster avanzó. ¿Qué hicieron juntos que ninguna firma sola habría logrado?",
            "The cluster advanced. What did you do together that no firm could have done alone?",
        ),
        "question.collapse": _pair(
            "La alianza colapsó. ¿En qué temporada se pudo salvar, y qué habrían hecho distinto?",
            "The alliance collapsed. In which season could it have been saved, and what would "
            "you have done differently?",
        ),
        "question.stagnation": _pair(
            "Se acabó el tiempo sin avanzar. ¿Qué dimensión faltó y qué acción conjunta la "
            "habría movido?",
            "Time ran out without advancing. Which dimension fell short, and what joint action "
            "would have moved it?",
        ),
        "question.study": _pair(
            "¿En qué se parece su partida a lo que el estudio cuenta de {level}?",
            "How does your game resemble what the study tells of {level}?",
        ),
        "question.condition": _pair(
            "¿Qué condición del contrato les sirvió más, y cuál les hizo falta?",
            "Which condition of the contract helped you most, and which did you miss?",
        ),
        "question.advice": _pair(
            "¿Qué le aconsejarían a un grupo de empresas que va a formar un consorcio mañana?",
            "What would you advise a group of firms forming a consortium tomorrow?",
        ),
        "question.dilemma.betrayed": _pair(
            "¿Qué hicieron cuando alguien traicionó: perdonar o castigar? ¿Qué funcionó mejor?",
            "What did you do when someone betrayed: forgive or punish? What worked better?",
        ),
        "question.dilemma.loyal": _pair(
            "Nadie traicionó. ¿Fue confianza, miedo al castigo o cálculo?",
            "Nobody betrayed. Was it trust, fear of retaliation, or calculation?",
        ),
        "question.dilemma.trust_fell": _pair(
            "La confianza cayó de {start:.2f} a {end:.2f}. ¿Cuánto cuesta recuperarla?",
            "Trust fell from {start:.2f} to {end:.2f}. What does it take to win it back?",
        ),
        "question.dilemma.advance": _pair(
            "El grupo terminó confiando. ¿Qué regla simple siguieron sin decirla?",
            "The group ended up trusting each other. What simple rule did you follow unspoken?",
        ),
        "question.dilemma.axelrod": _pair(
            "En los torneos de Axelrod ganó «ojo por ojo»: empezar cooperando y devolver lo "
            "recibido. ¿Lo habría hecho bien aquí?",
            "In Axelrod's tournaments 'tit for tat' won: start by cooperating, then return what "
            "you got. Would it have done well here?",
        ),
        "question.dilemma.last_round": _pair(
            "¿Cambia algo saber cuál es la última ronda?",
            "Does knowing which round is the last change anything?",
        ),
        "question.dilemma.hidden": _pair(
            "Aquí todo se ve. En un cluster, vender por fuera puede pasar inadvertido. ¿Cómo "
            "cambiaría su forma de jugar?",
            "Here everything is seen. In a cluster, selling por fuera can go unnoticed. How "
            "would that change the way you play?",
        ),
    }
)
