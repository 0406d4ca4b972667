"""The user's names of the record kinds that search hits and home items open (services.search.KINDS)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def kind_label(kind: str) -> str:
    labels = {
        "cadre": QCoreApplication.translate("RecordKinds", "Cadre"),
        "diary": QCoreApplication.translate("RecordKinds", "Growth diary"),
        "comment": QCoreApplication.translate("RecordKinds", "Mentor comment"),
        "talk": QCoreApplication.translate("RecordKinds", "Talk record"),
        "mentorship": QCoreApplication.translate("RecordKinds", "Pairing"),
        "unit": QCoreApplication.translate("RecordKinds", "Unit"),
        "obligation": QCoreApplication.translate("RecordKinds", "Owed talk"),
        "pool_entry": QCoreApplication.translate("RecordKinds", "Pool entry"),
        "tolerance_case": QCoreApplication.translate("RecordKinds", "Fault-tolerance case"),
    }
    return labels.get(kind, kind)


def action_label(action: str) -> str:
    """An audit action (create / update / archive …) as the user says it."""
    labels = {
        "create": QCoreApplication.translate("RecordKinds", "Created"),
        "update": QCoreApplication.translate("RecordKinds", "Changed"),
        "archive": QCoreApplication.translate("RecordKinds", "Archived"),
        "restore": QCoreApplication.translate("RecordKinds", "Restored"),
        "submit": QCoreApplication.translate("RecordKinds", "Submitted"),
        "import": QCoreApplication.translate("RecordKinds", "Imported"),
        "print": QCoreApplication.translate("RecordKinds", "Printed"),
        "export": QCoreApplication.translate("RecordKinds", "Exported"),
    }
    return labels.get(action, action)
