"""Text from a pull request, on its way to an output: the one place that makes it safe to show.

Whatever a constitution says (values, keys, waiver comments), whatever its
file is called, and whatever a house rule record says reaches some output,
and every output has a reader with dangerous characters of its own:

- a **terminal or CI log** (the text reports, stderr): control characters
  (ESC starts colour, cursor, screen-clearing, title and clipboard (OSC 52)
  sequences; C1's CSI does the same in one byte), line breaks that start a
  line of the attacker's choosing, bidirectional controls that make text read
  in another order, and characters that are not characters at all (lone
  surrogates from a file name that is not UTF-8, U+FFFE). GitHub Actions also
  runs any log line that starts, after whitespace, with ``::`` (and any line
  holding ``##[``, the older form) as a workflow command: ``::add-mask::``,
  ``::stop-commands::``, ``::error``.
- **Markdown** (a pull-request comment, a board paper): markup, links, HTML,
  table cells, and ``@mentions`` that notify people.
- **HTML and XML**: markup, and characters XML cannot hold.
- **JSON**: nothing breaks the syntax (the encoder escapes quotes and C0),
  but a report is also read with ``cat``: C1, DEL, line and paragraph
  separators and bidirectional controls are written as ``\\uXXXX`` escapes,
  so the value a tool reads back is exact and the bytes are inert.
- **GitHub workflow commands**: their own ``%`` escapes.

Each function takes the text as it is and returns it for one consumer;
reporters and the command line call them on every string that did not come
from icscheck itself. ``text`` is the base of every human format: a
character it would not show is written as an escape (``\\x1b``, ``\\n``,
``\\u202e``), so the reader sees that it is there instead of what it does.
"""

from __future__ import annotations

import html as _html
import json as _json
import re
from typing import Any

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_INERT = (
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional controls
    "\u2028\u2029"  # line and paragraph separators
    "\U000e0000-\U000e007f" + _NONCHARACTERS  # tag characters: invisible text
)
_SHOWN = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_INERT}]")
"""What ``text`` writes as an escape: C0 (line breaks and tabs too), DEL, C1,
lone surrogates, and the characters above."""
_JSON_RAW = re.compile(f"[\x7f-\x9f\ud800-\udfff{_INERT}]")
"""What a JSON encoder leaves raw that ``json`` escapes (it escapes C0 itself)."""
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LEGACY_COMMAND = "##["
_LEGACY_SHOWN = "#\\x23["


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8, as Python decodes it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def text(value: str) -> str:
    """``value`` as one line of plain text for a person: nothing in it can act or hide.

    Line breaks, tabs, control characters, bidirectional controls, tag
    characters, noncharacters and lone surrogates become visible escapes, and
    so does the second ``#`` of ``##[`` (GitHub's older workflow commands
    are found anywhere in a line of whatever format reaches a log);
    everything else is left as written.
    """
    return _SHOWN.sub(_escape, value).replace(_LEGACY_COMMAND, _LEGACY_SHOWN)


_COMMAND = re.compile(r"^(\s*):(?=:)", re.M)


def log(rendered: str) -> str:
    """Plain-text output (many lines) that no CI log reads as a command.

    For output already made of ``text``: a line that begins with ``::`` after
    whitespace has its first colon written as ``\\x3a``, and ``##[`` anywhere
    becomes ``#\\x23[``. Applied to whole lines, after wrapping, because a
    wrapped line can begin anywhere in a long value.
    """
    return _COMMAND.sub(r"\1\\x3a", rendered).replace(_LEGACY_COMMAND, _LEGACY_SHOWN)


def line(value: str) -> str:
    """One line for stderr or a terminal: ``text``, then ``log``."""
    return log(text(value))


# Markdown ------------------------------------------------------------------------------------

_ACTIVE = re.compile(r"([\\`*{}\[\]<>#|~$]|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|&(?=#?\w+;))")
"""What can start inline markup: emphasis, code, links, HTML, an entity, math, a cell.

An underscore inside a word (``published_url``) cannot, so it stays readable.
"""
_MENTION = re.compile(r"(?<![0-9A-Za-z_])@(?=[0-9A-Za-z])")
"""An ``@`` where GitHub would see a mention (``@everyone``, ``@org/team``); after a
letter or digit (``kim@example.org``) it cannot start one."""
_ZERO_WIDTH_SPACE = "&#8203;"


