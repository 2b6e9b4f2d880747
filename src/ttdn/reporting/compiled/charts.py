"""The report's charts as PNG bytes (matplotlib, Agg backend, no display needed): completion by
section (stacked bars), on-time completion by unit or by period (horizontal bars), and the press
digest's volume by day and sentiment share. DejaVu Sans ships inside matplotlib and has every
Vietnamese letter, so nothing depends on the server's fonts."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ttdn.reporting.compiled.model import Bar

FONT = "DejaVu Sans"
STACK = (  # (field, legend, colour)
    ("done_on_time", "Hoàn thành đúng hạn", "#2e7d32"),
    ("done_late", "Hoàn thành muộn", "#f9a825"),
    ("overdue", "Quá hạn", "#c62828"),
    ("pending", "Chưa đến hạn", "#90a4ae"),
)
DPI = 110


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _figure(width: float, height: float, *, left: float = 0.1, bottom: float = 0.2) -> Figure:
    """Fixed margins rather than a layout engine: with 60 unit names, the constrained layout
    took a second per chart."""
    figure = Figure(figsize=(width, height))
    figure.subplots_adjust(left=left, right=0.97, top=1 - 0.5 / height, bottom=bottom)
    return figure


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width)[:3]) or "—"


def section_chart(bars: Sequence[Bar], *, title: str) -> bytes:
    """Stacked bars per section: done on time, done late, overdue, pending (occurrences)."""
    with matplotlib.rc_context({"font.family": FONT}):
        return _section_chart(bars, title)


def _section_chart(bars: Sequence[Bar], title: str) -> bytes:
    figure = _figure(7.5, 4.2, bottom=0.22)
    axes = figure.add_subplot()
    labels = [_wrap(bar.label, 18) for bar in bars] or ["—"]
    bottoms = [0] * len(labels)
    for field, legend, colour in STACK:
        values = [getattr(bar, field) for bar in bars] or [0]
        axes.bar(labels, values, bottom=bottoms, label=legend, color=colour, width=0.6)
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    axes.set_title(title, fontfamily=FONT, fontsize=11)
    axes.set_ylabel("Số lần thực hiện đến hạn trong kỳ", fontfamily=FONT, fontsize=9)
    axes.tick_params(axis="x", labelsize=7)
    axes.legend(fontsize=8, prop={"family": FONT, "size": 8}, loc="upper right")
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def timeliness_chart(bars: Sequence[Bar], *, title: str) -> bytes:
    """Horizontal bars of the on-time share (0–100%), one per unit (or period), lowest first so
    the units to chase stand out."""
    with matplotlib.rc_context({"font.family": FONT}):
        return _timeliness_chart(bars, title)


def _timeliness_chart(bars: Sequence[Bar], title: str) -> bytes:
    ordered = sorted(bars, key=lambda bar: (bar.share, bar.label)) or [Bar("—")]
    height = min(2.0 + 0.22 * len(ordered), 11.0)
    figure = _figure(7.5, height, left=0.42, bottom=0.7 / height)
    axes = figure.add_subplot()
    labels = [_wrap(bar.label, 45) for bar in ordered]
    shares = [round(100 * bar.share) for bar in ordered]
    colours = ["#c62828" if s < 50 else "#f9a825" if s < 80 else "#2e7d32" for s in shares]
    axes.barh(labels, shares, color=colours, height=0.7)
    axes.set_xlim(0, 100)
    axes.set_xlabel("% hoàn thành đúng hạn", fontfamily=FONT, fontsize=9)
    axes.set_title(title, fontfamily=FONT, fontsize=11)
    axes.tick_params(axis="y", labelsize=6 if len(ordered) > 25 else 8)
    axes.spines[["top", "right"]].set_visible(False)
    return _png(figure)


SENTIMENTS = (  # (legend, colour): the press digest's sentiment bars
    ("Tích cực", "#2e7d32"),
    ("Trung lập", "#90a4ae"),
    ("Tiêu cực", "#c62828"),
)


def volume_chart(days: Sequence[tuple[str, int]], *, title: str) -> bytes:
    """Bars of the number of articles per day ("dd/mm", n); at most about 16 day labels."""
    with matplotlib.rc_context({"font.family": FONT}):
        figure = _figure(7.5, 3.4, bottom=0.2)
        axes = figure.add_subplot()
        labels = [label for label, _ in days] or ["—"]
        axes.bar(range(len(labels)), [n for _, n in days] or [0], color="#1565c0", width=0.7)
        step = max(1, -(-len(labels) // 16))
        axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, fontsize=7)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_ylabel("Số tin, bài", fontfamily=FONT, fontsize=9)
        axes.set_title(title, fontfamily=FONT, fontsize=11)
        axes.spines[["top", "right"]].set_visible(False)
        return _png(figure)


def sentiment_chart(groups: Sequence[tuple[str, int, int, int]], *, title: str) -> bytes:
    """Horizontal stacked bars per group (label, positive, neutral, negative), in articles."""
    with matplotlib.rc_context({"font.family": FONT}):
        figure = _figure(7.5, 2.0 + 0.5 * len(groups), left=0.2, bottom=0.3)
        axes = figure.add_subplot()
        labels = [group[0] for group in groups] or ["—"]
        counts = [group[1:] for group in groups] or [(0, 0, 0)]
        lefts = [0] * len(labels)
        for index, (legend, colour) in enumerate(SENTIMENTS):
            values = [count[index] for count in counts]
            axes.barh(labels, values, left=lefts, color=colour, label=legend, height=0.6)
            lefts = [a + b for a, b in zip(lefts, values, strict=True)]
        axes.invert_yaxis()  # the first group on top
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlabel("Số tin, bài", fontfamily=FONT, fontsize=9)
        axes.set_title(title, fontfamily=FONT, fontsize=11)
        axes.legend(prop={"family": FONT, "size": 8}, loc="lower right")
        axes.spines[["top", "right"]].set_visible(False)
        return _png(figure)
