"""What a user action changed, in the style of Anki's `OpChanges`: the main window hands the summary
to every page, and each refreshes only what it shows of it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Changes:
    cadres: bool = False
    units: bool = False
    pairings: bool = False
    diary: bool = False
    talks: bool = False
    cadre_ids: frozenset[int] | None = None  # the cadres changed; None: any may have changed

    @classmethod
    def everything(cls) -> Changes:
        """After an import or a merge: anything may have changed."""
        return cls(cadres=True, units=True, pairings=True, diary=True, talks=True)

    def touches_cadre(self, cadre_id: int | None) -> bool:
        return cadre_id is not None and self.cadres and (self.cadre_ids is None or cadre_id in self.cadre_ids)

    @property
    def records(self) -> bool:
        """Pairings, diary entries or talks: the status bar's record counts."""
        return self.pairings or self.diary or self.talks
