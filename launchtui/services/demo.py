"""A sample rollout in mid-flight, so a newcomer sees a living screen at once."""

from __future__ import annotations

import datetime as dt
import random

from launchtui.domain.rollout import Actor, Rollout
from launchtui.services.workspace import Workspace
from launchtui.text.i18n import N_, t

DEMO_TOOL = "Acme CRM"
DEMO_DAY = 4  # days after launch the demo opens on
PEOPLE = (
    Actor("ana", "ana"),
    Actor("rob", "rob"),
    Actor("mei", "mei"),
    Actor("joel", "joel"),
)
# The notes are stored in the language the sample is made in (--lang).
SKIPS = {
    "one-week-before/quick-reference-printed": N_("PDF only, nobody wants paper"),
    "one-week-before/mobile-data-checked": N_("desktop-only tool"),
}
SMOOTH = N_("went smoothly")
LEFT_OPEN = ("launch-day/quick-wins-noted",)


def build_demo(workspace: Workspace) -> Rollout:
    """Create the sample rollout on the workspace's (empty) database."""
    today = workspace.today()
    rollout = Rollout(DEMO_TOOL, today - dt.timedelta(days=DEMO_DAY), "phased", team_size=40)
    workspace.init(rollout)
    rng = random.Random(rollout.launch.toordinal())
    entries = []
    for instance in workspace.schedule(rollout).instances():
        if instance.due >= today or instance.key in LEFT_OPEN:
            continue
        hour = rng.randint(8, 17)
        day = instance.due - dt.timedelta(days=rng.choice((0, 0, 0, 1)))
        local = dt.datetime.combine(day, dt.time(hour, rng.randint(0, 59))).astimezone()
        at = local.astimezone(dt.UTC)
        who = rng.choice(PEOPLE)
        if instance.key in SKIPS:
            entries.append((instance.key, "skip", who, at, t(SKIPS[instance.key])))
        elif rng.random() < 0.93:
            note = t(SMOOTH) if rng.random() < 0.1 else None
            entries.append((instance.key, "tick", who, at, note))
    entries.sort(key=lambda e: e[3])
    workspace.store.record_many(entries)
    return rollout
