"""Text from files made safe to print: a value is only ever text.

A title, a key or a file name can hold control characters: an escape
sequence that recolours or clears a terminal, a newline that starts a line
such as `::error::` in a CI log, bidirectional overrides that make a
reviewer read something else than what is there. Every output format
shows them visibly instead:

- `visible` for text on a terminal or in a log: C0 controls and DEL as the
  Unicode control pictures (`␛`, `␊`), other invisible and bidirectional
  characters as `\\u202e`-style escapes, bytes of a file name that are not
  UTF-8 as U+FFFD;
- `json_text` for JSON: the same characters as JSON escapes, so that the
  data are unchanged for a program and inert on a terminal.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 and C1 controls, DEL, line and paragraph separators, zero-width and
# bidirectional formatting characters, the BOM, and lone surrogates (file
# names that are not UTF-8, as Python keeps them).
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def _picture(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: ␊ for a line feed, ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control and invisible formatting character shown."""
    if _INVISIBLE.search(text) is None:
        return text
    return _INVISIBLE.sub(_picture, text)


# What json.dumps leaves raw: it escapes C0 controls inside strings itself,
# and the line breaks of indented output must stay line breaks.
_JSON_RAW = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04x}"


def json_text(value: Any, **options: Any) -> str:
    """JSON with non-ASCII letters as they are (readable Norwegian) and every
    control or invisible character escaped, which json.dumps leaves raw for
    DEL, C1 controls and the rest."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return _JSON_RAW.sub(_json_escape, text)
