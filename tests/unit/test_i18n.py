"""Every text passed to `t`, `n_`, `N_` or `p_`, and every help text of the command line,
has a Dutch translation in the gettext catalogue with the same {fields}; none is fuzzy or
stale, and the compiled .mo that the app reads says what the .po says."""

from __future__ import annotations

import ast
import gettext
import inspect
import io
import string
from pathlib import Path

import click
import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import launchtui
from launchtui.cli import click_words
from launchtui.cli.main import cli
from launchtui.text import i18n

PACKAGE = Path(launchtui.__file__).parent
PO = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "launchtui.po"
MO = PO.with_suffix(".mo")
with PO.open("rb") as _f:
    CATALOG = read_po(_f)
MESSAGES = [m for m in CATALOG if m.id]
# (context, msgid) -> msgstr; a plural entry's msgid and msgstr are tuples (one, many)
NL = {(m.context, m.id if isinstance(m.id, str) else tuple(m.id)): m.string for m in MESSAGES}


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _calls() -> list[tuple[str, int, object]]:
    """(file, line, key) of every literal call of t, N_, n_ or p_ in the package; the key
    is (context, text), or (None, (one, many)) for n_.

    N_ ("translate later") marks a text drawn translated elsewhere: a Binding description.
    """
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            name, args = node.func.id, [_literal(a) for a in node.args]
            if name in ("t", "N_") and args[:1] and args[0] is not None:
                key = (None, args[0])
            elif name == "n_" and len(args) >= 3 and None not in args[1:3]:
                key = (None, (args[1], args[2]))
            elif name == "p_" and len(args) >= 2 and None not in args[:2]:
                key = (args[0], args[1])
            else:
                continue
            found.append((str(path.relative_to(PACKAGE)), node.lineno, key))
    return found


def _english(part: object, field: str) -> str | None:
    """The English help text, also after a Dutch run translated it (cli.translate_help)."""
    return part.__dict__.get(f"_{field}_en", getattr(part, field))


def _help_texts(command: click.Command, path: str = "launchtui") -> list[tuple[str, int, str]]:
    """(command path, 0, text) of every help text of the command line, as click shows them:
    command help and short help, option help (--help and --version too); lazy groups load."""
    ctx = click.Context(command)
    options = [p for p in command.params if isinstance(p, click.Option)]
    help_option = command.get_help_option(ctx)
    found = []
    texts = [_english(command, "help"), _english(command, "short_help")]
    texts += [_english(o, "help") for o in [*options, *([help_option] if help_option else [])]]
    found += [(path, 0, (None, inspect.cleandoc(text))) for text in texts if text is not None]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            found += _help_texts(command.get_command(ctx, name), f"{path} {name}")
    return found


# Click's own plural texts, which it looks up in our catalogue (launchtui.cli.click_words).
CLICK_PLURALS = [("click", 0, (None, plural)) for plural in click_words.PLURALS]
CALLS = _calls() + _help_texts(cli) + CLICK_PLURALS


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_there_are_texts_to_translate():
    assert len(CALLS) > 50


def test_the_command_line_help_is_collected():
    texts = {text for file, _, (_, text) in CALLS if file.startswith("launchtui")}
    assert {"Tick a checklist item as done.", "A note to keep with the tick."} <= texts
    assert "Log a new issue in the current phase and checklist window." in texts  # lazy


def test_every_text_has_a_dutch_translation():
    missing = sorted({f"{file}:{line}: {key!r}" for file, line, key in CALLS if key not in NL})
    assert not missing, "not in the catalogue (run `make translations`):\n" + "\n".join(missing)


def test_every_entry_is_translated():
    empty = [m.id for m in MESSAGES if not all(m.string if m.pluralizable else [m.string])]
    assert not empty, f"no Dutch yet in {PO.name} for: {empty}"


def test_no_entry_is_fuzzy():
    fuzzy = [m.id for m in MESSAGES if m.fuzzy]
    assert not CATALOG.fuzzy, f"{PO.name}: the header is marked fuzzy"
    assert not fuzzy, f"fuzzy in {PO.name} (check the Dutch, drop the flag): {fuzzy}"


