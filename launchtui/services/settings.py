"""Where the database is, who is acting, which language and date: from options, then env."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from launchtui.domain.clock import Clock
from launchtui.domain.locations import MAX_NAME, is_one_line_name, validate_name
from launchtui.domain.rollout import Actor
from launchtui.services import rehearsal
from launchtui.text import i18n
from launchtui.text.i18n import t


class SettingsError(ValueError):
    """An option or environment variable that cannot be used; the message says which."""


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("launchtui", appauthor=False)) / "launchtui.db"


def os_login() -> str:
    """The login running this process, as recorded with every change.

    `getpass` reads $LOGNAME and $USER first; a value there that is no one-line name
    (control characters, too long) gives way to the account's own name.
    """
    try:
        login = getpass.getuser()
    except Exception:  # no passwd entry in some containers
        login = ""
    if is_one_line_name(login):
        return login
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except Exception:
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def host_name() -> str:
    """This machine's short name, shown beside the user (`os.uname` spares importing socket)."""
    if hasattr(os, "uname"):
        return os.uname().nodename.split(".")[0]
    import socket

    return socket.gethostname().split(".")[0]


ASCII_TERMS = ("vt100", "vt102", "vt220", "dumb", "ansi")


def locale_is_utf8(environ: dict[str, str], utf8_mode: int | None = None) -> bool:
    """Whether the user's locale (LC_ALL, else LC_CTYPE, else LANG; none is C) names UTF-8.

    Python hides a C locale: it sets LC_CTYPE=C.UTF-8 (PEP 538) and turns on its UTF-8
    mode (PEP 540), so `sys.stdout.encoding` says utf-8 under LANG=C too. When the UTF-8
    mode came on by itself (not PYTHONUTF8 or -X utf8), a C.UTF-8 in LC_CTYPE is Python's,
    not the user's, and LANG says what the terminal is. The names decide, not whether this
    machine has the locale installed: over SSH a UTF-8 terminal often names one it lacks.
    """
    if utf8_mode is None:
        utf8_mode = sys.flags.utf8_mode
    own_mode = "PYTHONUTF8" in environ or "utf8" in getattr(sys, "_xoptions", {})
    coerced = bool(utf8_mode) and not own_mode and environ.get("LC_CTYPE") == "C.UTF-8"
    names = ("LC_ALL", "LANG") if coerced else ("LC_ALL", "LC_CTYPE", "LANG")
    value = next((environ[name] for name in names if environ.get(name)), "C")
    codeset = value.partition(".")[2].partition("@")[0]
    return codeset.lower().replace("-", "") == "utf8"


def wants_ascii(
    environ: dict[str, str] | None = None,
    encoding: str | None = None,
    utf8_mode: int | None = None,
) -> bool:
    """True where the terminal may not draw our symbols, or the user asked for plain output:
    NO_COLOR, a vt100-like TERM, a locale that is not UTF-8 (C, POSIX, Latin-1…), or an
    output encoding that is not."""
    env = os.environ if environ is None else environ
    encoding = encoding if encoding is not None else (sys.stdout.encoding or "")
    return (
        bool(env.get("NO_COLOR"))
        or env.get("TERM", "").split("-")[0] in ASCII_TERMS
        or not locale_is_utf8(dict(env), utf8_mode)
        or "utf" not in encoding.lower().replace("-", "")
    )


