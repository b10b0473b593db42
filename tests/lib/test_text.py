import pytest

from tracker.lib.text import name_key


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Société Générale", "societe generale"),
        ("  société\tGÉNÉRALE \n", "societe generale"),
        ("Société  Générale", "societe generale"),
        ("a16z", "a16z"),
        ("A16Z", "a16z"),
        ("Straße Ventures", "strasse ventures"),
        ("Ｑｏｎｔｏ", "qonto"),  # full-width letters pasted from an Asian news site
        ("Mistral AI", "mistral ai"),
    ],
)
def test_names_typed_differently_share_one_key(typed, key):
    assert name_key(typed) == key


def test_names_that_differ_in_letters_keep_different_keys():
    assert name_key("Qonto") != name_key("Qanto")
    assert name_key("Index Ventures") != name_key("IndexVentures")


def test_blank_name_has_an_empty_key():
    assert name_key("   ") == ""
