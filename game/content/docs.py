"""The reference tables of ``levels/README.md``, generated from the code's own metadata.

The level authors' guide is written by hand except for its reference tables, which come from the
same definitions the checker and the engine use (the rule dataclasses' bounds and meanings, the
defaults file, the contract and event effect vocabularies, the level schema), so they cannot go
stale. Run::

    python -m game.content.docs           # rewrite the generated part of levels/README.md
    python -m game.content.docs --check   # exit 1 if it is out of date (what the tests check)

Only the text between :data:`BEGIN` and :data:`END` is touched.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from game.content.level_schema import (
    EVENT_SPEC,
    IDENTIFIER,
    LEVEL_SPEC,
    OPTION_SPEC,
    PHASE_KEYS,
    rules_spec,
)
from game.content.levels import LEVELS_DIR, load_defaults
from game.content.schema import (
    Bilingual,
    Bool,
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
)
from game.engine.contract import CONDITIONS, MODIFIERS
from game.engine.events import EVENT_EFFECTS
from game.engine.rules import DIMENSIONS, PHASE_NAMES, RULE_SECTIONS

README = LEVELS_DIR / "README.md"
BEGIN = "<!-- BEGIN GENERATED: python -m game.content.docs -->"
END = "<!-- END GENERATED -->"

PHASE_LABELS: dict[int, str] = {
    1: "incipiente (incipient)",
    2: "articulado (articulated)",
    3: "interrelacionado (interrelated)",
    4: "autosuficiente (self-sufficient)",
}
"""Cuadro 2 (004 1.2.4) names of the four phases, Spanish first."""

SECTION_NOTES: dict[str, str] = {
    "trust": "How trust between partners grows and falls, and what low trust costs "
    "(000 III, Confianza; 001: no trust means high transaction costs).",
    "detection": "The chance that a firm selling por fuera is caught: "
    "`two_firm_chance` x (2 / members) ^ `size_elasticity` + `institutions_weight` x "
    "institutions / 100 + the contract's `detection` + institution investments + the informal "
    "`detection_bonus`, capped at `max_chance` (004 4.2, Távara).",
    "market": "Prices, input costs, the size of the joint order and the private offers "
    "(000 IV: economies of scale; 003 section 5: a limit on members; 004 3.3.1: subcontracting).",
    "quality": "What the client of the joint order accepts (000 VI.2: uneven lots sank the first "
    "Gamarra polo-shirt consortium).",
    "reputation": "A firm's name with clients, 0 to 1; it weighs on its private offers.",
    "investment": "The third decision, Invertir: own goods (quality, technology) and common goods "
    "(brand, institutions).",
    "membership": "Who may join during a game when the contract's membership is open with "
    "conditions (000 III, Términos de la membresía; the option's `admits_newcomers` effect). "
    "After a season the consortium delivered, a firm of the cluster may apply; it joins if it "
    "brings the capacity the terms ask and meets the order's quality, pays its fee into the "
    "fund and sits at the table as a computer-run firm, up to the level's `firms.max`.",
    "population": "The cluster's thousands of firms around the players' consortium "
    "(game.engine.population; the level's `start.population`). Each season the consortium's "
    "visible result (an order delivered together, a cancelled one, a partner caught selling "
    "por fuera) moves `example`; firms that see a success copy it and join associations, "
    "spread by the associated firms and the guilds; a failure puts associated firms off, less "
    "where the guilds, the state and the technical services back them. The demonstration "
    "effect is the cluster's engine (004 4.5, 4.7; 000 conclusions, Efecto demostración).",
    "dimensions": "How the seven dimensions follow the population each season, in points on the "
    '0-100 scale. "The whole cluster" means its associated share changing by 1.0: joint '
    "action is the catalyst (004 5.1), so the consortium moves the cluster by its example, not "
    "by its own weight.",
    "end": "When a game ends (advance, collapse or stagnation).",
    "fund": "The consortium's common fund, which pays the contract's costs and receives fines; "
    "if it goes below zero the alliance collapses.",
    "treatments": "Switches a facilitator sets before a game (issue 4), stored with the game "
    "and shown in the debrief; a level may change their defaults here. With `public` "
    "visibility every firm sees every defection (trust toward the defector falls as if it were "
    "detected and the public record names it), while fines still need the consortium's "
    "detection. A mistake makes a cooperating firm's lot come out faulty: the client rejects "
    "it, so it counts as missing (in the tutorial the move comes out as a defection). With "
    "`announce_last_season: false` players see no season limit.",
}
"""One line per rules section (the fields themselves carry their meaning in game.engine.rules)."""

DIMENSION_NOTES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "productive_relations": (
        "Relaciones productivas",
        "How closely the firms buy, sell and produce with each other: scarce (I), commercial "
        "links (II), integrated production (III), full integration (IV).",
        ("rules.dimensions.relations_per_association",),
    ),
    "technology": (
        "Tecnología",
        "From no technological development (I) through specialisation (II) and technical "
        "refinement (III) to innovation of its own (IV).",
        ("rules.dimensions.technology_learning", "rules.dimensions.technology_per_services"),
    ),
    "demand": (
        "Demanda",
        "How large and demanding the cluster's buyers are: weak, basic, medium, sophisticated.",
        ("rules.dimensions.demand_per_joint_action", "rules.investment.brand_demand_gain"),
    ),
    "institutions": (
        "Institucionalidad y normatividad",
        "Guilds, rules and support bodies and whether the rules are applied: incipient, basic, "
        "developing with norms applied, fully developed and regulating.",
        (
            "rules.dimensions.institutions_per_support",
            "rules.population.guilds_per_formal_term",
            "rules.population.guilds_per_investment",
            "rules.population.services_per_investment",
        ),
    ),
    "productivity": (
        "Productividad",
        "Output per firm that comes from constant dealings between agents (a phase IV trait).",
        (
            "rules.dimensions.productivity_per_joint_action",
            "rules.dimensions.productivity_per_technology",
        ),
    ),
    "cooperative_competition": (
        "Competencia cooperadora",
        "Firms cooperating toward common goals while competing for the market, at the same "
        "time (a phase IV trait).",
        ("rules.dimensions.cooperation_per_association",),
    ),
    "entry_of_agents": (
        "Inserción de agentes",
        "New firms from parallel, associated and complementary activities joining the cluster "
        "(a phase IV trait).",
        ("rules.dimensions.entry_per_joint_action", "contract effect entry_per_season"),
    ),
}
"""The seven dimensions of Cuadro 2 (004 1.2.4), paraphrased: Spanish name, meaning, and the
rules fields that move each one in play (besides ``rules.drift`` and event ``dimensions``)."""

COMBINE_NOTES: dict[str, str] = {
    "multiply": "multiplied together",
    "add": "added up",
    "max": "the largest counts",
    "flag": "0 or 1",
}

CUSTOM_NOTES: dict[str, str] = {
    "_firm_count": "min <= default <= max",
    "_classic_table": "temptation > reward > punishment > sucker, and 2 x reward > "
    "temptation + sucker",
    "_unique_event_keys": "every event `key` different",
    "_flag_effects": "`force_majeure` and `quality_claim` only 0 or 1",
    "_all_conditions": "one option for each of the eight conditions",
}
"""What each hand-written cross-field rule of the level schema demands, by function name."""

REQUIRED_BY_KIND: dict[str, str] = {
    "start.phase": "cluster levels",
    "start.dimensions": "cluster levels",
    "informal_sanctions": "cluster levels",
    "contract.default": "cluster levels",
    "contract.reference": "cluster levels",
    "start.dimensions.<dimension>": "cluster levels (all seven)",
    "dilemma": "dilemma levels",
}
"""Optional in the schema but demanded by ``check_level_semantics`` for one kind of level."""


# -- small formatting helpers ----------------------------------------------------------------


def _num(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_num(v) for v in value) + "]"
    return str(value)


def _range(low: float | None, high: float | None, integer: bool = False) -> str:
    kind = "whole number" if integer else "number"
    if low is not None and low == high:
        return f"exactly {_num(low)}"
    if low is not None and high is not None:
        return f"{kind} {_num(low)} to {_num(high)}"
    if low is not None:
        return f"{kind} {_num(low)} or more"
    if high is not None:
        return f"{kind} up to {_num(high)}"
    return kind


def _number_range(number: Number) -> str:
    return _range(number.min, number.max, number.integer)


def _unwrap(spec: Spec | Field) -> Spec:
    """The spec under any Field and Custom wrappers."""
    while True:
        if isinstance(spec, Field):
            spec = spec.spec
        elif isinstance(spec, Custom) and spec.base is not None and spec is not IDENTIFIER:
            spec = spec.base
        else:
            return spec


def _dict_value_range(spec: Spec | Field) -> str:
    inner = _unwrap(spec)
    assert isinstance(inner, DictOf) and isinstance(inner.value, Number)
    return _number_range(inner.value)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return lines


def _code(text: str) -> str:
    return f"`{text}`"


def _effects(effects: dict[str, float]) -> str:
    return ", ".join(_code(f"{k}: {_num(v)}") for k, v in effects.items()) or "none"


# -- (a) rules ------------------------------------------------------------------------------


def _check_notes() -> None:
    """Fail loudly when the hand-written notes above no longer match the code."""
    if set(SECTION_NOTES) != set(RULE_SECTIONS):
        raise RuntimeError(
            f"SECTION_NOTES covers {sorted(SECTION_NOTES)}, RULE_SECTIONS has {sorted(RULE_SECTIONS)}"
        )
    if tuple(DIMENSION_NOTES) != DIMENSIONS:
        raise RuntimeError(f"DIMENSION_NOTES covers {list(DIMENSION_NOTES)}, not {DIMENSIONS}")
    known = {
        f"rules.{section}.{f.name}"
        for section, cls in RULE_SECTIONS.items()
        for f in dataclasses.fields(cls)
    } | {f"contract effect {name}" for name in MODIFIERS}
    for dim, (_, _, moved_by) in DIMENSION_NOTES.items():
        stale = [name for name in moved_by if name not in known]
        if stale:
            raise RuntimeError(f"DIMENSION_NOTES['{dim}'] names unknown fields: {stale}")


def _rules_tables(defaults: dict[str, Any]) -> list[str]:
    out = [
        "### 5a. Rules: every field of `rules:`",
        "",
        "Every number below is set in `levels/rules_defaults.yaml` (the *default* column). A level "
        "changes any of them under its own `rules:` key, with the same nesting, for example "
        "`rules: {trust: {floor: 0.2}}`; the value must lie in the *allowed* range.",
    ]
    for section, cls in RULE_SECTIONS.items():
        values = defaults["rules"][section]
        rows = []
        for f in dataclasses.fields(cls):
            meta = f.metadata
            allowed = _range(meta["low"], meta["high"], meta["integer"])
            default = values[f.name]
            if "choices" in meta:
                allowed = "one of " + ", ".join(_code(c) for c in meta["choices"])
                default = _code(default)
            elif "flag" in meta:
                allowed = "true or false"
                default = _code("true" if default else "false")
            else:
                default = _num(default)
            if str(f.type).startswith("tuple"):
                allowed = f"pair [low, high], each a {allowed}"
            rows.append([_code(f"rules.{section}.{f.name}"), default, allowed, meta["doc"]])
        out += ["", f"#### `rules.{section}`", "", SECTION_NOTES[section], ""]
        out += _table(["field", "default", "allowed", "meaning"], rows)
    spec = rules_spec(partial=True).fields
    drift = defaults["rules"].get("drift") or {}
    drift_default = (
        ", ".join(f"{d}: {_num(v)}" for d, v in drift.items()) or "0 for every dimension"
    )
    out += [
        "",
        "#### `rules.drift` and `rules.phase_thresholds`",
        "",
        *_table(
            ["field", "default", "allowed", "meaning"],
            [
                [
                    _code("rules.drift.<dimension>"),
                    drift_default,
                    _dict_value_range(spec["drift"]),
                    "points the dimension moves by itself every season, whatever the players "
                    "do (a negative drift is a cluster in decline); optional, any of the seven "
                    "dimensions",
                ],
                [
                    _code("rules.phase_thresholds.<phase>.<dimension>"),
                    "see 5b",
                    "number 0 to 100; <phase> is " + ", ".join(PHASE_KEYS),
                    "minimum of the dimension to be in that phase (table 5b)",
                ],
            ],
        ),
    ]
    return out


# -- (b) phases -----------------------------------------------------------------------------


def _phase_table(defaults: dict[str, Any]) -> list[str]:
    thresholds = {int(k): v for k, v in defaults["rules"]["phase_thresholds"].items()}
    phases = sorted(thresholds)
    header = [
        "dimension",
        f"phase {PHASE_NAMES[1]}",
        *(f"phase {PHASE_NAMES[p]}" for p in phases),
    ]
    rows = [
        [
            _code(dim),
            "-",
            *(_num(thresholds[p][dim]) if dim in thresholds[p] else "-" for p in phases),
        ]
        for dim in DIMENSIONS
    ]
    names = "; ".join(f"{PHASE_NAMES[p]} = {label}" for p, label in PHASE_LABELS.items())
    return [
        "### 5b. Phase thresholds (`rules.phase_thresholds`)",
        "",
        f"Phases of Cuadro 2 (004 1.2.4): {names}. Each dimension reads as the highest phase "
        "whose minimum it meets, together with every lower phase's minimum; phase I has no "
        "minimum, and a dash means the phase sets none for that dimension. The cluster's phase "
        "is read from the whole profile (section 2, step 4).",
        "",
        *_table(header, rows),
    ]


# -- (c) contract ---------------------------------------------------------------------------


def _contract_tables(defaults: dict[str, Any]) -> list[str]:
    no_rules = defaults["no_rules_contract"]
    cost_range = _number_range(_unwrap(OPTION_SPEC.fields["cost_once"]))
    out = [
        "### 5c. Contract conditions and their options (from `rules_defaults.yaml`)",
        "",
        "Money is in thousands of soles, paid out of the common fund: *once* at signing, or "
        f"*every season* (each a {cost_range}). Effects use the names of table 5d. The option "
        'marked *no rules* is the one the "no rules and no trust" contract '
        "(`no_rules_contract` in the defaults file, `--contract no_rules` in the simulator) "
        "picks.",
    ]
    for key, condition in defaults["contract"].items():
        rows = []
        for option_key, option in condition["options"].items():
            mark = " (no rules)" if no_rules.get(key) == option_key else ""
            rows.append(
                [
                    _code(option_key) + mark,
                    f"{option['name']['es']} / {option['name']['en']}",
                    _num(option.get("cost_once", 0)),
                    _num(option.get("cost_per_season", 0)),
                    _effects(option.get("effects", {})),
                    option["consequence"]["es"],
                ]
            )
        out += [
            "",
            f"#### `{key}`: {condition['name']['es']} ({condition['name']['en']})",
            "",
            f"{condition['question']['es']} *Source: {condition['source']}.*",
            "",
            *_table(
                ["option", "name (es / en)", "once", "per season", "effects", "consequence (es)"],
                rows,
            ),
        ]
    return out


# -- (d, e) effect vocabularies ---------------------------------------------------------------


def _modifier_table() -> list[str]:
    option_range = _dict_value_range(OPTION_SPEC.fields["effects"])
    rows = [
        [_code(name), f"{combine} ({COMBINE_NOTES[combine]})", _num(neutral), doc]
        for name, (combine, neutral, doc) in MODIFIERS.items()
    ]
    return [
        "### 5d. Contract effects (`effects:` of a contract option)",
        "",
        f"Each value is a {option_range}. When several chosen options carry the same effect, "
        "*combines* says how they add up; an effect no chosen option carries keeps its "
        "*neutral* value (it changes nothing).",
        "",
        *_table(["effect", "combines", "neutral", "meaning"], rows),
    ]


def _event_effect_table() -> list[str]:
    effect_range = _dict_value_range(EVENT_SPEC.fields["effects"])
    dims_range = _dict_value_range(EVENT_SPEC.fields["dimensions"])
    rows = [
        [
            _code(name),
            "flag (0 or 1)" if kind == "flag" else kind,
            _num(neutral),
            doc,
        ]
        for name, (kind, neutral, doc) in EVENT_EFFECTS.items()
    ]
    return [
        "### 5e. Event effects (`effects:` of an event)",
        "",
        f"Each value is a {effect_range} and lasts only the season the card is drawn. A "
        "*multiply* effect multiplies the season's value (0.9 = 10% less), an *add* effect is "
        "added to it, a *flag* is 1 (on) or 0 (off); an effect the card does not list keeps its "
        f"*neutral* value. An event's `dimensions:` (each a {dims_range}) adds points to "
        "dimensions that season.",
        "",
        *_table(["effect", "kind", "neutral", "meaning"], rows),
    ]


# -- (f) dimensions ---------------------------------------------------------------------------


def _dimension_table() -> list[str]:
    rows = [
        [_code(dim), name, meaning, ", ".join(_code(m) for m in moved_by)]
        for dim, (name, meaning, moved_by) in DIMENSION_NOTES.items()
    ]
    return [
        "### 5f. The seven dimensions (Cuadro 2, 004 1.2.4)",
        "",
        "Each is a number from 0 to 100. Besides the fields listed, every dimension moves with "
        "`rules.drift` and with the `dimensions:` of the season's event.",
        "",
        *_table(["dimension", "Cuadro 2", "what it measures", "moved in play by"], rows),
    ]


# -- (g) level fields at a glance ------------------------------------------------------------


def _placeholder(key: Spec) -> str:
    if key is IDENTIFIER:
        return "<option>"
    if isinstance(key, Choice):
        options = set(key.options)
        for name, known in (
            ("<dimension>", DIMENSIONS),
            ("<condition>", CONDITIONS),
            ("<contract effect>", tuple(MODIFIERS)),
            ("<event effect>", tuple(EVENT_EFFECTS)),
            ("<phase>", PHASE_KEYS),
        ):
            if options == set(known):
                return name
    return "<key>"


def _leaf(spec: Spec) -> str:
    if spec is IDENTIFIER:
        return "name: lower-case letters, digits and _"
    if isinstance(spec, Bilingual):
        return "text in both languages: {es: ..., en: ...}"
    if isinstance(spec, Text):
        return f"text (up to {spec.max_len} characters)"
    if isinstance(spec, Number):
        return _number_range(spec)
    if isinstance(spec, Bool):
        return "true or false"
    if isinstance(spec, Choice):
        return "one of: " + ", ".join(spec.options)
    if isinstance(spec, Pair):
        return f"pair [low, high]: {_leaf(spec.item)}"
    return type(spec).__name__


def _walk(spec: Spec | Field, path: str, required: str, rows: list[list[str]]) -> None:
    if isinstance(spec, Field):
        default = spec.default
        if spec.required:
            required = "yes"
        elif default not in (None, {}, []):
            required = f"optional (default {_num(default)})"
        else:
            required = "optional"
        spec = spec.spec
    if path in REQUIRED_BY_KIND and not required.startswith("yes"):
        required = f"yes, in {REQUIRED_BY_KIND[path]}"
    notes = []
    child = "optional"
    while isinstance(spec, Custom) and spec.base is not None and spec is not IDENTIFIER:
        name = getattr(spec.fn, "__name__", "")
        if name in CUSTOM_NOTES:
            notes.append(CUSTOM_NOTES[name])
        if name == "_all_conditions":
            child = "yes (all eight)"
        spec = spec.base
    suffix = f"; {'; '.join(notes)}" if notes else ""
    if path == "rules":
        rows.append([_code(path), required, "overrides of any field of tables 5a and 5b"])
        return
    if isinstance(spec, Mapping):
        if path:
            rows.append([_code(path), required, "mapping" + suffix])
        for name, field in spec.fields.items():
            _walk(field, f"{path}.{name}" if path else name, "yes", rows)
    elif isinstance(spec, DictOf):
        at_least = f", at least {spec.min_len}" if spec.min_len else ""
        rows.append([_code(path), required, f"mapping{at_least}{suffix}"])
        _walk(spec.value, f"{path}.{_placeholder(spec.key)}", child, rows)
    elif isinstance(spec, ListOf):
        if spec.max_len is None:
            size = f"{spec.min_len} or more"
        else:
            size = f"{spec.min_len} to {spec.max_len}"
        rows.append([_code(path), required, f"list of {size} items{suffix}"])
        item = _unwrap(spec.item)
        if isinstance(item, Mapping):
            _walk(spec.item, f"{path}[]", "yes", rows)
        else:
            rows[-1][2] += f", each {_leaf(item)}"
    else:
        rows.append([_code(path), required, _leaf(spec) + suffix])


def level_field_rows() -> list[list[str]]:
    """(path, required, what is allowed) for every field a level file may hold."""
    rows: list[list[str]] = []
    _walk(LEVEL_SPEC, "", "yes", rows)
    return rows


def _level_fields_table() -> list[str]:
    return [
        "### 5g. Every field of a level file, at a glance",
        "",
        "Straight from the checker's schema (`game/content/level_schema.py`): what the checker "
        "accepts. Section 4 explains what each field means. `[]` stands for every item of a "
        "list, `<...>` for a key you choose from the named set. A field under an optional one "
        "is required only when its parent is written. *Required* fields with no default must "
        "always be written, even for a dilemma level, unless marked for one kind of level.",
        "",
        *_table(["field", "required", "allowed"], level_field_rows()),
    ]


# -- the whole generated part -----------------------------------------------------------------


def generate(defaults: dict[str, Any] | None = None) -> str:
    """The Markdown that belongs between the markers (without the markers)."""
    _check_notes()
    if defaults is None:
        defaults = load_defaults()
    parts = [
        _rules_tables(defaults),
        _phase_table(defaults),
        _contract_tables(defaults),
        _modifier_table(),
        _event_effect_table(),
        _dimension_table(),
        _level_fields_table(),
    ]
    blocks = ["\n".join(lines).rstrip() for lines in parts]
    text = "\n\n".join(blocks) + "\n"
    return "\n".join(line.rstrip() for line in text.split("\n"))


def render(readme: str, generated: str) -> str:
    """``readme`` with the text between the markers replaced by ``generated``."""
    start = readme.find(BEGIN)
    end = readme.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers '{BEGIN}' and '{END}' are missing or out of order")
    before = readme[: start + len(BEGIN)]
    return f"{before}\n\n{generated.strip()}\n\n{readme[end:]}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m game.content.docs",
        description="Regenerate the reference tables of levels/README.md from the code.",
    )
    parser.add_argument(
        "--check", action="store_true", help="only check; exit 1 if the file is out of date"
    )
    parser.add_argument("--file", type=Path, default=README, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        current = args.file.read_text(encoding="utf-8")
        wanted = render(current, generate())
    except (OSError, ValueError) as error:
        print(f"{args.file}: {error}", file=sys.stderr)
        return 2
    if args.check:
        if current != wanted:
            print(
                f"{args.file}: the generated tables are out of date; "
                "run: python -m game.content.docs",
                file=sys.stderr,
            )
            return 1
        print(f"{args.file}: up to date")
        return 0
    if current != wanted:
        args.file.write_text(wanted, encoding="utf-8")
        print(f"{args.file}: updated")
    else:
        print(f"{args.file}: already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
