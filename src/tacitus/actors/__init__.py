"""Actors, in one home: the dictionary built from data/ (``dictionary``), finding actor
mentions in the text (``finding``), an actor's role in its event from the parse
(``roles``), and the side it is in an event: ACLED's name and inter code for the event's
country and date (``sides``).

This package's ``__init__`` imports nothing, so that loading the dictionary (a resource)
does not load the stages that read it.
"""
