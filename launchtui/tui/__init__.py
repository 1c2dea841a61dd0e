"""The terminal UI: the Textual app, its screens, widgets and styles, and the hooks into
Textual's internals (`tui_internals`)."""
