"""Translations of launchtui's texts, one module per language."""
