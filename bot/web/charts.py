"""The dashboard's charts as inline SVG, drawn here (no library, nothing to download).

Colours come from the page's CSS (classes ``s0``.. ``s2``, ``axis``, ``label``), which
follows Telegram's theme; every label is escaped. The width is the viewBox: the page
scales it to the screen (360 px phones included).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

__all__ = ["trend", "weekly"]

WIDTH, HEIGHT = 340, 150
LEFT, RIGHT, TOP, BOTTOM = 22, 14, 10, 34
SCALE = (1, 5)  # how hard it landed, as asked in the chat


def _svg(body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(label)}">' + "".join(body) + "</svg>"
    )


def _legend(names: Sequence[str], y: float) -> list[str]:
    parts: list[str] = []
    x = float(LEFT)
    for i, name in enumerate(names):
        parts.append(f'<rect class="s{i}" x="{x:.0f}" y="{y - 8:.0f}" width="10" height="10"/>')
        parts.append(f'<text class="label" x="{x + 14:.0f}" y="{y:.0f}">{escape(name)}</text>')
        x += 24 + 6.5 * len(name)
    return parts


def trend(pairs: Sequence[tuple[int, int | None]], before: str, after: str) -> str:
    """Hurt (1-5) when each rejection happened, and after its reframe where rated again."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    low, high = SCALE

    def x(i: int) -> float:
        return LEFT + (plot_w * i / (len(pairs) - 1) if len(pairs) > 1 else plot_w / 2)

    def y(v: int) -> float:
        return TOP + plot_h * (high - v) / (high - low)

    body = [
        f'<line class="axis" x1="{LEFT}" y1="{y(v):.1f}" x2="{WIDTH - RIGHT}" y2="{y(v):.1f}"/>'
        f'<text class="label" x="4" y="{y(v) + 4:.1f}">{v}</text>'
        for v in range(low, high + 1)
    ]
    for series, values in ((0, [b for b, _ in pairs]), (1, [a for _, a in pairs])):
        points = [(x(i), y(v)) for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            body.append(f'<polyline class="line s{series}" points="{path}"/>')
        body += [
            f'<circle class="s{series}" cx="{px:.1f}" cy="{py:.1f}" r="3.5"/>' for px, py in points
        ]
    body += _legend([before, after], HEIGHT - 6)
    return _svg(body, f"{before} / {after}")


def weekly(series: Sequence[Sequence[int]], names: Sequence[str], labels: Sequence[str]) -> str:
    """Bars per week, one colour per series; every third week (back from the running one)
    labelled under the axis."""
    weeks = len(labels)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM - 12
    top = max([1, *(v for one in series for v in one)])
    slot = plot_w / max(weeks, 1)
    bar = max(1.0, (slot - 4) / max(len(series), 1))
    base = TOP + plot_h
    body = [
        f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}"/>',
        f'<text class="label" x="4" y="{TOP + 8}">{top}</text>',
    ]
    for w in range(weeks):
        for s, values in enumerate(series):
            value = values[w] if w < len(values) else 0
            if value:
                h = plot_h * value / top
                bx = LEFT + w * slot + 2 + s * bar
                body.append(
                    f'<rect class="s{s}" x="{bx:.1f}" y="{base - h:.1f}" '
                    f'width="{bar - 0.5:.1f}" height="{h:.1f}"/>'
                )
        if (weeks - 1 - w) % 3 == 0:
            body.append(
                f'<text class="label" x="{LEFT + (w + 0.5) * slot:.1f}" y="{base + 13}" '
                f'text-anchor="middle">{escape(labels[w])}</text>'
            )
    body += _legend(names, HEIGHT - 4)
    return _svg(body, " / ".join(names))
