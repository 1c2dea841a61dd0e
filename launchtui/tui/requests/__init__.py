"""What a widget asks the app to do, one module per part of the app.

Each request is a message that bubbles up to the app (its base, `WriteRequest`, is in
launchtui/tui/messages.py) and is handled in one place, launchtui/tui/handlers.py. The
modules load with the widgets that post them, not before the first paint: this package
imports none of them.
"""
