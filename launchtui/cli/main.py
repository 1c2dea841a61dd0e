"""The command line. With no command it opens the TUI; nothing here imports Textual before that."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import inspect
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from launchtui.cli import click_words
from launchtui.domain.checklist_files import ChecklistError, shipped_dir, validate_folder
from launchtui.domain.locations import LocationStatus
from launchtui.domain.phases import TEMPLATES
from launchtui.domain.progress import ItemStatus, RolloutStatus
from launchtui.domain.rollout import Rollout
from launchtui.services.settings import Settings, SettingsError
from launchtui.services.workspace import (
    NoDatabase,
    NoRollout,
    UserError,
    Workspace,
    years_from,
)
from launchtui.startup import resume_collector
from launchtui.store import StoreError
from launchtui.text import i18n
from launchtui.text.i18n import LANGS, t
from launchtui.text.present import (
    countdown,
    date_range,
    due_phrase,
    headline,
    launch_moved,
    phase_line,
    state_mark,
    today_line,
    who_when,
)
from launchtui.text.safe import one_line

if TYPE_CHECKING:
    from launchtui.domain.gate import Gate


class Failure(click.ClickException):
    """One line on stderr, 'Error: ...' in the language of the texts; exit code 1."""

    def show(self, file: Any = None) -> None:
        message = t("Error: {message}", message=self.format_message())
        click.echo(message, file=file, err=file is None)


click_words.install()

# name -> (module holding the command, attribute); `export` loads its other exporters itself.
LAZY_COMMANDS: dict[str, tuple[str, str]] = {
    "issue": ("launchtui.cli.issues", "issue"),
    "export": ("launchtui.cli.issues", "export"),
    "metrics": ("launchtui.cli.adoption", "metrics"),
    "gate": ("launchtui.cli.adoption", "gate"),
    "phases": ("launchtui.cli.adoption", "phases"),
    "history": ("launchtui.cli.paper", "history"),
    "retro": ("launchtui.cli.retro", "retro"),
    "comms": ("launchtui.cli.retro", "comms"),
    "doctor": ("launchtui.cli.doctor", "doctor"),
    "locations": ("launchtui.cli.locations", "locations"),
    "note": ("launchtui.cli.notes", "note"),
    "rehearsal": ("launchtui.cli.rehearsal", "rehearsal"),
    "measure": ("launchtui.cli.value", "measure"),
    "baseline": ("launchtui.cli.value", "baseline"),
    "impact": ("launchtui.cli.value", "impact"),
    "cost": ("launchtui.cli.value", "cost"),
    "roi": ("launchtui.cli.value", "roi"),
    "value": ("launchtui.cli.value", "value"),
    "review": ("launchtui.cli.value", "review"),
    "objection": ("launchtui.cli.value", "objection"),
    "sessions": ("launchtui.cli.sessions", "sessions"),
}


class Group(click.Group):
    """Turns every expected failure into one line on stderr and exit code 1.

    The language of the texts is process-wide (`launchtui.text.i18n`): it is set from
    --lang / $LAUNCHTUI_LANG / the locale while the options are read, and put back as it
    was when the command is done, so a command run in-process (tests) leaves no trace.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        before = i18n.language()
        try:
            # Click's own errors can come before --lang is read (an unknown option):
            # speak the language asked for from the start.
            given = args[0] if args else kwargs.get("args")
            with contextlib.suppress(i18n.UnknownLanguage):
                i18n.set_language(i18n.resolve(_lang_argument(given)))
            return super().main(*args, **kwargs)
        finally:
            i18n.set_language(before)
            restore_help(self)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if "lang" not in ctx.params:  # --help came before --lang was read: env / locale
            with contextlib.suppress(i18n.UnknownLanguage):
                i18n.set_language(i18n.resolve(None))
        _help_language(self)
        super().format_help(ctx, formatter)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """Subcommand groups load when used: `tick` and `status` stay quick for cron jobs."""
        if name in LAZY_COMMANDS and name not in self.commands:
            module, attribute = LAZY_COMMANDS[name]
            self.add_command(getattr(importlib.import_module(module), attribute), name)
        command = super().get_command(ctx, name)
        if command is not None:
            _help_language(command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (UserError, StoreError) as exc:
            raise Failure(str(exc)) from None
        except ChecklistError as exc:
            for fault in exc.faults:
                click.echo(str(fault), err=True)
            ctx.exit(1)


def _lang_argument(args: Sequence[str] | None) -> str | None:
    """The value of a global `--lang X` / `--lang=X` among `args`, before click reads them."""
    words = list(sys.argv[1:] if args is None else args)
    for i, word in enumerate(words):
        if word == "--":
            break
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
        if word == "--lang" and i + 1 < len(words):
            return words[i + 1]
    return None


_HELP_FIELDS = ("help", "short_help")


def _help_parts(command: click.Command) -> list[Any]:
    """The command and its options (the --help option too): what carries help texts."""
    options = [p for p in command.params if isinstance(p, click.Option)]
    help_option = command.get_help_option(click.Context(command))
    return [command, *options, *([help_option] if help_option else [])]


def _help_key(text: str | None) -> str | None:
    """The catalogue key of a help text: as click shows it (a docstring dedented)."""
    return None if text is None else inspect.cleandoc(text)


def translate_help(command: click.Command) -> None:
    """Put the help texts of `command` and every subcommand in the current language.

    The English originals are kept on each object the first time (`_help_en`, ...), so
    that `restore_help` can put them back. Loads the lazy command groups.
    """
    for part in _help_parts(command):
        for field in _HELP_FIELDS if isinstance(part, click.Command) else ("help",):
            original = part.__dict__.setdefault(f"_{field}_en", getattr(part, field))
            key = _help_key(original)
            setattr(part, field, None if key is None else t(key))
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and sub is not command:
                translate_help(sub)


def restore_help(command: click.Command) -> None:
    """The English help texts again, for the commands loaded so far (loads nothing)."""
    for part in _help_parts(command):
        for field in _HELP_FIELDS if isinstance(part, click.Command) else ("help",):
            if f"_{field}_en" in part.__dict__:
                setattr(part, field, part.__dict__[f"_{field}_en"])
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            restore_help(sub)


def _help_language(command: click.Command) -> None:
    """Help in the current language: Dutch translated, English as written (and fast)."""
    if i18n.language() == "en":
        restore_help(command)
    else:
        translate_help(command)


# --today pretends another day, within this many years of the real one.
PRETEND_YEARS = 100


def parse_date(value: str, what: str) -> dt.date:
    """A date option (YYYY-MM-DD): a usage error when it is no date, one line when it lies
    more than `LAUNCH_YEARS` from today (--today, else the real date)."""
    from launchtui.services.entry import NotAValue, read_date

    try:
        return read_date(value, what, _today())
    except NotAValue as exc:
        raise click.BadParameter(str(exc), param_hint=what) from None


def _today() -> dt.date:
    """Today for the bounds of a date option: --today when given, else the real date."""
    ctx = click.get_current_context(silent=True)
    ws = ctx.find_root().obj if ctx is not None else None
    return ws.settings.clock.today() if isinstance(ws, Workspace) else dt.date.today()


def _date_option(ctx, param, value):
    what = f"--{param.name.replace('_', '-')}"
    if value is None:
        return None
    if param.name != "today":
        return parse_date(value, what)
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            t("{value} is not a date like 2026-11-03", value=repr(value)), param_hint=what
        ) from None
    real = dt.date.today()
    first, last = years_from(real, -PRETEND_YEARS), years_from(real, PRETEND_YEARS)
    if not first <= day <= last:
        raise Failure(
            t(
                "{what} {value} is more than {years} years from the real date ({today});"
                " use a date from {first} to {last}",
                what=what,
                value=value,
                years=PRETEND_YEARS,
                today=real.isoformat(),
                first=first.isoformat(),
                last=last.isoformat(),
            )
        )
    return day


