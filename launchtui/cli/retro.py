"""The command line of the retrospective and the communication plan: `retro ...`,
`comms ...` and `export retro`.

Registered on `launchtui.cli.main.cli` at the end of that module; `export retro` joins the
`export` group of `launchtui.cli.issues`. Nothing here imports `launchtui.cli.main` at import
time (that would be a cycle); its helpers are fetched when a command runs. Every piece
of user text printed passes through `safe_text` first.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from launchtui.cli.issues import OUTPUT_OPTION, export, write_output
from launchtui.domain.comms import FACT_KEYS, Draft, Fact, fact_help
from launchtui.domain.retro import Note, NoteEvent, kind_label
from launchtui.exporters.report import note_dict
from launchtui.services.comms import CommsService
from launchtui.services.retro import EXPORT_FORMATS, RetroService
from launchtui.text import json_text
from launchtui.text.events import event_lines
from launchtui.text.i18n import LANGS, language, n_, t
from launchtui.text.safe import clean, one_line
from launchtui.text.times import local_time

_TEMPLATES = "launchtui.comms.templates"
KIND_METAVAR = "went-well|lesson|thanks|next-step"


def _workspace(ctx: click.Context):
    from launchtui.cli.main import workspace

    return workspace(ctx)


def _retro(ctx: click.Context) -> RetroService:
    return RetroService(_workspace(ctx))


def _comms(ctx: click.Context) -> CommsService:
    return CommsService(_workspace(ctx), ctx.meta.get(_TEMPLATES))


def _text(value: str) -> str:
    """The argument, or standard input when it is '-' (for several lines)."""
    if value == "-":
        return sys.stdin.read()
    return value


def _indented(text: str, prefix: str = "  ") -> list[str]:
    return [prefix + line for line in clean(text).splitlines()]


def _kind(kind: str) -> str:
    """A note's kind as a heading, in the language of the texts."""
    return kind_label(kind, language())


def _where(note: Note) -> str:
    return t("phase {n}", n=note.phase) if note.phase is not None else t("before launch")


# -- retro ---------------------------------------------------------------------


@click.group()
def retro() -> None:
    """Retrospective notes: what went well, lessons learned, thanks and next steps."""


@retro.command("add")
@click.argument("text")
@click.option("--kind", required=True, metavar=KIND_METAVAR, help="What sort of note it is.")
@click.option("--issue", "issue_id", metavar="ID", help="The issue the note is about.")
@click.option("--item", metavar="KEY", help="The checklist item the note is about.")
@click.pass_context
def retro_add(ctx, text, kind, issue_id, item) -> None:
    """Write a note (TEXT, or - to read several lines from standard input)."""
    note = _retro(ctx).add(kind, _text(text), issue_id, item)
    click.echo(
        t(
            "Wrote note #{id} ({kind}, {where})",
            id=note.id,
            kind=_kind(note.kind).lower(),
            where=_where(note),
        )
    )


