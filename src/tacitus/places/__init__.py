"""Places, in one home: the gazetteer (``gazetteer/``), finding place names in the text
(``finding``, with its word lists in ``words``) with what the words around each say of it
(``attaching``), resolving each to one gazetteer place from what the whole article says
(``context``, ``resolving``), and choosing an event's place among those named with it
(``choosing``, from the attachments: it never reads the text).

This package's ``__init__`` imports nothing, so that loading the gazetteer (a resource)
does not load the stages that read it.
"""
