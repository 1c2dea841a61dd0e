"""The command line: the click group and its core commands (`main`), one module per group of
subcommands, imported only when one of its commands runs (`LAZY_COMMANDS`)."""

from launchtui.cli.main import cli, main

__all__ = ["cli", "main"]