@retro.command("list")
@click.option("--kind", metavar=KIND_METAVAR, help="Only notes of this kind.")
@click.option("--phase", metavar="N", help="Only notes written in this phase.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def retro_list(ctx, kind, phase, as_json) -> None:
    """The notes, oldest first, each with who wrote it, when and in which phase."""
    found = _retro(ctx).list(kind=kind, phase=phase)
    if as_json:
        data = [note_dict(n, history=False) for n in found]
        click.echo(json_text.dumps(data))
        return
    if not found:
        click.echo(t("No notes match") if kind or phase else t("No notes written yet"))
        return
    for note in found:
        for line in note_lines(note):
            click.echo(line)
        click.echo("")
    click.echo(n_(len(found), "{n} note", "{n} notes"))


def note_head(note: Note) -> str:
    """'#3 Lessons learned · ana · 2026-11-07 10:00 · phase 1 · first-week (edited)'."""
    parts = [
        f"#{note.id} {_kind(note.kind)}",
        one_line(note.author.label()),
        local_time(note.created_at),
        _where(note),
    ]
    if note.window:
        parts.append(one_line(note.window))
    return " · ".join(parts) + (f" ({t('edited')})" if note.edited else "")


def note_lines(note: Note) -> list[str]:
    """A note as plain lines: its head, its text indented, what it points at."""
    lines = [note_head(note), *_indented(note.text)]
    about = []
    if note.issue_id is not None:
        about.append(t("issue #{id}", id=note.issue_id))
    if note.item_key:
        about.append(t("checklist item {key}", key=one_line(note.item_key)))
    if about:
        lines.append("  " + t("About: {what}", what=", ".join(about)))
    return lines


def _event_lines(event: NoteEvent) -> list[str]:
    changes = event.changes
    if event.kind == "written":
        return event_lines(event, [(t("wrote:"), _quoted(changes.get("text", "")))])
    says = []
    if "kind" in changes:
        kind = _kind(str(changes["kind"])).lower()
        says.append((t("changed the kind to {kind}", kind=kind), ()))
    if "text" in changes:
        says.append((t("changed the text to:"), _quoted(changes["text"])))
    return event_lines(event, says)


def _quoted(text: object) -> list[str]:
    return clean(str(text)).splitlines()


@retro.command("show")
@click.argument("note_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def retro_show(ctx, note_id, as_json) -> None:
    """One note with its history: every earlier text is kept."""
    note = _retro(ctx).get(note_id)
    if as_json:
        click.echo(json_text.dumps(note_dict(note)))
        return
    for line in note_lines(note):
        click.echo(line)
    click.echo(t("History:"))
    for event in note.history:
        for line in _event_lines(event):
            click.echo(line)


@retro.command("edit")
@click.argument("note_id", metavar="ID")
@click.argument("text")
@click.option("--kind", metavar=KIND_METAVAR, help="Also change the kind.")
@click.pass_context
def retro_edit(ctx, note_id, text, kind) -> None:
    """Give a note a new TEXT (or - for standard input); the earlier text stays in its history."""
    note = _retro(ctx).edit(note_id, _text(text), kind)
    words = {"text": t("text"), "kind": t("kind")}
    names = [words.get(name, name) for name in note.history[-1].changes]
    fields = names[0] if len(names) == 1 else t("{a} and {b}", a=names[0], b=names[1])
    click.echo(t("Edited note #{id}: {fields}", id=note.id, fields=fields))


# -- export retro --------------------------------------------------------------


@export.command("retro")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True, help="File format."
)
@OUTPUT_OPTION
@click.pass_context
def export_retro(ctx, fmt, output) -> None:
    """The rollout report: a summary from the data, then the notes (CSV: the notes only)."""
    service = _retro(ctx)
    if output is None:
        service.export(fmt, sys.stdout)
        return
    write_output(
        ctx,
        output,
        lambda stream: service.export(fmt, stream),
        lambda count, path: n_(
            count,
            "Wrote the rollout report ({n} note) to {path}",
            "Wrote the rollout report ({n} notes) to {path}",
            path=path,
        ),
    )


# -- comms ---------------------------------------------------------------------


@click.group()
@click.option(
    "--templates",
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="Use announcement.<lang>.txt / weekly.<lang>.txt from DIR instead of the shipped ones.",
)
@click.pass_context
def comms(ctx, templates) -> None:
    """The announcement and weekly updates, filled from the rollout's own data.

    Facts the data does not hold (benefit, problem, training, support-contact,
    pilot-results, signature) are set with `comms set KEY VALUE`; a missing one is
    marked in the text as [missing: ...].
    """
    ctx.meta[_TEMPLATES] = templates


def _emit(
    ctx: click.Context, draft: Draft, output: str | None, wrote: Callable[[str], str]
) -> None:
    """Print the draft, or write it to `output` and say so with `wrote(path)`."""
    text = draft.text
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
    else:
        write_output(ctx, output, lambda stream: stream.write(text), lambda _, path: wrote(path))
    if draft.missing:
        names = ", ".join(one_line(m.fact or m.what) for m in draft.missing)
        click.echo(t("Missing, marked [missing: ...] in the text: {names}", names=names), err=True)


@comms.command("announcement")
@OUTPUT_OPTION
@click.pass_context
def comms_announcement(ctx, output) -> None:
    """The announcement to send two weeks ahead: why, when each group moves, training, help."""
    draft = _comms(ctx).announcement_draft()
    _emit(ctx, draft, output, lambda path: t("Wrote the announcement to {path}", path=path))


@comms.command("weekly")
@click.option("--week", metavar="N", help="Week N of the rollout (week 1 starts on launch day).")
@OUTPUT_OPTION
@click.pass_context
def comms_weekly(ctx, week, output) -> None:
    """The weekly update: progress, resolved issues, successes, questions, where to get help."""
    comms = _comms(ctx)
    span = comms.week(week)
    draft = comms.weekly_draft(span.number)
    _emit(
        ctx,
        draft,
        output,
        lambda path: t("Wrote the week {n} update to {path}", n=span.number, path=path),
    )


FACT_LANG = click.option(
    "--lang",
    "fact_lang",
    type=click.Choice(LANGS),
    help="The language of the fact (else the rollout's language).",
)


@comms.command("set")
@click.argument("key", metavar="KEY")
@click.argument("value")
@FACT_LANG
@click.pass_context
def comms_set(ctx, key, value, fact_lang) -> None:
    """Set a fact the texts need (VALUE, or - for standard input; "" clears it).

    Keys: benefit, problem, training, support-contact, pilot-results, signature.
    Each language has its own value: a mail never borrows another language's text.
    """
    fact = _comms(ctx).set_fact(key, _text(value), fact_lang)
    if fact.value is not None:
        click.echo(t("Set {key} ({lang})", key=fact.key, lang=fact.lang))
    else:
        click.echo(t("Cleared {key} ({lang})", key=fact.key, lang=fact.lang))


def _fact_json(fact: Fact | None) -> dict | None:
    if fact is None:
        return None
    return {
        "value": fact.value,
        "lang": fact.lang,
        "set_by": fact.actor.name,
        "login": fact.actor.login,
        "at": fact.at.isoformat(),
    }


@comms.command("facts")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@FACT_LANG
@click.pass_context
def comms_facts(ctx, as_json, fact_lang) -> None:
    """The facts the announcement and updates use in one language, and which are not set."""
    facts = _comms(ctx).facts(fact_lang)
    if as_json:
        data = {key: _fact_json(fact) for key, fact in facts.items()}
        click.echo(json_text.dumps(data))
        return
    width = max(len(key) for key in FACT_KEYS)
    for key, fact in facts.items():
        if fact is None or fact.value is None:
            click.echo(f"{key:<{width}}  " + t("not set ({help})", help=fact_help(key)))
            continue
        lines = clean(fact.value).splitlines() or [""]
        click.echo(f"{key:<{width}}  {lines[0]}")
        for line in lines[1:]:
            click.echo(f"{'':<{width}}  {line}")
    count = sum(1 for fact in facts.values() if fact is not None and fact.value is not None)
    click.echo(
        t(
            "{n} of {total} facts set; set one with `launchtui comms set KEY VALUE`",
            n=count,
            total=len(facts),
        )
    )
