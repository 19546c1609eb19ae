"""The cluster around the players' consortium: thousands of firms, simulated as a population.

A consortium of 3 to 8 firms cannot move a cluster of 7,000 by its own weight (GAME_DESIGN "Two
scales"). The study says how a cluster does move: other firms copy a joint venture they see
succeed and are put off by one that fails ("los efectos demostrativos son más importantes que
cualquier curso de capacitación", 004 4.5; 000 conclusions, "Efecto demostración"); guilds make
firms know each other and decide to work together (004 4.7); institutions come first and joint
action is the catalyst (004 5.1). So the cluster is a handful of shares (0-1):

- ``associated``: the share of the cluster's firms that work in associations or consortia;
- ``guild_unity``: one voice (1) or many guilds that divide the firms (0, Gamarra's nine);
- ``guilds``, ``state``, ``services``: how much the cluster's guilds, the state and CITE-like
  technical services back joint work;
- ``example``: how the cluster sees the players' consortium, from a failure everyone talks of
  (-1) to a success everyone wants to copy (+1).

Each season the consortium's visible result moves ``example``; the example, spread by the
associated firms and the guilds, brings new firms into associations or drives them out; and the
seven dimensions move with the association of the whole cluster, not the consortium's own
seasons (:func:`game.engine.cluster.move_dimensions`). Investing in the institutions (a common
good) strengthens the guilds and the technical services. A season is a year of campaigns, so a
cluster's phase changes over about a decade, as 003 says of a cluster's advantages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from game.engine.rules import PopulationRules


@dataclass(slots=True)
class Population:
    """The cluster's population at one moment (every share on 0-1)."""

    firms: int
    associated: float
    guild_unity: float
    guilds: float
    state: float
    services: float
    example: float = 0.0

    def copy(self) -> Population:
        return replace(self)

    @property
    def support(self) -> float:
        """How far the cluster's institutions back an association through hard times: the mean
        of what its guilds, the state and the technical services offer."""
        return (self.guilds + self.state + self.services) / 3.0

    @property
    def associated_firms(self) -> int:
        """How many of the cluster's firms work in associations (what the board shows)."""
        return round(self.firms * self.associated)

    def to_json(self) -> dict[str, float]:
        return {
            "firms": self.firms,
            "associated": self.associated,
            "guild_unity": self.guild_unity,
            "guilds": self.guilds,
            "state": self.state,
            "services": self.services,
            "example": self.example,
        }


@dataclass(frozen=True, slots=True)
class PopulationChange:
    """What one season did to the population: the dimensions read these."""

    associated: float  # change of the associated share
    joint_action: float  # associated share above the cluster's starting one, own weight included
    institutions: float  # change of the mean of guilds, state and services
    services: float  # change of the technical services


NO_CHANGE = PopulationChange(associated=0.0, joint_action=0.0, institutions=0.0, services=0.0)
"""A season with no consortium for the cluster to watch: its firms go on as they were, and
the dimensions move only by drift and events."""


def visible_result(
    rules: PopulationRules,
    *,
    members: int,
    cooperators: int,
    defectors: int,
    detected: int,
    accepted: bool,
    cancelled: bool,
) -> float:
    """What the cluster sees of the consortium's season, from -1 to 1.

    An order delivered together is a success in proportion to who delivered it. A sale por
    fuera is made to the cluster's own buyers, so the market knows of it even when the partners
    do not, and each one spoils the example of ``rules.defection_weight`` partners who kept
    their word: nobody copies a venture whose members sell behind each other's backs (000 III).
    A cancelled order is a failure the whole market hears of, and a partner caught is a
    scandal on top."""
    if members == 0:
        return 0.0
    if accepted:
        result = (cooperators - rules.defection_weight * defectors) / members
    else:
        result = -1.0 if cancelled else 0.0
    return max(-1.0, result - detected / members)


def move_population(
    population: Population,
    rules: PopulationRules,
    *,
    start_associated: float,
    result: float,
    acting_members: int,
    institution_investments: int,
    formality: float = 0.0,
) -> PopulationChange:
    """Move the population one season and return what the dimensions read from it.

    ``result`` is :func:`visible_result` (0 with no alliance); ``acting_members`` the members
    who worked jointly (the consortium's own weight); ``formality`` the contract's formal
    terms, which the guilds copy from a consortium they see succeed."""
    p = population
    before_support, before_services = p.support, p.services
    before = p.associated
    p.example += rules.example_memory * (result - p.example)
    reach = rules.visibility + p.associated
    joined = (
        rules.copy_rate
        * max(p.example, 0.0)
        * reach
        * (1.0 - p.associated)
        * (0.5 + (p.guild_unity + p.guilds) / 2.0)
        * (0.5 + p.services)
    )
    left = rules.put_off_rate * max(-p.example, 0.0) * p.associated * (1.0 - p.support)
    p.associated = _share(p.associated + joined - left)
    change = p.associated - before
    p.guild_unity = _share(p.guild_unity + rules.unity_per_association * change)
    p.guilds = _share(
        p.guilds
        + rules.guilds_per_association * max(change, 0.0)
        + rules.guilds_per_investment * institution_investments
        + rules.guilds_per_formal_term * formality * max(result, 0.0)
    )
    p.services = _share(p.services + rules.services_per_investment * institution_investments)
    own_weight = acting_members / max(p.firms, 1)
    return PopulationChange(
        associated=change,
        joint_action=p.associated - start_associated + own_weight,
        institutions=p.support - before_support,
        services=p.services - before_services,
    )


def _share(value: float) -> float:
    return 0.0 if value < 0.0 else (1.0 if value > 1.0 else value)
