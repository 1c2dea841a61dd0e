"""The checklists on paper, for when the network or the server is down.

Pure writers: boxes to tick by hand, the owner and due date of each item, and its key, so
the ticks can be typed in later with `launchtui tick KEY --at TIME`. `lang` picks the
items' texts; headings and dates follow the language of the texts (`launchtui.text.i18n`),
which the command line sets to the same.
"""

from __future__ import annotations

import html
from typing import TextIO

from launchtui.domain.progress import RolloutStatus, WindowProgress
from launchtui.exporters.issues import md_inline
from launchtui.text.i18n import t
from launchtui.text.present import date_range, day_label
from launchtui.text.safe import one_line

PAPER_FORMATS = ("md", "html")
TICK_COMMAND = "launchtui tick KEY --at TIME"


def _heads() -> tuple[str, ...]:
    return (t("done"), t("item"), t("owner"), t("due"), t("key"))


def _box(state: str) -> str:
    return {"done": "[x]", "skipped": "[-]"}.get(state, "[ ]")


def write_markdown(status: RolloutStatus, windows: list[WindowProgress], lang: str, out: TextIO):
    rollout = status.rollout
    out.write(f"# {t('{tool}: checklists on paper', tool=md_inline(rollout.tool))}\n\n")
    intro = t(
        "Launch {date} · printed {printed} · tick by hand, then enter each tick with {command}.",
        date=f"{day_label(rollout.launch)} {rollout.launch.year}",
        printed=status.today.isoformat(),
        command=f"`{TICK_COMMAND}`",
    )
    out.write(intro + "\n")
    head = "| " + " | ".join(md_inline(h) for h in _heads()) + " |\n|---|---|---|---|---|\n"
    for window in windows:
        span = date_range(window.window.first, window.window.last)
        out.write(f"\n## {md_inline(window.window.spec.label(lang))} ({span})\n\n")
        out.write(head)
        for item in window.items:
            owner = md_inline(item.instance.item.owner or "")
            out.write(
                f"| {_box(item.state)} | {md_inline(item.instance.label(lang))} | {owner}"
                f" | {day_label(item.instance.due)} | `{item.key}` |\n"
            )
    out.write(f"\n{t('Signed:')} ____________________   {t('Date:')} ____________\n")


def write_html(status: RolloutStatus, windows: list[WindowProgress], lang: str, out: TextIO):
    rollout = status.rollout
    e = html.escape
    tool = e(one_line(rollout.tool))
    out.write(
        "<!doctype html>\n<html><head><meta charset='utf-8'>"
        f"<title>{e(t('{tool}: checklists')).format(tool=tool)}</title>\n<style>"
        "body{font-family:sans-serif;font-size:11pt}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #888;padding:4px;text-align:left}"
        "td.box{width:2em;text-align:center;font-size:14pt}code{font-size:9pt}"
        "h2{page-break-after:avoid}tr{page-break-inside:avoid}"
        "</style></head><body>\n"
    )
    # The texts are escaped before the (already escaped) fields go in.
    out.write(f"<h1>{e(t('{tool}: checklists on paper')).format(tool=tool)}</h1>\n")
    intro = e(t("Launch {date} · printed {printed} · enter each tick later with {command}."))
    intro = intro.format(
        date=f"{e(day_label(rollout.launch))} {rollout.launch.year}",
        printed=status.today.isoformat(),
        command=f"<code>{e(TICK_COMMAND)}</code>",
    )
    out.write(f"<p>{intro}</p>\n")
    head = "<tr>" + "".join(f"<th>{e(h)}</th>" for h in _heads()) + "</tr>\n"
    for window in windows:
        span = date_range(window.window.first, window.window.last)
        title = e(one_line(window.window.spec.label(lang)))
        out.write(f"<h2>{title} ({e(span)})</h2>\n<table>\n")
        out.write(head)
        for item in window.items:
            box = {"done": "☒", "skipped": "—"}.get(item.state, "☐")
            out.write(
                f"<tr><td class='box'>{box}</td><td>{e(one_line(item.instance.label(lang)))}</td>"
                f"<td>{e(one_line(item.instance.item.owner or ''))}</td>"
                f"<td>{e(day_label(item.instance.due))}</td><td><code>{e(item.key)}</code></td>"
                "</tr>\n"
            )
        out.write("</table>\n")
    signed = f"{e(t('Signed:'))} ____________________ &nbsp; {e(t('Date:'))} ____________"
    out.write(f"<p>{signed}</p>\n</body></html>\n")


def write_paper(
    fmt: str, status: RolloutStatus, windows: list[WindowProgress], lang: str, out: TextIO
) -> int:
    """Write `windows` in `fmt`; returns the number of items written."""
    (write_markdown if fmt == "md" else write_html)(status, windows, lang, out)
    return sum(w.total for w in windows)
