"""Where the database is, who is acting, which language and date: from options, then env."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import socket
import sys
from dataclasses import dataclass, field
from pathlib import Path

from launchtui import i18n
from launchtui.domain.clock import Clock
from launchtui.domain.rollout import Actor

LANGS = ("en", "nl")


def default_db_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("launchtui", appauthor=False)) / "launchtui.db"


def os_login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry in some containers
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


ASCII_TERMS = ("vt100", "vt102", "vt220", "dumb", "ansi")


def wants_ascii(environ: dict[str, str] | None = None, encoding: str | None = None) -> bool:
    """True where the terminal may not draw our symbols, or the user asked for plain output."""
    env = os.environ if environ is None else environ
    encoding = encoding if encoding is not None else (sys.stdout.encoding or "")
    return (
        bool(env.get("NO_COLOR"))
        or env.get("TERM", "").split("-")[0] in ASCII_TERMS
        or "utf" not in encoding.lower().replace("-", "")
    )


@dataclass(frozen=True)
class Settings:
    db_path: Path
    actor: Actor
    lang: str = "en"
    checklists_dir: Path | None = None
    clock: Clock = field(default_factory=Clock)
    host: str = field(default_factory=lambda: socket.gethostname().split(".")[0])
    ascii: bool = False  # draw symbols in ASCII: vt100, NO_COLOR or a non-UTF-8 terminal
    location: str | None = None  # where this coordinator works: their today and their ticks

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
        login = os_login()
        name = (user or os.environ.get("LAUNCHTUI_USER") or login).strip() or login
        db_path = Path(db or os.environ.get("LAUNCHTUI_DB") or default_db_path()).expanduser()
        return cls(
            db_path=db_path,
            actor=Actor(name, login),
            lang=i18n.resolve(lang),
            checklists_dir=Path(checklists).expanduser() if checklists else None,
            clock=Clock(today),
            ascii=wants_ascii(),
            location=(location or os.environ.get("LAUNCHTUI_LOCATION") or "").strip() or None,
        )
