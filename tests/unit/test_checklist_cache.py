"""The parsed-checklist cache: a hit gives what parsing gives; anything odd means parsing again."""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path

import pytest

from launchtui.domain import checklist_files
from launchtui.domain.checklist_cache import ParsedFiles, cache_dir
from launchtui.domain.checklist_files import shipped_dir, validate_folder


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "checklists"
    shutil.copytree(shipped_dir(), copy)
    return copy


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    real = checklist_files._parse_toml

    def counting(path: Path, text: str):
        parsed.append(path)
        return real(path, text)

    monkeypatch.setattr(checklist_files, "_parse_toml", counting)
    return parsed


def test_second_load_parses_nothing_and_loads_the_same(folder, monkeypatch) -> None:
    first, faults = validate_folder(folder)
    assert not faults
    parsed = _count_parses(monkeypatch)
    second, _ = validate_folder(folder)
    assert parsed == []
    assert second == first


def test_an_edited_file_is_parsed_again(folder, monkeypatch) -> None:
    validate_folder(folder)
    edited = sorted(folder.glob("*.toml"))[0]
    text = edited.read_text(encoding="utf-8")
    stat = edited.stat()
    # Same size, same modification time: only the text tells the edit apart.
    edited.write_text(text.replace("2 weeks before", "2 weeks ahead!", 1), encoding="utf-8")
    os.utime(edited, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert edited.stat().st_size == stat.st_size
    parsed = _count_parses(monkeypatch)
    loaded, _ = validate_folder(folder)
    assert parsed == [edited]
    assert loaded.windows[0].title["en"] == "2 weeks ahead!"


def test_a_broken_file_is_reported_even_after_a_good_parse_was_cached(folder) -> None:
    validate_folder(folder)
    broken = sorted(folder.glob("*.toml"))[0]
    broken.write_text("[window\n", encoding="utf-8")
    _, faults = validate_folder(folder)
    assert any("TOML syntax" in str(f) and f.file == broken for f in faults)


@pytest.mark.parametrize("content", [b"", b"garbage", marshal.dumps(("old", {})), b"\xe3" * 40])
def test_a_damaged_cache_only_means_parsing_again(folder, monkeypatch, content) -> None:
    expected, _ = validate_folder(folder)
    target = cache_dir() / "checklists.marshal"
    target.write_bytes(content)
    parsed = _count_parses(monkeypatch)
    loaded, faults = validate_folder(folder)
    assert (loaded, faults) == (expected, [])
    assert len(parsed) == len(list(folder.glob("*.toml")))


def test_empty_setting_turns_the_cache_off(folder, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("LAUNCHTUI_CACHE_DIR", "")
    assert cache_dir() is None
    validate_folder(folder)
    parsed = _count_parses(monkeypatch)
    validate_folder(folder)
    assert len(parsed) == len(list(folder.glob("*.toml")))


def test_an_unwritable_cache_folder_is_no_error(folder, monkeypatch, tmp_path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    monkeypatch.setenv("LAUNCHTUI_CACHE_DIR", str(blocker / "cache"))
    loaded, faults = validate_folder(folder)
    assert loaded.windows and not faults


def test_dates_in_a_table_are_not_cached(tmp_path) -> None:
    cache = ParsedFiles(tmp_path / "cache")
    path = tmp_path / "x.toml"
    path.write_text("x")
    import datetime as dt

    cache.put(path, "x", {"when": dt.date(2026, 1, 1)})
    cache.save()
    assert cache.get(path, "x") is None
    assert not (tmp_path / "cache" / "checklists.marshal").exists()


def test_linux_default_follows_xdg(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("LAUNCHTUI_CACHE_DIR")
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "launchtui"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/not/allowed")
    assert cache_dir() == Path.home() / ".cache" / "launchtui"
