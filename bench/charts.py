#!/usr/bin/env python3
"""Draws bench/results.json as SVG charts (standard library only).

    charts.py RESULTS.json OUT_DIR

writes OUT_DIR/scenarios.svg (requests/s per scenario: ours, PostGraphile 5 and the
ceiling, at the reference size) and OUT_DIR/sizes.svg (requests/s against data size).
"""

import json
import math
import os
import sys
from html import escape

COLOURS = {"ours": "#1f6fb2", "postgraphile": "#d9822b", "ceiling": "#8a8a8a"}
NAMES = {"ours": "polisia-api", "postgraphile": "PostGraphile 5", "ceiling": "ceiling (no database)"}
LINES = ["front_page", "article_by_slug", "keyset_page_500", "search", "pg_front_page"]
LINE_COLOURS = ["#1f6fb2", "#2a9d4b", "#7b3fb2", "#c0392b", "#d9822b"]
FONT = 'font-family="sans-serif" font-size="12"'


def reference(report):
    """The size the scenario chart shows: 100,000 articles when measured, else the largest."""
    sizes = report["sizes"]
    return next((s for s in sizes if s["articles"] == 100000), sizes[-1])


def number(value):
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def svg(width, height, body):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">\n<rect width="100%" height="100%" fill="white"/>\n'
            + "\n".join(body) + "\n</svg>\n")


def scenarios_chart(report):
    size = reference(report)
    rows = size["scenarios"]
    label_width, bar_width, row_height, top = 390, 420, 22, 46
    height = top + row_height * len(rows) + 40
    width = label_width + bar_width + 90
    top_value = max(r["requests_per_second"] for r in rows) or 1
    body = [f'<text x="10" y="20" font-family="sans-serif" font-size="14" font-weight="bold">'
            f'Requests per second, {size["articles"]:,} articles, '
            f'{report["connections"]} connections, {report["cores"]} cores '
            f'({escape(report["date"][:10])})</text>']
    x = 10
    for server, colour in COLOURS.items():
        body.append(f'<rect x="{x}" y="28" width="10" height="10" fill="{colour}"/>')
        body.append(f'<text x="{x + 14}" y="37" {FONT}>{escape(NAMES[server])}</text>')
        x += 30 + 7 * len(NAMES[server])
    for i, row in enumerate(rows):
        y = top + i * row_height
        length = bar_width * row["requests_per_second"] / top_value
        errors = row["http_errors"] + row["graphql_errors"]
        body.append(f'<text x="{label_width - 8}" y="{y + 14}" text-anchor="end" {FONT}>'
                    f'{escape(row["label"])}</text>')
        body.append(f'<rect x="{label_width}" y="{y + 3}" width="{max(length, 1):.1f}" '
                    f'height="{row_height - 6}" fill="{COLOURS.get(row["server"], "#444")}"/>')
        note = number(row["requests_per_second"]) + (f" ({errors} errors)" if errors else "")
        body.append(f'<text x="{label_width + max(length, 1) + 5:.1f}" y="{y + 14}" {FONT}>'
                    f'{escape(note)}</text>')
    return svg(width, height, body)


def sizes_chart(report):
    sizes = report["sizes"]
    left, top, plot_w, plot_h = 70, 46, 520, 260
    width, height = left + plot_w + 200, top + plot_h + 60
    series = []
    for name in LINES:
        points = []
        for s in sizes:
            row = next((r for r in s["scenarios"] if r["scenario"] == name), None)
            if row:
                points.append((s["articles"], row["requests_per_second"]))
        if points:
            series.append((name, points))
    top_value = max((v for _, pts in series for _, v in pts), default=1) * 1.1
    low = math.log10(min(s["articles"] for s in sizes))
    high = math.log10(max(s["articles"] for s in sizes))
    span = (high - low) or 1

    def px(articles):
        return left + (plot_w * (math.log10(articles) - low) / span if high > low else plot_w / 2)

    def py(value):
        return top + plot_h - plot_h * value / top_value

    body = [f'<text x="10" y="20" font-family="sans-serif" font-size="14" font-weight="bold">'
            f'Requests per second against data size ({report["connections"]} connections, '
            f'{report["cores"]} cores, {escape(report["date"][:10])})</text>',
            f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
            'stroke="black"/>',
            f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="black"/>']
    for k in range(5):
        value = top_value * k / 4
        body.append(f'<text x="{left - 6}" y="{py(value) + 4:.1f}" text-anchor="end" {FONT}>'
                    f'{number(value)}</text>')
        body.append(f'<line x1="{left}" y1="{py(value):.1f}" x2="{left + plot_w}" '
                    f'y2="{py(value):.1f}" stroke="#ddd"/>')
    for s in sizes:
        body.append(f'<text x="{px(s["articles"]):.1f}" y="{top + plot_h + 18}" '
                    f'text-anchor="middle" {FONT}>{s["articles"]:,}</text>')
    body.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h + 40}" text-anchor="middle" '
                f'{FONT}>articles (log scale)</text>')
    for i, (name, points) in enumerate(series):
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        path = " ".join(f"{px(a):.1f},{py(v):.1f}" for a, v in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for a, v in points:
            body.append(f'<circle cx="{px(a):.1f}" cy="{py(v):.1f}" r="3" fill="{colour}"/>')
        y = top + 10 + i * 18
        body.append(f'<rect x="{left + plot_w + 20}" y="{y - 9}" width="10" height="10" '
                    f'fill="{colour}"/>')
        body.append(f'<text x="{left + plot_w + 34}" y="{y}" {FONT}>{escape(name)}</text>')
    return svg(width, height, body)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        report = json.load(f)
    os.makedirs(sys.argv[2], exist_ok=True)
    for name, draw in (("scenarios.svg", scenarios_chart), ("sizes.svg", sizes_chart)):
        path = os.path.join(sys.argv[2], name)
        with open(path, "w") as f:
            f.write(draw(report))
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
