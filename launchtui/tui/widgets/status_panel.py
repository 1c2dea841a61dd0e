"""The panel that is always on screen: where the rollout stands, in four lines."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widgets import Static

from launchtui.domain.gate import Gate
from launchtui.domain.locations import LocationStatus
from launchtui.domain.progress import RolloutStatus
from launchtui.text.gate_text import panel_gate_line
from launchtui.text.i18n import t
from launchtui.text.present import (
    clock_time,
    fold,
    headline,
    locations_line,
    open_issues_line,
    phase_line,
    today_line,
)
from launchtui.text.review_text import review_reminder
from launchtui.text.safe import one_line


class StatusPanel(Static):
    """Tool and countdown, phase, the gate and why, open issues and what is due today."""

    def __init__(self, user: str, host: str, **kwargs) -> None:
        super().__init__(Content(t("Loading the rollout…")), **kwargs)
        self.user = user
        self.host = host
        self._shown: str | None = None
        self._upcoming = ""  # the next session (text.schedule_text), shown on its own line
        self._last: tuple | None = None
        self._width = 0  # the width the lines were laid out for

    def show(
        self,
        status: RolloutStatus,
        gate: Gate,
        open_issues: dict[str, int],
        now: dt.datetime,
        locations: tuple[LocationStatus, ...] = (),
    ) -> None:
        self._last = (status, gate, open_issues, now, locations)
        width = self._width = self.content_size.width or 78
        lines = [
            self._header(status, now, locations, width),
            fold(phase_line(status, gate)),
            panel_gate_line(gate, width),
            _spread(fold(open_issues_line(open_issues)), fold(today_line(status)), width)
            or _spread(
                fold(_without_first_word(open_issues_line(open_issues))),
                fold(_without_first_word(today_line(status))),
                width,
            )
            or fold(open_issues_line(open_issues)),
        ]
        if locations:
            lines.append(fold(locations_line(locations)))
        reminder = review_reminder(status.rollout.end, status.today)  # issue 18
        if reminder:
            lines.append(fold(reminder))
        if self._upcoming:
            lines.append(fold(self._upcoming))
        text = "\n".join(_fit(line, width) for line in lines)
        if text != self._shown:
            # A new line count changes the panel's height; otherwise no relayout is needed,
            # and a tick repaints only what changed.
            relayout = self._shown is None or text.count("\n") != self._shown.count("\n")
            self._shown = text
            self.update(Content(text), layout=relayout)
        for state in ("go", "watch", "pause", "rollback"):
            self.set_class(gate.state == state, f"-{state}")
        self.set_class(open_issues.get("critical", 0) > 0, "-critical")

    def on_resize(self) -> None:
        """Lay the lines out again for the new width (each is cut or spread to fit it), and
        the panel's height with them: lines drawn for a wider screen had wrapped. The
        resize every screen gets as it first shows changes no width: nothing to do."""
        if self._last is not None and (self.content_size.width or 78) != self._width:
            self._shown = None
            self.show(*self._last)

    def _header(
        self,
        status: RolloutStatus,
        now: dt.datetime,
        locations: tuple[LocationStatus, ...],
        width: int,
    ) -> str:
        """Tool, launch and day on the left; who and the clock always on the right: the
        headline gets shorter (no year, no weekday, then cut) before they would go."""
        user = _fit(fold(one_line(self.user)), 20)
        who = fold(f"{user}@{_fit(self.host, 16)} · {self._clock(now, locations)}")
        for short in (0, 1, 2):
            line = _spread(fold(headline(status, short)), who, width)
            if line:
                return line
        room = width - cell_len(who) - 2
        if room < 12:
            return _fit(fold(headline(status, 2)), width)
        return _spread(_fit(fold(headline(status, 2)), room), who, width)

    def show_upcoming(self, line: str) -> None:
        """The next session's line ('Next: office hour 10:00 Georgetown (in 2 h)')."""
        if line != self._upcoming:
            self._upcoming = line
            if self._last is not None:
                self.show(*self._last)

    def _clock(self, now: dt.datetime, locations: tuple[LocationStatus, ...]) -> str:
        """The wall clock where this coordinator works (--location), else the system's;
        with the zone's abbreviation when it differs from the system's."""
        settings = getattr(self.app, "settings", None)
        name = getattr(settings, "location", None)
        wanted = name.strip().casefold() if name else None
        own = next((s for s in locations if s.location.name.casefold() == wanted), None)
        if own is None:
            return clock_time(now)
        local = own.location.local(now)
        if local.utcoffset() == now.astimezone().utcoffset():
            return f"{local:%H:%M}"
        return f"{local:%H:%M %Z}"


def _without_first_word(text: str) -> str:
    """'Issues ▲ 0 …' -> '▲ 0 …', 'Today: 2 due …' -> '2 due …': the short form, any language."""
    return text.partition(" ")[2] or text


def _fit(text: str, width: int) -> str:
    """One screen line: a long sentence is cut with an ellipsis rather than wrapped."""
    if cell_len(text) <= width:
        return text
    more = fold("…")
    return set_cell_size(text, width - len(more)) + more


def _spread(left: str, right: str, width: int) -> str:
    """Left and right on one line; empty when they do not both fit."""
    gap = width - cell_len(left) - cell_len(right)
    if gap < 2:
        return ""
    return left + " " * gap + right
