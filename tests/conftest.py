"""Shared fixtures: the full resources load once per test session (parser, gazetteer)."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def pipeline():
    from tacitus.pipeline import Pipeline
    from tacitus.resources import Resources

    return Pipeline(resources=Resources.load())
