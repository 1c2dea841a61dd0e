"""`launchtui` and `python -m launchtui`: the command line, started with the collector
paused (launchtui/startup.py)."""

from launchtui.startup import pause_collector


def main() -> None:
    pause_collector()
    from launchtui.cli.main import main as command_line

    command_line()


if __name__ == "__main__":
    main()
