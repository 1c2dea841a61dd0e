"""Texts that follow the language while the app runs: key hints in the Footer, and labels.

A `Binding` is made when its class is defined, so its description stays English there,
marked with `N_` for the catalogue test, and the Footer gets it translated when it draws:
`TranslatedBindings` on a screen does that. After `set_language` the app calls
`retranslate()` on every widget and screen that has one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from textual.binding import ActiveBinding
from textual.content import Content
from textual.widgets import Label

from launchtui.domain.issues import SEVERITY_MEANINGS, TIERS
from launchtui.domain.metrics import FIGURE_LABELS
from launchtui.text.i18n import N_, t

# Textual's own key hint the Footer shows (ctrl+p), with its tooltip.
TEXTUAL_TEXTS = (N_("palette"), N_("Open the command palette"))


def translated(active: ActiveBinding) -> ActiveBinding:
    """`active` with its description and tooltips in the current language."""
    binding = active.binding
    binding = dataclasses.replace(
        binding,
        description=t(binding.description) if binding.description else "",
        tooltip=t(binding.tooltip) if binding.tooltip else "",
    )
    tooltip = t(active.tooltip) if active.tooltip else ""
    return ActiveBinding(active.node, binding, active.enabled, tooltip)


class TranslatedBindings:
    """Screen mixin (put it first): the Footer shows key hints in the current language."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        active: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return {key: translated(binding) for key, binding in active.items()}


class Said(Label):
    """A label whose text comes from `say()`: worked out again on a language switch."""

    def __init__(self, say: Callable[[], str], **kwargs) -> None:
        super().__init__(Content(say()), **kwargs)
        self.say = say

    def retranslate(self) -> None:
        self.update(Content(self.say()))


# Fixed words from the domain that the TUI shows. Keyed by the domain's English, so a
# reworded domain text shows as it now reads (in English) rather than as it used to.


def _domain_word(text: str, words: dict[str, str]) -> str:
    return words.get(text, text)


def tier_name(tier: int) -> str:
    """'self-service', 'internal champion', 'IT/admin', 'vendor', translated."""
    words = {
        "self-service": t("self-service"),
        "internal champion": t("internal champion"),
        "IT/admin": t("IT/admin"),
        "vendor": t("vendor"),
    }
    return _domain_word(TIERS.get(tier, str(tier)), words)


def severity_meaning(severity: str) -> str:
    """What the guide says to do about an issue of `severity`, translated."""
    words = {
        "document a workaround and continue": t("document a workaround and continue"),
        "pause the rollout, fix, resume": t("pause the rollout, fix, resume"),
        "roll back to the old system if possible": t("roll back to the old system if possible"),
    }
    return _domain_word(SEVERITY_MEANINGS.get(severity, ""), words)


def figure_label(field: str) -> str:
    """The label of an adoption figure, translated."""
    words = {
        "% with accounts": t("% with accounts"),
        "% active weekly (active use)": t("% active weekly (active use)"),
        "% active daily": t("% active daily"),
        "% completing key workflows": t("% completing key workflows"),
        "% still on the old system": t("% still on the old system"),
        "satisfaction, 0-10 average": t("satisfaction, 0-10 average"),
        "NPS, -100 to 100": t("NPS, -100 to 100"),
        "support tickets this week": t("support tickets this week"),
        "% training completed": t("% training completed"),
    }
    return _domain_word(FIGURE_LABELS.get(field, field), words)
