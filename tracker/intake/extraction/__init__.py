"""Pure-Python extraction of funding-round drafts from news articles (no Django imports)."""

from .draft import Draft, Investor, extract
from .html import ArticlePage, extract_from_html

__all__ = ["ArticlePage", "Draft", "Investor", "extract", "extract_from_html"]
