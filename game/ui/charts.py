"""Line charts for the debrief, drawn with pygame alone (no plotting library).

A chart is data (:class:`Chart`: lines, dashed thresholds, axis texts) and one function draws it
into any rectangle, on screen or on an off-screen surface for the PNG export. Lines can be
*revealed*: ``progress`` from 0 to 1 draws them from the first season to the last, so a
facilitator can let a curve grow while talking over it.

Projector-safe: the Okabe-Ito palette of :mod:`game.ui.theme`, thick lines, and every firm also
has its own marker shape, so nothing depends on colour alone. All texts go through
:func:`game.ui.text.draw_text` and stay inside their boxes.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame

from game.engine.rules import DIMENSIONS
from game.i18n import pick, tr, whole_number
from game.ui import theme
from game.ui.scene import card
from game.ui.text import draw_text, font

Colour = tuple[int, int, int]
MARKERS = ("circle", "square", "triangle", "diamond", "down", "plus", "ring", "box")


# -- data -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Line:
    """One curve: a value per season (``None`` where there is none, e.g. after a firm left)."""

    label: str
    values: tuple[float | None, ...]
    colour: Colour = theme.BLUE
    marker: str = "circle"
    width: int = 3


@dataclass(frozen=True, slots=True)
class Threshold:
    """A dashed horizontal line with a short label (a floor, a goal, a phase threshold)."""

    value: float
    label: str
    colour: Colour = theme.INK


@dataclass(frozen=True, slots=True)
class Chart:
    key: str
    title: str
    x_label: str
    y_label: str
    lines: tuple[Line, ...]
    thresholds: tuple[Threshold, ...] = ()
    note: str = ""
    x_start: int = 0  # the season number of each line's first value
    y_range: tuple[float | None, float | None] = (None, None)
    y_format: str = "{:.0f}"
    legend: bool = True


@dataclass(frozen=True, slots=True)
class ChartGrid:
    """Small multiples: one small chart per item (the seven dimensions), with one shared note."""

    key: str
    title: str
    charts: tuple[Chart, ...]
    note: str = ""
    legend: tuple[tuple[str, Colour, bool], ...] = ()  # (text, colour, dashed)


@dataclass(frozen=True, slots=True)
class ChartSizes:
    title: int
    body: int
    small: int
    line: int = 3

    @staticmethod
    def of(sizes: theme.TextSizes) -> ChartSizes:
        return ChartSizes(sizes.body + 2, sizes.body, sizes.small, 4 if sizes.body > 20 else 3)


AnyChart = Chart | ChartGrid


# -- building the charts from a debrief ----------------------------------------------------


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _values(seq: Any) -> tuple[float | None, ...]:
    return tuple(None if v is None else float(v) for v in (seq or ()))


def charts_for(debrief: Any, lang: str) -> list[AnyChart]:
    """The debrief's charts, in the order a facilitator shows them: trust, capital, fund, the
    cluster around the table, the seven dimensions (the last three only for the cluster
    levels)."""
    series = _get(debrief, "series")
    level = _get(debrief, "level")
    dilemma = bool(_get(level, "is_dilemma", False))
    x_key = "chart.round" if dilemma else "chart.season"
    x_label = tr(x_key, lang)
    x_start = int(_get(series, "start", 0) or 0)
    charts: list[AnyChart] = []

    trust = _values(_get(series, "trust"))
    thresholds = []
    floor = _get(series, "trust_floor")
    if floor is None and level is not None:
        floor = level.rules.trust.floor
    if floor is not None:
        thresholds.append(
            Threshold(float(floor), tr("chart.trust.floor", lang, value=floor), theme.VERMILLION)
        )
    goal = _get(series, "trust_goal")
    if goal is None and dilemma and getattr(level, "dilemma", None) is not None:
        goal = level.dilemma.advance_trust
    if goal is not None:
        thresholds.append(Threshold(float(goal), tr("chart.trust.goal", lang, value=goal)))
    charts.append(
        Chart(
            "trust",
            tr("common.trust_in_alliance", lang),
            x_label,
            tr("chart.trust.axis", lang),
            (Line(tr("common.trust", lang), trust, theme.BLUE, "circle", 4),),
            tuple(thresholds),
            tr("chart.trust.note", lang),
            x_start,
            (0.0, 1.0),
            "{:.1f}",
            legend=False,
        )
    )

    names = list(_get(series, "names") or _get(debrief, "names") or ())
    capital = _get(series, "capital") or {}
    left = _get(series, "left") or {}
    lines = []
    items = capital.items() if isinstance(capital, dict) else enumerate(capital)
    for firm, values in items:
        firm = int(firm)
        name = names[firm] if firm < len(names) else f"#{firm + 1}"
        if firm in left:
            name = tr("chart.expelled", lang, name=name)
        lines.append(
            Line(
                name,
                _values(values),
                theme.FIRM_COLOURS[firm % len(theme.FIRM_COLOURS)],
                MARKERS[firm % len(MARKERS)],
            )
        )
    charts.append(
        Chart(
            "capital",
            tr("chart.points.title" if dilemma else "chart.capital.title", lang),
            x_label,
            tr("chart.points.axis" if dilemma else "chart.capital.axis", lang),
            tuple(lines),
            (),
            tr("chart.capital.note", lang),
            x_start,
            (None, None),
            "{:.0f}",
        )
    )
    if dilemma:
        return charts

    fund = _values(_get(series, "fund"))
    charts.append(
        Chart(
            "fund",
            tr("common.fund", lang),
            x_label,
            tr("chart.fund.axis", lang),
            (Line(tr("common.fund", lang), fund, theme.GREEN, "square", 4),),
            (Threshold(0.0, tr("chart.fund.zero", lang), theme.VERMILLION),),
            tr("chart.fund.note", lang),
            x_start,
            (None, None),
            "{:.0f}",
            legend=False,
        )
    )

    charts.append(_associated_chart(series, x_label, x_start, lang))
    dims = _get(series, "dimensions") or {}
    goals = _get(series, "thresholds") or {}
    panels = []
    for d in DIMENSIONS:
        if d not in dims:
            continue
        goal_value = goals.get(d) if isinstance(goals, dict) else None
        panel_thresholds = (
            (Threshold(float(goal_value), tr("chart.dims.goal", lang, value=goal_value)),)
            if goal_value is not None
            else ()
        )
        panels.append(
            Chart(
                f"dim.{d}",  # keys: dim.{game.engine.rules.DIMENSIONS}
                tr(f"dim.{d}", lang),  # keys: dim.{game.engine.rules.DIMENSIONS}
                x_label,
                "",
                # keys: dim.{game.engine.rules.DIMENSIONS}
                (Line(tr(f"dim.{d}", lang), _values(dims[d]), theme.GREEN, "circle", 3),),
                panel_thresholds,
                "",
                x_start,
                (0.0, 100.0),
                "{:.0f}",
                legend=False,
            )
        )
    target = _get(series, "target_phase")
    if target is None and level is not None:
        target = level.start_phase + 1
    # keys: phase.{game.engine.rules.PHASES}
    phase_name = tr(f"phase.{target}", lang) if target else ""
    charts.append(
        ChartGrid(
            "dimensions",
            tr("chart.dims.title", lang),
            tuple(panels),
            tr("chart.dims.note", lang, phase_name=phase_name),
            (
                (tr("chart.dims.legend_line", lang), theme.GREEN, False),
                (tr("chart.dims.legend_goal", lang), theme.INK, True),
            ),
        )
    )
    return charts


def _associated_chart(series: Any, x_label: str, x_start: int, lang: str) -> Chart:
    """The two scales: how many of the cluster's firms followed the consortium's example into
    associations (game.engine.population), against where they started."""
    shares = [100.0 * v for v in _get(series, "associated") or ()]
    firms = int(_get(series, "cluster_firms", 0) or 0)
    start = shares[0] if shares else 0.0
    return Chart(
        "associated",
        tr("chart.associated.title", lang),
        x_label,
        tr("chart.associated.axis", lang, firms=whole_number(firms, lang)),
        (Line(tr("chart.associated.line", lang), tuple(shares), theme.BLUE, "circle", 4),),
        (Threshold(start, tr("chart.associated.start", lang, value=start), theme.MUTED),),
        tr("chart.associated.note", lang),
        x_start,
        (0.0, 100.0),
        "{:.0f}",
        legend=False,
    )


def chart_names(charts: Sequence[AnyChart]) -> list[str]:
    return [c.title for c in charts]


# -- drawing --------------------------------------------------------------------------------


def nice_ticks(lo: float, hi: float, most: int = 6) -> list[float]:
    """Round tick values covering [lo, hi] (1, 2, 2.5 or 5 times a power of ten apart)."""
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(most - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= raw:
            break
    step *= power
    start = math.floor(lo / step + 1e-9) * step
    ticks = []
    value = start
    while value <= hi + step * 1e-6:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < hi - 1e-9:
        ticks.append(round(value, 10))
    return ticks


def value_range(chart: Chart) -> tuple[float, float]:
    values = [v for line in chart.lines for v in line.values if v is not None]
    values += [t.value for t in chart.thresholds]
    lo, hi = chart.y_range
    data_lo = min(values) if values else 0.0
    data_hi = max(values) if values else 1.0
    lo = data_lo if lo is None else min(lo, data_lo)
    hi = data_hi if hi is None else max(hi, data_hi)
    if hi - lo < 1e-9:
        lo, hi = lo - 1.0, hi + 1.0
    if chart.y_range[0] is None:
        pad = (hi - lo) * 0.08
        lo -= pad if lo < 0 or lo - pad > 0 else lo  # never below 0 for positive data
        hi += pad
    return lo, hi


def dashed_line(
    surface: pygame.Surface, colour: Colour, start, end, width: int = 2, dash: int = 10
) -> None:
    x1, y1 = start
    x2, y2 = end
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1:
        return
    dx, dy = (x2 - x1) / length, (y2 - y1) / length
    pos = 0.0
    while pos < length:
        stop = min(pos + dash, length)
        pygame.draw.line(
            surface,
            colour,
            (round(x1 + dx * pos), round(y1 + dy * pos)),
            (round(x1 + dx * stop), round(y1 + dy * stop)),
            width,
        )
        pos += dash * 1.8


def draw_marker(surface: pygame.Surface, kind: str, centre, r: int, colour: Colour) -> None:
    x, y = centre
    if kind == "circle":
        pygame.draw.circle(surface, colour, centre, r)
    elif kind == "square":
        pygame.draw.rect(surface, colour, pygame.Rect(x - r, y - r, 2 * r, 2 * r))
    elif kind == "triangle":
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)]
        )
    elif kind == "down":
        pygame.draw.polygon(
            surface, colour, [(x, y + r + 1), (x + r + 1, y - r), (x - r - 1, y - r)]
        )
    elif kind == "diamond":
        pygame.draw.polygon(
            surface, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)]
        )
    elif kind == "plus":
        pygame.draw.rect(surface, colour, pygame.Rect(x - r - 1, y - 2, 2 * r + 3, 5))
        pygame.draw.rect(surface, colour, pygame.Rect(x - 2, y - r - 1, 5, 2 * r + 3))
    elif kind == "ring":
        pygame.draw.circle(surface, theme.CARD, centre, r)
        pygame.draw.circle(surface, colour, centre, r, 3)
    else:  # "box"
        rect = pygame.Rect(x - r, y - r, 2 * r, 2 * r)
        pygame.draw.rect(surface, theme.CARD, rect)
        pygame.draw.rect(surface, colour, rect, 3)


def _lh(size: int, bold: bool = False) -> int:
    return font(size, bold).get_linesize()


def _fmt(chart: Chart, value: float) -> str:
    return chart.y_format.format(value).replace("-", "−")


def _header(surface, rect: pygame.Rect, title: str, note: str, sz: ChartSizes) -> pygame.Rect:
    """Title and one note line at the top of ``rect``; returns what is left below them."""
    y = rect.y
    if title:
        h = _lh(sz.title, True)
        draw_text(surface, title, pygame.Rect(rect.x, y, rect.w, h), sz.title, theme.INK, bold=True)
        y += h
    if note:
        h = 2 * _lh(sz.small)
        draw_text(surface, note, pygame.Rect(rect.x, y, rect.w, h), sz.small, theme.MUTED)
        y += h
    return pygame.Rect(rect.x, y + 6, rect.w, rect.bottom - y - 6)


def draw_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    chart: AnyChart,
    sizes: ChartSizes | theme.TextSizes,
    progress: float = 1.0,
    *,
    framed: bool = True,
) -> None:
    """Draw ``chart`` inside ``rect`` with its lines revealed up to ``progress`` (0 to 1)."""
    sz = sizes if isinstance(sizes, ChartSizes) else ChartSizes.of(sizes)
    rect = pygame.Rect(rect)
    if framed:
        card(surface, rect)
        rect = rect.inflate(-32, -24)
    if isinstance(chart, ChartGrid):
        _draw_grid(surface, rect, chart, sz, progress)
        return
    area = _header(surface, rect, chart.title, chart.note, sz)
    _draw_plot(surface, area, chart, sz, progress)


def _legend_width(chart: Chart, sz: ChartSizes, area: pygame.Rect) -> int:
    if not chart.legend or len(chart.lines) < 2:
        return 0
    widest = max(font(sz.small).size(line.label + "  " + "00000")[0] for line in chart.lines)
    return min(max(widest + 40, 160), int(area.w * 0.3))


def _draw_plot(
    surface: pygame.Surface,
    area: pygame.Rect,
    chart: Chart,
    sz: ChartSizes,
    progress: float,
    *,
    compact: bool = False,
) -> None:
    small = sz.small
    lh = _lh(small)
    legend_w = _legend_width(chart, sz, area)
    plot_box = pygame.Rect(area.x, area.y, area.w - (legend_w + 16 if legend_w else 0), area.h)
    lo, hi = value_range(chart)
    ticks = nice_ticks(lo, hi, 3 if compact else 6)
    lo, hi = min(lo, ticks[0]), max(hi, ticks[-1])
    tick_w = max(font(small).size(_fmt(chart, t))[0] for t in ticks) + 10
    y_label_h = lh if chart.y_label and not compact else 0
    x_label_h = lh if chart.x_label and not compact else 0
    plot = pygame.Rect(
        plot_box.x + tick_w,
        plot_box.y + y_label_h + lh // 2 + 2,
        plot_box.w - tick_w - 8,
        plot_box.h - y_label_h - lh // 2 - 2 - lh - 6 - x_label_h,
    )
    if plot.w < 20 or plot.h < 20:
        return
    if y_label_h:
        draw_text(
            surface,
            chart.y_label,
            pygame.Rect(plot_box.x, plot_box.y, plot_box.w, y_label_h),
            small,
            theme.MUTED,
            bold=True,
        )
    n = max((len(line.values) for line in chart.lines), default=0)

    def y_of(value: float) -> float:
        return plot.bottom - (value - lo) / (hi - lo) * plot.h

    def x_of(index: float) -> float:
        return plot.x + (index / max(n - 1, 1)) * plot.w

    # grid and y ticks
    for t in ticks:
        y = round(y_of(t))
        pygame.draw.line(surface, theme.SHADE, (plot.x, y), (plot.right, y), 1)
        draw_text(
            surface,
            _fmt(chart, t),
            pygame.Rect(plot_box.x, y - lh // 2, tick_w - 8, lh),
            small,
            theme.MUTED,
            align="right",
        )
    pygame.draw.line(surface, theme.MUTED, plot.bottomleft, plot.bottomright, 2)
    pygame.draw.line(surface, theme.MUTED, plot.topleft, plot.bottomleft, 2)
    # x ticks: season numbers, as many as fit
    if n:
        label_w = font(small).size(str(chart.x_start + n - 1))[0] + 14
        every = 1
        while n > 1 and (n - 1) / every * label_w > plot.w * (1.0 if not compact else 0.8):
            every += 1
        for i in range(0, n, every):
            x = round(x_of(i))
            pygame.draw.line(surface, theme.MUTED, (x, plot.bottom), (x, plot.bottom + 5), 2)
            draw_text(
                surface,
                str(chart.x_start + i),
                pygame.Rect(x - label_w // 2, plot.bottom + 6, label_w, lh),
                small,
                theme.MUTED,
                align="center",
            )
    if x_label_h:
        draw_text(
            surface,
            chart.x_label,
            pygame.Rect(plot.x, plot.bottom + 6 + lh, plot.w, x_label_h),
            small,
            theme.MUTED,
            bold=True,
            align="center",
        )
    # thresholds: dashed, labelled at the right end above the line
    for threshold in chart.thresholds:
        y = round(y_of(threshold.value))
        dashed_line(surface, threshold.colour, (plot.x, y), (plot.right, y), 2)
        if threshold.label:
            w = min(font(small).size(threshold.label)[0] + 8, plot.w)
            above = y - lh - 1 >= plot.y
            box = pygame.Rect(plot.right - w, y - lh - 1 if above else y + 2, w, lh)
            pygame.draw.rect(surface, theme.CARD, box)
            draw_text(surface, threshold.label, box, small, threshold.colour, align="right")
    # the lines, revealed up to ``progress``
    progress = min(max(progress, 0.0), 1.0)
    reach = progress * max(n - 1, 0)
    r = 4 if compact else max(sz.line + 2, 5)
    for line in chart.lines:
        _draw_line(surface, line, x_of, y_of, reach, r, sz.line if not compact else 3)
    if legend_w:
        _draw_legend(
            surface,
            pygame.Rect(plot_box.right + 16, plot.y, legend_w, plot_box.bottom - plot.y),
            chart,
            sz,
            reach,
        )


def _draw_line(surface, line: Line, x_of, y_of, reach: float, r: int, width: int) -> None:
    width = max(width, line.width)
    points: list[tuple[float, float]] = []

    def flush() -> None:
        if len(points) > 1:
            pygame.draw.lines(surface, line.colour, False, points, width)

    for i, value in enumerate(line.values):
        if i > reach + 1e-9:
            # the growing tip between the last shown point and the next one
            prev = line.values[i - 1] if i > 0 else None
            if value is not None and prev is not None and points and reach > i - 1:
                t = reach - (i - 1)
                x = x_of(i - 1) + (x_of(i) - x_of(i - 1)) * t
                y = y_of(prev) + (y_of(value) - y_of(prev)) * t
                points.append((x, y))
            break
        if value is None:
            flush()
            points = []
            continue
        points.append((x_of(i), y_of(value)))
    flush()
    for i, value in enumerate(line.values):
        if i > reach + 1e-9:
            break
        if value is not None:
            draw_marker(surface, line.marker, (round(x_of(i)), round(y_of(value))), r, line.colour)


def _last_shown(line: Line, reach: float) -> float | None:
    last = None
    for i, value in enumerate(line.values):
        if i > reach + 1e-9:
            break
        if value is not None:
            last = value
    return last


def _draw_legend(surface, rect: pygame.Rect, chart: Chart, sz: ChartSizes, reach: float) -> None:
    n = len(chart.lines)
    size = sz.small
    row_h = min(_lh(size) + 10, max(rect.h // max(n, 1), 12))
    value_w = max(font(size, True).size(_fmt(chart, 88888.0))[0], 40)
    for i, line in enumerate(chart.lines):
        row = pygame.Rect(rect.x, rect.y + i * row_h, rect.w, row_h)
        if row.bottom > rect.bottom + 1:
            break
        cy = row.centery
        pygame.draw.line(surface, line.colour, (row.x, cy), (row.x + 26, cy), 3)
        draw_marker(surface, line.marker, (row.x + 13, cy), 5, line.colour)
        last = _last_shown(line, reach)
        value = _fmt(chart, last) if last is not None else ""
        draw_text(
            surface,
            line.label,
            pygame.Rect(row.x + 34, row.y, row.w - 34 - value_w - 6, row_h),
            size,
            theme.INK,
            valign="middle",
        )
        if value:
            draw_text(
                surface,
                value,
                pygame.Rect(row.right - value_w, row.y, value_w, row_h),
                size,
                line.colour if line.colour != theme.YELLOW else theme.INK,
                bold=True,
                align="right",
                valign="middle",
            )


def _draw_grid(
    surface: pygame.Surface, rect: pygame.Rect, grid: ChartGrid, sz: ChartSizes, progress: float
) -> None:
    area = _header(surface, rect, grid.title, grid.note, sz)
    count = len(grid.charts) + (1 if grid.legend else 0)
    if count == 0:
        return
    columns = 4 if count > 6 else 3 if count > 4 else max(count, 1)
    rows = (count + columns - 1) // columns
    gap = 14
    cell_w = (area.w - gap * (columns - 1)) // columns
    cell_h = (area.h - gap * (rows - 1)) // rows
    small = sz.small
    lh = _lh(small, True)
    for i, chart in enumerate(grid.charts):
        col, row = i % columns, i // columns
        cell = pygame.Rect(
            area.x + col * (cell_w + gap), area.y + row * (cell_h + gap), cell_w, cell_h
        )
        pygame.draw.rect(surface, theme.PAPER, cell, border_radius=8)
        inner = cell.inflate(-12, -10)
        title_h = min(2 * lh, max(lh, inner.h // 4))
        if font(small, True).size(chart.title)[0] <= inner.w:
            title_h = lh
        draw_text(
            surface,
            chart.title,
            pygame.Rect(inner.x, inner.y, inner.w, title_h),
            small,
            theme.INK,
            bold=True,
        )
        _draw_plot(
            surface,
            pygame.Rect(inner.x, inner.y + title_h + 2, inner.w, inner.h - title_h - 2),
            chart,
            sz,
            progress,
            compact=True,
        )
    if grid.legend:
        i = len(grid.charts)
        col, row = i % columns, i // columns
        cell = pygame.Rect(
            area.x + col * (cell_w + gap), area.y + row * (cell_h + gap), cell_w, cell_h
        )
        inner = cell.inflate(-12, -10)
        line_h = max(min(inner.h // len(grid.legend), 3 * _lh(small)), _lh(small))
        for j, (text, colour, dashed) in enumerate(grid.legend):
            y = inner.y + j * line_h
            cy = y + _lh(small) // 2
            if dashed:
                dashed_line(surface, colour, (inner.x, cy), (inner.x + 36, cy), 2, 7)
            else:
                pygame.draw.line(surface, colour, (inner.x, cy), (inner.x + 36, cy), 3)
                draw_marker(surface, "circle", (inner.x + 18, cy), 4, colour)
            draw_text(
                surface,
                text,
                pygame.Rect(inner.x + 44, y, inner.w - 44, line_h),
                small,
                theme.INK,
            )


# -- reveal ---------------------------------------------------------------------------------

REVEAL_SECONDS = {"normal": 2.4, "fast": 0.8, "off": 0.0}


@dataclass(slots=True)
class Reveal:
    """A 0-to-1 animation whose length depends on the animation-speed setting ("off": none)."""

    seconds: float
    elapsed: float = 0.0
    done_callbacks: list[Callable[[], None]] = field(default_factory=list)

    @staticmethod
    def for_speed(speed: str) -> Reveal:
        return Reveal(REVEAL_SECONDS.get(speed, 2.4))

    @property
    def progress(self) -> float:
        if self.seconds <= 0:
            return 1.0
        return min(self.elapsed / self.seconds, 1.0)

    @property
    def done(self) -> bool:
        return self.progress >= 1.0

    def update(self, dt: float) -> None:
        self.elapsed += dt

    def restart(self) -> None:
        self.elapsed = 0.0

    def finish(self) -> None:
        self.elapsed = max(self.seconds, 0.0)


# -- export ---------------------------------------------------------------------------------

EXPORT_SIZE = (1600, 900)


def render_chart(chart: AnyChart, size: tuple[int, int] = EXPORT_SIZE) -> pygame.Surface:
    """One chart on an off-screen surface (no window needed)."""
    if not pygame.font.get_init():
        pygame.font.init()
    surface = pygame.Surface(size)
    surface.fill(theme.PAPER)
    sizes = ChartSizes(28, 24, 20, 4)
    draw_chart(surface, surface.get_rect().inflate(-40, -40), chart, sizes)
    return surface


def save_charts(debrief: Any, out_dir: Path | str, lang: str = "es") -> list[Path]:
    """Every chart of ``debrief`` as a PNG in ``out_dir`` (created if needed); their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, chart in enumerate(charts_for(debrief, lang), start=1):
        path = out / f"grafico_{number}_{chart.key}.png"
        pygame.image.save(render_chart(chart), str(path))
        paths.append(path)
    return paths


def level_name(debrief: Any, lang: str) -> str:
    level = _get(debrief, "level")
    name = getattr(level, "name", None)
    return pick(name, lang) if isinstance(name, dict) else str(name or "")
