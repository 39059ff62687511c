"""PNG charts for a phone screen: weeks along the bottom, a few named series as bars.

Rendering takes tens of milliseconds of CPU: call :func:`render_weekly` through
``asyncio.to_thread``. It uses matplotlib's object API on the Agg backend (no pyplot, no
global figure state), so renders in several threads at once don't interfere. matplotlib is
imported on first use, keeping it out of the bot's start-up.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

__all__ = ["COLOURS", "SIZE_PX", "render_funnel", "render_weekly"]

SIZE_PX = (1000, 700)
MIN_SLOTS = 4  # weeks' worth of room, however few weeks there are
_DPI = 100
# Colour-blind-safe (Okabe–Ito), in series order.
COLOURS = ("#D55E00", "#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9")


def render_weekly(
    labels: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    title: str = "",
) -> bytes:
    """Grouped bars, one group per week label, one bar per named series; PNG bytes.

    Every series must have one value per label. Empty weeks show as gaps; an all-zero chart
    still renders (with a 0–1 axis) so the picture of a quiet stretch is honest. Fewer than
    :data:`MIN_SLOTS` weeks are drawn as narrow as a month's, centred, with their numbers.
    """
    if not labels:
        raise ValueError("no weeks to draw")
    for name, values in series.items():
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} weeks")

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(SIZE_PX[0] / _DPI, SIZE_PX[1] / _DPI), dpi=_DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    count = max(len(series), 1)
    width = 0.8 / count
    positions = range(len(labels))
    for i, (name, values) in enumerate(series.items()):
        offset = (i - (count - 1) / 2) * width
        bars = ax.bar(
            [p + offset for p in positions],
            list(values),
            width=width,
            label=name,
            color=COLOURS[i % len(COLOURS)],
        )
        if len(labels) < MIN_SLOTS:  # a few wide weeks: their numbers fit on the bars
            ax.bar_label(bars, labels=[str(v) if v else "" for v in values], fontsize=18)
    # A newcomer's one or two weeks keep the bar width of a month, centred.
    pad = max(MIN_SLOTS - len(labels), 0) / 2
    ax.set_xlim(-0.5 - pad, len(labels) - 0.5 + pad)
    ax.set_xticks(list(positions), list(labels), fontsize=19)
    ax.tick_params(axis="y", labelsize=20)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    top = max((max(v, default=0) for v in series.values()), default=0)
    ax.set_ylim(0, max(top, 1) * 1.15)
    ax.grid(axis="y", alpha=0.3)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, fontsize=28, pad=16)
    ax.legend(
        fontsize=21,
        ncols=min(count, 2),
        loc="upper center",
        bbox_to_anchor=(0.5, -0.16),
        frameon=False,
    )
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=_DPI)
    return out.getvalue()


def render_funnel(steps: Sequence[str], values: Sequence[int], *, title: str = "") -> bytes:
    """A funnel as horizontal bars, first step on top, each with its count; PNG bytes."""
    if len(steps) != len(values) or not steps:
        raise ValueError("one value per step, at least one step")

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(SIZE_PX[0] / _DPI, SIZE_PX[1] / _DPI), dpi=_DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    positions = list(range(len(steps)))[::-1]  # the first step at the top
    colours = [COLOURS[i % len(COLOURS)] for i in range(len(steps))]
    bars = ax.barh(positions, list(values), color=colours, height=0.6)
    ax.bar_label(bars, labels=[str(v) for v in values], padding=8, fontsize=24)
    ax.set_yticks(positions, list(steps), fontsize=24)
    ax.set_xlim(0, max(max(values), 1) * 1.2)
    ax.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(title, fontsize=28, pad=16)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=_DPI)
    return out.getvalue()
