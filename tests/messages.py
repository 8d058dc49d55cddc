"""Every message the package can show an editor, found in its source (``ast``), as regexes.

``tests/test_docs.py`` checks that messages are found at all; ``checks/test_demo.py``
(``make check``) that the demo's format reference names each of them.
"""

from __future__ import annotations

import ast
import re

from explainers.data import schema

from sitebuild import REPO

# Report calls and their helpers: the position of the message argument.
REPORT_CALLS = {"error": 3, "warning": 3, "_err": 2, "_warn": 2, "fail": 1, "config_error": 3}
RAISES = ("ScaleError", "ConfigError", "ValueError", "PluginError", "InitError")


def _template(node: ast.expr) -> str | None:
    """A message expression as a regex: literal text kept, every {value} or %s any text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _holes(re.escape(node.value))
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(_holes(re.escape(str(value.value))))
            else:
                parts.append(".*?")
        return "".join(parts)
    return None


def _holes(escaped: str) -> str:
    """``%s`` and ``{name}`` placeholders (of ``%`` logging and ``str.format``) match any text."""
    return re.sub(r"%s|\\\{\w+\\\}", ".*?", escaped)


def _reports(tree: ast.Module) -> bool:
    """Does the module put diagnostics in a report (not just log)?"""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id
            receiver = getattr(getattr(func, "value", None), "id", "")
            if name in REPORT_CALLS and receiver != "log":
                return True
    return False


def _describes(tree: ast.Module) -> bool:
    """Does the module build messages for others to report (``*_problem``, ``*_warning``)?"""
    return any(
        isinstance(node, ast.FunctionDef) and node.name.endswith(("_problem", "_warning"))
        for node in ast.walk(tree)
    )


def _built_messages(tree: ast.Module) -> list[ast.expr]:
    """Messages a reporting module builds before reporting them: returned, yielded
    (alone or as a tuple's last item) or assigned to a name as an f-string."""
    found: list[ast.expr] = []
    for node in ast.walk(tree):
        value: ast.expr | None = None
        if isinstance(node, (ast.Return, ast.Yield)) and node.value is not None:
            value = node.value
            if isinstance(value, ast.Tuple) and value.elts:
                value = value.elts[-1]
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.JoinedStr):
            value = node.value
        if isinstance(value, (ast.JoinedStr, ast.Constant)) and not _markup(value):
            found.append(value)
    return found


def _markup(node: ast.expr) -> bool:
    """HTML or a URL fragment that a reporting module also returns (a citation's link,
    ``#claim-…``): page output, not words an editor reads."""
    first = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else node
    text = first.value if isinstance(first, ast.Constant) else None
    return isinstance(text, str) and text.startswith(("<", "#"))


def _message_args(module: str, tree: ast.Module) -> list[ast.expr]:
    """The message arguments of every call in a module that can show text to an editor."""
    found: list[ast.expr] = _built_messages(tree) if _reports(tree) or _describes(tree) else []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_message":  # schema.py
            found += [
                t.elts[1] for t in ast.walk(node) if isinstance(t, ast.Tuple) and len(t.elts) == 2
            ]
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id.endswith("MESSAGE") for t in node.targets
        ):
            found.append(node.value)
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        receiver = getattr(getattr(func, "value", None), "id", "")
        if receiver == "log" and name in ("error", "warning") and node.args:
            found.append(node.args[0])
        elif name in REPORT_CALLS and any(isinstance(a, ast.Starred) for a in node.args):
            found.append(node.args[-1])  # report.error(*where, message)
        elif name in REPORT_CALLS and len(node.args) > REPORT_CALLS[name]:
            found.append(node.args[REPORT_CALLS[name]])
        elif name in RAISES and node.args:
            found.append(node.args[0])
        elif name == "print" and any(k.arg == "file" for k in node.keywords) and node.args:
            found.append(node.args[0])  # the CLI's messages on stderr
    return found


def message_templates() -> dict[str, str]:
    """Every message the package can show an editor: {regex: where it is made}."""
    found: dict[str, str] = {}
    for module in sorted((REPO / "plugins" / "explainers").rglob("*.py")):
        tree = ast.parse(module.read_text("utf-8"))
        for arg in _message_args(module.name, tree):
            template = _template(arg)
            if template and re.search(r"[a-z]{3}", template):
                found[template] = f"{module.name}:{arg.lineno}"
    for kind in schema.KINDS:
        for custom in re.findall(r'"x-message": "([^"]+)"', schema.schema_text(kind)):
            found[_holes(re.escape(custom))] = f"{kind}.schema.json"
    return found
