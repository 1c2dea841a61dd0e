"""The catalogue's developer tools that pybabel lacks: `make translations` runs them.

    python tools/messages.py extract launchtui/locale/launchtui.pot
    python tools/messages.py compile launchtui/locale/nl/LC_MESSAGES/launchtui.po

extract: add to the message template what `pybabel extract` cannot see.

`pybabel extract` finds the literals given to t, n_, N_ and p_, except inside f-strings
(before Python 3.12 an f-string is one token); and the help texts of the click commands
and options are docstrings and `help=` arguments, which it does not look for. This adds
both, and click's own plural texts (`launchtui.cli.click_words.PLURALS`), to the .pot
named on the command line: the calls by walking the package's syntax
trees, the help texts by walking the command tree (lazy groups load), each dedented as
`cli.translate_help` looks it up. It also drops Babel's `python-format` flag: the texts are
`str.format` templates, and a per cent sign in them is only a per cent sign.

compile: the .po to the .mo beside it, as `pybabel compile` does, but without its check of
`%` placeholders, which a per cent sign in a text ("% active daily") fails: Babel flags
such a text `python-format` again whenever it reads it. Fuzzy entries are left out.
"""

from __future__ import annotations

import ast
import inspect
import sys
from pathlib import Path

import click
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

import launchtui
from launchtui.cli import click_words
from launchtui.cli.main import cli

PACKAGE = Path(launchtui.__file__).parent


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def calls() -> list[tuple[str, int, str | tuple[str, str], str | None]]:
    """(file, line, message, context) of every literal t/N_/n_/p_ call in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        file = str(path.relative_to(PACKAGE.parent))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args, name = node.args, node.func.id
            if name in ("t", "N_") and args and (text := _literal(args[0])) is not None:
                found.append((file, node.lineno, text, None))
            elif name == "n_" and len(args) >= 3:
                one, many = _literal(args[1]), _literal(args[2])
                if one is not None and many is not None:
                    found.append((file, node.lineno, (one, many), None))
            elif name == "p_" and len(args) >= 2:
                context, text = _literal(args[0]), _literal(args[1])
                if context is not None and text is not None:
                    found.append((file, node.lineno, text, context))
    return found


def help_texts(command: click.Command) -> list[tuple[str, str]]:
    """(file, text) of every help text of `command` and its subcommands: help, short help,
    option help; the file is the one that defines the command."""
    ctx = click.Context(command)
    options = [p for p in command.params if isinstance(p, click.Option)]
    help_option = command.get_help_option(ctx)
    texts = [command.help, command.short_help]
    texts += [o.help for o in [*options, *([help_option] if help_option else [])]]
    source = Path(inspect.getsourcefile(inspect.unwrap(command.callback or type(command))))
    source = source.resolve()
    file = str(source.relative_to(PACKAGE.parent)) if source.is_relative_to(PACKAGE) else "click"
    found = [(file, inspect.cleandoc(text)) for text in texts if text]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and sub is not command:
                found += help_texts(sub)
    return found


def compile_po(po: str) -> None:
    with open(po, "rb") as f:
        catalog = read_po(f)
    mo = Path(po).with_suffix(".mo")
    with open(mo, "wb") as f:
        write_mo(f, catalog, use_fuzzy=False)
    print(f"compiled {po} to {mo}: {sum(1 for m in catalog if m.id)} messages")


def extract(pot: str) -> None:
    with open(pot, "rb") as f:
        catalog = read_po(f)
    for file, _line, message, context in calls():
        if catalog.get(message if isinstance(message, str) else message[0], context) is None:
            catalog.add(message, locations=[(file, None)], context=context)
    for file, text in help_texts(cli):
        if catalog.get(text) is None:
            catalog.add(text, locations=[(file, None)])
    for one, many in click_words.PLURALS:  # click's ngettext texts (its singulars are N_)
        if catalog.get(one) is None:
            catalog.add((one, many), locations=[("launchtui/cli/click_words.py", None)])
    for message in catalog:
        # The texts are str.format templates; '%' in them is a per cent sign.
        message.flags.discard("python-format")
    with open(pot, "wb") as f:
        write_po(f, catalog, width=76, sort_by_file=True, include_lineno=False)


if __name__ == "__main__":
    action, path = sys.argv[1:]
    {"extract": extract, "compile": compile_po}[action](path)
