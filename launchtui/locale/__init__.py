"""Translations of launchtui's texts: gettext catalogues, nl/LC_MESSAGES/launchtui.po (.mo)."""
