"""An issue's severity and status in the reader's language: words, never rules."""

from __future__ import annotations

from launchtui.text.i18n import p_, t


def severity_name(severity: str) -> str:
    """'minor', 'major', 'critical', translated."""
    words = {"minor": t("minor"), "major": t("major"), "critical": t("critical")}
    return words.get(severity, severity)


def status_name(status: str) -> str:
    """'open', 'workaround', 'resolved', translated ("open" as a state, not the verb)."""
    words = {
        "open": p_("issue status", "open"),
        "workaround": p_("issue status", "workaround"),
        "resolved": p_("issue status", "resolved"),
    }
    return words.get(status, status)
