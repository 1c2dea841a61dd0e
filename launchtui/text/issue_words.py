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


def filter_words(
    status: str | None = None,
    severity: str | None = None,
    tier: int | None = None,
    text: str | None = None,
) -> list[str]:
    """The filters an issue list or export was made with, one word each, in the reader's
    language ('unresolved', 'major', 'tier 2', '"printer"'); empty when none. One
    renderer for the export dialog's line and the Markdown export's subtitle."""
    words: list[str] = []
    if status:
        words.append(t("unresolved") if status == "unresolved" else status_name(status))
    if severity:
        words.append(severity_name(severity))
    if tier:
        words.append(t("tier {n}", n=tier))
    if text:
        words.append(f'"{text}"')
    return words
