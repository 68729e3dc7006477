"""The offline gazetteer: a compact SQLite index built once from pip packages.

    from tacitus.places.gazetteer import Gazetteer
    gaz = Gazetteer.open()          # builds into the cache folder on first use
    gaz.lookup("Deir ez-Zor")       # -> (Place, ...)
"""
from tacitus.places.gazetteer.index import Gazetteer, gazetteer_path

__all__ = ["Gazetteer", "gazetteer_path"]
