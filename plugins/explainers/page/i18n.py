"""Labels, quotation marks and date formats for English and Norwegian Bokmål.

Dates go through Babel's CLDR data, so month names and orders are the
language's own. A site can override any label with the plugin's ``labels``
option.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_skeleton

from ..data.pasted import unwrap
from ..data.validation import parse_date

LANGS = ("en", "nb")
_ALIASES = {"no": "nb", "nb-no": "nb", "nb_no": "nb", "nn": "nb", "en-us": "en", "en-gb": "en"}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "claim": "Claim",
        "claimed_by": "Claimed by",
        "claimed_on": "Claimed",
        "appeared_in": "Appeared in",
        "verdict": "Verdict",
        "supports": "Supports the claim",
        "contradicts": "Contradicts the claim",
        "context": "Context",
        "missing": "What would settle it",
        "history": "History of this verdict",
        "reviewed": "Last reviewed",
        "permalink": "Link to this claim",
        "sources": "Sources",
        "unconfirmed": "What’s unconfirmed",
        "unconfirmed_intro": "These claims on this page are not settled. This is what it would take to settle them.",
        "see_box": "See the evidence",
        "online": "[Online]. Available",
        "archived": "Archived",
        "accessed": "Accessed",
        "back_to": "Back to citation",
        "view_original": "View original",
        "archived_copy": "Archived copy",
        "post_by": "Post by",
        "and": "and",
        "no_missing": "No open questions are listed.",
        "claims_index": "Claims",
        "sources_index": "All sources",
        "discussed_in": "Discussed in",
        "cited_in": "Cited in",
        "sources_intro": "Every document this site cites, with the pages that cite it.",
        "status": "Status",
        "corrections": "Corrections",
        "published": "Published",
        "updated": "Updated",
        "by": "By",
        "reviewed_by": "Reviewed by",
        "type_report": "Report",
        "type_article": "Article",
        "type_broadcast": "Broadcast",
        "type_social": "Social media post",
        "type_court": "Court record",
        "type_statement": "Statement",
        "type_dataset": "Dataset",
        "type_book": "Book",
        "type_other": "Document",
        "source": "Source",
        "matrix": "Where the sources agree and diverge",
        "matrix_none": "not cited for this claim",
        "articles": "Explainers",
        "articles_none": "No explainers yet.",
        "articles_verdicts": "Verdicts",
        "untagged": "Without a tag",
        "verdict_on": "the verdict on",
        "changed_from": "changed from",
        "changed_to": "to",
        "correction": "Correction",
        "feed_verdicts": "Verdict changes and corrections (Atom)",
        "feed_reviews": "All claim reviews (JSON-LD)",
        "draft": "Draft",
        "draft_note": "mkdocs build leaves this out until its draft: true is removed.",
    },
    "nb": {
        "claim": "Påstand",
        "claimed_by": "Fremsatt av",
        "claimed_on": "Fremsatt",
        "appeared_in": "Fremsatt i",
        "verdict": "Vurdering",
        "supports": "Støtter påstanden",
        "contradicts": "Motsier påstanden",
        "context": "Bakgrunn",
        "missing": "Dette ville avgjort saken",
        "history": "Vurderingens historikk",
        "reviewed": "Sist gjennomgått",
        "permalink": "Lenke til denne påstanden",
        "sources": "Kilder",
        "unconfirmed": "Dette er ikke bekreftet",
        "unconfirmed_intro": "Disse påstandene på siden er ikke avklart. Dette skal til for å avklare dem.",
        "see_box": "Se dokumentasjonen",
        "online": "[På nett]. Tilgjengelig",
        "archived": "Arkivert",
        "accessed": "Lest",
        "back_to": "Tilbake til henvisning",
        "view_original": "Se originalen",
        "archived_copy": "Arkivert kopi",
        "post_by": "Innlegg av",
        "and": "og",
        "no_missing": "Ingen åpne spørsmål er oppført.",
        "claims_index": "Påstander",
        "sources_index": "Alle kilder",
        "discussed_in": "Omtalt i",
        "cited_in": "Sitert i",
        "sources_intro": "Alle dokumentene nettstedet viser til, med sidene som viser til dem.",
        "status": "Status",
        "corrections": "Rettelser",
        "published": "Publisert",
        "updated": "Oppdatert",
        "by": "Av",
        "reviewed_by": "Faktasjekket av",
        "type_report": "Rapport",
        "type_article": "Artikkel",
        "type_broadcast": "Sending",
        "type_social": "Innlegg i sosiale medier",
        "type_court": "Rettsdokument",
        "type_statement": "Uttalelse",
        "type_dataset": "Datasett",
        "type_book": "Bok",
        "type_other": "Dokument",
        "source": "Kilde",
        "matrix": "Hvor kildene er enige og uenige",
        "matrix_none": "ikke brukt om denne påstanden",
        "articles": "Forklaringer",
        "articles_none": "Ingen forklaringer ennå.",
        "articles_verdicts": "Vurderinger",
        "untagged": "Uten emneord",
        "verdict_on": "vurderingen av",
        "changed_from": "ble endret fra",
        "changed_to": "til",
        "correction": "Rettelse",
        "feed_verdicts": "Endrede vurderinger og rettelser (Atom)",
        "feed_reviews": "Alle faktasjekker (JSON-LD)",
        "draft": "Utkast",
        "draft_note": "mkdocs build utelater dette til draft: true er fjernet.",
    },
}

QUOTES = {"en": ("“", "”"), "nb": ("«", "»")}


#: the error view ``mkdocs serve`` puts on every page (:mod:`explainers.site.error_view`)
ERROR_VIEW = {
    "en": {
        "one": "1 problem in the content",
        "many": "{count} problems in the content",
        "stops": "`mkdocs build` stops here and publishes nothing. Fix each line below: "
        "this page reloads by itself once the files are saved without errors.",
        "preview": "The page behind this view is a preview; what could not be loaded "
        "shows as [?] or is left out.",
        "hide": "Hide",
    },
    "nb": {
        "one": "1 problem i innholdet",
        "many": "{count} problemer i innholdet",
        "stops": "`mkdocs build` stopper her og publiserer ingenting. Rett hver linje nedenfor: "
        "siden lastes inn på nytt av seg selv når filene er lagret uten feil.",
        "preview": "Siden bak denne visningen er en forhåndsvisning; det som ikke kunne "
        "lastes, vises som [?] eller er utelatt.",
        "hide": "Skjul",
    },
}


#: the claims index's filter (:mod:`explainers.site.claims_filter`)
CLAIMS_FILTER: dict[str, dict[str, str]] = {
    "en": {
        "filter": "Filter claims",
        "verdict": "Verdict",
        "claimant": "Claimant",
        "from": "From",
        "to": "To",
        "tag": "Tag",
        "lang": "Language",
        "any": "Any",
        "clear": "Clear filters",
        "more": "Show more",
        "shown_in": "Shown in",
        "all_link": "All {total} claims on one page",
        "newest": "The newest {shown} of {total} claims.",
        "count_all": "{total} claims, newest first.",
        "count_one": "1 claim matches.",
        "count": "{count} claims match.",
        "count_none": "No claim matches.",
        "showing": "Showing {shown} of {count}.",
        "lang_en": "English",
        "lang_nb": "Norwegian",
        "all_title": "All claims",
    },
    "nb": {
        "filter": "Filtrer påstandene",
        "verdict": "Vurdering",
        "claimant": "Fremsatt av",
        "from": "Fra",
        "to": "Til",
        "tag": "Emne",
        "lang": "Språk",
        "any": "Alle",
        "clear": "Fjern filtrene",
        "more": "Vis flere",
        "shown_in": "Omtalt i",
        "all_link": "Alle {total} påstandene på én side",
        "newest": "De {shown} nyeste av {total} påstander.",
        "count_all": "{total} påstander, nyeste først.",
        "count_one": "1 påstand passer.",
        "count": "{count} påstander passer.",
        "count_none": "Ingen påstand passer.",
        "showing": "Viser {shown} av {count}.",
        "lang_en": "engelsk",
        "lang_nb": "norsk",
        "all_title": "Alle påstander",
    },
}


def normalize_lang(value: str | None, default: str = "en") -> str | None:
    """``en`` or ``nb`` for a language tag we publish in; None for one we do not."""
    if not value:
        return default
    key = value.strip().lower()
    key = _ALIASES.get(key, key)
    if key in LANGS:
        return key
    base = key.split("-")[0].split("_")[0]
    return base if base in LANGS else None


def check_label_overrides(raw: object) -> None:
    """Raise ValueError unless ``raw`` is {en|nb: {known label key: text}}."""
    if not isinstance(raw, dict):
        raise ValueError("labels must be a mapping of language (en, nb) to {label: text}")
    for lang, table in raw.items():
        if lang not in LANGS:
            raise ValueError(f"labels: '{lang}' is not a language this site publishes in (en, nb)")
        if not isinstance(table, dict):
            raise ValueError(f"labels: '{lang}' must be a mapping of label to text")
        for key, text in table.items():
            if key not in LABELS["en"]:
                raise ValueError(
                    f"labels: unknown label '{key}' (known: {', '.join(sorted(LABELS['en']))})"
                )
            if not isinstance(text, str):
                raise ValueError(f"labels: '{lang}.{key}' must be text")


class Labels:
    """Label look-up for one language, with site overrides."""

    def __init__(self, lang: str, overrides: dict[str, dict[str, str]] | None = None) -> None:
        self.lang = lang
        self._table = dict(LABELS[lang])
        if overrides:
            self._table.update(overrides.get(lang, {}))

    def __getitem__(self, key: str) -> str:
        return self._table.get(key, LABELS["en"].get(key, key))

    def quote(self, text: str) -> str:
        """``text`` in the language's quotation marks (once, if it came wrapped in some)."""
        left, right = QUOTES[self.lang]
        return f"{left}{unwrap(text)}{right}"

    def join(self, names: list[str]) -> str:
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + f" {self['and']} " + names[-1]


@lru_cache(maxsize=4096)
def format_partial_date(value: str, lang: str) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date in the reader's language; as typed if not a date."""
    parts = parse_date(value)
    if parts is None:
        return value
    year, month, day = parts
    if month is None:
        return str(year)
    if day is None:
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=lang)
    return format_date(dt.date(year, month, day), format="long", locale=lang)
