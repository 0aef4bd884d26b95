"""A saved web page (.html, .htm), read with lxml: the page's content, never its furniture.

ICBs publish their constitution as one page per section inside the site's
template: navigation, a header and footer, breadcrumbs, a cookie banner,
scripts. Only the content is read: the ``<main>`` element (or ``[role=main]``,
or the one ``<article>``) where the page has one, else the body; and inside
it, nothing that is navigation, a header or footer, a form, a cookie or
consent banner, a script, a style sheet or an embedded object.

Scripts and remote resources (images, style sheets, frames) are ignored,
never fetched and never run: the parser is told not to touch the network and
not to resolve entities, and nothing reads ``src`` or ``href``. A saved page
nearly always has scripts, so refusing them would refuse every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from icscheck.documents.blocks import Block, DocumentError, MissingExtra, clean, row

SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "svg",
        "canvas",
        "video",
        "audio",
        "map",
        "dialog",
        "head",
    ]
)
SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"})
FURNITURE = re.compile(
    r"cookie|consent|gdpr|banner|breadcrumb|skip-?link|skip-?to|site-?nav|navbar|menu|masthead"
    r"|site-?header|site-?footer|social|share|newsletter|feedback",
    re.IGNORECASE,
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = frozenset({"p", "li", "tr", "dt", "dd", "blockquote", "pre", "caption", "figcaption"})


def read(path: str, raw: bytes) -> list[Block]:
    try:
        import lxml.html  # type: ignore[import-untyped]
        from lxml import etree
    except ImportError:
        raise MissingExtra(path, "lxml") from None
    # A page that says nothing of its encoding is most likely UTF-8; lxml would guess Latin-1.
    try:
        raw.decode("utf-8")
        encoding: str | None = "utf-8"
    except UnicodeDecodeError:
        encoding = None
    parser = lxml.html.HTMLParser(
        encoding=encoding,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        recover=True,
        huge_tree=False,
    )
    try:
        root = lxml.html.document_fromstring(raw, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as error:
        raise DocumentError(
            path, f"is not a readable web page ({clean(str(error))[:120]})"
        ) from None
    return list(_walk(path, _content(root)))


def _content(root: Any) -> Any:
    for query in ("//main", "//*[@role='main']", "//article"):
        found = [node for node in root.xpath(query) if not _furniture(node)]
        if len(found) == 1:
            return found[0]
    body = root.find("body")
    return root if body is None else body


def _furniture(node: Any) -> bool:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag.lower() in SKIP_TAGS:
        return True
    if (node.get("role") or "").lower() in SKIP_ROLES:
        return True
    if node.get("hidden") is not None or (node.get("aria-hidden") or "") == "true":
        return True
    marks = " ".join(node.get(name) or "" for name in ("id", "class", "aria-label"))
    return bool(marks.strip()) and bool(FURNITURE.search(marks))


def _walk(path: str, node: Any) -> Iterator[Block]:
    """The blocks of ``node``, in document order: each heading, paragraph, item and row."""
    stack = [node]
    while stack:
        current = stack.pop()
        if not isinstance(current.tag, str) or _furniture(current):
            continue
        tag = current.tag.lower()
        if tag in HEADINGS:
            text = clean(current.text_content())
            if text:
                yield Block(path, "heading", text)
            continue
        if tag == "tr":
            cells = [
                c.text_content()
                for c in current
                if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")
            ]
            found = row(path, cells)
            if found is not None:
                yield found
            continue
        if tag in BLOCK_TAGS and not _has_blocks(current):
            text = _text(current)
            if text:
                yield Block(path, "item" if tag in ("li", "dd") else "paragraph", text)
            continue
        # A <div> or <li> holding text of its own beside its blocks: the text is a paragraph.
        own = clean(current.text or "")
        if own and tag not in ("ul", "ol", "table", "tbody", "thead", "dl"):
            yield Block(path, "item" if tag == "li" else "paragraph", own)
        stack.extend(reversed(list(current)))


def _has_blocks(node: Any) -> bool:
    return any(
        isinstance(child.tag, str)
        and child.tag.lower() in BLOCK_TAGS | HEADINGS | {"ul", "ol", "table", "div"}
        for child in node.iterdescendants()
    )


def _text(node: Any) -> str:
    """The text of ``node`` without the text of any furniture inside it."""
    parts: list[str] = []

    def collect(current: Any) -> None:
        if isinstance(current.tag, str) and _furniture(current):
            parts.append(current.tail or "")
            return
        parts.append(current.text or "")
        for child in current:
            collect(child)
        parts.append(current.tail or "")

    parts.append(node.text or "")
    for child in node:
        collect(child)
    return clean("".join(parts))
