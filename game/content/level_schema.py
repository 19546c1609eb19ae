"""What a level file and the rules-defaults file may contain, and the checks across fields.

The numeric rule sections are derived from the engine's rule dataclasses (their bounds live in
``game.engine.rules``), so the checker, the engine and ``levels/README.md`` cannot disagree.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import pairwise
from typing import Any

from game.content.schema import (
    INVALID,
    Bilingual,
    Bool,
    Checker,
    Choice,
    Custom,
    DictOf,
    Field,
    ListOf,
    Mapping,
    Number,
    Pair,
    Spec,
    Text,
    did_you_mean,
)
from game.engine.cluster import compute_phase, describe_profile
from game.engine.contract import CONDITIONS, MODIFIERS
from game.engine.events import EVENT_EFFECTS
from game.engine.rules import DIMENSIONS, PHASE_NAMES, RULE_SECTIONS

SCHEMA_VERSION = 1
PHASE_KEYS = ("2", "3", "4")


def _rule_field_spec(f: dataclasses.Field) -> Spec:
    meta = f.metadata
    if "choices" in meta:
        return Choice(meta["choices"])
    if "flag" in meta:
        return Bool()
    number = Number(meta["low"], meta["high"], integer=meta["integer"])
    return Pair(number) if str(f.type).startswith("tuple") else number


def rules_spec(*, partial: bool) -> Mapping:
    """The ``rules:`` mapping; in a level every field is optional (it overrides the defaults)."""
    sections: dict[str, Field | Spec] = {
        name: Field(
            Mapping(
                {
                    f.name: Field(_rule_field_spec(f), required=not partial)
                    for f in dataclasses.fields(cls)
                }
            ),
            required=not partial,
            default={},
        )
        for name, cls in RULE_SECTIONS.items()
    }
    thresholds = DictOf(Choice(PHASE_KEYS), DictOf(Choice(DIMENSIONS), Number(0, 100)))
    sections["phase_thresholds"] = Field(thresholds, required=not partial, default={})
    sections["drift"] = Field(
        DictOf(Choice(DIMENSIONS), Number(-20, 20)), required=False, default={}
    )
    return Mapping(sections)


POPULATION_SPEC = Mapping(
    {
        "firms": Number(10, 1_000_000, integer=True),
        "associated": Number(0, 1),
        "guild_unity": Number(0, 1),
        "guilds": Number(0, 1),
        "state": Number(0, 1),
        "services": Number(0, 1),
    }
)
"""The cluster's population at the start (game.engine.population): its number of firms and
the shares that say how it works together."""


SENSE_SPEC = Mapping(
    {
        "kind": Choice(("ceiling", "not_sought")),
        "at": Field(Number(0, 100), required=False),
        "source": Text(),
    }
)
"""A dimension that is not simply "more is better" (game.engine.cluster.DimensionSense)."""


def _identifier(value: Any, path: tuple, checker: Checker) -> Any:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
        checker.report(
            path, f"'{value}' must be lower-case letters, digits and _ (like el_porvenir)"
        )
        return INVALID
    return value


IDENTIFIER = Custom(_identifier, Text())

OPTION_SPEC = Mapping(
    {
        "name": Bilingual(),
        "consequence": Bilingual(),
        "cost_once": Field(Number(0, 1000), required=False, default=0),
        "cost_per_season": Field(Number(0, 1000), required=False, default=0),
        "effects": Field(
            DictOf(Choice(tuple(MODIFIERS)), Number(-100, 100)), required=False, default={}
        ),
    }
)

CONDITION_SPEC = Mapping(
    {
        "name": Bilingual(),
        "question": Bilingual(),
        "source": Text(),
        "options": DictOf(IDENTIFIER, OPTION_SPEC, min_len=2),
    }
)


def _optional(fields: dict[str, Field | Spec]) -> Mapping:
    """The same fields, all optional: a level's patch over the defaults' definitions."""
    return Mapping(
        {
            name: Field(f.spec if isinstance(f, Field) else f, required=False)
            for name, f in fields.items()
        }
    )


OPTION_PATCH_SPEC = _optional(OPTION_SPEC.fields)
CONDITION_PATCH_SPEC = _optional(
    {**CONDITION_SPEC.fields, "options": DictOf(IDENTIFIER, OPTION_PATCH_SPEC)}
)

CHOICES_SPEC = DictOf(Choice(CONDITIONS), IDENTIFIER)


def _all_conditions(value: Any, path: tuple, checker: Checker) -> Any:
    missing = [c for c in CONDITIONS if c not in value]
    for condition in missing:
        checker.report((*path, condition), f"missing required field '{condition}'")
    return INVALID if missing else value


FULL_CHOICES = Custom(_all_conditions, CHOICES_SPEC)

DEFAULTS_SPEC = Mapping(
    {
        "rules": rules_spec(partial=False),
        "contract": Custom(_all_conditions, DictOf(Choice(CONDITIONS), CONDITION_SPEC)),
        "no_rules_contract": FULL_CHOICES,
    }
)


def _flag_effects(value: Any, path: tuple, checker: Checker) -> Any:
    for flag in ("force_majeure", "quality_claim"):
        if flag in value and value[flag] not in (0, 1):
            checker.report((*path, flag), f"must be 0 or 1, got {value[flag]}")
            return INVALID
    return value


EVENT_SPEC = Mapping(
    {
        "key": IDENTIFIER,
        "name": Bilingual(),
        "text": Bilingual(),
        "weight": Number(0.01, 1000),
        "source": Text(),
        "effects": Field(
            Custom(_flag_effects, DictOf(Choice(tuple(EVENT_EFFECTS)), Number(-100, 100))),
            required=False,
            default={},
        ),
        "dimensions": Field(
            DictOf(Choice(DIMENSIONS), Number(-50, 50)), required=False, default={}
        ),
    }
)


def _unique_event_keys(value: Any, path: tuple, checker: Checker) -> Any:
    seen: dict[str, int] = {}
    for index, event in enumerate(value):
        if event["key"] in seen:
            checker.report(
                (*path, index, "key"),
                f"event key '{event['key']}' is used twice (first by events[{seen[event['key']]}])",
            )
            return INVALID
        seen[event["key"]] = index
    return value


def _firm_count(value: Any, path: tuple, checker: Checker) -> Any:
    if not value["min"] <= value["default"] <= value["max"]:
        checker.report(
            (*path, "default"),
            f"must lie between min ({value['min']}) and max ({value['max']}), got {value['default']}",
        )
        return INVALID
    return value


def _classic_table(value: Any, path: tuple, checker: Checker) -> Any:
    t, r, p, s = value["temptation"], value["reward"], value["punishment"], value["sucker"]
    if not t > r > p > s:
        checker.report(path, "payoffs must satisfy temptation > reward > punishment > sucker")
        return INVALID
    if not 2 * r > t + s:
        checker.report(path, "payoffs must satisfy 2 x reward > temptation + sucker")
        return INVALID
    return value


HISTORY_SPEC = Mapping(
    {
        "source": Text(),
        "study": Bilingual(),
        "advance": Bilingual(),
        "collapse": Bilingual(),
        "stagnation": Bilingual(),
        "uneven_quality": Field(Bilingual(), required=False),
    }
)
"""The debrief's history note: what the study tells of the cluster (``study``), how a game that
ended in advance, collapse or stagnation compares with it, and an optional sentence for a game
whose order was cancelled for uneven quality; ``source`` names the section."""


LEVEL_SPEC = Mapping(
    {
        "schema_version": Number(SCHEMA_VERSION, SCHEMA_VERSION, integer=True),
        "id": IDENTIFIER,
        "kind": Choice(("cluster", "dilemma")),
        "name": Bilingual(),
        "place": Bilingual(),
        "makes": Bilingual(),
        "description": Bilingual(),
        "holds_back": Bilingual(),
        "sources": ListOf(Text(), min_len=1),
        "difficulty": Number(1, 5, integer=True),
        "firms": Custom(
            _firm_count,
            Mapping({k: Number(2, 8, integer=True) for k in ("default", "min", "max")}),
        ),
        "firm_names": ListOf(Text(max_len=40), min_len=2, max_len=8),
        "start": Mapping(
            {
                "phase": Field(Number(1, 4, integer=True), required=False),
                "trust": Number(0, 1),
                "dimensions": Field(DictOf(Choice(DIMENSIONS), Number(0, 100)), required=False),
                "firm": Mapping(
                    {
                        "capital": Number(0, 100000),
                        "capacity": Number(0.1, 10000),
                        "quality": Number(0, 1),
                        "quality_spread": Number(0, 1),
                        "technology": Number(0, 1),
                        "reputation": Number(0, 1),
                    }
                ),
                "firm_variation": Field(Number(0, 0.9), required=False, default=0.0),
                "population": Field(POPULATION_SPEC, required=False),
            }
        ),
        "informal_sanctions": Field(
            Mapping(
                {
                    "enabled": Bool(),
                    "credit_cut": Number(0, 10000),
                    "detection_bonus": Number(0, 1),
                    "reputation_loss": Number(0, 1),
                    "input_surcharge": Field(Number(0, 1000), required=False, default=0.0),
                    "reputation_gain": Field(Number(0, 1), required=False, default=0.0),
                }
            ),
            required=False,
        ),
        "dilemma": Field(
            Custom(
                _classic_table,
                Mapping(
                    {
                        "reward": Number(-1000, 1000),
                        "temptation": Number(-1000, 1000),
                        "sucker": Number(-1000, 1000),
                        "punishment": Number(-1000, 1000),
                        "advance_trust": Number(0, 1),
                    }
                ),
            ),
            required=False,
        ),
        "rules": Field(rules_spec(partial=True), required=False, default={}),
        "contract": Field(
            Mapping(
                {
                    "default": Field(FULL_CHOICES, required=False),
                    "reference": Field(FULL_CHOICES, required=False),
                    "unavailable": Field(
                        DictOf(Choice(CONDITIONS), ListOf(IDENTIFIER)), required=False, default={}
                    ),
                    "changes": Field(
                        DictOf(Choice(CONDITIONS), CONDITION_PATCH_SPEC),
                        required=False,
                        default={},
                    ),
                }
            ),
            required=False,
            default={},
        ),
        "expected": Mapping(
            {"all_cooperate_advance_min": Number(0, 1), "all_defect_collapse_min": Number(0, 1)}
        ),
        "events": Custom(_unique_event_keys, ListOf(EVENT_SPEC, min_len=1)),
        "history": Field(HISTORY_SPEC, required=False),
        "goal": Field(Mapping({"deepen": ListOf(Choice(DIMENSIONS), min_len=1)}), required=False),
        "dimension_sense": Field(DictOf(Choice(DIMENSIONS), SENSE_SPEC), required=False),
    }
)


def check_level_semantics(
    level: dict[str, Any], defaults: dict[str, Any], checker: Checker
) -> None:
    """Rules that need the whole level and the defaults: the kind's required sections, the
    contract's options, the firm names and the starting phase the study gives.

    ``level`` may be only partly valid (other problems were found): each rule runs when the
    sections it reads are valid, so the author still hears about them in the same run."""
    kind = level.get("kind")
    if not _usable(kind):
        return
    if kind == "dilemma":
        if level.get("dilemma") is None:
            checker.report(
                ("dilemma",),
                "missing required field 'dilemma' (a dilemma level needs its payoff table)",
            )
        return
    for section in ("informal_sanctions",):
        if level.get(section) is None:
            checker.report((section,), f"missing required field '{section}'")
    start = level.get("start")
    if _usable(start):
        for key in ("population", "phase", "dimensions"):
            if start.get(key) is None:
                checker.report(
                    ("start", key), f"missing required field '{key}' (a cluster level needs it)"
                )
    names, firms = level.get("firm_names"), level.get("firms")
    if _usable(names, firms) and _usable(firms.get("max")) and len(names) < firms["max"]:
        checker.report(
            ("firm_names",),
            f"needs at least {firms['max']} names (firms.max), got {len(names)}",
        )
    contract = level.get("contract", {})
    if _usable(contract):
        for key in ("default", "reference"):
            if contract.get(key) is None:
                checker.report(("contract", key), f"missing required field '{key}'")
        _check_contract_choices(contract, defaults, checker)
    if _usable(contract):
        _check_escalation(contract, checker)
    rules = level.get("rules")
    if _usable(rules) and _usable(rules.get("phase_thresholds")):
        _check_phase_bands(level, defaults, checker)
    senses = level.get("dimension_sense")
    if senses is None:
        senses = {}
    if _usable(senses):
        for dim, spec in senses.items():
            if _usable(spec) and spec.get("kind") == "ceiling" and spec.get("at") is None:
                checker.report(
                    ("dimension_sense", dim),
                    "a ceiling needs 'at': the level up to which more is better",
                )
                senses = INVALID
    if _usable(start, rules, senses) and _usable(start.get("dimensions"), start.get("phase")):
        _check_start_phase(level, defaults, checker)
        _check_goal(level, defaults, checker)


def _check_goal(level: dict[str, Any], defaults: dict[str, Any], checker: Checker) -> None:
    """A ``goal`` is for a phase-IV level, and names dimensions it has still to deepen."""
    from game.content.build import deep_merge, senses_of
    from game.engine.cluster import dimension_readings

    goal = level.get("goal")
    if goal is None and level["start"]["phase"] == 4:
        checker.report(
            ("start", "phase"),
            "a phase-IV level needs a goal: there is no phase above IV to reach",
            "add goal: {deepen: [...]} naming the dimensions the study calls weak in this case",
        )
        return
    if not _usable(goal) or not _usable(goal.get("deepen")):
        return
    if level["start"]["phase"] != 4:
        checker.report(
            ("goal",),
            "only a phase-IV level has a goal of its own",
            "other levels win by reaching the next phase; remove 'goal'",
        )
        return
    thresholds = deep_merge(
        defaults["rules"]["phase_thresholds"], level["rules"].get("phase_thresholds", {})
    )
    readings = dimension_readings(
        level["start"]["dimensions"], {int(k): v for k, v in thresholds.items()}, senses_of(level)
    )
    for i, dim in enumerate(goal["deepen"]):
        if (readings[dim] or 0) >= 4:
            checker.report(
                ("goal", "deepen", i),
                f"{dim} already reads as phase IV at the start: there is nothing to deepen",
                "name the dimensions the study calls weak in this case",
            )


MAX_ESCALATION = 10.0
"""The largest factor a fine may be multiplied by per repeat offence: at 10, two hundred
seasons of offences still give a finite fine; above ~34 they overflow."""


def _check_escalation(contract: dict[str, Any], checker: Checker) -> None:
    changes = contract.get("changes")
    for condition, spec in (changes if isinstance(changes, dict) else {}).items():
        options = spec.get("options") if isinstance(spec, dict) else None
        if not isinstance(options, dict):
            continue
        for key, option in options.items():
            effects = option.get("effects") if isinstance(option, dict) else None
            value = effects.get("escalation") if isinstance(effects, dict) else None
            if isinstance(value, int | float) and value > MAX_ESCALATION:
                checker.report(
                    ("contract", "changes", condition, "options", key, "effects", "escalation"),
                    f"an escalation of {value:g} makes repeated fines grow past any sum",
                    f"at most {MAX_ESCALATION:g}; the reference contract uses 1.5",
                )


def _check_phase_bands(level: dict[str, Any], defaults: dict[str, Any], checker: Checker) -> None:
    """Each dimension's minimums must rise with the phase: a band for phase III below phase
    II's would make the reading of that dimension meaningless."""
    from game.content.build import deep_merge

    own = level["rules"]["phase_thresholds"]
    merged = deep_merge(defaults["rules"]["phase_thresholds"], own)
    bands = {int(phase): minimums for phase, minimums in merged.items()}
    for dim in DIMENSIONS:
        listed = [(phase, bands[phase][dim]) for phase in sorted(bands) if dim in bands[phase]]
        for (low_phase, low), (phase, value) in pairwise(listed):
            if value <= low:
                key = next((k for k in own if int(k) == phase), phase)
                checker.report(
                    ("rules", "phase_thresholds", key, dim),
                    f"the minimum for phase {PHASE_NAMES[phase]} ({value:g}) is not above phase "
                    f"{PHASE_NAMES[low_phase]}'s ({low:g})",
                    "each phase's minimum must be higher than the phase before",
                )


