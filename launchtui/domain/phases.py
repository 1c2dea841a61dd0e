"""Timeline templates from the guide: which groups move in which weeks after launch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phase:
    number: int
    name: str
    group: str
    share: int  # percent of the team in this phase's group
    start_week: int  # week 1 is launch day and the six days after it
    end_week: int

    @property
    def start_offset(self) -> int:
        return 7 * (self.start_week - 1)

    @property
    def end_offset(self) -> int:
        return 7 * self.end_week - 1


@dataclass(frozen=True)
class PhasePlan:
    template: str
    phases: tuple[Phase, ...]

    @property
    def end_offset(self) -> int:
        return max(p.end_offset for p in self.phases)

    def current(self, day: int) -> Phase | None:
        """The phase running on `day` (days since launch); None before launch or after the end."""
        for phase in self.phases:
            if phase.start_offset <= day <= phase.end_offset:
                return phase
        return None


def _plan(template: str, *rows: tuple[str, str, int, int, int]) -> PhasePlan:
    return PhasePlan(template, tuple(Phase(n, *row) for n, row in enumerate(rows, start=1)))


TEMPLATES: dict[str, PhasePlan] = {
    "solo": _plan("solo", ("Switch and adjust", "Everyone", 100, 1, 1)),
    "small-team": _plan(
        "small-team",
        ("First half", "Half the team", 50, 1, 1),
        ("Second half", "Other half", 50, 2, 2),
        ("Full adoption", "Everyone", 100, 3, 3),
        ("Old system off", "Everyone", 100, 4, 4),
    ),
    "growing-business": _plan(
        "growing-business",
        ("Pilot group", "Pilot group", 15, 1, 2),
        ("Department 1", "Department 1", 30, 3, 4),
        ("Department 2", "Department 2", 30, 5, 6),
        ("Everyone else", "Everyone else", 25, 7, 8),
        ("Old system off", "Everyone", 100, 9, 9),
    ),
    "phased": _plan(
        "phased",
        ("Early adopters", "Pilot users and volunteers", 15, 1, 2),
        ("Core team", "Core team", 35, 3, 4),
        ("Remaining users", "Everyone else", 50, 5, 6),
        ("Decommission", "Everyone", 100, 7, 8),
    ),
}
