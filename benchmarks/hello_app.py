"""The reference for start-up and memory: a hello-world Textual app, a Header and a Footer.

    python benchmarks/hello_app.py

Its footer shows "Quit hello" (the text the benchmark waits for); `q` quits.
"""

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header


class HelloApp(App):
    TITLE = "hello"
    BINDINGS = [Binding("q", "quit", "Quit hello")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Footer()


if __name__ == "__main__":
    HelloApp().run()
