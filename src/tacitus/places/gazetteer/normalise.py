"""Name keys: how a place name written one way finds the same place written another.

``key`` is the exact key (diacritics, case, punctuation, Arabic articles and common
transliteration variants folded: "Deir ez-Zor", "Dayr az Zawr" and "Deir-ez-Zor" differ
only in vowels, so they meet in ``loose_key``; "al-Hamidiya" and "Hamidiyah" share ``key``).
``loose_key`` also drops inner vowels and folds consonant spellings; it is for a
lower-confidence fallback only. Both are pure functions of the string, used the same way
when the index is built and when text is looked up.
"""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

# Letters NFKD does not decompose into ASCII.
_EXTRA_FOLD = str.maketrans({
    "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss",
    "đ": "d", "Đ": "d", "ħ": "h", "Ħ": "h", "þ": "th", "ð": "d", "œ": "oe", "Œ": "oe",
    "ŀ": "l", "ĸ": "k",
})
# Apostrophe-like marks (ayn, hamza, curly quotes) vanish: "Ma'arat" == "Maarat".
_DROP = re.compile(r"['’‘`´ʿʾʻʼ′]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"([a-z])\1+")

# Arabic definite article as transliterated; dropped at the start of a multi-word name
# and inside one ("Deir ez-Zor", "Dar es Salaam", "Ras al Ain").
_LEADING_ARTICLES = frozenset(
    "al el ad ar as az an at ash ath adh ed ez es et en er ul".split()
)
# Persian ezafe ("Nahr-e Saraj", "Nahri Saraj", "Dahana i Ghuri") joins like an article.
_INNER_ARTICLES = frozenset("al el ad ar as az an at ash ed ez es et ul e i ye".split())

# Whole-token variants of one written word.
_TOKEN_FOLD = {
    "dayr": "deir", "dair": "deir", "deyr": "deir", "der": "deir",
    "abou": "abu", "bou": "bu", "sheikh": "shaykh", "shaikh": "shaykh", "sheik": "shaykh",
    "shekh": "shaykh", "saint": "st", "mount": "mt", "jabal": "jebel", "jbel": "jebel",
    "tal": "tel", "tell": "tel", "ain": "ayn", "ein": "ayn", "ayin": "ayn",
}
# Feminine/nisba endings: -iya, -iyah, -iyeh, -iyya, -ieh are one ending.
_SUFFIX = re.compile(r"(?:iyyah|iyyeh|iyya|iyah|iyeh|iya|ieh)$")
_VOWELS = re.compile(r"[aeiouy]")


def fold(text: str) -> str:
    """Lower-case ASCII with diacritics removed; other characters left as they are."""
    if text.isascii():
        return text.lower()  # the common case in English text: nothing to decompose
    text = text.translate(_EXTRA_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (Arabic/Cyrillic alternates are not kept)."""
    for c in text:
        if c.isalpha() and not ("LATIN" in unicodedata.name(c, "")):
            return False
    return True


def tokens(name: str) -> tuple[str, ...]:
    """The folded word tokens of a name, before articles and variants are handled."""
    folded = _DROP.sub("", fold(name))
    return tuple(t for t in _NON_ALNUM.split(folded) if t)


def _fold_token(tok: str) -> str:
    tok = _TOKEN_FOLD.get(tok, tok)
    tok = tok.replace("ou", "u")
    tok = _DOUBLE.sub(r"\1", tok)
    if len(tok) > 4:
        tok = _SUFFIX.sub("iya", tok)
    if len(tok) > 4 and tok.endswith(("ah", "eh")):
        tok = tok[:-2] + "a"  # "Raqqah"/"Raqqa", "Hasakeh"/"Hasakah": one final vowel
    return tok


@lru_cache(maxsize=1 << 16)
def key(name: str) -> str:
    """The exact match key: "Deir ez-Zor" -> "deir zor", "al-Hamidiyah" -> "hamidiya".

    Cached: the same names recur across an article's mentions and candidates, and a
    batch's articles share most of them."""
    toks = list(tokens(name))
    if len(toks) > 1 and toks[0] in _LEADING_ARTICLES:
        toks = toks[1:]
    # Glued article: "Al-Bukamal" -> "bukamal" is done by splitting above; "Albukamal"
    # stays as written (too risky to cut "al" off every word starting with it).
    if len(toks) > 2:
        # inner articles and ezafe go; so does an ezafe glued to the first word below
        toks = [toks[0]] + [t for t in toks[1:-1] if t not in _INNER_ARTICLES] + [toks[-1]]
    return " ".join(_fold_token(t) for t in toks)


def loose_key(name: str) -> str:
    """The fallback key: no spaces, inner vowels dropped, consonant spellings folded.

    "Mayadin"/"Mayadeen", "Raqqa"/"Rakka", "Deir ez-Zor"/"Dayr az Zawr" share it.
    """
    k = key(name).replace(" ", "")
    if not k:
        return ""
    for a, b in (("kh", "k"), ("gh", "g"), ("q", "k"), ("sh", "s"), ("ch", "s"), ("th", "t"),
                 ("dh", "d"), ("ph", "f"), ("w", "u"), ("ck", "k"), ("c", "k")):
        k = k.replace(a, b)
    k = k[0] + _VOWELS.sub("", k[1:])
    k = _DOUBLE.sub(r"\1", k)
    return k.rstrip("h") or k
