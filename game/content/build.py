"""Turn a validated, merged level mapping into the engine's :class:`Level`.

Validation happens first (``game.content.level_schema``); this module trusts its input.
"""

from __future__ import annotations

from typing import Any

from game.engine.cluster import DimensionSense
from game.engine.contract import CONDITIONS, ContractCondition, ContractOption
from game.engine.events import EventCard
from game.engine.level import (
    NO_POPULATION,
    DilemmaRules,
    ExpectedRates,
    FirmCount,
    FirmTemplate,
    InformalSanctions,
    Level,
)
from game.engine.population import Population
from game.engine.rules import DIMENSIONS, rules_from_dict


def deep_merge(base: Any, patch: Any) -> Any:
    """Mappings merge key by key; anything else in ``patch`` replaces what ``base`` had.

    A key left empty in the patch (None) keeps the base's value: an override file only
    changes what it actually writes.
    """
    if isinstance(base, dict) and isinstance(patch, dict):
        merged = dict(base)
        for key, value in patch.items():
            if value is None:
                continue
            merged[key] = deep_merge(base[key], value) if key in base else value
        return merged
    return patch


def build_contract(
    data: dict[str, Any], unavailable: dict[str, list[str]]
) -> dict[str, ContractCondition]:
    conditions = {}
    for key in CONDITIONS:
        spec = data[key]
        options = {
            option_key: ContractOption(
                key=option_key,
                name=o["name"],
                consequence=o["consequence"],
                cost_once=float(o.get("cost_once", 0.0)),
                cost_per_season=float(o.get("cost_per_season", 0.0)),
                effects={k: float(v) for k, v in o.get("effects", {}).items()},
                source=spec["source"],
            )
            for option_key, o in spec["options"].items()
            if option_key not in unavailable.get(key, [])
        }
        conditions[key] = ContractCondition(
            key=key,
            name=spec["name"],
            question=spec["question"],
            source=spec["source"],
            options=options,
        )
    return conditions


def build_event(e: dict[str, Any]) -> EventCard:
    return EventCard(
        key=e["key"],
        name=e["name"],
        text=e["text"],
        weight=float(e["weight"]),
        source=e["source"],
        effects={k: float(v) for k, v in e.get("effects", {}).items()},
        dimensions={k: float(v) for k, v in e.get("dimensions", {}).items()},
    )


def senses_of(level: dict[str, Any]) -> dict[str, DimensionSense]:
    """A level's ``dimension_sense`` as the engine reads it (an already valid mapping)."""
    return {
        dim: DimensionSense(
            kind=spec["kind"], at=float(spec.get("at") or 0.0), source=spec["source"]
        )
        for dim, spec in (level.get("dimension_sense") or {}).items()
    }


def _population(values: dict[str, Any] | None) -> Population:
    """The cluster's starting population (a dilemma level has none)."""
    if values is None:
        return NO_POPULATION.copy()
    return Population(
        firms=int(values["firms"]),
        **{
            k: float(values[k])
            for k in ("associated", "guild_unity", "guilds", "state", "services")
        },
    )


def build_level(level: dict[str, Any], defaults: dict[str, Any], path: str = "") -> Level:
    """Merge the level over the defaults and build the engine's level."""
    rules = rules_from_dict(deep_merge(defaults["rules"], level.get("rules", {})))
    contract_spec = level.get("contract", {})
    contract_data = deep_merge(defaults["contract"], contract_spec.get("changes", {}))
    contract = build_contract(contract_data, contract_spec.get("unavailable", {}))
    start = level["start"]
    dilemma = level.get("dilemma")
    informal = level.get("informal_sanctions") or {
        "enabled": False,
        "credit_cut": 0,
        "detection_bonus": 0,
        "reputation_loss": 0,
    }
    no_rules = dict(defaults["no_rules_contract"])
    return Level(
        id=level["id"],
        kind=level["kind"],
        name=level["name"],
        place=level["place"],
        makes=level["makes"],
        description=level["description"],
        holds_back=level["holds_back"],
        sources=tuple(level["sources"]),
        difficulty=int(level["difficulty"]),
        firms=FirmCount(**level["firms"]),
        firm_names=tuple(level["firm_names"]),
        start_phase=int(start.get("phase") or 0),
        start_trust=float(start["trust"]),
        start_dimensions={
            d: float((start.get("dimensions") or {}).get(d, 50.0)) for d in DIMENSIONS
        },
        firm_template=FirmTemplate(**{k: float(v) for k, v in start["firm"].items()}),
        firm_variation=float(start.get("firm_variation", 0.0)),
        start_population=_population(start.get("population")),
        dimension_sense=senses_of(level),
        informal_sanctions=InformalSanctions(
            enabled=bool(informal["enabled"]),
            credit_cut=float(informal["credit_cut"]),
            detection_bonus=float(informal["detection_bonus"]),
            reputation_loss=float(informal["reputation_loss"]),
            input_surcharge=float(informal.get("input_surcharge", 0.0)),
            reputation_gain=float(informal.get("reputation_gain", 0.0)),
        ),
        rules=rules,
        contract=contract,
        default_contract=dict(contract_spec.get("default", no_rules)),
        reference_contract=dict(contract_spec.get("reference", no_rules)),
        no_rules_contract=no_rules,
        events=tuple(build_event(e) for e in level["events"]),
        expected=ExpectedRates(**level["expected"]),
        dilemma=DilemmaRules(**{k: float(v) for k, v in dilemma.items()}) if dilemma else None,
        path=path,
        deepen=tuple((level.get("goal") or {}).get("deepen", ())),
    )
