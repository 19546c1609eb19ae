"""Names of the engine's concepts: decisions, order verdicts, dimensions, endings, reasons."""

from game.i18n.catalogue import register

register(
    {
        # decisions
        "action.cooperate": {"es": "Cooperar", "en": "Cooperate"},
        "action.defect": {"es": "Negociar por fuera", "en": "Sell por fuera"},
        "action.invest": {"es": "Invertir", "en": "Invest"},
        "action.cooperate.help": {
            "es": "Entregas tu parte del pedido conjunto con la calidad acordada.",
            "en": "You deliver your share of the joint order at the agreed standard.",
        },
        "action.defect.help": {
            "es": "Vendes tu parte a un comprador privado a mejor precio. Te pueden descubrir.",
            "en": "You sell your share to a private buyer at a better price. You may be caught.",
        },
        "action.invest.help": {
            "es": "Pagas ahora para mejorar; lo anuncias y no entregas esta temporada.",
            "en": "You pay now to improve; you announce it and deliver nothing this season.",
        },
        "target.quality": {"es": "Calidad", "en": "Quality"},
        "target.technology": {"es": "Tecnología", "en": "Technology"},
        "target.brand": {"es": "Marca colectiva", "en": "Collective brand"},
        "target.institutions": {"es": "Instituciones", "en": "Institutions"},
        "target.quality.help": {
            "es": "Tus lotes salen mejores y más parejos.",
            "en": "Your lots come out better and more even.",
        },
        "target.technology.help": {
            "es": "Más capacidad para ti y más tecnología para el cluster.",
            "en": "More capacity for you and more technology for the cluster.",
        },
        "target.brand.help": {
            "es": "Sube el precio conjunto para todos, también para quien no invierte.",
            "en": "Raises the joint price for all, free riders included.",
        },
        "target.institutions.help": {
            "es": "Gremio, arbitraje, servicio técnico: se detecta más y crecen las instituciones.",
            "en": "Guild, arbitration, technical service: more is detected, institutions grow.",
        },
        # order verdicts
        "status.accepted": {"es": "Pedido aceptado", "en": "Order accepted"},
        "status.cancelled_short": {
            "es": "Pedido cancelado: faltaron lotes",
            "en": "Order cancelled: lots were missing",
        },
        "status.cancelled_uneven": {
            "es": "Pedido cancelado: calidad dispareja",
            "en": "Order cancelled: uneven quality",
        },
        "status.cancelled_low_quality": {
            "es": "Pedido cancelado: calidad baja",
            "en": "Order cancelled: low quality",
        },
        "status.no_order": {"es": "No hubo pedido conjunto", "en": "No joint order"},
        # the seven dimensions (004, Cuadro 2)
        "dim.productive_relations": {"es": "Relaciones productivas", "en": "Productive relations"},
        "dim.technology": {"es": "Tecnología", "en": "Technology"},
        "dim.demand": {"es": "Demanda", "en": "Demand"},
        "dim.institutions": {"es": "Instituciones y normas", "en": "Institutions and norms"},
        "dim.productivity": {"es": "Productividad", "en": "Productivity"},
        "dim.cooperative_competition": {
            "es": "Competencia cooperadora",
            "en": "Cooperative competition",
        },
        "dim.entry_of_agents": {"es": "Inserción de agentes", "en": "Entry of new agents"},
        "phase.1": {"es": "Fase I: incipiente", "en": "Phase I: incipient"},
        "phase.2": {"es": "Fase II: articulado", "en": "Phase II: articulated"},
        "phase.3": {"es": "Fase III: interrelacionado", "en": "Phase III: interrelated"},
        "phase.4": {"es": "Fase IV: autosuficiente", "en": "Phase IV: self-sufficient"},
        # endings
        "outcome.advance": {
            "es": "¡El cluster avanzó de fase!",
            "en": "The cluster advanced a phase!",
        },
        "outcome.collapse": {"es": "La alianza colapsó", "en": "The alliance collapsed"},
        "outcome.stagnation": {"es": "El cluster se estancó", "en": "The cluster stagnated"},
        "reason.phase_reached": {
            "es": "Leído como un todo, el cluster llegó a la {phase_name} y se sostuvo allí.",
            "en": "Read as a whole, the cluster reached {phase_name} and held there.",
        },
        "reason.phase_deepened": {
            "es": "El cluster sostuvo la {phase_name} y profundizó lo que le faltaba: {dimension_names}.",
            "en": "The cluster held {phase_name} and deepened what it lacked: {dimension_names}.",
        },
        "reason.trust_below_floor": {
            "es": "La confianza cayó a {trust:.2f}, por debajo del mínimo de {floor:.2f}: ya nadie cree en nadie.",
            "en": "Trust fell to {trust:.2f}, below the floor of {floor:.2f}: nobody believes anybody now.",
        },
        "reason.too_few_members": {
            "es": "Socios que quedan: {members}; hacen falta al menos {min}.",
            "en": "Members left: {members}; at least {min} are needed.",
        },
        "reason.fund_bankrupt": {
            "es": "El fondo común quebró (S/ {fund:.1f} mil): no pudo pagar sus deudas.",
            "en": "The common fund went bankrupt (S/ {fund:.1f}k): it could not pay its debts.",
        },
        "reason.phase_fell": {
            "es": "El cluster retrocedió a la {phase_name}: sin acción conjunta, decae.",
            "en": "The cluster fell back to {phase_name}: without joint action it declines.",
        },
        "reason.season_limit": {
            "es": "Se acabaron las {limit} temporadas sin avanzar de fase.",
            "en": "The {limit} seasons ran out without advancing a phase.",
        },
        "reason.season_limit_deepen": {
            "es": "Se acabaron las {limit} temporadas: el cluster no llegó a profundizar su fase IV.",
            "en": "The {limit} seasons ran out: the cluster did not deepen its phase IV.",
        },
        "reason.phase_not_held": {
            "es": "El cluster llegó a la fase siguiente, pero solo {held} de las {hold} temporadas seguidas que hacen falta.",
            "en": "The cluster reached the next phase, but held it only {held} of the {hold} seasons in a row it takes.",
        },
        "reason.rounds_played": {
            "es": "Se jugaron las {rounds} rondas y la confianza quedó a medias ({trust:.2f}): ni alianza firme ni ruptura.",
            "en": "All {rounds} rounds were played and trust ended halfway ({trust:.2f}): neither a firm alliance nor a break.",
        },
        "reason.dimension_short": {
            "es": "A {dimension_name} le faltaron {gap:.1f} puntos.",
            "en": "{dimension_name} fell {gap:.1f} points short.",
        },
        "reason.trust_built": {
            "es": "El grupo terminó confiando (confianza {trust:.2f}).",
            "en": "The group ended up trusting each other (trust {trust:.2f}).",
        },
        "firm.expelled": {"es": "expulsada", "en": "expelled"},
        "firm.bankrupt": {"es": "quebró", "en": "bankrupt"},
        "money": {"es": "S/ {amount:,.1f} mil", "en": "S/ {amount:,.1f}k"},
    }
)
