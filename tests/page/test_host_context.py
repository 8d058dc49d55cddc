"""What a host other than MkDocs says about the page (``explainers.page.host_context``):
Zensical's ``rendering_context`` preprocessor and Material's blog ``excerpt`` tree
processor, read by name and attribute (duck-typed, no host import)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from markdown import Markdown

from explainers.page.host_context import excerpt_prefix, host_page


def with_context(page: object, config: object = None) -> Markdown:
    md = Markdown()
    md.preprocessors.register(SimpleNamespace(page=page, config=config), "rendering_context", 0)
    return md


def test_the_page_as_zensical_describes_it() -> None:
    page = SimpleNamespace(path="en\\deep\\page.md", url="/en/deep/page/", meta={"lang": "nb-NO"})
    assert host_page(with_context(page, {"site_url": "https://x.example/desk"})) == {
        "src_uri": "en/deep/page.md",
        "page_url": "en/deep/page/",
        "url": "https://x.example/desk/en/deep/page/",
        "lang": "nb",
    }


def test_what_the_host_leaves_out_stays_out() -> None:
    page = SimpleNamespace(path=None, url="", meta="not a mapping")
    assert host_page(with_context(page, None)) == {"src_uri": "", "page_url": "", "url": ""}
    unknown = SimpleNamespace(path="a.md", url="a/", meta={"lang": "xx-unknown"})
    assert "lang" not in host_page(with_context(unknown, {"site_url": ""}))
    assert host_page(with_context(None)) == {}
    assert host_page(Markdown()) == {}


def excerpt_md(post_url: object, base_url: object, same: bool = False) -> Markdown:
    md = Markdown()
    post = SimpleNamespace(url=post_url)
    base = post if same else SimpleNamespace(url=base_url)
    md.treeprocessors.register(SimpleNamespace(page=post, base=base), "excerpt", 0)
    return md


@pytest.mark.parametrize(
    ("post", "base", "prefix"),
    [
        ("blog/2025/01/post/", "blog/", "2025/01/post/"),
        ("blog/2025/01/post/", "blog/category/news/", "../../2025/01/post/"),
        ("blog/post.html", "blog/index.html", "post.html"),
        ("blog/post/", "", "blog/post/"),
        ("", "blog/", ".."),  # the home page: ".." from blog/ is the site root
        ("blog/", "blog/", ""),
        (None, "blog/", ""),
        ("blog/post/", 3, ""),
    ],
)
def test_an_excerpt_links_from_the_page_it_is_on(post: object, base: object, prefix: str) -> None:
    assert excerpt_prefix(excerpt_md(post, base)) == prefix


def test_the_post_itself_is_no_excerpt() -> None:
    assert excerpt_prefix(excerpt_md("blog/post/", None, same=True)) == ""
    assert excerpt_prefix(Markdown()) == ""
