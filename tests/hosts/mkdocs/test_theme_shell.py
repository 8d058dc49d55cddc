"""Theme templates compiled once per ``mkdocs serve`` session (:class:`TemplateCode`)."""

from __future__ import annotations

import jinja2
import pytest

from explainers.hosts.mkdocs.theme_shell import TemplateCode


def env(code: TemplateCode, source: str) -> jinja2.Environment:
    """A new environment, as MkDocs makes for every build."""
    return jinja2.Environment(
        loader=jinja2.DictLoader({"main.html": source}), bytecode_cache=code, autoescape=True
    )


def test_a_later_build_reuses_the_compiled_template_until_its_source_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = TemplateCode()
    assert env(code, "<p>{{ x }}</p>").get_template("main.html").render(x="<a>") == (
        "<p>&lt;a&gt;</p>"
    )
    compiled = []
    real = jinja2.Environment.compile

    def compile(self, *args, **kwargs):
        compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", compile)
    again = env(code, "<p>{{ x }}</p>").get_template("main.html")
    assert again.render(x="<a>") == "<p>&lt;a&gt;</p>"
    assert compiled == [], "compiled again"
    edited = env(code, "<div>{{ x }}</div>").get_template("main.html")
    assert edited.render(x="y") == "<div>y</div>"
    assert compiled == ["main.html"]
