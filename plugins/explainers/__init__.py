"""explainers: annotated fact-check explainers for MkDocs and Python-Markdown.

The core (load, validate, scan, cite, render) has no MkDocs dependency;
:mod:`explainers.plugin` adapts it to MkDocs and :mod:`explainers.extension`
to any Python-Markdown host.
"""

from .check import CheckResult, check_all
from .diagnostics import ContentError, Diagnostic, Report
from .extension import ExplainersExtension, makeExtension
from .load import load_site
from .model import Claim, Evidence, Site, Source, Verdict
from .render import Renderer
from .scan import Ref, scan, scan_page

__all__ = [
    "CheckResult",
    "Claim",
    "ContentError",
    "Diagnostic",
    "Evidence",
    "ExplainersExtension",
    "Ref",
    "Renderer",
    "Report",
    "Site",
    "Source",
    "Verdict",
    "check_all",
    "load_site",
    "makeExtension",
    "scan",
    "scan_page",
]
