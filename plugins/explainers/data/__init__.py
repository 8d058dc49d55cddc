"""Layer 1, the data: YAML files in, the site model out.

Lives here: reading untrusted YAML (:mod:`.yaml_reader`), the JSON Schemas
(:mod:`.schema`), the checks a schema cannot express (:mod:`.validation`), loading the
folders into a :class:`~explainers.data.model.Site` (:mod:`.load`), the cached form
of its records (:mod:`.record_codec`), the model itself,
diagnostics in the ``path:line:col`` form, where an article's front matter is
(:mod:`.front_matter`), the content-keyed cache, a claim's verdict
over time and what changed between two loads.

May import: this layer only (and the standard library, PyYAML, the JSON Schema
libraries). No Markdown library and no host: ``tests/test_layers.py`` enforces it.
"""
