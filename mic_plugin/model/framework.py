"""The quality framework as records: its actors, stages and markers (read and checked by
:mod:`mic_plugin.load.framework`; the default ships as ``mic_plugin/data/framework.yml``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_FRAMEWORK = Path(__file__).resolve().parent.parent / "data" / "framework.yml"


@dataclass(frozen=True)
class Part:
    """An actor (the organisation, a person) or a stage (planning, access, ...) of the framework."""

    id: str
    name: str
    help: str = ""


Actor = Stage = Part


@dataclass(frozen=True)
class Marker:
    id: str
    actor: str
    stage: str
    text: str
    help: str = ""
    figure: str = ""


@dataclass(frozen=True)
class Framework:
    id: str
    title: str
    source: str
    actors: tuple[Actor, ...]
    stages: tuple[Stage, ...]
    markers: tuple[Marker, ...]
    url: str = ""
    path: str = field(default="", compare=False)  # the file it was read from ('' when made in code)
    display: str = field(default="", compare=False)  # how messages name that file

    @property
    def is_default(self) -> bool:
        """The built-in framework, whose words the plugin's message catalogue translates."""
        return self.path == str(DEFAULT_FRAMEWORK)

    def markers_for(self, actor: str | None = None, stage: str | None = None) -> list[Marker]:
        return [m for m in self.markers if (actor is None or m.actor == actor) and (stage is None or m.stage == stage)]

    def marker(self, marker_id: str) -> Marker | None:
        return self._by_id.get(marker_id)

    @functools.cached_property
    def _by_id(self) -> dict[str, Marker]:
        return {m.id: m for m in self.markers}


__all__ = ["DEFAULT_FRAMEWORK", "Actor", "Framework", "Marker", "Part", "Stage"]
