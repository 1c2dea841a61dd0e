"""Phase plans: which group moves when, from the guide's timeline templates or edited."""

from __future__ import annotations

from dataclasses import dataclass, replace

from launchtui.text.i18n import N_, in_language, t


@dataclass(frozen=True)
class Phase:
    number: int
    name: str
    group: str
    share: int  # percent of the team in this phase's group
    start: int  # first day, in days from launch day (0 = launch day)
    end: int  # last day, in days from launch day
    decommission: bool = False  # switching the old system off: needs 80%+ of everyone moved
    location: str | None = None  # the location whose group this is, if it belongs to one

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def people(self, headcount: int | None) -> int | None:
        """How many people the group is: its share of the rollout's headcount, in whole
        people (half up, at least one); None without a headcount. Training and ROI both
        count with this, so "4 of 4 attended" and "4 people" never disagree."""
        if headcount is None:
            return None
        return max(1, (headcount * self.share + 50) // 100)


@dataclass(frozen=True)
class PhasePlan:
    template: str
    phases: tuple[Phase, ...]

    @property
    def end_offset(self) -> int:
        return max(p.end for p in self.phases)

    def current(self, day: int) -> Phase | None:
        """The phase running on `day` (days since launch); None before launch or after the end."""
        for phase in self.phases:
            if phase.start <= day <= phase.end:
                return phase
        return None

    def started(self, day: int) -> tuple[Phase, ...]:
        """Phases whose group has been rolled out by `day`."""
        return tuple(p for p in self.phases if p.start <= day)

    def phase(self, number: int) -> Phase | None:
        return next((p for p in self.phases if p.number == number), None)

    def with_phase(self, number: int, **changes) -> PhasePlan:
        phases = tuple(replace(p, **changes) if p.number == number else p for p in self.phases)
        return PhasePlan(self.template, phases)


def _weeks(first: int, last: int) -> tuple[int, int]:
    """Week 1 is launch day and the six days after it."""
    return 7 * (first - 1), 7 * last - 1


def _plan(template: str, *rows: tuple) -> PhasePlan:
    phases = []
    for number, (name, group, share, first, last, *flags) in enumerate(rows, start=1):
        start, end = _weeks(first, last)
        phases.append(Phase(number, name, group, share, start, end, decommission=bool(flags)))
    return PhasePlan(template, tuple(phases))


# The templates' phase and group names are English, marked for the catalogue: a rollout
# created in another language gets them in that language (`template_plan`).
TEMPLATES: dict[str, PhasePlan] = {
    "solo": _plan("solo", (N_("Switch and adjust"), N_("Everyone"), 100, 1, 1)),
    "small-team": _plan(
        "small-team",
        (N_("First half"), N_("Half the team"), 50, 1, 1),
        (N_("Second half"), N_("Other half"), 50, 2, 2),
        (N_("Full adoption"), N_("Everyone"), 100, 3, 3),
        (N_("Old system off"), N_("Everyone"), 100, 4, 4, "decommission"),
    ),
    "growing-business": _plan(
        "growing-business",
        (N_("Pilot group"), N_("Pilot group"), 15, 1, 2),
        (N_("Department 1"), N_("Department 1"), 30, 3, 4),
        (N_("Department 2"), N_("Department 2"), 30, 5, 6),
        (N_("Everyone else"), N_("Everyone else"), 25, 7, 8),
        (N_("Old system off"), N_("Everyone"), 100, 9, 9, "decommission"),
    ),
    "phased": _plan(
        "phased",
        (N_("Early adopters"), N_("Pilot users and volunteers"), 15, 1, 2),
        (N_("Core team"), N_("Core team"), 35, 3, 4),
        (N_("Remaining users"), N_("Everyone else"), 50, 5, 6),
        (N_("Decommission"), N_("Everyone"), 100, 7, 8, "decommission"),
    ),
}


def template_plan(template: str, lang: str) -> PhasePlan:
    """The plan of `template` with its phase and group names in `lang`: the default names
    follow the language the rollout is made in. (Names a coordinator types are theirs.)"""
    plan = TEMPLATES[template]
    with in_language(lang):
        phases = tuple(replace(p, name=t(p.name), group=t(p.group)) for p in plan.phases)
    return PhasePlan(plan.template, phases)
