"""The README documents every setting and every command of the command line."""

from __future__ import annotations

from pathlib import Path

from checker.cli import build_parser
from settings import SETTINGS, problems

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    for setting in SETTINGS:
        assert setting.name in README, setting.name
        assert setting.help


def _commands(parser, prefix=()):
    for action in parser._actions:
        if action.__class__.__name__ == "_SubParsersAction":
            for name, sub in action.choices.items():
                yield (*prefix, name)
                yield from _commands(sub, (*prefix, name))


def test_every_command_is_documented():
    for command in _commands(build_parser()):
        assert f"python -m checker {' '.join(command)}" in README, command


def test_a_wrong_setting_is_reported(monkeypatch):
    monkeypatch.setenv("FACTCHECK_TRANSLATION_MODEL", "gpt")
    assert any("FACTCHECK_TRANSLATION_MODEL" in p for p in problems())
    monkeypatch.setenv("FACTCHECK_TRANSLATION_MODEL", "")
    assert problems() == []
