"""The board: what everyone at the table may see, always on screen during a game.

It shows the season, every firm (capital, reputation, offences, whether it left), the alliance's
trust and common fund, the cluster's phase with its seven dimensions against the next phase's
thresholds, and a short log of past seasons. It reads only public information, except the
trust of ``viewer`` toward the other firms, drawn only in that person's private view.

The board adapts to the rectangle it is given (from about 420 px wide): rows shrink, optional
columns and the log give way before any text would overflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pygame

from game.engine.reports import LEFT_REASONS
from game.engine.rules import DIMENSIONS, PHASE_NAMES
from game.engine.trust import alliance_trust
from game.i18n import pick, whole_number
from game.ui import theme
from game.ui.scene import card
from game.ui.text import draw_text, font

if TYPE_CHECKING:
    from game.play.match import Match
    from game.ui.context import SceneContext


@dataclass(frozen=True, slots=True)
class BoardNumbers:
    """The board's numbers at one moment, so a resolution can animate from before to after."""

    capital: dict[int, float]
    reputation: dict[int, float]
    trust: float
    fund: float
    dimensions: dict[str, float]
    offences: dict[int, int] = field(default_factory=dict)
    associated: float = 0.0  # the cluster's firms working in associations (share)
    left: dict[int, str | None] = field(default_factory=dict)  # None: still a member


def numbers_of(match: Match) -> BoardNumbers:
    game = match.active_game
    state = game.state
    return BoardNumbers(
        capital={f.id: f.capital for f in state.firms},
        reputation={f.id: f.reputation for f in state.firms},
        trust=alliance_trust(state.trust, game.members()),
        fund=state.fund,
        dimensions=dict(state.dimensions),
        offences={f.id: f.offences for f in state.firms},
        left={f.id: None if f.member else (f.left_reason or "expelled") for f in state.firms},
        associated=state.population.associated,
    )


def reveal(before: BoardNumbers, after: BoardNumbers, shown: BoardNumbers, firms) -> BoardNumbers:
    """``shown`` with the new offences and departures of ``firms`` only (the others as they
    were before): a firm's offence appears on the board when the story reaches it."""
    firms = set(firms)
    return replace(
        shown,
        offences={
            i: (v if i in firms else before.offences.get(i, v)) for i, v in after.offences.items()
        },
        left={i: (v if i in firms else before.left.get(i, v)) for i, v in after.left.items()},
    )


def blend(before: BoardNumbers, after: BoardNumbers, t: float) -> BoardNumbers:
    """The numbers a share ``t`` (0 to 1) of the way from ``before`` to ``after``."""
    t = min(max(t, 0.0), 1.0)

    def mid(a: float, b: float) -> float:
        return a + (b - a) * t

    return BoardNumbers(
        capital={i: mid(before.capital.get(i, v), v) for i, v in after.capital.items()},
        reputation={i: mid(before.reputation.get(i, v), v) for i, v in after.reputation.items()},
        trust=mid(before.trust, after.trust),
        fund=mid(before.fund, after.fund),
        dimensions={d: mid(before.dimensions.get(d, v), v) for d, v in after.dimensions.items()},
        offences=dict(after.offences if t >= 1.0 else before.offences),
        left=dict(after.left if t >= 1.0 else before.left),
        associated=mid(before.associated, after.associated),
    )


# -- small shared drawing helpers -----------------------------------------------------------


def mix(colour, other, t: float) -> tuple[int, int, int]:
    """A tint between two theme colours (``t`` = share of ``other``)."""
    return tuple(int(a + (b - a) * t) for a, b in zip(colour, other, strict=True))  # type: ignore[return-value]


def line_height(size: int, bold: bool = False) -> int:
    return font(size, bold).get_linesize()


def scaled(app: SceneContext, height: int, base: int = 720) -> theme.TextSizes:
    """The app's text sizes, a little larger on tall windows (projectors at 1080 p)."""
    sizes = app.text_sizes
    factor = min(max(height / base, 1.0), 1.35)
    if factor == 1.0:
        return sizes
    return theme.TextSizes(
        small=round(sizes.small * factor),
        body=round(sizes.body * factor),
        heading=round(sizes.heading * factor),
        title=round(sizes.title * factor),
        widget=sizes.widget,
    )


