.PHONY: check test lint

check: lint test

lint:
	ruff format --check launchtui tests benchmarks
	ruff check launchtui tests benchmarks

test:
	python3 -m pytest -n 2
