"""Click's own words ("Usage:", "Options", "Error: Missing argument ...") in the language
of the texts.

Click translates its texts with `gettext.gettext` and `gettext.ngettext`, imported into
each of its modules as `_` and `ngettext`; those look in the process-wide gettext domain,
whose language comes from the environment alone. Click offers no other hook, so
`install()` points those names, in the modules listed in `HOOKS`, at launchtui's catalogue
in the current language (`launchtui.text.i18n`). This is the one place that touches click's
module names; `tests/cli/test_click_words.py` checks each hooked name, so a click release
that renames or drops one fails a test rather than silently going English.

The texts are click's own message ids. Those a user meets are listed below, marked for the
catalogue (`N_`, and `PLURALS` for click's `ngettext` texts, which `tools/messages.py`
adds); any other click text stays English.
"""

from __future__ import annotations

import importlib

from launchtui.text import i18n
from launchtui.text.i18n import N_

# (click module, name it imported gettext's function as)
HOOKS: tuple[tuple[str, str], ...] = (
    ("click.core", "_"),
    ("click.core", "ngettext"),
    ("click.exceptions", "_"),
    ("click.exceptions", "ngettext"),
    ("click.formatting", "_"),
    ("click.parser", "_"),
    ("click.parser", "ngettext"),
    ("click.types", "_"),
    ("click.types", "ngettext"),
    ("click.decorators", "_"),
)

# Click's texts that a user of launchtui meets: help, usage errors.
TEXTS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("Show the version and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("Aborted!"),
)
# Click's ngettext texts among them: (one, many).
PLURALS = (
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ),
)


def _gettext(message: str) -> str:
    return i18n.plain(message)


def _ngettext(one: str, many: str, count: int) -> str:
    return i18n.plain_plural(one, many, count)


_OURS = {"_": _gettext, "ngettext": _ngettext}


def install() -> None:
    """Click speaks the language of the texts from now on (idempotent). A hooked name
    that click no longer has is an error: better a failing test than a silent English."""
    for module_name, name in HOOKS:
        module = importlib.import_module(module_name)
        if not hasattr(module, name):
            raise RuntimeError(f"{module_name}.{name} is gone: update launchtui.cli.click_words")
        setattr(module, name, _OURS[name])