TRUST_WARNING_MARGIN = 0.08
"""How close to its floor the alliance's trust turns the board's warning on: about one
detected sale por fuera away (rules.trust.loss_detected spread over a table)."""

CAPITAL_BANDS: tuple[float, ...] = (25.0, 50.0, 100.0, 200.0, 400.0, 800.0, 1600.0, 3200.0)
"""The upper edges of the ranges a firm's capital shows in while a game runs: each twice the
last, so one season's gain from a sale por fuera (a tenth or so of a firm's capital) rarely
moves a firm into the next range."""


def capital_is_public(match: Match) -> bool:
    """Whether the board may show every firm's exact capital: once the game is over, or when
    the facilitator made every defection public. Otherwise a jump in a firm's capital would
    give away a sale por fuera nobody detected (issue 14), so the board shows ranges."""
    game = match.active_game
    return game.outcome is not None or game.treatments.visibility == "public"


def capital_band(app: SceneContext, capital: float) -> str:
    """The range a capital falls in, as the public board shows it during a game."""
    if capital < 0:
        return app.tr("board.capital_negative")
    low = 0.0
    for high in CAPITAL_BANDS:
        if capital < high:
            return app.tr("board.capital_band", low=low, high=high).replace(" ", "\u00a0")
        low = high
    return app.tr("board.capital_above", low=low).replace(" ", "\u00a0")


def money(app: SceneContext, amount: float) -> str:
    """Money as the game writes it, never broken across two lines."""
    return app.tr("money", amount=amount).replace(" ", "\u00a0")


