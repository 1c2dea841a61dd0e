"""launchtui: run the rollout of a new tool across an organisation from the terminal."""

__version__ = "0.1.0"