@dataclass(frozen=True)
class Settings:
    db_path: Path
    actor: Actor
    lang: str = "en"
    checklists_dir: Path | None = None
    clock: Clock = field(default_factory=Clock)
    host: str = field(default_factory=lambda: host_name())
    ascii: bool = False  # draw symbols in ASCII: vt100, NO_COLOR or a non-UTF-8 terminal
    location: str | None = None  # where this coordinator works: their today and their ticks
    location_source: str = "--location"  # or "$LAUNCHTUI_LOCATION": named when it is unknown
    # A rehearsal (--today on another day than the real one) works on a copy: `db_path`
    # is then the copy, `shared_db_path` the shared database it never writes to.
    rehearsal: bool = False
    shared_db_path: Path | None = None

    @property
    def databases(self) -> tuple[Path, ...]:
        """Every database file an export must never overwrite: the one in use and, in a
        rehearsal, the shared one it was copied from."""
        return (self.db_path, self.shared_path)

    @property
    def shared_path(self) -> Path:
        """The shared database: the one the coordinators work in, rehearsing or not."""
        return self.shared_db_path or self.db_path

    @property
    def rehearsal_copy(self) -> Path:
        """This coordinator's own rehearsal copy of the shared database (there or not)."""
        return rehearsal.copy_path(self.shared_path, self.actor)

    @classmethod
    def resolve(
        cls,
        db: str | None = None,
        user: str | None = None,
        lang: str | None = None,
        checklists: str | None = None,
        today: dt.date | None = None,
        location: str | None = None,
    ) -> Settings:
        """From the options given, then the environment, then the defaults.

        An option given empty (``--db ""``) or an environment variable set to blanks is
        refused (`SettingsError`) rather than quietly replaced by the default, and so is a
        name (--user, --location and their variables) that is not one line of at most
        `MAX_NAME` characters.

        `today` other than the real date (`rehearsal.real_today`) is a rehearsal: the
        settings then point at this coordinator's own rehearsal copy (made by
        `rehearsal.prepare`).
        """
        login = os_login()
        name = login
        given = _given(user, "--user", "LAUNCHTUI_USER")
        if given is not None:
            name = _name(*given)
        place, source = None, "--location"
        given = _given(location, "--location", "LAUNCHTUI_LOCATION")
        if given is not None:
            place, source = _place(*given)
        shared = _db_path(db)
        try:
            real = rehearsal.real_today(shared, place) if today is not None else None
            fixed = rehearsal.test_clock()
        except rehearsal.RehearsalError as exc:
            raise SettingsError(str(exc)) from None
        rehearsing = today is not None and today != real
        actor = Actor(name, login)
        return cls(
            db_path=rehearsal.copy_path(shared, actor) if rehearsing else shared,
            shared_db_path=shared,
            rehearsal=rehearsing,
            actor=actor,
            lang=i18n.resolve(lang),
            checklists_dir=_checklists(checklists),
            clock=Clock(today or fixed),
            ascii=wants_ascii(),
            location=place,
            location_source=source,
        )


def _given(option: str | None, flag: str, variable: str) -> tuple[str, str] | None:
    """(the value without surrounding blanks, where it came from): the option, else the
    environment variable; None when neither holds more than blanks."""
    for value, where in ((option, flag), (os.environ.get(variable), f"${variable}")):
        if value and value.strip():
            return value.strip(), where
    return None


def _db_path(option: str | None) -> Path:
    """--db, else $LAUNCHTUI_DB, else the user data folder; a blank one is refused, not
    replaced by the default (a coordinator would quietly work in a file of their own)."""
    if option is not None:
        if not option.strip():
            raise SettingsError(t("--db is empty: name the database file"))
        return Path(option).expanduser()
    variable = os.environ.get("LAUNCHTUI_DB")
    if variable is not None:  # set but empty is a mistake too: `export LAUNCHTUI_DB=$TYPO`
        if not variable.strip():
            raise SettingsError(
                t("$LAUNCHTUI_DB is set but empty: name the database file, or unset it")
            )
        return Path(variable).expanduser()
    return default_db_path().expanduser()


def _checklists(option: str | None) -> Path | None:
    if option is None:
        return None
    if not option.strip():
        raise SettingsError(t("--checklists is empty: name the folder of checklist files"))
    return Path(option).expanduser()


def _name(value: str, where: str) -> str:
    if not is_one_line_name(value):
        raise SettingsError(
            t(
                "{where}: a name must be one line of at most {most} characters,"
                " without control characters",
                where=where,
                most=MAX_NAME,
            )
        )
    return value


def _place(value: str, where: str) -> tuple[str, str]:
    try:
        return validate_name(value), where
    except ValueError:
        raise SettingsError(
            t(
                "{where}: the location name must be one line of at most {most} characters",
                where=where,
                most=MAX_NAME,
            )
        ) from None
