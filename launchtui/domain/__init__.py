"""The rollout's rules as pure data and functions of `today`.

Nothing here imports Textual, Rich or SQL: every due date and verdict can be
tested without a clock, a screen or a database.
"""
