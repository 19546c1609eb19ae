"""Every sol that moves in a season, with its reason, so money is always accounted for."""

from __future__ import annotations

from collections.abc import Iterable

from game.engine.state import Firm

FUND = -1
"""Account number of the consortium's common fund (firms are 0..n-1)."""

REASONS: frozenset[str] = frozenset(
    {
        "signing",  # one-off contract costs and the starting fund contribution
        "contract_costs",  # per-season costs of the contract (manager fee, traceability…)
        "dues",  # member -> fund
        "joint_sale",  # client pays for lots delivered to the joint order
        "joint_costs",  # inputs, coordination and subcontracting of the joint order
        "salvage",  # cancelled lots sold off cheaply
        "market_sale",  # capacity sold alone at the market price (net of inputs)
        "outside_sale",  # capacity sold por fuera (net of inputs)
        "investment",
        "fine",  # defector -> fund
        "informal_sanction",  # credit cut by the social network
        "faulty_claim",  # a client's claim for a faulty lot
        "cancellation_penalty",  # fund -> client when the order is cancelled
        "event",  # an event's windfall or loss
        "joint_bonus",  # a joint credit line or state purchase bonus
    }
)


Entry = tuple[int, float, str]
"""One movement of money: ``(account, amount, reason)``, the account a firm's id or
:data:`FUND`. Readers unpack it: ``for account, amount, reason in ledger``."""


class Ledger:
    """Applies and records money movements; nothing else in the engine changes balances."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def move(self, state, account: int, amount: float, reason: str) -> None:
        if amount == 0.0:
            return
        self.entries.append((account, amount, reason))
        if account == FUND:
            state.fund += amount
        else:
            state.firms[account].capital += amount

    def transfer(self, state, source: int, target: int, amount: float, reason: str) -> None:
        """An internal movement (a fine): it leaves one account and enters another, so the
        cluster's money as a whole does not change. Recorded as two entries, the payer's first."""
        self.move(state, source, -amount, reason)
        self.move(state, target, amount, reason)

    def collect(self, state, payers: Iterable[Firm], amount: float, reason: str) -> None:
        """Each of ``payers``, in order, pays ``amount`` into the fund (the dues, the signing)."""
        for payer in payers:
            self.transfer(state, payer.id, FUND, amount, reason)
