"""Text for people: how numbers, dates and verdicts read. Pure: no Textual, no Rich."""
