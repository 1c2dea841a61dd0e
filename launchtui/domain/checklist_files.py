"""Reading checklist TOML files, with every fault reported by file, line and item.

A broken folder must never half-load: the app refuses to start and prints the same
lines as ``launchtui checklists validate``. The faults are worded in the language of the
texts (`launchtui.text.i18n`); the names in the files (fields, window ids) stay as written.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from launchtui.domain.checklist import ANCHORS, RECURRENCES, ChecklistSet, ItemSpec, WindowSpec
from launchtui.domain.checklist_cache import ParsedFiles
from launchtui.text.i18n import LANGS, t
from launchtui.text.safe import one_line

WINDOW_IDS = (
    "two-weeks-before",
    "one-week-before",
    "launch-day",
    "first-week",
    "each-week-after",
    "post-rollout",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ITEM_FIELDS = {"id", "text", "owner", "due", "recurrence", "requires"}
REQUIREMENTS = ("new-system",)  # the gate rules an item can require
_WINDOW_FIELDS = {"id", "order", "title", "anchor", "start", "end"}
_TOML_LINE = re.compile(r"\(at line (\d+)")


class Fault(NamedTuple):
    file: Path
    message: str
    line: int | None = None
    item: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        what = t("item '{id}'", id=self.item) + ": " if self.item else ""
        return one_line(f"{where}: {what}{self.message}")  # keys and ids come from the file


class ChecklistError(Exception):
    """The checklist folder has faults; each one is a line for the user."""

    def __init__(self, faults: list[Fault]):
        super().__init__("\n".join(str(f) for f in faults))
        self.faults = faults


def shipped_dir() -> Path:
    """The checklists that come with launchtui: inside the wheel, or beside a checkout."""
    packaged = Path(str(resources.files("launchtui"))) / "_checklists"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "checklists"


def load_checklists(folder: Path | None = None) -> ChecklistSet:
    checklists, faults = validate_folder(folder or shipped_dir())
    if faults:
        raise ChecklistError(faults)
    return checklists


def validate_folder(folder: Path) -> tuple[ChecklistSet, list[Fault]]:
    """Read every ``*.toml`` in `folder`; return what loaded and every fault found."""
    try:
        if not folder.is_dir():
            return ChecklistSet(()), [Fault(folder, t("no such checklist folder"))]
        if not os.access(folder, os.R_OK | os.X_OK):
            raise PermissionError
        files = sorted(folder.glob("*.toml"))
    except PermissionError:
        return ChecklistSet(()), [Fault(folder, t("you may not read this checklist folder"))]
    except OSError as exc:
        message = t("cannot read the folder: {error}", error=exc.strerror or exc)
        return ChecklistSet(()), [Fault(folder, message)]
    if not files:
        return ChecklistSet(()), [Fault(folder, t("no checklist files (*.toml) in this folder"))]
    windows: list[WindowSpec] = []
    faults: list[Fault] = []
    seen: dict[str, Path] = {}
    parsed = ParsedFiles()
    for path in files:
        window, file_faults = _read_file(path, parsed)
        faults.extend(file_faults)
        if window is None:
            continue
        if window.id in seen:
            message = t(
                "window '{id}' is also defined in {file}", id=window.id, file=seen[window.id]
            )
            faults.append(Fault(path, message, line=window.line))
            continue
        seen[window.id] = path
        windows.append(window)
    windows.sort(key=lambda w: (w.order, w.id))
    parsed.save()
    return ChecklistSet(tuple(windows)), faults


def _read_file(path: Path, parsed: ParsedFiles) -> tuple[WindowSpec | None, list[Fault]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Fault(path, t("cannot read file: {error}", error=exc))]
    data = parsed.get(path, text)
    if data is None:
        data, faults = _parse_toml(path, text)
        if data is None:
            return None, faults
        parsed.put(path, text, data)
    return _parse(path, text, data)


def _parse_toml(path: Path, text: str) -> tuple[dict[str, Any] | None, list[Fault]]:
    import tomllib  # only when the cache has no parse of this file (checklist_cache)

    try:
        data = tomllib.loads(text)
    except RecursionError:  # `x = [[[...]]]` thousands deep: the parser recurses per level
        return None, [
            Fault(path, t("nested too deeply to read (tables and arrays inside each other)"))
        ]
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        if line is None and "end of document" in str(exc):
            line = max(len(text.splitlines()), 1)
        message = re.split(r"\s*\(at ", str(exc))[0].strip()
        return None, [Fault(path, t("TOML syntax: {error}", error=message), line=line)]
    return data, []


def _parse(path: Path, text: str, data: dict[str, Any]) -> tuple[WindowSpec | None, list[Fault]]:
    faults: list[Fault] = []
    item_lines = _header_lines(text, "[[items]]")
    window_line = (_header_lines(text, "[window]") or [None])[0]

    def fault(message: str, line: int | None = window_line, item: str | None = None) -> None:
        faults.append(Fault(path, message, line=line, item=item))

    for key in data:
        if key not in ("window", "items"):
            fault(
                t("unknown table or field '{key}' (expected [window] and [[items]])", key=key),
                None,
            )
    window = data.get("window")
    if not isinstance(window, dict):
        fault(t("missing [window] table"), None)
        return None, faults
    for key in window:
        if key not in _WINDOW_FIELDS:
            fault(t("window: unknown field '{key}'", key=key))
    window_id = window.get("id")
    if not isinstance(window_id, str) or not window_id:
        fault(t("window: missing id"))
        return None, faults
    if window_id not in WINDOW_IDS:
        fault(
            t(
                "unknown window '{id}' (expected one of {known})",
                id=window_id,
                known=", ".join(WINDOW_IDS),
            )
        )
        return None, faults
    order = window.get("order", WINDOW_IDS.index(window_id) + 1)
    if not _is_int(order):
        fault(t("window: order must be a whole number"))
    title = _texts(window.get("title"), "window: title", fault)
    anchor = window.get("anchor", "launch")
    if anchor not in ANCHORS:
        fault(
            t(
                "window: unknown anchor '{anchor}' (expected {known})",
                anchor=anchor,
                known=" or ".join(ANCHORS),
            )
        )
    start = window.get("start")
    end = window.get("end")
    if not _is_int(start):
        fault(t("window: bad offset: start must be a whole number of days"))
        start = 0
    if end == "rollout-end":
        end = None
    elif not _is_int(end):
        fault(t('window: bad offset: end must be a whole number of days or "rollout-end"'))
        end = start
    elif end < start:
        fault(t("window: bad offset: end {end} lies before start {start}", end=end, start=start))

    raw_items = data.get("items", [])
    if not isinstance(raw_items, list):
        fault(t("items must be an array of tables ([[items]])"), None)
        raw_items = []
    items: list[ItemSpec] = []
    ids: set[str] = set()
    for index, raw in enumerate(raw_items):
        line = item_lines[index] if index < len(item_lines) else None
        item = _parse_item(raw, index, line, start, end, ids, fault)
        if item is not None:
            items.append(item)
    spec = WindowSpec(
        id=window_id,
        order=order if _is_int(order) else 0,
        title=title,
        start=start,
        end=end,
        anchor=anchor if anchor in ANCHORS else "launch",
        items=tuple(items),
        source=path,
        line=window_line,
    )
    return spec, faults


def _parse_item(raw, index, line, start, end, ids, fault) -> ItemSpec | None:
    item_id = raw.get("id") if isinstance(raw, dict) else None
    name = item_id if isinstance(item_id, str) and item_id else f"#{index + 1}"
    before = []

    def item_fault(message: str) -> None:
        before.append(message)
        fault(message, line, name)

    if not isinstance(raw, dict):
        item_fault(t("must be a table"))
        return None
    for key in raw:
        if key not in _ITEM_FIELDS:
            item_fault(t("unknown field '{key}'", key=key))
    if not isinstance(item_id, str) or not item_id:
        item_fault(t("missing id"))
    elif not _ID.match(item_id):
        item_fault(t("bad id '{id}': use lowercase letters, digits and dashes", id=item_id))
    elif item_id in ids:
        item_fault(t("duplicate id '{id}'", id=item_id))
    else:
        ids.add(item_id)
    text = _texts(raw.get("text"), "text", item_fault)
    recurrence = raw.get("recurrence", "once")
    if recurrence not in RECURRENCES:
        item_fault(
            t(
                "unknown recurrence {recurrence} (expected once, daily or weekly)",
                recurrence=repr(recurrence),
            )
        )
    owner = raw.get("owner")
    if owner is not None and (not isinstance(owner, str) or not owner.strip()):
        item_fault(t("owner must be a non-empty text"))
    due = raw.get("due")
    if due is not None:
        if not _is_int(due):
            item_fault(t("bad offset: due must be a whole number of days"))
        elif due < start or (end is not None and due > end):
            span = f"{start}..{end}" if end is not None else t("{start} or later", start=start)
            item_fault(
                t("bad offset: due {due} lies outside the window ({span})", due=due, span=span)
            )
    requires = raw.get("requires")
    if requires is not None and requires not in REQUIREMENTS:
        item_fault(
            t(
                "unknown requirement {value} (expected {known})",
                value=repr(requires),
                known=", ".join(REQUIREMENTS),
            )
        )
    if before:
        return None
    return ItemSpec(
        id=item_id, text=text, recurrence=recurrence, owner=owner, due=due, requires=requires
    )


def _texts(value: Any, what: str, fault) -> dict[str, str]:
    if not isinstance(value, dict):
        fault(t("missing {what} (needs en and nl)", what=what))
        return {"en": ""}
    out: dict[str, str] = {}
    for lang in LANGS:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            fault(t("missing {what} in '{lang}'", what=what, lang=lang))
        else:
            out[lang] = text.strip()
    return out or {"en": ""}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _header_lines(text: str, header: str) -> list[int]:
    return [
        n
        for n, line in enumerate(text.splitlines(), start=1)
        if line.split("#", 1)[0].strip() == header
    ]
