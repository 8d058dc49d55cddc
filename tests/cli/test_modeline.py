"""The first line of a new data file (``explainers.cli.modeline``): a schema address
that works from where the file is, never one that cannot load."""

from __future__ import annotations

import os
from pathlib import Path

from explainers.cli.modeline import PREFIX, modeline, package_schema, schema_ref


def test_a_published_site_with_a_real_address_names_its_own_schema(tmp_path: Path) -> None:
    target = tmp_path / "content" / "claims" / "new.yml"
    assert schema_ref("claims", target, "https://desk.example.no/") == (
        "https://desk.example.no/schemas/claims.schema.json"
    )
    assert modeline("sources", target, "https://desk.example.no") == (
        f"{PREFIX}https://desk.example.no/schemas/sources.schema.json\n"
    )


def test_otherwise_a_path_from_the_file_to_the_package_copy(tmp_path: Path) -> None:
    target = tmp_path / "content" / "claims" / "new.yml"
    schema = package_schema("claims")
    assert schema is not None and schema.is_file()
    local = Path(os.path.relpath(schema.resolve(), target.parent.resolve())).as_posix()
    for site_url, published in [
        ("", True),
        ("https://x.example.org/", True),
        ("https://desk.no/", False),
    ]:
        assert schema_ref("claims", target, site_url, published) == local
    assert (target.parent / local).resolve() == schema.resolve()
    assert modeline("claims", target) == f"{PREFIX}{local}\n"


def test_no_schema_file_means_no_line(tmp_path: Path) -> None:
    assert package_schema("no-such-kind") is None
    assert schema_ref("no-such-kind", tmp_path / "x.yml") == ""
    assert modeline("no-such-kind", tmp_path / "x.yml") == ""
