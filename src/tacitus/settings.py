"""Knobs of the pipeline, frozen; read from a TOML file or given in code."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from tacitus.errors import TacitusError


@dataclass(frozen=True, slots=True)
class Settings:
    # Events below this confidence are withheld unless `show_withheld` is set.
    min_confidence: float = 0.5
    show_withheld: bool = False

    @classmethod
    def from_toml(cls, path: Path) -> Settings:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise TacitusError(f"{path}: cannot read settings: {exc}") from exc
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise TacitusError(f"{path}: unknown settings {sorted(unknown)}")
        return cls(**data)
