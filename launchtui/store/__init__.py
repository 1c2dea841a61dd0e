"""Persistence: the only code in launchtui that speaks SQL."""

from launchtui.store.database import StoreError
from launchtui.store.store import RolloutExists, Store

__all__ = ["RolloutExists", "Store", "StoreError"]
