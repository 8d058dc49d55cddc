"""Labels, quotation marks and date formats: English, Bokmål and Nynorsk shipped, and
any language a site gives every label for.

Dates go through Babel's CLDR data, so month names and orders are the
language's own. A site can override any label with the plugin's ``labels``
option, and add a language by giving all of them there. Quotation marks are the
``quote_start``/``quote_end`` labels: Babel (2.19) carries no CLDR delimiters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from ..data.diagnostics import Report, did_you_mean
from ..data.pasted import unwrap
from ..data.validation import parse_date

#: the languages the package ships every label for
LANGS = ("en", "nb", "nn")
_ALIASES = {
    "no": "nb",
    "nb-no": "nb",
    "nb_no": "nb",
    "nn-no": "nn",
    "nn_no": "nn",
    "en-us": "en",
    "en-gb": "en",
}

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
        "language_name": "English",
        "other_languages": "This claim in other languages",
        "text_fallback": "Parts of this review are not yet written in English: they are shown in the language the claim was reviewed in.",
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
        "quote_start": "“",
        "quote_end": "”",
        "filter_filter": "Filter claims",
        "filter_verdict": "Verdict",
        "filter_claimant": "Claimant",
        "filter_from": "From",
        "filter_to": "To",
        "filter_tag": "Tag",
        "filter_lang": "Language",
        "filter_any": "Any",
        "filter_clear": "Clear filters",
        "filter_more": "Show more",
        "filter_shown_in": "Shown in",
        "filter_newest": "The newest {shown} of {total} claims.",
        "filter_count_all": "{total} claims, newest first.",
        "filter_count_one": "1 claim matches.",
        "filter_count": "{count} claims match.",
        "filter_count_none": "No claim matches.",
        "filter_showing": "Showing {shown} of {count}.",
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
        "language_name": "Norsk (bokmål)",
        "other_languages": "Denne påstanden på andre språk",
        "text_fallback": "Deler av denne vurderingen er ikke skrevet på norsk ennå: de vises på språket påstanden ble vurdert på.",
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
        "quote_start": "«",
        "quote_end": "»",
        "filter_filter": "Filtrer påstandene",
        "filter_verdict": "Vurdering",
        "filter_claimant": "Fremsatt av",
        "filter_from": "Fra",
        "filter_to": "Til",
        "filter_tag": "Emne",
        "filter_lang": "Språk",
        "filter_any": "Alle",
        "filter_clear": "Fjern filtrene",
        "filter_more": "Vis flere",
        "filter_shown_in": "Omtalt i",
        "filter_newest": "De {shown} nyeste av {total} påstander.",
        "filter_count_all": "{total} påstander, nyeste først.",
        "filter_count_one": "1 påstand passer.",
        "filter_count": "{count} påstander passer.",
        "filter_count_none": "Ingen påstand passer.",
        "filter_showing": "Viser {shown} av {count}.",
    },
    "nn": {
        "claim": "Påstand",
        "claimed_by": "Sett fram av",
        "claimed_on": "Sett fram",
        "appeared_in": "Sett fram i",
        "verdict": "Vurdering",
        "supports": "Støttar påstanden",
        "contradicts": "Motseier påstanden",
        "context": "Bakgrunn",
        "missing": "Dette ville avgjort saka",
        "history": "Historikken til vurderinga",
        "reviewed": "Sist gått gjennom",
        "permalink": "Lenkje til denne påstanden",
        "sources": "Kjelder",
        "unconfirmed": "Dette er ikkje stadfesta",
        "unconfirmed_intro": "Desse påstandane på sida er ikkje avklarte. Dette skal til for å avklare dei.",
        "see_box": "Sjå dokumentasjonen",
        "online": "[På nett]. Tilgjengeleg",
        "archived": "Arkivert",
        "accessed": "Lesen",
        "back_to": "Tilbake til tilvisinga",
        "view_original": "Sjå originalen",
        "archived_copy": "Arkivert kopi",
        "post_by": "Innlegg av",
        "and": "og",
        "no_missing": "Ingen opne spørsmål er førte opp.",
        "claims_index": "Påstandar",
        "sources_index": "Alle kjelder",
        "discussed_in": "Omtalt i",
        "cited_in": "Sitert i",
        "sources_intro": "Alle dokumenta nettstaden viser til, med sidene som viser til dei.",
        "status": "Status",
        "corrections": "Rettingar",
        "published": "Publisert",
        "updated": "Oppdatert",
        "by": "Av",
        "reviewed_by": "Faktasjekka av",
        "type_report": "Rapport",
        "type_article": "Artikkel",
        "type_broadcast": "Sending",
        "type_social": "Innlegg i sosiale medium",
        "type_court": "Rettsdokument",
        "type_statement": "Fråsegn",
        "type_dataset": "Datasett",
        "type_book": "Bok",
        "type_other": "Dokument",
        "source": "Kjelde",
        "matrix": "Kvar kjeldene er samde og usamde",
        "matrix_none": "ikkje brukt om denne påstanden",
        "verdict_on": "vurderinga av",
        "changed_from": "vart endra frå",
        "changed_to": "til",
        "correction": "Retting",
        "feed_verdicts": "Endra vurderingar og rettingar (Atom)",
        "feed_reviews": "Alle faktasjekkar (JSON-LD)",
        "draft": "Utkast",
        "draft_note": "mkdocs build utelèt dette til draft: true er fjerna.",
        "language_name": "Norsk (nynorsk)",
        "other_languages": "Denne påstanden på andre språk",
        "text_fallback": "Delar av denne vurderinga er ikkje skrivne på nynorsk enno: dei blir viste på språket påstanden vart vurdert på.",
        "articles": "Forklaringar",
        "articles_none": "Ingen forklaringar enno.",
        "articles_verdicts": "Vurderingar",
        "untagged": "Utan emneord",
        "quote_start": "«",
        "quote_end": "»",
        "filter_filter": "Filtrer påstandane",
        "filter_verdict": "Vurdering",
        "filter_claimant": "Sett fram av",
        "filter_from": "Frå",
        "filter_to": "Til",
        "filter_tag": "Emne",
        "filter_lang": "Språk",
        "filter_any": "Alle",
        "filter_clear": "Fjern filtera",
        "filter_more": "Vis fleire",
        "filter_shown_in": "Omtalt i",
        "filter_newest": "Dei {shown} nyaste av {total} påstandar.",
        "filter_count_all": "{total} påstandar, nyaste først.",
        "filter_count_one": "1 påstand passar.",
        "filter_count": "{count} påstandar passar.",
        "filter_count_none": "Ingen påstand passar.",
        "filter_showing": "Viser {shown} av {count}.",
    },
}


def site_langs(overrides: Mapping[str, object] | None) -> tuple[str, ...]:
    """The shipped languages and those a site's ``labels`` adds, in that order."""
    added = [str(lang) for lang in (overrides or {}) if str(lang) not in LANGS]
    return LANGS + tuple(added)


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


