"""Coding in batches (one parse over many articles' sentences) gives exactly what coding
one article at a time gives, in the same order, empty articles included."""
from __future__ import annotations

import datetime as dt

from tacitus.errors import InputError
from tacitus.samples import sample_articles
from tacitus.types import Article


def test_code_many_equals_one_by_one_on_the_samples(pipeline):
    articles = [a for a in sample_articles() if not isinstance(a, InputError)]
    empty = Article(id="empty", text="   ", url="", outlet="", published=dt.date(2024, 1, 2))
    articles.insert(3, empty)
    one_by_one = [pipeline.code(a) for a in articles]
    batched = list(pipeline.code_many(articles, batch_size=7))
    assert batched == one_by_one
    assert batched[3] == ()
    assert sum(len(e) for e in batched) > 20  # the samples hold many events


def test_code_many_of_nothing_is_nothing(pipeline):
    assert list(pipeline.code_many([])) == []