def markdown(value: str) -> str:
    """Text as inline Markdown that shows as written, on one line, and notifies no one.

    Markup characters are backslash-escaped; a zero-width space after an
    ``@`` that could start a mention keeps GitHub from notifying anyone
    (a backslash would not: mentions are found in the rendered text).
    """
    escaped = _ACTIVE.sub(r"\\\1", text(value))
    return _MENTION.sub("@" + _ZERO_WIDTH_SPACE, escaped)


def markdown_linked(value: str) -> str:
    """``markdown``, with each http or https address in it an autolink (``<https://...>``).

    Only addresses of those two schemes, made of the characters a URI may hold
    (RFC 3986), become links, so no ``javascript:`` or ``data:`` address, and
    nothing that could end the autolink, can; the rest is escaped as ``markdown``
    escapes it.
    """
    return "".join(
        f"<{part}>" if is_link else markdown(part) for part, is_link in _links(text(value))
    )


def markdown_code(value: str) -> str:
    """An inline code span that holds any text, backticks included.

    Backslashes do not escape inside code spans, so a backtick in the text is
    fenced by a longer run of backticks instead. GitHub finds no mention in code.
    """
    value = text(value)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def markdown_fence(body: str, info: str) -> str:
    """A fenced code block whose fence no line of ``body`` can close."""
    longest = max((len(run) for run in re.findall(r"`{3,}", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body.rstrip()}\n{fence}"


# HTML, XML, JSON and workflow commands -------------------------------------------------------


def html(value: str) -> str:
    """Text for HTML or XML element content or a quoted attribute."""
    return _html.escape(text(value))


def html_linked(value: str) -> str:
    """``html``, with each http or https address in it a link to that address.

    As ``markdown_linked``: only those two schemes, and only the characters a URI
    may hold, so the address cannot leave its quoted ``href`` or run script.
    """
    return "".join(
        (
            f'<a href="{_html.escape(part)}" rel="nofollow noopener noreferrer">'
            f"{_html.escape(part)}</a>"
        )
        if is_link
        else _html.escape(part)
        for part, is_link in _links(text(value))
    )


# Links ---------------------------------------------------------------------------------------

_URL = re.compile(r"(<)?(https?://[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+)(?(1)>)", re.IGNORECASE)
"""An http or https address, of RFC 3986's characters; ``<...>`` round it (as a
source's text shows its URL) is taken with it."""
_TRAILING = ".,;:!?"


def _links(value: str) -> list[tuple[str, bool]]:
    """``value`` (already ``text``) in parts: plain text, and the addresses in it."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for match in _URL.finditer(value):
        url, end = match.group(2), match.end()
        if match.group(1) is None:
            # In running text, a full stop or closing bracket after an address ends
            # the sentence, not the address.
            while url and (
                url[-1] in _TRAILING or (url[-1] == ")" and url.count(")") > url.count("("))
            ):
                url, end = url[:-1], end - 1
        if len(url) <= url.find("://") + len("://"):
            continue  # nothing after the scheme: not an address
        if match.start() > at:
            parts.append((value[at : match.start()], False))
        parts.append((url, True))
        at = end
    if at < len(value):
        parts.append((value[at:], False))
    return parts


def xml(value: str) -> str:
    """Text for an XML serializer that escapes markup itself (ElementTree): only
    what XML cannot hold, or a reader should not be sent, is left to ``text``."""
    return text(value)


def json(data: Any, *, ascii: bool, indent: int | None = 2) -> str:
    """``data`` as JSON text whose values read back exactly and whose bytes are inert."""
    encoded = _json.dumps(data, indent=indent, ensure_ascii=ascii)
    # These characters (and "#", which JSON's syntax never uses) can only be inside
    # strings, where an escape stands for the same character.
    return _JSON_RAW.sub(_json_escape, encoded).replace(_LEGACY_COMMAND, "#\\u0023[")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def ascii_only(stream: Any) -> bool:
    """Whether JSON for ``stream`` must escape all non-ASCII text: unless it is UTF-8,
    the output must parse whatever the locale."""
    encoding = getattr(stream, "encoding", None) or "utf-8"  # a StringIO holds text
    return str(encoding).lower().replace("-", "").replace("_", "") != "utf8"


def workflow_data(value: str) -> str:
    """A GitHub workflow command's message (already ``text``): ``%`` and line breaks
    escaped as the runner decodes them, so it cannot end the command or start another."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(value: str) -> str:
    """A workflow command's property value: as a message, and ``:`` and ``,`` too."""
    return workflow_data(value).replace(":", "%3A").replace(",", "%2C")
