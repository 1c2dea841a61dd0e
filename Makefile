.PHONY: check test lint translations readme-keys

check: lint test

lint:
	ruff format --check launchtui tests benchmarks
	ruff check launchtui tests benchmarks
	lint-imports

test:
	python3 -m pytest -n 2

# The Dutch catalogue: extract every t/n_/N_/p_ literal and the command line's help texts
# into the template, merge it into the .po (a reworded text comes back fuzzy: translate it
# and drop the fuzzy flag), and compile the .mo that the app reads (kept in the tree: the
# app does not need Babel). Needs Babel (the test extras). See tools/messages.py.
LOCALE = launchtui/locale
translations:
	pybabel extract --no-default-keywords -k t -k n_:2,3 -k N_ -k p_:1c,2 \
		--add-location=file --sort-by-file --project=launchtui -o $(LOCALE)/launchtui.pot launchtui
	python3 tools/messages.py extract $(LOCALE)/launchtui.pot
	pybabel update --ignore-obsolete -i $(LOCALE)/launchtui.pot -d $(LOCALE) -D launchtui -l nl
	python3 tools/messages.py compile $(LOCALE)/nl/LC_MESSAGES/launchtui.po

# The README's key list, made from the key bindings (tests/ui/test_keys.py keeps it so).
readme-keys:
	python3 -c "from launchtui.tui.keys import write_readme; write_readme('README.md')"