def _usable(*values: Any) -> bool:
    """Present and valid (a section that failed its own checks is INVALID)."""
    return all(v is not None and v is not INVALID for v in values)


def _check_contract_choices(
    contract: dict[str, Any], defaults: dict[str, Any], checker: Checker
) -> None:
    from game.content.build import deep_merge

    merged = deep_merge(defaults["contract"], contract.get("changes", {}))
    for condition, spec in merged.items():
        for option, data in spec["options"].items():
            for field in ("name", "consequence"):
                if data.get(field) is None:  # absent, or left empty by the schema
                    checker.report(
                        ("contract", "changes", condition, "options", option, field),
                        f"a new option needs '{field}'",
                    )
    unavailable = contract.get("unavailable", {})
    for condition, removed in unavailable.items():
        for index, option in enumerate(removed):
            if option not in merged[condition]["options"]:
                checker.report(
                    ("contract", "unavailable", condition, index),
                    f"unknown option '{option}' of '{condition}'",
                    did_you_mean(option, merged[condition]["options"]),
                )
    for key in ("default", "reference"):
        for condition, option in (contract.get(key) or {}).items():
            options = [
                o for o in merged[condition]["options"] if o not in unavailable.get(condition, [])
            ]
            if option not in options:
                checker.report(
                    ("contract", key, condition),
                    f"option '{option}' is not on the table for '{condition}'",
                    did_you_mean(option, options) or f"expected one of: {', '.join(options)}",
                )


def _check_start_phase(level: dict[str, Any], defaults: dict[str, Any], checker: Checker) -> None:
    from game.content.build import deep_merge, senses_of

    dims = level["start"]["dimensions"]
    missing = [d for d in DIMENSIONS if d not in dims]
    for dim in missing:
        checker.report(("start", "dimensions", dim), f"missing required field '{dim}'")
    if missing:
        return
    thresholds = deep_merge(
        defaults["rules"]["phase_thresholds"], level["rules"].get("phase_thresholds", {})
    )
    thresholds = {int(k): v for k, v in thresholds.items()}
    senses = senses_of(level)
    phase = compute_phase(dims, thresholds, senses)
    stated = level["start"]["phase"]
    if phase != stated:
        checker.report(
            ("start", "phase"),
            f"the starting dimensions read as phase {PHASE_NAMES[phase]}, not "
            f"{PHASE_NAMES[stated]}: {describe_profile(dims, thresholds, senses)}",
            f"phase {PHASE_NAMES[stated]} needs most of the four core dimensions at "
            f"{PHASE_NAMES[stated]} (levels/README.md 5b); read each dimension against Cuadro 2 "
            "as the study describes it rather than moving a weak one to fit",
        )
