"""The public surface is pinned: a change to it is a deliberate, reviewed change."""
import tacitus


def test_exported_members_are_pinned():
    assert tacitus.__all__ == [
        "ACLED_COLUMNS", "Article", "Event", "InputError", "Overrides", "Pipeline", "Settings",
        "SourceDetail", "Span", "TacitusError", "article_from_text", "event_row",
        "process_article", "read_articles", "read_inputs",
    ]


def test_exported_members_all_resolve():
    for name in tacitus.__all__:
        assert getattr(tacitus, name) is not None


def test_unknown_member_is_an_attribute_error():
    import pytest

    with pytest.raises(AttributeError):
        tacitus.not_a_member  # noqa: B018
