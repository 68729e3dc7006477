"""Bytes to text: size limit, binary sniffing and the charset cascade.

The cascade is UTF-8 (with or without BOM; a text of UTF-8 with a few stray
Latin-1 bytes keeps its UTF-8), UTF-16 with BOM, the charset the document declares
(HTML meta or XML declaration), then cp1252 only if every byte decodes. Anything else is refused with a reason, never guessed.
"""
from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from tacitus.errors import InputError

MAX_BYTES = 50 * 1024 * 1024  # 50 MB: bigger inputs are refused before reading them all
_SNIFF = 8192
# A declared charset in the first bytes: <meta charset=..>, content="...; charset=..",
# or an XML declaration's encoding="..".
_DECLARED = re.compile(
    rb"""(?:charset\s*=\s*["']?|<\?xml[^>]*encoding\s*=\s*["'])([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# Control characters that never occur in text (tab, newlines, form feed and ESC excepted).
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13, 27}


def read_bytes(path: str) -> bytes:
    """The raw bytes of `path` (or stdin for "-"), refusing anything over MAX_BYTES."""
    if path == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError("<stdin>", "larger than 50 MB")
        return data
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if size > MAX_BYTES:
        raise InputError(path, "larger than 50 MB")
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:  # the file grew after stat
        raise InputError(path, "larger than 50 MB")
    return data


# Well-formed UTF-8 runs, or one byte that is not part of one.
_UTF8_RUN = re.compile(
    rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2})+|.", re.S)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _mostly_utf8(data: bytes) -> str | None:
    """A text that is UTF-8 but for a few stray bytes (a Latin-1 name pasted into it):
    the UTF-8 decoded as UTF-8 and each stray byte as cp1252 (Latin-1 where cp1252 has
    no character). None unless the UTF-8 sequences are at least as many as the stray bytes."""
    runs = _UTF8_RUN.findall(data)
    stray = sum(1 for r in runs if len(r) == 1 and r[0] >= 0x80)
    if not stray or len(_UTF8_MULTIBYTE.findall(data)) < stray:
        return None
    return "".join(r.decode("utf-8") if not (len(r) == 1 and r[0] >= 0x80) else _one_byte(r) for r in runs)


def _one_byte(b: bytes) -> str:
    try:
        return b.decode("cp1252")
    except UnicodeDecodeError:
        return b.decode("latin-1")


def declared_charset(data: bytes) -> str | None:
    """The charset the document declares in its first bytes, if Python knows it."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b in _CONTROL)
    return controls > len(head) * 0.05


def _mostly_controls(text: str) -> bool:
    head = text[:_SNIFF]
    bad = sum(1 for ch in head if ord(ch) in _CONTROL or 0x7F <= ord(ch) < 0xA0)
    return bad > len(head) * 0.05


def decode(data: bytes, origin: str) -> str:
    """Text from `data`, or an InputError naming `origin` (binary, empty, undecodable)."""
    if data.startswith(codecs.BOM_UTF8):
        candidates: list[str] = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    else:
        if _looks_binary(data):
            raise InputError(origin, "binary data, not text")
        candidates = ["utf-8"]
        declared = declared_charset(data)
        if declared and declared not in candidates:
            candidates.append(declared)
        candidates.append("cp1252")
    text: str | None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            text = _mostly_utf8(data) if encoding == "utf-8" else None
            if text is None:
                continue
        if _mostly_controls(text):
            raise InputError(origin, "binary data, not text")
        if not text.strip():
            raise InputError(origin, "empty input")
        return text
    raise InputError(origin, "cannot decode text (not UTF-8, UTF-16 or a declared charset)")
