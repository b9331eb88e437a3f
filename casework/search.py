"""Catalogue search that works for Chinese: character bigrams in a GIN-indexed array.

PostgreSQL's text-search parsers split words on spaces, and Chinese has none, so
``to_tsvector('simple', '居住证办理')`` is one useless token. Rather than install a
segmenter (zhparser, pg_jieba: extensions a managed database may not offer, and a
dictionary to keep current), an item version carries ``search_terms``, a ``text[]`` under
a GIN index, built here:

- **Overlapping character bigrams of every run of Chinese characters**: 居住证办理 gives
  居住 住证 证办 办理. Chinese words are mostly two characters, so a two-character query
  such as 护照 or 社保 is exactly one term, and a longer one (驾驶证换证) is the set of its
  bigrams. Bigrams need no dictionary, never miss a word a segmenter would have split
  differently, and cost one term per character.
- **Latin and digit words, lowercased, with their prefixes** (from two letters):
  "Passport" gives pa pas pass … passport, so an English query matches while it is typed.
  A few English function words (of, the, for …) are dropped from both sides.
- Text is NFKC-normalised first, so full-width Ｃ１ typed with an IME is c1.

Single Chinese characters are *not* terms: 证 or 办 occur in nearly every item, so as
terms they would bloat every array and select nothing. A one-character query (and a lone
character inside a longer query) is matched with ``search_text LIKE '%证%'`` instead;
``search_text`` is the same normalised text in one string. That scan is affordable
because the catalogue holds thousands of items, not millions, and it is the rare case.

What is indexed: the name and English name, the category's names and everyday aliases
(社保 for 社会保障, see casework.categories), the department's names (so 福州 or 公安
finds that department's items) and the conditions (who the item is for: 新生儿, 退休 …).
Material names are not: nearly every item asks for an ID card, and people search for
what they want done, not for what they must bring.

A query is split the same way; an item matches when its terms contain all of the query's
terms (``search_terms @> query_terms``, answered by the GIN index) and its text contains
every lone character. casework.catalogue ranks hits in the item's own name first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: Chinese characters (CJK unified ideographs, extension A, compatibility, extension B+).
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(rf"[{_HAN}]+|[a-z0-9]+")
#: The terms column is varchar(64).
MAX_TERM = 64
_MIN_PREFIX = 2
_ENGLISH_STOPWORDS = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}
)


def normalise(text: str) -> str:
    """NFKC (full-width to half-width) and lower case: how every searched text is compared."""
    return unicodedata.normalize("NFKC", text).lower()


def _is_han(run: str) -> bool:
    return not run[0].isascii()


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(texts: Iterable[str]) -> list[str]:
    """The sorted, distinct terms of ``texts`` (what ``search_terms`` stores)."""
    terms: set[str] = set()
    for text in texts:
        for run in _RUN.findall(normalise(text)):
            if _is_han(run):
                terms.update(_bigrams(run))
            elif run not in _ENGLISH_STOPWORDS:
                word = run[:MAX_TERM]
                terms.update(word[:end] for end in range(_MIN_PREFIX, len(word) + 1))
                terms.add(word)
    return sorted(terms)


def index_text(texts: Iterable[str]) -> str:
    """The normalised text of ``texts`` in one string (``search_text``, for lone characters)."""
    return "\n".join(normalise(t) for t in texts if t)


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query: terms the GIN index must contain, and characters the text must."""

    text: str  # normalised, single-spaced: the whole query, for ranking exact name hits
    terms: tuple[str, ...]
    characters: tuple[str, ...]

    @property
    def needles(self) -> tuple[str, ...]:
        """Every piece a name must contain for the hit to count as a name hit."""
        return self.terms + self.characters


def parse_query(query: str | None) -> SearchQuery | None:
    """The query's terms, or None when it has nothing searchable (blank, punctuation)."""
    if query is None:
        return None
    text = " ".join(normalise(query).split())
    terms: list[str] = []
    characters: list[str] = []
    for run in _RUN.findall(text):
        if _is_han(run):
            if len(run) == 1:
                characters.append(run)
            else:
                terms.extend(_bigrams(run))
        elif run in _ENGLISH_STOPWORDS:
            continue
        elif len(run) >= _MIN_PREFIX:
            terms.append(run[:MAX_TERM])
        else:
            characters.append(run)  # one letter or digit: too short to be a term
    if not terms and not characters:
        return None
    return SearchQuery(
        text=text,
        terms=tuple(dict.fromkeys(terms)),
        characters=tuple(dict.fromkeys(characters)),
    )


def like_pattern(fragment: str) -> str:
    """``%fragment%`` with LIKE's wildcards escaped (the default escape is backslash)."""
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True, slots=True)
class Document:
    """What an item version's search columns hold."""

    terms: list[str]
    text: str


def document(
    *,
    name: str,
    name_en: str,
    category_names: Iterable[str],
    department_names: Iterable[str],
    conditions: str,
    conditions_en: str,
) -> Document:
    """The search columns of an item version from the texts it is found by."""
    texts = [name, name_en, *category_names, *department_names, conditions, conditions_en]
    return Document(terms=index_terms(texts), text=index_text(texts))
