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

from launchtui.domain.issues import severity_meaning, tier_name
from launchtui.domain.metrics import figure_label
from launchtui.text.i18n import N_, t

# The domain's words, translated where the domain keeps them (one home each).
__all__ = ["N_", "figure_label", "severity_meaning", "tier_name"]

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
