"""Articles written in traditional characters are tagged as their simplified twin (the
vocabularies and the gazetteer are written in simplified characters); the evidence each tag
records is given back as the paragraph writes it, so pages can mark it in the text."""

from __future__ import annotations

from dataclasses import replace

from search.fields import TAG_ATTRIBUTES
from search.models import Article
from search.text.normalize import has_traditional, simplified

Evidence = tuple[tuple[str, str, tuple[str, ...]], ...]


def simplified_article(article: Article) -> Article | None:
    """The article with its title, kicker, subtitle and paragraphs in simplified characters, or
    None when it has no traditional character (nearly every article: nothing to copy)."""
    heading = (article.kicker, article.title, article.subtitle)
    if not has_traditional("\n".join((*heading, *(p.text for p in article.paragraphs)))):
        return None
    kicker, title, subtitle = (simplified(text) for text in heading)
    folded_texts = [simplified(paragraph.text) for paragraph in article.paragraphs]
    paragraphs = tuple(
        replace(paragraph, text=folded)
        for paragraph, folded in zip(article.paragraphs, folded_texts, strict=True)
    )
    return replace(article, kicker=kicker, title=title, subtitle=subtitle, paragraphs=paragraphs)


def simplified_text(text: str) -> str:
    """`text` in simplified characters, one for one, so offsets into it are offsets into `text`."""
    return simplified(text) if has_traditional(text) else text


def as_written(tagged: Article, original: Article) -> Article:
    """The original article carrying the tags found on its simplified twin `tagged`."""
    sources = [paragraph.text for paragraph in original.paragraphs]
    sources += [original.kicker, original.title, original.subtitle]
    folded = [simplified(text) for text in sources]
    paragraphs = []
    for ordinal, (paragraph, found) in enumerate(
        zip(original.paragraphs, tagged.paragraphs, strict=True)
    ):
        # Facet values stay simplified (one value for both scripts); what marks the text —
        # evidence phrases, amounts as written — is given back as the paragraph writes it.
        order = [ordinal, *(index for index in range(len(sources)) if index != ordinal)]
        tags = {attribute: getattr(found, attribute) for attribute in TAG_ATTRIBUTES}
        tags["amounts"] = tuple(
            replace(amount, text=_written(amount.text, order, folded, sources))
            for amount in found.amounts
        )
        evidence = _evidence_as_written(found.tag_evidence, order, folded, sources)
        paragraphs.append(replace(paragraph, **tags, tag_evidence=evidence))
    return replace(original, subject_parks=tagged.subject_parks, paragraphs=tuple(paragraphs))


def _evidence_as_written(
    evidence: Evidence, order: list[int], folded: list[str], sources: list[str]
) -> Evidence:
    """Each phrase as written where its simplified form is found: in the paragraph itself
    first (`order` starts with it), else anywhere in the article (a subject park in the lead)."""
    return tuple(
        (facet, value, tuple(_written(phrase, order, folded, sources) for phrase in phrases))
        for facet, value, phrases in evidence
    )


def _written(phrase: str, order: list[int], folded: list[str], sources: list[str]) -> str:
    """`phrase` (found in simplified text) as the first of `sources` in `order` writes it."""
    for index in order:
        start = folded[index].find(phrase)
        if start >= 0:  # simplified() is one character for one: offsets agree
            return sources[index][start : start + len(phrase)]
    return phrase
