"""One name per concept in the services (GLOSSARY): one style of archive API, one name for 帮带记录 and
for the list of mentorships."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from cadre_desk import services


def public_functions() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"cadre_desk.services.{info.name}")
        found[info.name] = [
            name
            for name, value in vars(module).items()
            if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_")
        ]
    return found


def test_archiving_is_archive_x_and_restore_x_everywhere() -> None:
    for module, names in public_functions().items():
        assert not [n for n in names if n.startswith("set_") and n.endswith("_archived")], module
        archived = {n.removeprefix("archive_") for n in names if n.startswith("archive_")}
        restored = {n.removeprefix("restore_") for n in names if n.startswith("restore_")}
        assert archived == restored, module


def test_mentorships_and_their_records_have_one_name() -> None:
    found = public_functions()
    names = {n for module in ("mentorship", "mentorship_records", "mentorship_lists") for n in found[module]}
    assert {"list_mentorships", "list_mentorship_rows", "count_mentorships"} <= names
    assert {"add_mentorship_record", "update_mentorship_record", "list_mentorship_records"} <= names
    assert not {"list_pairings", "count_pairings", "add_record", "update_record", "list_records"} & names
