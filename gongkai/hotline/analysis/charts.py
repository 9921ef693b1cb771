"""Bar charts of the monthly report as PNG (one picture serves the DOCX and the PDF)."""

from __future__ import annotations

import io

CJK_FONTS = ["Noto Sans CJK SC", "Noto Serif CJK SC", "WenQuanYi Micro Hei", "DejaVu Sans"]


def bar_png(title: str, rows: list[tuple[str, int]], *, colour: str = "#2f5d8a") -> bytes:
    """A horizontal bar chart of (label, count), largest on top."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server
    from matplotlib import pyplot as plt

    rows = [r for r in rows if r[1]][:12] or [("无", 0)]
    labels = [r[0] for r in reversed(rows)]
    values = [r[1] for r in reversed(rows)]
    with matplotlib.rc_context({"font.sans-serif": CJK_FONTS, "axes.unicode_minus": False}):
        fig, ax = plt.subplots(figsize=(6.2, 0.42 * len(rows) + 1.1), dpi=150)
        try:
            bars = ax.barh(labels, values, color=colour)
            ax.bar_label(bars, padding=3, fontsize=9)
            ax.set_title(title, fontsize=12)
            ax.spines[["top", "right"]].set_visible(False)
            ax.margins(x=0.15)
            fig.tight_layout()
            out = io.BytesIO()
            fig.savefig(out, format="png")
        finally:
            plt.close(fig)
    return out.getvalue()
