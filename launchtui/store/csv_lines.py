"""Issue rows rendered as CSV lines by SQLite itself, one `printf()` per row.

Why: for 100,000 issues Python's `csv` module has 1.7 million cell objects to build,
inspect and quote; SQLite formats the same rows in C about four times faster, which is
what keeps `export issues --format csv` within twice `sqlite3 -csv` (benchmarks/run.py).

The dialect, which any CSV reader takes:

- user text is always quoted, a `"` inside doubled, so commas and line breaks stay in
  their cell; a text that a spreadsheet would run as a formula gets a leading `'`
  (`launchtui.exporters.spreadsheet.FORMULA_STARTS`);
- numbers, fixed words and timestamps are bare; NULL is an empty cell;
- the caller ends each line with CRLF, as `csv.writer` does;
- the caller (`launchtui.exporters.issues.write_csv_lines`) replaces control characters with
  U+FFFD (`launchtui.text.safe.clean_crlf_lines`), not SQLite: a `GLOB '*[...]*'` test of each
  text cell costs 0.55 s over 100,000 issues (0.1 s for a class of printable ASCII alone),
  SQLite reading its character class afresh at each position; the writer checks the
  rendered lines 64 at a time, in C, in about 0.01 s over 100,000 issues, and cleans line by
  line only where it finds such a character. The formula guard below looks at the stored
  first character, so a cell starting with a CR is quoted before its CR shows as U+FFFD.
"""

from __future__ import annotations

from collections.abc import Iterable

from launchtui.exporters.spreadsheet import FORMULA_STARTS

_CODES = ", ".join(str(ord(c)) for c in FORMULA_STARTS)
# Every formula start sorts before "A" (a unit test holds it to that), so a plain
# comparison settles most cells, such as a title starting with a letter, without a
# function call: a fifth of the export's time.


def csv_line_sql(columns: Iterable[str], text: Iterable[str]) -> str:
    """One SQL expression rendering a row of `columns` as a CSV line; `text` are the
    columns that hold user text (quoted and guarded), the others are written bare."""
    quoted = set(text)
    formats: list[str] = []
    args: list[str] = []
    for column in columns:
        name = f'"{column}"'
        if column in quoted:
            # `%w` doubles each `"`; it prints NULL as "(NULL)", hence ifnull.
            formats.append('"%s%w"')
            args.append(f"iif(unicode({name}) IN ({_CODES}), '''', '')")
            args.append(f"ifnull({name}, '')")
        else:
            formats.append("%s")  # NULL prints as nothing
            args.append(name)
    return f"printf('{','.join(formats)}', {', '.join(args)})"
