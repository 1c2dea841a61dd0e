"""Import figures from a CSV survey export (`launchtui metrics import FILE`): a path,
progress while it runs, then how many rows were saved and the bad ones, one line each."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from launchtui.services.adoption import ImportProgress
from launchtui.text.i18n import t
from launchtui.text.safe import one_line
from launchtui.tui.requests.adoption import FiguresImportRequested
from launchtui.tui.screens.form import Field, FormScreen
from launchtui.tui.widgets.translated import N_


class FiguresImport(FormScreen):
    def __init__(self) -> None:
        fields = [
            Field("path", N_("CSV file"), placeholder=N_("survey.csv")),
            Field("phase", N_("phase of rows without one (blank: current)")),
        ]
        super().__init__(
            N_("Import figures from a CSV file"),
            fields,
            self._request,
            note=lambda: t("Good rows are saved even when others are bad."),
        )

    def _request(self, values: dict[str, str]) -> FiguresImportRequested:
        self.file = one_line(values["path"])
        app = self.app

        def progress(step: ImportProgress) -> None:  # on the import's worker thread
            app.call_from_thread(self._progress, step)

        return FiguresImportRequested(path=values["path"], phase=values["phase"], progress=progress)

    def _progress(self, step: ImportProgress) -> None:
        if step.fraction is None:
            text = t("importing {file}: {rows} rows", file=self.file, rows=step.rows)
        else:
            text = t(
                "importing {file}: {rows} rows, {percent}%",
                file=self.file,
                rows=step.rows,
                percent=int(step.fraction * 100),
            )
        self.query_one("#form-error", Static).update(Content(text))
