"""The panel that is always on screen: where the rollout stands, in four lines."""

from __future__ import annotations

import datetime as dt

from textual.content import Content
from textual.widgets import Static

from launchtui.domain.progress import RolloutStatus
from launchtui.present import date_range, headline, open_issues_line, phase_line, today_line
from launchtui.safe_text import one_line


class StatusPanel(Static):
    """Tool, countdown, phase, current window and what is due; shown on every screen."""

    def __init__(self, user: str, host: str, lang: str = "en", **kwargs) -> None:
        super().__init__(Content("Loading the rollout…"), **kwargs)
        self.user = user
        self.host = host
        self.lang = lang

    def show(self, status: RolloutStatus, open_issues: dict[str, int], now: dt.datetime) -> None:
        local = now.astimezone()
        who = f"{one_line(self.user)}@{self.host} · {local:%H:%M}"
        lines = [_spread(headline(status), who, self.content_size.width or 78)]
        lines.append(phase_line(status))
        if status.current is not None:
            window = next(w for w in status.windows if w.id == status.current.id)
            span = date_range(window.window.first, window.window.last)
            lines.append(
                f"Now: {window.window.spec.label(self.lang)} ({span}) · "
                f"{window.done}/{window.total} done"
                + (f" · {window.skipped} skipped" if window.skipped else "")
            )
        issues = open_issues_line(open_issues)
        lines.append(_spread(issues, today_line(status), self.content_size.width or 78))
        self.update(Content("\n".join(lines)))
        self.set_class(status.overdue > 0, "-overdue")
        self.set_class(open_issues.get("critical", 0) > 0, "-critical")


def _spread(left: str, right: str, width: int) -> str:
    gap = width - len(left) - len(right)
    if gap < 2:
        return left
    return left + " " * gap + right