def normalize_lang(
    value: str | None, default: str = "en", langs: Collection[str] = LANGS
) -> str | None:
    """The language tag we publish ``value`` in (one of ``langs``); None for one we do not."""
    if not value:
        return default
    key = value.strip().lower()
    key = _ALIASES.get(key, key)
    if key in langs:
        return key
    base = key.split("-")[0].split("_")[0]
    return base if base in langs else None


#: a page (or the ``lang`` option) in a language with no labels, and how to add one
UNSUPPORTED_MESSAGE = (
    "lang '{value}' has no labels: use {langs}, or add '{value}' to the explainers "
    "plugin's labels option in mkdocs.yml with every label"
)


def unsupported_lang(value: str, langs: Collection[str] = LANGS) -> str:
    """The message for a page language no label set exists for, and how to add one."""
    return UNSUPPORTED_MESSAGE.format(value=value, langs=", ".join(langs))


def check_labels(raw: object, where: tuple[str, int, int], report: Report) -> None:
    """Report every problem with a ``labels`` option, at ``where`` (the option's place):
    {language: {known label key: text}}, where a language the package does not ship
    gives every label."""
    if not isinstance(raw, dict):
        report.error(*where, "labels must be a mapping of language to {label: text}")
        return
    for lang, table in raw.items():
        if not isinstance(table, dict):
            report.error(*where, f"labels: '{lang}' must be a mapping of label to text")
            continue
        if lang not in LANGS:
            try:
                Locale.parse(str(lang).replace("-", "_"))
            except (ValueError, UnknownLocaleError):
                report.error(
                    *where,
                    f"labels: '{lang}' is not a language tag Babel knows (dates need it): "
                    "write a tag such as de, da or sv",
                )
                continue
            missing = [key for key in LABELS["en"] if key not in table]
            if missing:
                report.error(
                    *where,
                    f"labels: '{lang}' is a new language and misses {len(missing)} of its "
                    f"labels: {', '.join(missing)} (a new language gives every label)",
                )
        for key, text in table.items():
            if key not in LABELS["en"]:
                report.error(
                    *where,
                    f"labels: unknown label '{key}'{did_you_mean(key, LABELS['en'])} "
                    f"(known: {', '.join(sorted(LABELS['en']))})",
                )
            elif not isinstance(text, str):
                report.error(*where, f"labels: '{lang}.{key}' must be text")


def label_problems(raw: object) -> list[str]:
    """The messages :func:`check_labels` reports (for hosts with no positions to give)."""
    report = Report()
    check_labels(raw, ("mkdocs.yml", 1, 1), report)
    return [diagnostic.message for diagnostic in report.errors]


def check_label_overrides(raw: object) -> None:
    """Raise ValueError naming every problem :func:`check_labels` finds."""
    problems = label_problems(raw)
    if problems:
        raise ValueError("; ".join(problems))


class Labels:
    """Label look-up for one language, with site overrides (or a site's whole language)."""

    def __init__(self, lang: str, overrides: dict[str, dict[str, str]] | None = None) -> None:
        self.lang = lang
        self._table = dict(LABELS.get(lang, {}))
        if overrides:
            self._table.update(overrides.get(lang, {}))

    def __getitem__(self, key: str) -> str:
        return self._table.get(key, LABELS["en"].get(key, key))

    def quote(self, text: str) -> str:
        """``text`` in the language's quotation marks (once, if it came wrapped in some)."""
        return f"{self['quote_start']}{unwrap(text)}{self['quote_end']}"

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
        return format_skeleton("yMMMM", dt.date(year, month, 1), locale=lang.replace("-", "_"))
    return format_date(dt.date(year, month, day), format="long", locale=lang.replace("-", "_"))
