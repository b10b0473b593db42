"""Turn a saved HTML page into its main text and metadata, without any network access."""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

try:  # trafilatura needs lxml_html_clean with lxml >= 5.2; fall back to plain lxml when it is missing.
    import trafilatura
except ImportError:  # pragma: no cover - depends on the installed packages
    trafilatura = None

import lxml.html
from lxml import etree

_DATE_RE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")
_SKIPPED_TAGS = ("script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe", "svg", "button")
_BLOCK_TAGS = ("h1", "h2", "h3", "p", "li", "blockquote")


@dataclass
class ArticlePage:
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: datetime.date | None = None
    language: str | None = None


def _parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    match = _DATE_RE.search(value)
    if not match:
        return None
    try:
        return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _meta(tree: lxml.html.HtmlElement, *names: str) -> str | None:
    for name in names:
        for attribute in ("property", "name", "itemprop"):
            values = tree.xpath(f"//meta[@{attribute}=$name]/@content", name=name)
            if values and values[0].strip():
                return values[0].strip()
    return None


def _json_ld_date(tree: lxml.html.HtmlElement) -> str | None:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("datePublished"):
                return str(item["datePublished"])
    return None


def _plain_text(tree: lxml.html.HtmlElement) -> str:
    """Collect headings and paragraphs of the <article> (or <body>), skipping scripts and navigation."""
    for element in tree.xpath("//" + " | //".join(_SKIPPED_TAGS)):
        element.drop_tree()
    roots = tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body") or [tree]
    blocks: list[str] = []
    for root in roots[:1]:
        elements = root.xpath(".//" + " | .//".join(_BLOCK_TAGS))
        for element in elements:
            if element.xpath("ancestor::p | ancestor::li | ancestor::blockquote"):
                continue  # nested blocks are already part of their parent's text
            content = " ".join(element.text_content().split())
            if content:
                blocks.append(content)
        if not blocks:
            blocks = [" ".join(line.split()) for line in root.text_content().splitlines() if line.strip()]
    return "\n\n".join(blocks)


def extract_from_html(html: str) -> ArticlePage:
    """Return the page's main text, title, publisher, URL, published date and language."""
    if not html or not html.strip():
        return ArticlePage(text="")
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ArticlePage(text="")
    title = _meta(tree, "og:title", "twitter:title") or (tree.findtext(".//title") or "").strip() or None
    publisher = _meta(tree, "og:site_name", "application-name", "publisher")
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    url = _meta(tree, "og:url") or (canonical[0].strip() if canonical else None)
    published = _parse_date(
        _meta(tree, "article:published_time", "datePublished", "date", "pubdate", "publish-date", "dc.date")
        or _json_ld_date(tree)
        or next(iter(tree.xpath("//time/@datetime")), None)
    )
    language = (tree.get("lang") or _meta(tree, "og:locale", "language") or "").strip()[:2].lower() or None

    text = ""
    if trafilatura is not None:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    if not text:
        text = _plain_text(tree)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}" if text else title
    return ArticlePage(text=text, title=title, publisher=publisher, url=url, published=published, language=language)
