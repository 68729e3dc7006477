"""Read-only resources, loaded once and shared by every stage: lexicons, actor
dictionary, gazetteer and the spaCy parser."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tacitus.lexicon import Lexicon
from tacitus.mention.casualties import PersonNouns
from tacitus.outlets import OutletIndex

if TYPE_CHECKING:
    from spacy.language import Language

    from tacitus.actors import ActorIndex
    from tacitus.gazetteer import Gazetteer


@dataclass(frozen=True, slots=True)
class Resources:
    lexicon: Lexicon
    persons: PersonNouns
    actors: ActorIndex
    gazetteer: Gazetteer
    outlets: OutletIndex
    nlp: Language | None  # None: roles are read by word order alone (faster, less exact)

    @classmethod
    def load(cls, *, gazetteer_path: Path | None = None, parse: bool = True) -> Resources:
        from tacitus.actors import ActorIndex
        from tacitus.analyse import load_parser
        from tacitus.gazetteer import Gazetteer

        return cls(
            lexicon=Lexicon.load(),
            persons=PersonNouns.load(),
            actors=ActorIndex.load(),
            gazetteer=Gazetteer.open(gazetteer_path),
            outlets=OutletIndex.load(),
            nlp=load_parser() if parse else None,
        )
