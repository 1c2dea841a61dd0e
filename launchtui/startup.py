"""The cyclic garbage collector during start-up: paused while the process builds what it
keeps until it ends, resumed with all of that frozen out of its sight.

Modules, classes, parsed checklists and the first screen's data live as long as the
process; a collection that walked them would find nothing to free, and while they grow
the collector walks them again and again: about 10 ms of a 0.3 s start of the app
(benchmarks/run.py, start-up). `launchtui` and `python -m launchtui` pause it first
thing (launchtui/__main__.py); a command resumes it as it starts, the app once its first
screen is painted.
"""

import gc


def pause_collector() -> None:
    gc.disable()


def resume_collector() -> None:
    """Freeze what is built so far (it lives as long as the process) and collect again."""
    gc.freeze()
    gc.enable()
