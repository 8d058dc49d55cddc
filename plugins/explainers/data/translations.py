"""One claim in several languages: text fields given per language.

A claim's ``claim``, ``summary``, ``claimant``, ``missing`` items and the ``note`` of
its evidence and history items may be plain text (the same in every language) or a
mapping of language to text. The loader keeps the claim's own-language text in the
plain field (so everything that reads one language keeps working) and every mapping in
:attr:`~.model.Claim.texts`, keyed by where the field is (``summary``, ``missing.0``,
``evidence.2.note``, ``history.0.note``). :func:`localized` gives the claim as one
language's page shows it, and which fields fell back to the claim's own language.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import replace

from .model import Claim, Pos

log = logging.getLogger(__name__)

#: the languages a text mapping may name (the languages the package publishes in)
TEXT_LANGS = ("en", "nb", "nn")
#: a language code as a site's ``labels`` may add one (``de``, ``pt-BR``): what the folder
#: or file of a claim page in another language is named
_LANG_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
#: the fields of a claim that may be given per language (``missing`` per item)
CLAIM_FIELDS = ("claim", "summary", "claimant")


def is_lang_code(text: str) -> bool:
    """Is ``text`` shaped like a language code (any site's, not just the shipped ones)?"""
    return _LANG_CODE.fullmatch(text) is not None


def base_lang(value: str) -> str:
    """``en`` or ``nb`` for a claim's ``lang`` (``no``, ``nb-NO``, ``en-GB``), else it as given."""
    key = value.strip().lower().replace("_", "-")
    key = key.split("-")[0]
    return "nb" if key == "no" else key


def own_lang(claim: Claim, default: str) -> str:
    """The language the claim is written in: its ``lang``, else the site's."""
    return base_lang(claim.lang) if claim.lang else default


def languages(claim: Claim, default: str) -> list[str]:
    """Every language the claim has a page in: its own first, then the others in order."""
    own = own_lang(claim, default)
    others = {lang for texts in claim.texts.values() for lang in texts} - {own}
    return [own, *sorted(others)]


def localized(claim: Claim, lang: str, default: str) -> tuple[Claim, list[str]]:
    """``claim`` as its ``lang`` page shows it, and the fields (keys of ``texts``) shown in
    another language because they have no ``lang`` text: in the claim's own, else in the
    first the field gives."""
    if not claim.texts or lang not in languages(claim, default):
        return claim, []
    own = own_lang(claim, default)
    fell: dict[str, str] = {}

    def pick(key: str, plain: str) -> str:
        texts = claim.texts.get(key)
        if not texts:
            return plain
        if lang in texts:
            return texts[lang]
        shown = own if own in texts else next(iter(texts))
        fell[key] = shown
        return texts[shown]

    evidence = [
        replace(item, note=pick(f"evidence.{n}.note", item.note))
        for n, item in enumerate(claim.evidence)
    ]
    history = [
        replace(entry, note=pick(f"history.{n}.note", entry.note))
        for n, entry in enumerate(claim.history)
    ]
    missing = [pick(f"missing.{n}", text) for n, text in enumerate(claim.missing)]
    shown = replace(
        claim,
        claim=pick("claim", claim.claim),
        summary=pick("summary", claim.summary),
        claimant=pick("claimant", claim.claimant),
        missing=missing,
        evidence=evidence,
        history=history,
        lang=lang,
        fallback=fell,
    )
    return shown, list(fell)


def text_pos(claim: Claim, key: str) -> Pos:
    """Where the field ``key`` of :attr:`~.model.Claim.texts` starts."""
    head, _, rest = key.partition(".")
    if head in ("evidence", "history") and rest:
        index, _, name = rest.partition(".")
        items = claim.evidence if head == "evidence" else claim.history
        if index.isdigit() and int(index) < len(items):
            return items[int(index)].at(name)
    return claim.at(key) if key in claim.field_pos else claim.at(head)


def field_words(key: str) -> str:
    """``key`` as an editor reads it: ``'note' of evidence item 3``."""
    head, _, rest = key.partition(".")
    if head == "missing" and rest.isdigit():
        return f"'missing' item {int(rest) + 1}"
    if head in ("evidence", "history") and rest:
        index, _, name = rest.partition(".")
        return f"'{name}' of {head} item {int(index) + 1}"
    return f"'{key}'"


def pick_text(texts: Mapping[str, str], lang: str) -> str:
    """The text a mapping gives in ``lang``, else its first."""
    return texts.get(lang) or next(iter(texts.values()), "")