def test_the_plural_entries_have_dutchs_two_forms():
    assert CATALOG.num_plurals == 2
    wrong = [m.id for m in MESSAGES if m.pluralizable and len(m.string) != 2]
    assert not wrong, wrong


def test_translations_keep_the_fields():
    wrong = []
    for m in MESSAGES:
        ids = m.id if m.pluralizable else [m.id]
        strings = m.string if m.pluralizable else [m.string]
        wrong += [m.id for i, s in zip(ids, strings, strict=False) if _fields(i) != _fields(s)]
    assert not wrong, wrong


def test_no_stale_translations():
    used = {key for _, _, key in CALLS}
    stale = sorted(set(NL) - used, key=repr)
    assert not stale, f"in {PO.name} but no longer used (run `make translations`): {stale}"


def test_the_compiled_catalogue_is_up_to_date():
    """The .mo the app reads says what the .po says (the app does not need Babel)."""
    compiled = io.BytesIO()
    write_mo(compiled, CATALOG, use_fuzzy=False)
    compiled.seek(0)
    expected = gettext.GNUTranslations(compiled)._catalog
    with MO.open("rb") as f:
        actual = gettext.GNUTranslations(f)._catalog
    assert actual == expected, f"{MO.name} is older than {PO.name}: run `make translations`"


def test_dutch_comes_from_the_catalogue():
    try:
        i18n.set_language("nl")
        assert i18n.t("today") == "vandaag"
        assert i18n.n_(1, "{n} day", "{n} days") == "1 dag"
        assert i18n.n_(3, "{n} day", "{n} days") == "3 dagen"
        assert i18n.n_(0, "{n} day", "{n} days") == "0 dagen"
        assert i18n.p_("no such context", "today") == "today"  # not in it: English
        assert i18n.t("") == ""  # not the catalogue's header
    finally:
        i18n.set_language("en")
    assert (i18n.t("today"), i18n.n_(1, "{n} day", "{n} days")) == ("today", "1 day")


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        ("nl", {}, "nl"),
        (None, {"LAUNCHTUI_LANG": "nl"}, "nl"),
        (None, {"LANG": "nl_NL.UTF-8"}, "nl"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "nl_SR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_comes_from_option_env_then_locale(option, env, expected):
    assert i18n.resolve(option, env) == expected


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(i18n.UnknownLanguage, match="LAUNCHTUI_LANG: unknown language 'fr'"):
        i18n.resolve(None, {"LAUNCHTUI_LANG": "fr"})


def test_switching_language_changes_texts_and_dates():
    import datetime as dt

    day = dt.date(2026, 11, 3)
    try:
        i18n.set_language("nl")
        assert (i18n.day_name(day), i18n.month_name(day)) == ("di", "nov")
    finally:
        i18n.set_language("en")
    assert (i18n.day_name(day), i18n.month_name(day)) == ("Tue", "Nov")


def test_in_language_speaks_the_language_for_the_block_only():
    """A Dutch mail while the screen speaks English: the block is Dutch, after it English."""
    import datetime as dt
    import threading

    day = dt.date(2026, 11, 3)
    assert i18n.language() == "en"
    with i18n.in_language("nl") as lang:
        assert lang == "nl" and i18n.language() == "nl"
        assert i18n.t("today") == "vandaag"
        assert i18n.n_(2, "{n} day", "{n} days") == "2 dagen"
        assert (i18n.long_day_name(day), i18n.long_month_name(day)) == ("dinsdag", "november")
        seen = []
        other = threading.Thread(target=lambda: seen.append(i18n.t("today")))
        other.start()
        other.join()
        assert seen == ["today"]  # another thread (the UI) keeps the process's language
    assert (i18n.language(), i18n.t("today")) == ("en", "today")


def test_in_language_keeps_its_language_when_the_process_switches():
    try:
        i18n.set_language("nl")
        with i18n.in_language("en"):
            assert i18n.t("today") == "today"
        assert i18n.t("today") == "vandaag"
    finally:
        i18n.set_language("en")


def test_one_list_of_languages():
    from launchtui.domain import checklist_files, comms
    from launchtui.services import retro

    assert checklist_files.LANGS is comms.LANGS is retro.LANGS is i18n.LANGS