def draw_person(surface: pygame.Surface, box: pygame.Rect, colour=theme.INK) -> None:
    """A head and shoulders: a seat played by a person."""
    box = pygame.Rect(box)
    r = max(box.height // 5, 2)
    pygame.draw.circle(surface, colour, (box.centerx, box.top + r + 1), r)
    body = pygame.Rect(0, 0, int(box.width * 0.8), box.height)
    body.midtop = (box.centerx, box.top + 2 * r + 3)
    clip = surface.get_clip()
    surface.set_clip(pygame.Rect(box.left, body.top, box.width, box.bottom - body.top).clip(clip))
    pygame.draw.ellipse(surface, colour, body)
    surface.set_clip(clip)


def draw_computer(surface: pygame.Surface, box: pygame.Rect, colour=theme.MUTED) -> None:
    box = pygame.Rect(box)
    screen = pygame.Rect(box.left, box.top + 1, box.width, int(box.height * 0.62))
    pygame.draw.rect(surface, colour, screen, width=2, border_radius=2)
    stem = pygame.Rect(0, 0, max(box.width // 6, 2), box.height // 6)
    stem.midtop = (box.centerx, screen.bottom)
    pygame.draw.rect(surface, colour, stem)
    foot = pygame.Rect(0, 0, box.width // 2, 2)
    foot.midtop = (box.centerx, stem.bottom)
    pygame.draw.rect(surface, colour, foot)


def draw_check(surface: pygame.Surface, box: pygame.Rect, colour=theme.GREEN, width=3) -> None:
    box = pygame.Rect(box)
    a = (box.left + box.width * 0.15, box.top + box.height * 0.55)
    b = (box.left + box.width * 0.42, box.top + box.height * 0.8)
    c = (box.left + box.width * 0.88, box.top + box.height * 0.2)
    pygame.draw.lines(surface, colour, False, [a, b, c], width)


def draw_cross(surface: pygame.Surface, box: pygame.Rect, colour=theme.VERMILLION, width=3):
    box = pygame.Rect(box).inflate(-box.width // 4, -box.height // 4)
    pygame.draw.line(surface, colour, box.topleft, box.bottomright, width)
    pygame.draw.line(surface, colour, box.topright, box.bottomleft, width)


def draw_badge(
    surface: pygame.Surface,
    centre: tuple[int, int],
    radius: int,
    colour: tuple[int, int, int],
    text: str,
    size: int,
    *,
    inset: int = 0,
) -> None:
    """A filled circle with ``text`` in its middle, in whichever of ink or white reads on
    ``colour``: the seat numbers of the seating screens, the firms' initials on the contract."""
    pygame.draw.circle(surface, colour, centre, radius)
    box = pygame.Rect(
        centre[0] - radius + inset, centre[1] - radius, 2 * (radius - inset), 2 * radius
    )
    draw_text(
        surface,
        text,
        box,
        size,
        theme.readable_on(colour),
        bold=True,
        align="center",
        valign="middle",
    )


def draw_bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    share: float,
    colour,
    *,
    track=theme.SHADE,
) -> None:
    rect = pygame.Rect(rect)
    radius = rect.height // 2
    pygame.draw.rect(surface, track, rect, border_radius=radius)
    filled = rect.copy()
    filled.width = int(rect.width * min(max(share, 0.0), 1.0))
    if filled.width > 0:
        pygame.draw.rect(surface, colour, filled, border_radius=radius)


def draw_tick(surface: pygame.Surface, bar: pygame.Rect, share: float, colour=theme.INK) -> None:
    x = bar.left + int(bar.width * min(max(share, 0.0), 1.0))
    pygame.draw.line(surface, colour, (x, bar.top - 4), (x, bar.bottom + 3), 3)


# -- the board --------------------------------------------------------------------------------


def season_label(app: SceneContext, match: Match) -> str:
    game = match.active_game
    n = game.state.season + (1 if match.stage.value == "deciding" else 0)
    n = max(n, 1)
    limit = game.level.rules.end.season_limit
    dilemma = game.level.is_dilemma
    if match.season_limit_known:
        return app.tr("board.round" if dilemma else "board.season", n=n, limit=limit)
    return app.tr("board.round_open" if dilemma else "board.season_open", n=n)


def draw_board(
    surface: pygame.Surface,
    rect: pygame.Rect,
    app: SceneContext,
    match: Match,
    highlight=(),
    *,
    viewer: int | None = None,
    numbers: BoardNumbers | None = None,
    hide_last: bool = False,
) -> None:
    """Draw the public board in ``rect``.

    ``viewer`` adds that firm's own trust toward the others (its private view only);
    ``numbers`` replaces the current figures (a resolution animating from before to after);
    ``hide_last`` keeps the season being told out of the log until the telling ends."""
    rect = pygame.Rect(rect)
    game = match.active_game
    level = game.level
    numbers = numbers or numbers_of(match)
    sizes = scaled(app, rect.height, 672)
    card(surface, rect)
    pad = max(14, min(rect.width // 26, 24))
    inner = rect.inflate(-2 * pad, -2 * pad)
    gap = max(8, inner.height // 60)
    lh_small, lh_body = line_height(sizes.small), line_height(sizes.body)

    # title
    y = inner.top
    draw_text(
        surface,
        pick(level.name, app.lang),
        pygame.Rect(inner.x, y, inner.w, lh_small),
        sizes.small,
        theme.MUTED,
        bold=True,
    )
    y += lh_small
    title_h = line_height(round(sizes.heading * 0.95), True)
    draw_text(
        surface,
        season_label(app, match),
        pygame.Rect(inner.x, y, inner.w, title_h),
        round(sizes.heading * 0.95),
        theme.INK,
        bold=True,
    )
    y += title_h + gap

    n = len(game.state.firms)
    header_h = lh_small + 2
    alliance_h = (lh_body + 6) * (1 if level.is_dilemma else 2)
    phase_h = 0 if level.is_dilemma else lh_body + 4
    population_h = 0 if level.is_dilemma else lh_small + 2
    fixed = header_h + gap + alliance_h + gap + phase_h + population_h + gap
    # rows never shrink below what normal text needs ("large text" never makes text smaller
    # than normal, issue 14): the log gives way first
    normal = line_height(theme.TextSizes.for_setting("normal").small)
    pref_row, min_row = lh_body + 8, max(normal + 2, 22)
    pref_dim, min_dim = lh_small + 6, normal + 2
    dims = 0 if level.is_dilemma else len(DIMENSIONS)
    # the log's title and its latest season (a line, or two with its details) stay in view
    log_min = lh_small * (2 if level.is_dilemma else 3) + 10
    space = inner.bottom - y - fixed - log_min
    wanted = n * pref_row + dims * pref_dim
    if wanted > space and n * min_row + dims * min_dim > space:
        space += log_min  # no room for the log at all: the board's rows come first
    tick_labels = False
    if wanted <= space:
        row_h, dim_h = pref_row, pref_dim
        if space - wanted >= lh_small * 4:
            tick_labels = True
            alliance_h += lh_small
    else:
        share = max(space, 0) / wanted
        row_h = max(int(pref_row * share), min_row)
        dim_h = max(int(pref_dim * share), min_dim)

    y = _firms(
        surface,
        pygame.Rect(inner.x, y, inner.w, header_h + n * row_h),
        app,
        match,
        numbers,
        highlight,
        viewer,
        sizes,
        header_h,
        row_h,
    )
    y += gap
    y = _alliance(
        surface,
        pygame.Rect(inner.x, y, inner.w, alliance_h),
        app,
        match,
        numbers,
        sizes,
        tick_labels,
    )
    y += gap
    if not level.is_dilemma:
        y = _cluster(
            surface,
            pygame.Rect(inner.x, y, inner.w, phase_h + population_h + dims * dim_h),
            app,
            match,
            numbers,
            sizes,
            phase_h,
            dim_h,
            population_h,
        )
        y += gap
    log_rect = pygame.Rect(inner.x, y, inner.w, inner.bottom - y)
    if log_rect.height >= log_min:
        _log(surface, log_rect, app, match, sizes, hide_last)


def _columns(
    inner: pygame.Rect, app: SceneContext, sizes, with_trust: bool, with_badge: bool
) -> dict[str, pygame.Rect]:
    """Column spans of a firm row (x and width only), right to left; the name takes the rest.
    Bars keep a fixed width; their headers shorten when the full word does not fit. The
    offences column only appears once someone has an offence."""
    gap = 8
    widths = {
        "badge": max(font(sizes.small).size(app.tr("board.offences"))[0] + 4, 44),
        "trust": 64,
        "rep": 64,
        "capital": max(font(sizes.body).size(app.tr("money", amount=188.8))[0] + 4, 80),
    }
    marker = 36
    order = ["badge", "trust", "rep", "capital"]
    if not with_trust:
        order.remove("trust")
    if not with_badge:
        order.remove("badge")
    name_w = inner.width - marker - sum(widths[k] + gap for k in order)
    if with_trust and name_w < 150:
        order.remove("trust")
        name_w += widths["trust"] + gap
    # on a wide board the bar columns grow to show their full names
    for key, text in (("rep", "board.reputation"), ("trust", "board.your_trust")):
        if key in order:
            grow = min(font(sizes.small).size(app.tr(text))[0] + 4 - widths[key], name_w - 240)
            if grow > 0:
                widths[key] += grow
                name_w -= grow
    cols: dict[str, pygame.Rect] = {}
    right = inner.right
    for key in order:
        cols[key] = pygame.Rect(right - widths[key], 0, widths[key], 0)
        right -= widths[key] + gap
    cols["marker"] = pygame.Rect(inner.left, 0, marker, 0)
    cols["name"] = pygame.Rect(inner.left + marker, 0, max(right - inner.left - marker, 20), 0)
    return cols


SHORTENED_HEADERS = ("board.reputation", "board.your_trust")
"""Columns whose name has a short form (``<key>_short``) for a narrow board."""
VERDICTS = ("accepted", "cancelled", "no_order")
"""The order's verdict as the board's log tags it."""


def header_text(app: SceneContext, key: str, width: int, size: int) -> str:
    """A column's name, or its short form when the full one would have to shrink."""
    full = app.tr(key)
    if font(size).size(full)[0] <= width:
        return full
    return app.tr(f"{key}_short")  # keys: {game.ui.board.SHORTENED_HEADERS}_short


def ellipsize(text: str, face: pygame.font.Font, width: int) -> str:
    """``text`` cut with an ellipsis to fit ``width`` in ``face`` (whole if it fits)."""
    if face.size(text)[0] <= width:
        return text
    while len(text) > 1 and face.size(text.rstrip() + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _span(col: pygame.Rect, y: int, h: int) -> pygame.Rect:
    return pygame.Rect(col.x, y, col.w, h)


def _firms(surface, rect, app, match, numbers, highlight, viewer, sizes, header_h, row_h) -> int:
    game = match.active_game
    state = game.state
    dilemma = game.level.is_dilemma
    trust_col = viewer is not None and not dilemma
    badges = not dilemma and any(numbers.offences.get(f.id, f.offences) for f in state.firms)
    cols = _columns(rect, app, sizes, trust_col, badges)
    y = rect.top
    small = sizes.small
    # header: "Firmas" and the legend of the markers, then the column names
    draw_text(
        surface,
        app.tr("board.firms"),
        _span(cols["name"], y, header_h),
        small,
        theme.MUTED,
        bold=True,
    )
    draw_text(
        surface,
        app.tr("common.points" if dilemma else "common.capital"),
        _span(cols["capital"], y, header_h),
        small,
        theme.MUTED,
        align="right",
    )
    if "rep" in cols and not dilemma:
        label = header_text(app, "board.reputation", cols["rep"].w + 8, small)
        draw_text(
            surface,
            label,
            _span(cols["rep"], y, header_h).inflate(8, 0),
            small,
            theme.MUTED,
            align="center",
        )
    if "trust" in cols:
        label = header_text(app, "board.your_trust", cols["trust"].w + 8, small)
        draw_text(
            surface,
            label,
            _span(cols["trust"], y, header_h).inflate(8, 0),
            small,
            theme.MUTED,
            align="center",
        )
    if "badge" in cols:
        draw_text(
            surface,
            app.tr("board.offences"),
            _span(cols["badge"], y, header_h),
            small,
            theme.MUTED,
            align="center",
        )
    y += header_h
    my_trust = state.trust[viewer] if viewer is not None else None
    names = [f.name for f in state.firms]
    exact = capital_is_public(match)
    values = [
        app.tr("common.points_value", points=numbers.capital.get(f.id, f.capital))
        if dilemma
        else (
            money(app, numbers.capital.get(f.id, f.capital))
            if exact or f.id == viewer
            else capital_band(app, numbers.capital.get(f.id, f.capital))
        )
        for f in state.firms
    ]
    # one size for names and capitals: the largest at which both columns hold every row, but
    # not below the small size (a very long name then shrinks on its own)
    row_size = 11
    for size in range(sizes.body, 10, -1):
        capital_w = max(font(size).size(v)[0] for v in values) + 4
        name_w = cols["name"].w + cols["capital"].w - max(capital_w, cols["capital"].w // 2)
        face = font(size, viewer is not None)
        fits = all(face.size(n)[0] <= name_w for n in names)
        if face.get_linesize() <= row_h and (fits or size <= sizes.small):
            row_size = size
            break
    capital_w = max(max(font(row_size).size(v)[0] for v in values) + 4, 60)
    # the capital column gives up what its figures leave free, or takes what ranges need from
    # the names (never more than a third of them)
    shift = max(cols["capital"].w - capital_w, -cols["name"].w // 3)
    if shift != 0:
        cols["name"].w += shift
        cols["capital"] = pygame.Rect(cols["capital"].x + shift, 0, capital_w, 0)
    name_size = value_size = row_size
    face = font(name_size, viewer is not None)
    names = [ellipsize(n, face, cols["name"].w) for n in names]
    for firm in state.firms:
        row = pygame.Rect(rect.left, y, rect.width, row_h)
        reason = numbers.left.get(firm.id, None if firm.member else firm.left_reason)
        out = reason is not None
        offences = numbers.offences.get(firm.id, firm.offences)
        if firm.id in highlight:
            pygame.draw.rect(
                surface, mix(theme.YELLOW, theme.CARD, 0.55), row.inflate(8, 0), border_radius=6
            )
            pygame.draw.rect(surface, theme.ORANGE, row.inflate(8, 0), width=2, border_radius=6)
        elif firm.id == viewer:
            pygame.draw.rect(
                surface, mix(theme.BLUE, theme.CARD, 0.88), row.inflate(8, 0), border_radius=6
            )
        elif firm.id % 2 == 1:
            pygame.draw.rect(
                surface, mix(theme.SHADE, theme.CARD, 0.5), row.inflate(8, 0), border_radius=6
            )
        colour = theme.FIRM_COLOURS[firm.id % len(theme.FIRM_COLOURS)]
        stripe = pygame.Rect(row.left, row.top + 3, 5, row.height - 6)
        pygame.draw.rect(surface, colour, stripe, border_radius=2)
        icon = min(row.height - 8, 20)
        icon_box = pygame.Rect(row.left + 11, row.centery - icon // 2, icon, icon)
        if match.seats[firm.id].is_human:
            draw_person(surface, icon_box, theme.INK)
        else:
            draw_computer(surface, icon_box, theme.MUTED)
        name = names[firm.id]
        draw_text(
            surface,
            name,
            _span(cols["name"], row.top, row.height),
            name_size,
            theme.MUTED if out else theme.INK,
            bold=firm.id == viewer,
            valign="middle",
        )
        capital = numbers.capital.get(firm.id, firm.capital)
        value = values[firm.id]
        draw_text(
            surface,
            value,
            _span(cols["capital"], row.top, row.height),
            value_size,
            theme.MUTED if out else (theme.VERMILLION if capital < 0 else theme.INK),
            align="right",
            valign="middle",
        )
        if "rep" in cols and not dilemma:
            span = _span(cols["rep"], row.top, row.height)
            if out:
                status = app.tr(f"firm.{reason}")  # keys: firm.{game.engine.reports.LEFT_REASONS}
                draw_text(
                    surface,
                    status,
                    span.inflate(0, -4),
                    small,
                    theme.VERMILLION,
                    bold=True,
                    align="center",
                    valign="middle",
                )
            else:
                bar = pygame.Rect(span.x + 6, span.centery - 4, span.w - 12, 8)
                draw_bar(
                    surface, bar, numbers.reputation.get(firm.id, firm.reputation), theme.PURPLE
                )
        if "trust" in cols and my_trust is not None and firm.id != viewer and not out:
            span = _span(cols["trust"], row.top, row.height)
            bar = pygame.Rect(span.x + 6, span.centery - 4, span.w - 12, 8)
            draw_bar(surface, bar, my_trust[firm.id], theme.BLUE)
        if "badge" in cols and offences:
            span = _span(cols["badge"], row.top, row.height)
            d = min(row.height - 8, 24)
            badge = pygame.Rect(0, 0, d, d)
            badge.center = span.center
            pygame.draw.ellipse(surface, theme.VERMILLION, badge)
            draw_text(
                surface,
                str(offences),
                badge,
                small,
                theme.CARD,
                bold=True,
                align="center",
                valign="middle",
            )
        y += row_h
    return y


def _alliance(surface, rect, app, match, numbers, sizes, tick_labels: bool = False) -> int:
    game = match.active_game
    level = game.level
    row_h = line_height(sizes.body) + 6
    y = rect.top
    label_w = int(rect.width * 0.42)
    value_w = font(sizes.body, True).size("0.00")[0] + 6
    floor = level.rules.trust.floor
    # the alliance ends when trust goes below its floor: say so before it happens
    running = game.outcome is None  # at the end there is nothing left to warn of
    trust_danger = running and not level.is_dilemma and numbers.trust < floor + TRUST_WARNING_MARGIN
    draw_text(
        surface,
        app.tr("board.trust_danger" if trust_danger else "common.trust_in_alliance"),
        pygame.Rect(rect.x, y, label_w, row_h),
        sizes.small,
        theme.VERMILLION if trust_danger else theme.INK,
        bold=True,
        valign="middle",
    )
    bar = pygame.Rect(
        rect.x + label_w + 8, y + row_h // 2 - 6, rect.width - label_w - value_w - 16, 12
    )
    draw_bar(surface, bar, numbers.trust, theme.BLUE)
    draw_tick(surface, bar, floor, theme.VERMILLION)
    if level.is_dilemma and level.dilemma is not None:
        draw_tick(surface, bar, level.dilemma.advance_trust, theme.INK)
    draw_text(
        surface,
        f"{numbers.trust:.2f}",
        pygame.Rect(rect.right - value_w, y, value_w, row_h),
        sizes.body,
        theme.VERMILLION if trust_danger else theme.BLUE,
        bold=True,
        align="right",
        valign="middle",
    )
    y += row_h
    if tick_labels:
        small = sizes.small
        lh = line_height(small)
        floor_text = app.tr("board.trust_floor", floor=floor)
        floor_w = font(small).size(floor_text)[0] + 2
        x_floor = bar.left + int(bar.width * floor)
        left = max(bar.left - 8, x_floor - floor_w // 2)
        limit = rect.right
        if level.is_dilemma and level.dilemma is not None:
            goal = level.dilemma.advance_trust
            goal_text = app.tr("board.trust_goal", goal=goal)
            goal_w = font(small).size(goal_text)[0] + 2
            x_goal = bar.left + int(bar.width * goal)
            right = min(rect.right, x_goal + goal_w // 2)
            limit = right - goal_w - 6
            draw_text(
                surface,
                goal_text,
                pygame.Rect(right - goal_w, y - 2, goal_w, lh),
                small,
                theme.INK,
                align="right",
            )
        left = max(min(left, limit - floor_w), rect.x)
        draw_text(
            surface,
            floor_text,
            pygame.Rect(left, y - 2, min(floor_w, limit - left), lh),
            small,
            theme.VERMILLION,
        )
        y += lh
    if not level.is_dilemma:
        half = rect.width // 2
        # below zero the alliance goes bankrupt; under one season's dues it is a bad season away
        one_season = level.rules.fund.dues_per_season * len(game.members())
        fund_danger = running and 0 <= numbers.fund < one_season
        draw_text(
            surface,
            app.tr("board.fund_danger" if fund_danger else "common.fund"),
            pygame.Rect(rect.x, y, half, row_h),
            sizes.small,
            theme.VERMILLION if fund_danger else theme.INK,
            bold=True,
            valign="middle",
        )
        draw_text(
            surface,
            money(app, numbers.fund),
            pygame.Rect(rect.x + half, y, half, row_h),
            sizes.body,
            theme.VERMILLION if numbers.fund < 0 else theme.INK,
            bold=True,
            align="right",
            valign="middle",
        )
        y += row_h
    return y


def _cluster(surface, rect, app, match, numbers, sizes, phase_h, dim_h, population_h) -> int:
    game = match.active_game
    level = game.level
    state = game.state
    target = level.start_phase + 1
    thresholds = level.rules.phase_thresholds.get(target, {})
    y = rect.top
    half = int(rect.width * 0.6)
    draw_text(
        surface,
        app.tr(f"phase.{state.phase}"),  # keys: phase.{game.engine.rules.PHASES}
        pygame.Rect(rect.x, y, half, phase_h),
        sizes.body,
        theme.INK,
        bold=True,
        valign="middle",
    )
    roman = PHASE_NAMES.get(target, str(target))
    goal_box = pygame.Rect(rect.x + half + 8, y, rect.width - half - 8, phase_h)
    # held below for long, the game ends in collapse
    fell = game.outcome is None and state.phase < level.start_phase
    draw_text(
        surface,
        app.tr("board.phase_fell") if fell else app.tr("board.goal", roman=roman),
        goal_box,
        sizes.small,
        theme.VERMILLION if fell else theme.MUTED,
        align="right",
        valign="middle",
    )
    y += phase_h
    population = state.population
    draw_text(
        surface,
        app.tr(
            "board.associated",
            firms=whole_number(round(population.firms * numbers.associated), app.lang),
            total=whole_number(population.firms, app.lang),
        ),
        pygame.Rect(rect.x, y, rect.width, population_h),
        sizes.small,
        theme.MUTED,
        valign="middle",
    )
    y += population_h
    label_w = int(rect.width * 0.44)
    value_w = font(sizes.small, True).size("100/100")[0] + 4 if rect.width >= 440 else 0
    check_w = dim_h - 6
    for d in DIMENSIONS:
        value = numbers.dimensions.get(d, state.dimensions.get(d, 0.0))
        sense = level.dimension_sense.get(d)
        goal = None if sense is not None and sense.kind == "not_sought" else thresholds.get(d)
        read = sense.read_value(value) if sense is not None else value
        met = goal is not None and read is not None and read >= goal
        row = pygame.Rect(rect.x, y, rect.width, dim_h)
        draw_text(
            surface,
            app.tr(f"dim.{d}"),  # keys: dim.{game.engine.rules.DIMENSIONS}
            pygame.Rect(row.x, row.y + 1, label_w, dim_h - 2),
            sizes.small,
            theme.INK,
            valign="middle",
        )
        right = row.right - value_w - (8 if value_w else 0) - check_w - 6
        bar = pygame.Rect(row.x + label_w + 8, row.centery - 5, right - row.x - label_w - 8, 10)
        draw_bar(surface, bar, value / 100.0, theme.GREEN if met else theme.MUTED)
        if goal is not None:
            draw_tick(surface, bar, goal / 100.0, theme.INK)
        if sense is not None and sense.kind == "ceiling":  # past it, more reads as less
            draw_tick(surface, bar, sense.at / 100.0, theme.VERMILLION)
        if met:
            draw_check(
                surface,
                pygame.Rect(bar.right + 6, row.centery - check_w // 2, check_w, check_w),
                theme.GREEN,
                3,
            )
        if value_w:
            text = (
                app.tr("board.dim_value", value=value, goal=goal)
                if goal is not None
                else f"{value:.0f}"
            )
            draw_text(
                surface,
                text,
                pygame.Rect(row.right - value_w, row.y, value_w, dim_h),
                sizes.small,
                theme.GREEN if met else theme.MUTED,
                bold=met,
                align="right",
                valign="middle",
            )
        y += dim_h
    return y


def _log(surface, rect, app, match, sizes, hide_last: bool = False) -> None:
    game = match.active_game
    dilemma = game.level.is_dilemma
    lh = line_height(sizes.small)
    pygame.draw.line(surface, theme.LINE, (rect.x, rect.y), (rect.right, rect.y), 1)
    y = rect.top + 4
    draw_text(
        surface,
        app.tr("board.log_rounds" if dilemma else "board.log"),
        pygame.Rect(rect.x, y, rect.width, lh),
        sizes.small,
        theme.MUTED,
        bold=True,
    )
    y += lh + 2
    records = game.public[:-1] if hide_last else game.public
    if not records:
        if rect.bottom - y >= lh:
            draw_text(
                surface,
                app.tr("board.log.none_rounds" if dilemma else "board.log.none"),
                pygame.Rect(rect.x, y, rect.width, min(rect.bottom - y, lh * 2)),
                sizes.small,
                theme.MUTED,
            )
        return
    events = {e.key: e for e in game.level.events}
    names = game.names
    tag_w = font(sizes.small, True).size("T14")[0] + 8
    verdict_w = (
        max(
            # keys: board.verdict.{game.ui.board.VERDICTS}
            font(sizes.small, True).size(app.tr(f"board.verdict.{k}"))[0]
            for k in VERDICTS
        )
        + 4
    )
    for record in reversed(records):
        details = _log_details(app, record, names, dilemma)
        need = lh * (2 if details else 1) + 4
        if y + need > rect.bottom:
            break
        tag = app.tr("board.log.round_tag" if dilemma else "board.log.tag", n=record.season)
        draw_text(
            surface, tag, pygame.Rect(rect.x, y, tag_w, lh), sizes.small, theme.INK, bold=True
        )
        event = events.get(record.event)
        name = pick(event.name, app.lang) if event else record.event
        if dilemma:
            draw_text(
                surface,
                details or "",
                pygame.Rect(rect.x + tag_w, y, rect.width - tag_w, lh),
                sizes.small,
                theme.INK,
            )
            y += lh + 4
            continue
        draw_text(
            surface,
            name,
            pygame.Rect(rect.x + tag_w, y, rect.width - tag_w - verdict_w - 8, lh),
            sizes.small,
            theme.INK,
        )
        status = record.order_status
        if status == "accepted":
            word, colour = app.tr("board.verdict.accepted"), theme.GREEN
        elif status == "no_order":
            word, colour = app.tr("board.verdict.no_order"), theme.MUTED
        else:
            word, colour = app.tr("board.verdict.cancelled"), theme.VERMILLION
        draw_text(
            surface,
            word,
            pygame.Rect(rect.right - verdict_w, y, verdict_w, lh),
            sizes.small,
            colour,
            bold=True,
            align="right",
        )
        y += lh
        if details:
            draw_text(
                surface,
                details,
                pygame.Rect(rect.x + tag_w, y, rect.width - tag_w, lh),
                sizes.small,
                theme.VERMILLION if record.detected or record.left else theme.MUTED,
            )
            y += lh
        y += 4


def _log_details(app, record, names, dilemma: bool) -> str:
    """One line of what was public that season: who was caught, who left, who invested."""
    if dilemma:
        betrayed = [names[i] for i, a in record.revealed.items() if a == "defect"]
        if not betrayed:
            return app.tr("board.log.all_cooperated")
        return app.tr("board.log.betrayed", names=", ".join(betrayed))
    parts = []
    if record.detected:
        parts.append(
            app.tr("board.log.detected", names=", ".join(names[i] for i in record.detected))
        )
    for reason in LEFT_REASONS:
        who = [names[i] for i, r in record.left.items() if r == reason]
        if who:
            # keys: board.log.{game.engine.reports.LEFT_REASONS}
            parts.append(app.tr(f"board.log.{reason}", names=", ".join(who)))
    if not parts and record.investments:
        parts.append(
            app.tr("board.log.invested", names=", ".join(names[i] for i in record.investments))
        )
    return " · ".join(parts)
