"""The checklists on paper, for when the network or the server is down.

Pure writers: boxes to tick by hand, the owner and due date of each item, and its key, so
the ticks can be typed in later with `launchtui tick KEY --at TIME`.
"""

from __future__ import annotations

import html
from typing import TextIO

from launchtui.domain.progress import RolloutStatus, WindowProgress
from launchtui.present import date_range, day_label
from launchtui.safe_text import one_line

PAPER_FORMATS = ("md", "html")


def _box(state: str) -> str:
    return {"done": "[x]", "skipped": "[-]"}.get(state, "[ ]")


def _md(text: str) -> str:
    """Markdown-safe one-liner: characters that would start markup are escaped."""
    out = one_line(text)
    for ch in "\\`*_[]<>|#":
        out = out.replace(ch, "\\" + ch)
    return out


def write_markdown(status: RolloutStatus, windows: list[WindowProgress], lang: str, out: TextIO):
    rollout = status.rollout
    out.write(f"# {_md(rollout.tool)}: checklists on paper\n\n")
    out.write(
        f"Launch {day_label(rollout.launch)} {rollout.launch.year} · printed "
        f"{status.today.isoformat()} · tick by hand, then enter each tick with "
        "`launchtui tick KEY --at TIME`.\n"
    )
    for window in windows:
        span = date_range(window.window.first, window.window.last)
        out.write(f"\n## {_md(window.window.spec.label(lang))} ({span})\n\n")
        out.write("| done | item | owner | due | key |\n|---|---|---|---|---|\n")
        for item in window.items:
            owner = _md(item.instance.item.owner or "")
            out.write(
                f"| {_box(item.state)} | {_md(item.instance.label(lang))} | {owner}"
                f" | {day_label(item.instance.due)} | `{item.key}` |\n"
            )
    out.write("\nSigned: ____________________   Date: ____________\n")


def write_html(status: RolloutStatus, windows: list[WindowProgress], lang: str, out: TextIO):
    rollout = status.rollout
    e = html.escape
    out.write(
        "<!doctype html>\n<html><head><meta charset='utf-8'>"
        f"<title>{e(one_line(rollout.tool))}: checklists</title>\n<style>"
        "body{font-family:sans-serif;font-size:11pt}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #888;padding:4px;text-align:left}"
        "td.box{width:2em;text-align:center;font-size:14pt}code{font-size:9pt}"
        "h2{page-break-after:avoid}tr{page-break-inside:avoid}"
        "</style></head><body>\n"
    )
    out.write(f"<h1>{e(one_line(rollout.tool))}: checklists on paper</h1>\n")
    out.write(
        f"<p>Launch {e(day_label(rollout.launch))} {rollout.launch.year} · printed "
        f"{status.today.isoformat()} · enter each tick later with "
        "<code>launchtui tick KEY --at TIME</code>.</p>\n"
    )
    for window in windows:
        span = date_range(window.window.first, window.window.last)
        out.write(f"<h2>{e(window.window.spec.label(lang))} ({e(span)})</h2>\n<table>\n")
        out.write("<tr><th>done</th><th>item</th><th>owner</th><th>due</th><th>key</th></tr>\n")
        for item in window.items:
            box = {"done": "☒", "skipped": "—"}.get(item.state, "☐")
            out.write(
                f"<tr><td class='box'>{box}</td><td>{e(one_line(item.instance.label(lang)))}</td>"
                f"<td>{e(one_line(item.instance.item.owner or ''))}</td>"
                f"<td>{e(day_label(item.instance.due))}</td><td><code>{e(item.key)}</code></td>"
                "</tr>\n"
            )
        out.write("</table>\n")
    out.write("<p>Signed: ____________________ &nbsp; Date: ____________</p>\n</body></html>\n")


def write_paper(
    fmt: str, status: RolloutStatus, windows: list[WindowProgress], lang: str, out: TextIO
) -> int:
    """Write `windows` in `fmt`; returns the number of items written."""
    (write_markdown if fmt == "md" else write_html)(status, windows, lang, out)
    return sum(w.total for w in windows)
