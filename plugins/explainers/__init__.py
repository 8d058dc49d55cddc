"""explainers: annotated fact-check explainers for MkDocs and Python-Markdown.

The package is in layers, each importing only from itself and the layers below it
(``tests/test_layers.py`` enforces it):

- :mod:`explainers.data`: YAML files in, the site model out;
- :mod:`explainers.page`: one article through Markdown (the Python-Markdown extension);
- :mod:`explainers.site`: whole-site steps, whichever host builds the site;
- :mod:`explainers.hosts`: the config readers, and :mod:`explainers.hosts.mkdocs`
  (the MkDocs plugin: the only code that imports MkDocs);
- :mod:`explainers.cli`: the ``explainers`` command.

This module is the public face: the names below. The old flat module paths
(``explainers.render`` and the like) still import, with a ``DeprecationWarning``
(:mod:`._moved`).
"""

from ._moved import install
from .data.diagnostics import ContentError, Diagnostic, Report
from .data.load import load_site
from .data.model import Claim, Evidence, Site, Source, Verdict
from .page.extension import ExplainersExtension, makeExtension
from .page.positions import Ref, scan, scan_page
from .page.renderer import Renderer
from .site.check import CheckResult, check_all

install()

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
