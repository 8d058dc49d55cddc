"""Verdict scales: the base scales a site can start from, and the scale its options make.

``scale:`` alone replaces the default scale (as it always has). With
``scale_extends: NAME`` its entries change the base scale NAME instead: a new key adds
a verdict, a known key changes only the fields it gives, and ``KEY: null`` removes
one. Every problem with the two options is reported at its line in mkdocs.yml, all
of them in one run, and a best-effort scale is still made so the data can be read.

The base scales follow what fact-checkers publish: ``true-false`` is a six-step
rating from true to made up (the kind PolitiFact and Snopes use), ``context`` the
labels desks give most (missing context, misleading), ``conclusion`` a scale for
desks that publish a conclusion and no rating. Definitions are our own words.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from .diagnostics import Report, did_you_mean
from .model import DEFAULT_SCALE, Verdict

log = logging.getLogger("explainers.scales")

#: colours a verdict's ``badge`` may name (the stylesheet's ``[data-badge]`` rules)
BADGES = ("green", "teal", "amber", "yellow", "orange", "red", "purple", "grey")
FIELDS = ("en", "nb", "settled", "icon", "badge", "rating")
LANGS = ("en", "nb")
#: a label for another language a site publishes in (nn, de): optional, a tag Babel knows
_LANG_TAG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?")
#: the Nynorsk labels of the base scales' verdicts (the package ships nn complete)
NYNORSK = {
    "confirmed": "Stadfesta",
    "partly-confirmed": "Delvis stadfesta",
    "unconfirmed": "Ikkje stadfesta",
    "disputed": "Omstridd",
    "false": "Usant",
    "true": "Sant",
    "mostly-true": "Stort sett sant",
    "half-true": "Halvvegs sant",
    "mostly-false": "Stort sett usant",
    "fabricated": "Oppdikta",
    "correct": "Rett",
    "missing-context": "Manglar kontekst",
    "misleading": "Misvisande",
    "unproven": "Ikkje dokumentert",
    "concluded": "Konkludert",
    "open": "Ikkje konkludert",
}
_PLAIN_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,40}")


class Scale(dict[str, Verdict]):
    """Verdicts by key, in scale order, and where they came from (for messages).

    ``base`` names the base scale ("" when the site's ``scale:`` replaces it);
    ``changed`` says whether the site's ``scale:`` changed that base.
    """

    def __init__(
        self, verdicts: Mapping[str, Verdict] | None = None, base: str = "", changed: bool = False
    ) -> None:
        super().__init__(verdicts or {})
        self.base = base
        self.changed = changed

    def __repr__(self) -> str:
        parts = (repr(self.base), repr(self.changed), dict.__repr__(self))
        return "Scale(" + ", ".join(parts) + ")"


def _v(
    key: str,
    en: str,
    nb: str,
    settled: bool,
    icon: str,
    badge: str,
    rating: int | None,
    about_en: str,
    about_nb: str,
) -> Verdict:
    return Verdict(
        key, {"en": en, "nb": nb}, settled, icon, badge, rating, {"en": about_en, "nb": about_nb}
    )


def _is_lang_field(name: str) -> bool:
    """Is ``name`` a language's label (``nn``, ``de``), not a misspelt field?"""
    if not _LANG_TAG.fullmatch(name):
        return False
    try:
        Locale.parse(name.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _scale(name: str, verdicts: list[Verdict]) -> Scale:
    return Scale({v.key: v for v in verdicts}, name)


BASES: dict[str, Scale] = {
    "default": Scale(DEFAULT_SCALE, "default"),
    "true-false": _scale(
        "true-false",
        [
            _v(
                "true",
                "True",
                "Sant",
                True,
                "✓",
                "green",
                6,
                "Accurate, and nothing that matters is left out.",
                "Stemmer, og ingenting som betyr noe er utelatt.",
            ),
            _v(
                "mostly-true",
                "Mostly true",
                "Stort sett sant",
                True,
                "◕",
                "teal",
                5,
                "Accurate in substance, but it needs a clarification or a detail it leaves out.",
                "Stemmer i hovedsak, men trenger en presisering eller en detalj som mangler.",
            ),
            _v(
                "half-true",
                "Half true",
                "Halvveis sant",
                True,
                "◑",
                "amber",
                4,
                "Right in part and wrong in part, or right about the numbers and wrong "
                "about what they show.",
                "Delvis riktig og delvis feil, eller riktige tall med en gal slutning.",
            ),
            _v(
                "mostly-false",
                "Mostly false",
                "Stort sett usant",
                True,
                "◔",
                "orange",
                3,
                "Holds a grain of truth, but leaves out facts that would change the picture.",
                "Har et snev av sannhet, men utelater fakta som ville endret bildet.",
            ),
            _v("false", "False", "Usant", True, "✗", "red", 2, "Not accurate.", "Stemmer ikke."),
            _v(
                "fabricated",
                "Fabricated",
                "Oppdiktet",
                True,
                "⊘",
                "purple",
                1,
                "Not accurate and without any basis: made up, or repeated after it was "
                "shown to be made up.",
                "Stemmer ikke og har ikke noe grunnlag: funnet på, eller gjentatt etter "
                "at det ble vist at det var oppspinn.",
            ),
        ],
    ),
    "context": _scale(
        "context",
        [
            _v(
                "correct",
                "Correct",
                "Riktig",
                True,
                "✓",
                "green",
                None,
                "Accurate as stated.",
                "Stemmer slik det er sagt.",
            ),
            _v(
                "missing-context",
                "Missing context",
                "Mangler kontekst",
                True,
                "◐",
                "amber",
                None,
                "True as far as it goes, but without facts that change how it reads.",
                "Riktig så langt det går, men uten fakta som endrer hvordan det leses.",
            ),
            _v(
                "misleading",
                "Misleading",
                "Misvisende",
                True,
                "≈",
                "orange",
                None,
                "Uses real facts in a way that gives a false impression.",
                "Bruker ekte fakta på en måte som gir et galt inntrykk.",
            ),
            _v("false", "False", "Usant", True, "✗", "red", None, "Not accurate.", "Stemmer ikke."),
            _v(
                "unproven",
                "Unproven",
                "Ikke dokumentert",
                False,
                "?",
                "yellow",
                None,
                "Nothing we found settles it either way yet.",
                "Ingenting vi har funnet avgjør saken ennå.",
            ),
        ],
    ),
    "conclusion": _scale(
        "conclusion",
        [
            _v(
                "concluded",
                "Concluded",
                "Konkludert",
                True,
                "■",
                "grey",
                None,
                "The desk has reached its conclusion; the summary says what it is.",
                "Redaksjonen har konkludert; sammendraget sier hva konklusjonen er.",
            ),
            _v(
                "open",
                "Not concluded",
                "Ikke konkludert",
                False,
                "?",
                "yellow",
                None,
                "The desk has not reached a conclusion yet; missing says what would settle it.",
                "Redaksjonen har ikke konkludert ennå; missing sier hva som skal til.",
            ),
        ],
    ),
}
for _base in BASES.values():
    for _verdict in _base.values():
        _verdict.labels.setdefault("nn", NYNORSK[_verdict.key])


# -- where the options stand in mkdocs.yml ---------------------------------------------

Path_ = tuple[str, ...]


def key_text(key: object) -> str:
    """A scale key as an editor means it: YAML 1.1 reads ``false:`` as a boolean."""
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _scalar_key(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        return ""
    if node.tag == "tag:yaml.org,2002:bool":
        return "true" if node.value.lower() in ("true", "yes", "on", "y") else "false"
    if node.tag == "tag:yaml.org,2002:null":
        return "null"
    return str(node.value)


class Positions:
    """(file, line, col) of each part of the scale options; falls back to the nearest
    part found, then to the option's line, then to the file's first line."""

    def __init__(
        self, name: str, values: dict[Path_, tuple[int, int]], keys: dict[Path_, tuple[int, int]]
    ) -> None:
        self.name = name
        self.values = values
        self.keys = keys

    def value(self, *path: str) -> tuple[str, int, int]:
        return self._find(path, self.values)

    def key(self, *path: str) -> tuple[str, int, int]:
        return self._find(path, self.keys)

    def _find(self, path: Path_, table: dict[Path_, tuple[int, int]]) -> tuple[str, int, int]:
        while path:
            if path in table:
                return (self.name, *table[path])
            if path in self.keys:
                return (self.name, *self.keys[path])
            path = path[:-1]
        return (self.name, 1, 1)


def _explainers_node(root: yaml.Node) -> yaml.MappingNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    plugins = next((v for k, v in root.value if _scalar_key(k) == "plugins"), None)
    entries: list[tuple[yaml.Node, yaml.Node]] = []
    if isinstance(plugins, yaml.SequenceNode):
        for item in plugins.value:
            if isinstance(item, yaml.MappingNode):
                entries += item.value
    elif isinstance(plugins, yaml.MappingNode):
        entries = plugins.value
    found = next((v for k, v in entries if _scalar_key(k) == "explainers"), None)
    return found if isinstance(found, yaml.MappingNode) else None


def positions(config_file: Path | None, name: str = "mkdocs.yml") -> Positions:
    """Where ``scale_extends`` and ``scale`` (and each entry and field) stand in the file."""
    values: dict[Path_, tuple[int, int]] = {}
    keys: dict[Path_, tuple[int, int]] = {}
    try:
        text = config_file.read_text("utf-8-sig") if config_file else ""
        root = yaml.compose(text, Loader=yaml.SafeLoader) if text else None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        root = None
    options = _explainers_node(root) if root is not None else None

    def walk(node: yaml.Node, path: Path_, depth: int) -> None:
        values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if depth and isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                sub = (*path, _scalar_key(k))
                keys[sub] = (k.start_mark.line + 1, k.start_mark.column + 1)
                walk(v, sub, depth - 1)

    for k, v in options.value if options is not None else []:
        option = _scalar_key(k)
        if option in ("scale", "scale_extends"):
            keys[(option,)] = (k.start_mark.line + 1, k.start_mark.column + 1)
            walk(v, (option,), 2)
    return Positions(name, values, keys)


# -- the scale the options make ----------------------------------------------------------


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def rating_range(scale: Mapping[str, Verdict]) -> tuple[int | float, int | float] | None:
    """(best, worst) of the scale's ratings; None when no verdict gives one."""
    rated = [v.rating for v in scale.values() if v.rating is not None]
    return (max(rated), min(rated)) if rated else None


def build(extends: object, raw: object, where: Positions, report: Report) -> Scale | None:
    """The scale the ``scale_extends`` and ``scale`` options make; None: the default.

    Problems go to ``report`` (at their place in mkdocs.yml); the scale returned is
    the best that can be made of the rest.
    """
    if extends is None and not raw:
        return None
    names = ", ".join(BASES)
    base_name = "default"
    known = True  # is the base the site names known? If not, no entry is judged against it
    if extends is not None and not isinstance(extends, str):
        report.error(
            *where.value("scale_extends"),
            f"scale_extends must be the name of a base scale: {names}",
        )
    elif isinstance(extends, str) and extends not in BASES:
        report.error(
            *where.value("scale_extends"),
            f"scale_extends: '{extends}' is not a base scale; use one of: {names}"
            + did_you_mean(extends, BASES),
        )
        known = False
    elif isinstance(extends, str):
        base_name = extends
    extending = extends is not None
    if raw is not None and not isinstance(raw, dict):
        if raw or extending:
            report.error(
                *where.value("scale"),
                "scale must be a mapping of KEY: {en: LABEL, nb: LABEL, settled: true|false}",
            )
        raw = {}
    assert raw is None or isinstance(raw, dict)
    verdicts: dict[str, Verdict] = dict(BASES[base_name]) if extending else {}
    for key, spec in (raw or {}).items():
        verdict = _entry(
            key_text(key),
            spec,
            verdicts if extending else None,
            base_name if known else "",
            where,
            report,
        )
        if verdict is None and spec is None and extending:
            verdicts.pop(key_text(key), None)
        elif verdict is not None:
            verdicts[verdict.key] = verdict
    if not verdicts and known:
        report.error(
            *where.value("scale"),
            f"scale: removes every verdict of the '{base_name}' scale; keep at least one",
        )
    if not verdicts:
        verdicts = dict(BASES[base_name])
    rated = {v.rating for v in verdicts.values() if v.rating is not None}
    if len(rated) == 1 and known:
        report.error(
            *where.value("scale"),
            f"scale: only one rating value ({rated.pop()}) on the scale: ClaimReview needs "
            "a best and a worst rating; give two or more verdicts different ratings, or none",
        )
    return Scale(verdicts, base_name if extending else "", changed=bool(raw))


def _entry(
    key: str,
    spec: object,
    verdicts: dict[str, Verdict] | None,
    base: str,
    where: Positions,
    report: Report,
) -> Verdict | None:
    """One entry of ``scale:``; ``verdicts`` is the base being changed (None: replacing)."""
    here = ("scale", key)
    if spec is None:
        if verdicts is None:
            report.error(
                *where.key(*here),
                f"scale: '{key}': null removes a verdict only from a base scale: set "
                f"scale_extends: default (or another base), or give '{key}' its labels",
            )
        elif key not in verdicts and base:
            report.error(
                *where.key(*here),
                f"scale: cannot remove '{key}': it is not on the '{base}' scale "
                f"({', '.join(BASES[base])})" + did_you_mean(key, BASES[base]),
            )
        return None
    if not isinstance(spec, dict):
        message = (
            f"scale: '{key}' must be a mapping with en, nb, settled and optionally icon, badge and rating"
            if verdicts is None
            else f"scale: '{key}' must be a mapping of the fields to set "
            f"(en, nb, settled, icon, badge, rating), or null to remove it from the base scale"
        )
        report.error(*where.value(*here), message)
        return None
    fields = {key_text(name): value for name, value in spec.items()}
    for name in sorted(fields):
        if name not in FIELDS and not _is_lang_field(name):
            report.error(
                *where.key(*here, name),
                f"scale: '{key}' has unknown field '{name}'" + did_you_mean(name, FIELDS),
            )
    old = verdicts.get(key) if verdicts is not None else None
    if verdicts is not None and old is None and base:
        missing = [name for name in ("en", "nb", "settled") if fields.get(name) in (None, "")]
        if missing:
            report.error(
                *where.key(*here),
                f"scale: '{key}' is not on the '{base}' scale, so it is a new verdict and "
                f"needs en, nb and settled; missing: {', '.join(missing)}",
            )
    labels = dict(old.labels) if old else {}
    others = sorted(name for name in fields if name not in FIELDS and _is_lang_field(name))
    for lang in (*LANGS, *others):
        value = fields.get(lang)
        if isinstance(value, dict | list):
            report.error(
                *where.value(*here, lang),
                f"scale: '{key}': {lang} must be the label's text",
            )
        elif value not in (None, ""):
            labels[lang] = str(value)
    settled = fields.get("settled", old.settled if old else False)
    if not isinstance(settled, bool):
        report.error(
            *where.value(*here, "settled"), f"scale: '{key}': settled must be true or false"
        )
    badge = fields.get("badge", old.badge if old else "")
    if badge and badge not in BADGES:
        report.error(
            *where.value(*here, "badge"),
            f"scale: '{key}': badge '{badge}' is not one of: {', '.join(BADGES)}"
            + did_you_mean(str(badge), BADGES),
        )
    rating = fields.get("rating", old.rating if old else None)
    if rating is not None and not _is_number(rating):
        report.error(
            *where.value(*here, "rating"),
            f"scale: '{key}': rating must be a number (the ClaimReview ratingValue; "
            "higher is truer), e.g. rating: 3",
        )
    default = DEFAULT_SCALE.get(key)
    icon = fields.get("icon") or (old.icon if old else default.icon if default else "•")
    return Verdict(
        key,
        labels or {"en": key},
        settled if isinstance(settled, bool) else bool(old and old.settled),
        str(icon),
        str(badge) if badge in BADGES else old.badge if old else "",
        rating if _is_number(rating) else old.rating if old else None,
        dict(old.definition) if old else {},
    )


def scale_from_options(
    options: Mapping[str, Any], where: Positions, report: Report
) -> Scale | None:
    """The site's scale from the plugin's options (as MkDocs or YAML read them)."""
    return build(options.get("scale_extends"), options.get("scale"), where, report)


# -- the message for a status that is not on the scale -----------------------------------


def _short(text: str) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= 60 else text[:57] + "..."


#: Words editors use for a verdict, mapped to the key they mean; suggested only when the
#: scale has that key (a site's scale may not have ``false``).
STATUS_ALIASES: dict[str, str] = {
    "true": "confirmed",
    "correct": "confirmed",
    "verified": "confirmed",
    "accurate": "confirmed",
    "partly-true": "partly-confirmed",
    "half-true": "partly-confirmed",
    "mostly-true": "partly-confirmed",
    "misleading": "partly-confirmed",
    "unverified": "unconfirmed",
    "unproven": "unconfirmed",
    "unsupported": "unconfirmed",
    "contested": "disputed",
    "wrong": "false",
    "incorrect": "false",
    "untrue": "false",
    "fake": "false",
    "refuted": "false",
}


def not_on_scale(status: str, scale: Mapping[str, Verdict] | None) -> str:
    """What to say of a status the scale lacks: the scale in use, how to add the
    verdict to it, and the closest key it has."""
    scale = DEFAULT_SCALE if scale is None else scale
    base = getattr(scale, "base", "default" if scale is DEFAULT_SCALE else "")
    keys = ", ".join(scale)
    shown = _short(status)
    key = status if _PLAIN_KEY.fullmatch(status) else "KEY"
    sample = f"{key}: {{en: LABEL, nb: LABEL, settled: true|false}}"
    if base and status in BASES[base]:
        how = (
            f"'{shown}' is on the '{base}' scale, but the site's scale: option removes it "
            f"({key}: null); take that line out to keep it"
        )
    elif base:
        others = [name for name, b in BASES.items() if status in b and name != base]
        elsewhere = f" ('{shown}' is on the '{others[0]}' scale)" if others else ""
        changed = " as changed by its scale: option" if getattr(scale, "changed", False) else ""
        how = (
            f"the site uses the '{base}' scale{changed}{elsewhere}; to add '{shown}' to it, "
            f"give the explainers plugin in mkdocs.yml scale_extends: {base} and a scale: "
            f"entry {sample}"
        )
    else:
        known = f", which has '{shown}'" if status in DEFAULT_SCALE else ""
        how = (
            f"the site's scale: option replaces the default scale{known}; add {sample} to "
            "scale:, or set scale_extends: default to keep the default verdicts and add "
            "yours to them"
        )
    hint = did_you_mean(status, scale, STATUS_ALIASES)
    return f"status '{shown}' is not on the verdict scale ({keys}); {how}{hint}"


def key_for_cache(scale: Mapping[str, Verdict] | None) -> str:
    """The scale as text for cache keys: diagnostics and pages depend on all of it."""
    if scale is None:
        return ""
    fields = [
        (k, sorted(v.labels.items()), v.settled, v.icon, v.badge, v.rating)
        for k, v in scale.items()
    ]
    return repr((getattr(scale, "base", ""), getattr(scale, "changed", False), fields))


class ScaleError(ValueError):
    """The ``scale`` option is malformed."""


def scale_from_config(raw: object, extends: object = None) -> dict[str, Verdict] | None:
    """A verdict scale from the ``scale`` option ({KEY: {en, nb, settled, icon}}), on the
    base scale ``extends`` when given; None keeps the default. For hosts without a
    mkdocs.yml to point into: the first problem is raised (:func:`build` reports them all)."""
    report = Report()
    scale = build(extends, raw, Positions("", {}, {}), report)
    if report.errors:
        raise ScaleError(report.errors[0].message)
    return scale