def parse_time(value: str, today: dt.date, zone: dt.tzinfo | None = None) -> dt.datetime:
    """--at: see `launchtui.services.entry.read_time` (the TUI's late tick reads it too)."""
    from launchtui.services.entry import NotAValue, read_time

    try:
        return read_time(value, today, zone)
    except NotAValue as exc:
        raise click.BadParameter(str(exc), param_hint="--at") from None


def local_zone(ws: Workspace) -> dt.tzinfo | None:
    """The zone times are entered in: the coordinator's location's, else None (the system's)."""
    location = ws.location() if ws.settings.location else None
    return location.zone if location is not None else None


def instance_key(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A checklist KEY as stored: the older spelling of a recurring instance by day or
    week number (``first-week/daily-check-in@d3``) becomes its date key under the current
    launch date (``...@2026-11-06``), so scripts written before keep working."""
    from launchtui.domain.checklist import is_legacy_key

    if value is None or not is_legacy_key(value) or not isinstance(ctx.find_root().obj, Workspace):
        return value
    instance = ctx.find_root().obj.schedule().find(value)
    return instance.key if instance is not None else value


def _language(ctx, param, value):
    """--lang, else $LAUNCHTUI_LANG, else the locale: set before any other option is read,
    so that every message, errors included, is in that language."""
    if ctx.resilient_parsing:  # shell completion: no side effects
        return value
    try:
        lang = i18n.resolve(value)
    except i18n.UnknownLanguage as exc:
        raise click.ClickException(str(exc)) from None
    i18n.set_language(lang)
    return lang


def workspace(ctx: click.Context) -> Workspace:
    ws = ctx.obj
    ctx.call_on_close(ws.close)
    return ws


@click.group(cls=Group, invoke_without_command=True)
@click.option("--db", metavar="PATH", help="Database file (else $LAUNCHTUI_DB, else user data).")
@click.option("--user", metavar="NAME", help="Your display name (else $LAUNCHTUI_USER / login).")
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    callback=_language,
    is_eager=True,
    help="Language of the texts (else $LAUNCHTUI_LANG, else the locale).",
)
@click.option("--checklists", metavar="DIR", help="Use the checklist files in DIR.")
@click.option(
    "--today", metavar="YYYY-MM-DD", callback=_date_option, help="Pretend it is this day."
)
@click.option(
    "--location", metavar="NAME", help="Where you work (else $LAUNCHTUI_LOCATION): your today."
)
@click.version_option(package_name="launchtui")
@click.pass_context
def cli(ctx, db, user, lang, checklists, today, location) -> None:
    """Run the rollout of a new tool: timed checklists, issues, adoption gate.

    With no command, opens the TUI.
    """
    command = ctx.invoked_subcommand
    try:
        settings = Settings.resolve(db, user, lang, checklists, today, location)
    except SettingsError as exc:
        raise Failure(str(exc)) from None
    if settings.rehearsal and command != "rehearsal":
        # --today on another day than the real one: work on this coordinator's own
        # rehearsal copy (made now unless their earlier rehearsal left it), and say so
        # once on stderr (issue 14).
        from launchtui.services import rehearsal

        try:
            rehearsal.prepare(settings.shared_path, settings.db_path)
        except rehearsal.RehearsalError as exc:
            raise Failure(str(exc)) from None
        notice = rehearsal.notice(settings.shared_path, settings.db_path, settings.clock.today())
        click.echo(notice, err=True)
    # Only init, demo and the app (its first run offers both) make a database file; the
    # location can be unknown while the rollout or its locations are being set up.
    ctx.obj = Workspace(
        settings,
        create=command in CREATING_COMMANDS,
        check_location=command not in ("init", "demo", "locations"),
    )
    if command is None:
        _ready_for_tui(ctx.obj)
        _open_tui(ctx.obj)
    else:
        resume_collector()  # paused for the start-up (launchtui/startup.py)


CREATING_COMMANDS = (None, "init", "demo")  # None: the app


def _ready_for_tui(ws: Workspace) -> None:
    """What would stop the app, told as one line before its screen opens: broken
    checklists, a database that cannot be opened, an unknown location, a launch date
    too far from today to show. No rollout yet, or no file yet, is fine: the app offers
    to set one up (and makes the file only then, in `_open_tui`, once it may run)."""
    ws.checklists  # noqa: B018
    creating, ws.create = ws.create, False
    try:
        with contextlib.suppress(NoRollout):  # NoDatabase is one: the app's first run
            ws.rollout()
    finally:
        ws.create = creating


def _open_tui(ws: Workspace, *, demo: bool = False) -> None:
    from launchtui.tui.terminal import require_terminal

    # `ssh host launchtui` without -t: one line and exit 1, not a TUI drawn into pipes
    # that spins at a full core once the client goes (issue 13).
    require_terminal(sys.stdin, sys.stdout)
    ws.checklists  # a broken checklist folder stops us before the screen opens  # noqa: B018
    # So does a database that cannot be opened; a missing one is made only when the
    # first run's setup (or the demo) is confirmed, never by opening the app.
    ws.create = False
    with contextlib.suppress(NoDatabase):
        ws.store  # noqa: B018
    from launchtui.tui.app import LaunchApp

    # The collector stays paused (launchtui/startup.py) until the app's first screen is
    # painted (`LaunchApp._freeze`).
    app = LaunchApp(ws.settings, workspace=ws)
    app.run()
    if app.return_code:  # 129 when the terminal hung up; 1 after a crash
        sys.exit(app.return_code)


@cli.command()
@click.option("--tool", required=True, help="Name of the tool being rolled out.")
@click.option("--launch-date", required=True, callback=_date_option, help="Launch day D.")
@click.option(
    "--template",
    type=click.Choice(list(TEMPLATES)),
    default="phased",
    show_default=True,
    help="Timeline: who moves in which weeks (the guide's examples).",
)
@click.option("--team-size", type=click.IntRange(1, 100_000), help="People in the rollout.")
@click.pass_context
def init(ctx, tool, launch_date, template, team_size) -> None:
    """Start a new rollout in the database."""
    if not tool.strip():
        raise UserError(t("--tool must not be empty"))
    ws = workspace(ctx)
    ws.checklists  # noqa: B018
    ws.init(Rollout(tool.strip(), launch_date, template, team_size))
    click.echo(
        t("Rollout of {tool} set up in {path}", tool=one_line(tool), path=ws.settings.db_path)
    )


@cli.command()
@click.option("--launch-date", required=True, callback=_date_option, help="The new launch day.")
@click.option("--reason", help="Why the date moved.")
@click.pass_context
def reschedule(ctx, launch_date, reason) -> None:
    """Move the launch date: every due date moves along, every tick stays."""
    ws = workspace(ctx)
    earlier = ws.stored_rollout()  # even one too far from today to work with
    before = earlier.launch
    moved = ws.move_launch(launch_date, reason)
    click.echo(launch_moved(before, moved.launch, ws.today()))
    _print_slip(ws, earlier, moved)


def _print_slip(ws: Workspace, earlier: Rollout, moved: Rollout) -> None:
    """Which done (or skipped) instances the slip moved, which stay on their date under a
    new day number, and which are no longer in the schedule (their ticks stay in history)."""
    from launchtui.domain.checklist import slip_moves
    from launchtui.text.present import day_label

    try:
        old, new = ws.checklists.schedule(earlier), ws.checklists.schedule(moved)
    except OverflowError:  # a launch date far outside the calendar: nothing to compare
        return
    done = [key for key, event in ws.store.tick_state().items() if event.state != "open"]
    moves = slip_moves(old, new, done)
    shifted = [m for m in moves if m.moved]
    kept = [m for m in moves if not m.moved and not m.dropped]
    dropped = [m for m in moves if m.dropped]
    if not shifted:
        click.echo(t("No done items moved"))
    else:
        click.echo(t("Done items moved with the launch ({n}):", n=len(shifted)))
        for m in shifted:
            line = f"{day_label(m.before.due)} → {day_label(m.after.due)}"  # type: ignore[union-attr]
            click.echo(f"  {m.key}  {line}")
    if kept:
        click.echo(t("Done items kept on their dates ({n}):", n=len(kept)))
        for m in kept:
            click.echo(
                f"  {m.key}  "
                + t(
                    "{date}, now {now} (was {was})",
                    date=day_label(m.after.due),  # type: ignore[union-attr]
                    now=_day_number(m.after.due, moved),  # type: ignore[union-attr]
                    was=_day_number(m.before.due, earlier),  # type: ignore[union-attr]
                )
            )
    if dropped:
        click.echo(
            t("Done items no longer in the schedule, kept in history ({n}):", n=len(dropped))
        )
        for m in dropped:
            click.echo(f"  {m.key}  {day_label(m.before.due)}")  # type: ignore[union-attr]


def _day_number(day: dt.date, rollout: Rollout) -> str:
    """'day 2', 'day -3': a date counted from launch day."""
    return t("day {n}", n=rollout.day(day))


@cli.command()
@click.option("--no-open", is_flag=True, help="Create the sample rollout but do not open the TUI.")
@click.pass_context
def demo(ctx, no_open) -> None:
    """Create a sample rollout in mid-flight and open it."""
    from launchtui.services.demo import build_demo

    ws = workspace(ctx)
    ws.checklists  # a broken checklist folder stops us before anything is made  # noqa: B018
    if ws.store.rollout() is None:
        build_demo(ws)
        click.echo(t("Sample rollout created in {path}", path=ws.settings.db_path))
    elif no_open:
        click.echo(t("{path} already holds a rollout; left as it is", path=ws.settings.db_path))
    if not no_open:
        _open_tui(ws)


def _statuses_data(locations: Sequence[LocationStatus]) -> list[dict[str, Any]]:
    from launchtui.cli.locations import statuses_data

    return statuses_data(locations)


def status_data(
    status: RolloutStatus,
    lang: str,
    gate: Gate | None = None,
    open_counts: dict[str, int] | None = None,
    locations: Sequence[LocationStatus] = (),
) -> dict[str, Any]:
    """What `status --json` prints; `gate` and `issues` are None when not given."""
    rollout = status.rollout
    phase = status.phase
    current = status.current
    return {
        "tool": rollout.tool,
        "launch_date": rollout.launch.isoformat(),
        "today": status.today.isoformat(),
        "day": status.day,
        "countdown": countdown(rollout, status.today),
        "template": rollout.template,
        "phase": {"number": phase.number, "name": phase.name} if phase else None,
        "window": current.id if current else None,
        "checklists": [
            {
                "window": w.id,
                "title": w.window.spec.label(lang),
                "first": w.window.first.isoformat(),
                "last": w.window.last.isoformat(),
                "done": w.done,
                "skipped": w.skipped,
                "total": w.total,
                "overdue": w.overdue,
                "due_today": w.due_today,
            }
            for w in status.windows
        ],
        "due_today": status.due_today,
        "overdue": status.overdue,
        "gate": gate.to_json() if gate is not None else None,
        "issues": {"open": dict(open_counts)} if open_counts is not None else None,
        "locations": _statuses_data(locations),
    }


# `status --exit-code`: how a gate state ends the process (go and watch: 0).
GATE_EXIT_CODES = {"go": 0, "watch": 0, "pause": 3, "rollback": 4}


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.option(
    "--exit-code",
    "exit_code",
    is_flag=True,
    help="Exit 0 for go or watch, 3 for pause, 4 for rollback (for cron and scripts).",
)
@click.pass_context
def status(ctx, as_json, exit_code) -> None:
    """Phase, gate, checklist progress, what is due and open issues, as a short report."""
    from launchtui.cli.adoption import gate_lines
    from launchtui.services.adoption import AdoptionService
    from launchtui.services.locations import LocationService
    from launchtui.text.present import locations_line

    ws = workspace(ctx)
    st = ws.status()
    counts = ws.store.issues.open_counts()  # one count for the gate and the report
    verdict = AdoptionService(ws).gate(st.rollout, today=st.today, open_issues=counts)
    if as_json:
        places = LocationService(ws).statuses(st)
        data = status_data(st, ws.settings.lang, verdict, counts, places)
        from launchtui.text import json_text

        click.echo(json_text.dumps(data, indent=2))
    else:
        _print_status(st, ws.settings.lang, verdict, gate_lines(verdict, counts))
        for place in LocationService(ws).statuses(st):
            click.echo(locations_line((place,)))
    if exit_code:
        ctx.exit(GATE_EXIT_CODES.get(verdict.state, 0))


def _print_status(st: RolloutStatus, lang: str, gate: Gate, gate_report: list[str]) -> None:
    click.echo(headline(st))
    click.echo(phase_line(st, gate))
    if st.current:
        spec = st.current.spec
        span = date_range(st.current.first, st.current.last)
        click.echo(t("Window: {name} ({dates})", name=one_line(spec.label(lang)), dates=span))
    click.echo(today_line(st))
    for line in gate_report:
        click.echo(line)
    click.echo("")
    head = t("checklist")
    width = max(len(one_line(w.window.spec.label(lang))) for w in st.windows)
    # Each count sits right-aligned under its column's head, as wide as the head.
    heads = (t("done"), t("skipped"), t("total"), t("overdue"))
    click.echo(f"  {head:<{width}}  " + "  ".join(heads))
    for w in st.windows:
        marker = ">" if st.current and w.id == st.current.id else " "
        label = one_line(w.window.spec.label(lang))
        counts = (w.done, w.skipped, w.total, w.overdue)
        cells = "  ".join(f"{n:>{len(h)}}" for n, h in zip(counts, heads, strict=True))
        click.echo(f"{marker} {label:<{width}}  {cells}")


def item_data(item: ItemStatus, lang: str) -> dict[str, Any]:
    event = item.event
    return {
        "key": item.key,
        "window": item.instance.window,
        "text": item.instance.label(lang),
        "owner": item.instance.item.owner,
        "due": item.instance.due.isoformat(),
        "recurrence": item.instance.item.recurrence,
        "state": item.state,
        "overdue": item.overdue,
        "by": event.actor.name if event and not item.is_open else None,
        "login": event.actor.login if event and not item.is_open else None,
        "at": event.at.isoformat() if event and not item.is_open else None,
        "note": event.note if event and not item.is_open else None,
        "location": event.location if event and not item.is_open else None,
    }


@cli.command()
@click.option("--window", "window_id", metavar="ID", help="Only this window (e.g. first-week).")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def checklist(ctx, window_id, as_json) -> None:
    """The checklist items with their keys, due dates and who ticked them."""
    ws = workspace(ctx)
    st = ws.status()
    lang = ws.settings.lang
    windows = st.windows
    if window_id is not None:
        windows = tuple(w for w in windows if w.id == window_id)
        if not windows:
            known = ", ".join(w.id for w in st.windows)
            raise UserError(
                t("unknown window '{id}' (windows: {known})", id=window_id, known=known)
            )
    if as_json:
        from launchtui.text import json_text

        items = [item_data(i, lang) for w in windows for i in w.items]
        click.echo(json_text.dumps(items))
        return
    now = ws.now()
    for w in windows:  # the checklist files' texts are user text too
        span = date_range(w.window.first, w.window.last)
        click.echo(f"{one_line(w.window.spec.label(lang))} ({span})  {w.done}/{w.total}")
        for item in w.items:
            after = (
                who_when(item.event, now) if item.event and not item.is_open else due_phrase(item)
            )
            label = one_line(item.instance.label(lang))
            click.echo(f"  {state_mark(item)} {item.key}  {label}  {after}")


@cli.command()
@click.argument("key", callback=instance_key)
@click.option("--note", help="A note to keep with the tick.")
@click.option("--at", "at", metavar="TIME", help="When it really happened (paper ticks).")
@click.option(
    "--reason",
    help="Why it is done although its gate rule fails (the old system off below 80%).",
)
@click.pass_context
def tick(ctx, key, note, at, reason) -> None:
    """Tick a checklist item as done."""
    ws = workspace(ctx)
    when = parse_time(at, ws.today(), local_zone(ws)) if at else None  # in the location's zone
    event = ws.tick(key, note, when, reason=reason)
    click.echo(t("Ticked {key}", key=event.key))
    if event.exception is not None:
        from launchtui.text.gate_text import exception_line

        click.echo(exception_line(event.exception))


@cli.command()
@click.argument("key", callback=instance_key)
@click.pass_context
def untick(ctx, key) -> None:
    """Take a tick (or a skip) back: the item is open again."""
    event = workspace(ctx).untick(key)
    click.echo(t("Reopened {key}", key=event.key))


@cli.command()
@click.argument("key", callback=instance_key)
@click.option("--reason", required=True, help="Why the item does not apply.")
@click.pass_context
def skip(ctx, key, reason) -> None:
    """Mark a checklist item as not applicable, with a reason."""
    event = workspace(ctx).skip(key, reason)
    click.echo(t("Skipped {key}", key=event.key))


@cli.command()
@click.pass_context
def undo(ctx) -> None:
    """Undo your own latest tick, untick or skip that nobody has changed since."""
    result = workspace(ctx).undo()
    if result is None:
        raise UserError(t("nothing of yours to undo"))
    undone, _ = result
    if undone.action == "note":
        click.echo(t("Undid your note on {key}", key=undone.key))
        return
    action = {"tick": t("tick"), "untick": t("untick"), "skip": t("skip")}.get(
        undone.action, undone.action
    )
    click.echo(t("Undid your {action} of {key}", action=action, key=undone.key))


@cli.group()
def checklists() -> None:
    """The checklist files."""


@checklists.command("validate")
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.pass_context
def checklists_validate(ctx, folder) -> None:
    """Check every checklist file in FOLDER (default: the ones in use)."""
    ws: Workspace = ctx.obj
    folder = folder or ws.settings.checklists_dir or shipped_dir()
    checklist_set, faults = validate_folder(folder)
    for fault in faults:
        click.echo(str(fault), err=True)
    if faults:
        ctx.exit(1)
    count = sum(len(w.items) for w in checklist_set.windows)
    click.echo(
        t(
            "{folder}: {windows} windows, {items} items, no faults",
            folder=folder,
            windows=len(checklist_set.windows),
            items=count,
        )
    )


def main() -> None:
    try:
        cli.main(prog_name="launchtui")
    except KeyboardInterrupt:
        sys.exit(130)
