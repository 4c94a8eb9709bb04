"""Every problem site_gen reports, read from its own code, for the docs' list of messages.

An MkDocs hook (mkdocs.yml names it): a page holding the marker below gets, in its place, one
section per problem code with each message and its hint (the fix), so the list cannot fall
behind the code. Problems are found where they are made: a call with a `code=` keyword
(`problems.error(path, line, message, hint, code=...)` and the helpers shaped like it), and
records with `hint` and `code` fields (an owner's resolution) made with a message.
Placeholders in messages are the names the code fills in: `{key}`, `{group}`.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MARKER = "<!-- problem-messages -->"
PACKAGE = Path(__file__).resolve().parent.parent / "site_gen"
SEVERITIES = ("error", "warning")


@dataclass(frozen=True, order=True)
class Message:
    code: str
    severity: str  # error or warning; "" when the caller decides
    message: str
    hint: str
    source: str  # the module that reports it, from the project's root


def _placeholder(node: ast.expr) -> str:
    """A short name for what the code fills in: `record.group!r` is {group}, len(x) is {n},
    `slugify(name) or "x"` is {name}, `"s" if n != 1 else ""` is (s)."""
    while True:
        if isinstance(node, ast.Subscript):
            node = node.value
        elif isinstance(node, ast.BoolOp):
            node = node.values[0]
        elif isinstance(node, ast.IfExp):
            if isinstance(node.body, ast.Constant):
                return f"({node.body.value!s})"
            node = node.body
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "len":
                return "{n}"
            if isinstance(node.func, ast.Attribute):
                node = node.func.value  # day.isoformat(): the day
            elif node.args:
                node = node.args[0]  # slugify(name): the name
            else:
                return "{…}"
        elif isinstance(node, ast.Attribute):
            return "{" + node.attr + "}"
        elif isinstance(node, ast.Name):
            return "{" + node.id + "}"
        else:
            return "{…}"


Names = dict[str, list[ast.expr]]


def assigned_names(scope: ast.AST) -> Names:
    """What each plain name is set to in a scope, without entering nested functions."""
    found: Names = defaultdict(list)
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found[target.id].append(node.value)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return found


def text_of(node: ast.expr | None, names: Names | None = None) -> str | None:
    """The words of a string or f-string, placeholders named, a name looked up in `names`
    (each value it is given, joined by " / "); None for anything else."""
    names = names or {}
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            str(part.value) if isinstance(part, ast.Constant) else _placeholder(part.value)
            for part in node.values
            if isinstance(part, ast.Constant | ast.FormattedValue)
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = text_of(node.left, names), text_of(node.right, names)
        return left + right if left is not None and right is not None else None
    alternatives: list[ast.expr] = []
    if isinstance(node, ast.IfExp):
        alternatives = [node.body, node.orelse]
    elif isinstance(node, ast.Name):
        alternatives = [v for v in names.get(node.id, []) if not isinstance(v, ast.Name)]
    words = [text_of(value, names) for value in alternatives]
    known = [w for w in words if w is not None]
    return " / ".join(known) if known and len(known) == len(words) else None


def _positions(call: ast.Call) -> list[ast.expr | None]:
    """The call's positional arguments; a starred one stands for a (path, line) pair."""
    found: list[ast.expr | None] = []
    for arg in call.args:
        found += [None, None] if isinstance(arg, ast.Starred) else [arg]
    return found


def _severity(call: ast.Call, args: list[ast.expr | None]) -> str:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
    if name in SEVERITIES:
        return name
    told = [text_of(a) for a in args if text_of(a) in SEVERITIES]
    return told[0] or "" if told else ""


def from_reporting_call(
    call: ast.Call, code: ast.expr, source: str, names: Names
) -> Message | None:
    """A problem reported by a call with code=: (path, line, [severity,] message, hint) or a
    field's (key, message, hint)."""
    args = _positions(call)
    severity = _severity(call, args)
    words = [a for a in args if text_of(a) not in SEVERITIES]
    if len(words) >= 4 or (len(words) == 3 and not isinstance(words[0], ast.Constant)):
        message, hint = words[-2], words[-1]  # (path, line, message, hint)
    elif len(words) == 3:
        message, hint = words[1], words[2]  # a field's (key, message, hint)
    else:
        message, hint = (words[-1], None) if words else (None, None)
    keywords = {k.arg: k.value for k in call.keywords}
    message = keywords.get("message", message)
    hint = keywords.get("hint", hint)
    return _message(text_of(code), severity, message, hint, source, names)


def _message(
    code: str | None,
    severity: str,
    message: ast.expr | None,
    hint: ast.expr | None,
    source: str,
    names: Names,
) -> Message | None:
    if code is None:  # a problem passed on from elsewhere, listed where it is made
        return None
    words = text_of(message, names) or "(worded for the case)"
    return Message(code, severity, words, text_of(hint, names) or "", source)


def _record_fields(tree: ast.Module) -> dict[str, tuple[list[str], str]]:
    """Classes with `hint` and `code` fields: their field names, and the default code."""
    records = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        fields = [
            (s.target.id, s.value)
            for s in node.body
            if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
        ]
        names = [name for name, _ in fields]
        if "hint" in names and "code" in names:
            default = dict(fields)["code"]
            records[node.name] = (names, text_of(default) or "")
    return records


def from_record(
    call: ast.Call, fields: list[str], default: str, source: str, names: Names
) -> Message | None:
    values: dict[str, ast.expr | None] = dict(zip(fields, call.args, strict=False))
    values.update({k.arg: k.value for k in call.keywords if k.arg})
    message = values.get("problem", values.get("message"))
    if message is None:  # a record of success: no problem to report
        return None
    code = values.get("code") or ast.Constant(default)
    return _message(text_of(code), "", message, values.get("hint"), source, names)


def _calls(scope: ast.AST) -> list[ast.Call]:
    """The calls in a scope, not in the functions nested in it (each is a scope of its own)."""
    calls, stack = [], list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Call):
            calls.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            stack.extend(ast.iter_child_nodes(node))
    return calls


def _made_by(
    call: ast.Call, records: dict[str, tuple[list[str], str]], source: str, names: Names
) -> Message | None:
    code = next((k.value for k in call.keywords if k.arg == "code"), None)
    name = call.func.id if isinstance(call.func, ast.Name) else ""
    if name in records:
        return from_record(call, *records[name], source, names)
    if code is not None:
        return from_reporting_call(call, code, source, names)
    return None


Record = dict[str, str]


def made_records(trees: list[ast.Module]) -> list[Record]:
    """Each record class's instances made with text, as field name to text: Kind("action",
    "raised", ...) gives {"noun": "action", "written": "raised"}. They fill in a code's
    placeholders, and the message's alike."""
    fields: dict[str, list[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                fields[node.name] = [
                    s.target.id
                    for s in node.body
                    if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                ]
    made = []
    for tree in trees:
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            if isinstance(call.func, ast.Name) and fields.get(call.func.id):
                given = zip(fields[call.func.id], call.args, strict=False)
                record = {
                    name: arg.value
                    for name, arg in [*given, *((k.arg, k.value) for k in call.keywords)]
                    if name and isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                }
                if record:
                    made.append(record)
    return made


def filled_in(message: Message, records: list[Record]) -> list[Message]:
    """A message whose code has a placeholder, once for each record that fills it in."""
    wanted = set(re.findall(r"\{(\w+)\}", message.code))
    fitting = [r for r in records if wanted and wanted <= set(r)]
    return [_fill(message, record) for record in fitting] or [message]


def _fill(message: Message, record: Record) -> Message:
    def put(text: str) -> str:
        for name, value in record.items():
            text = text.replace("{" + name + "}", value)
        return text

    return Message(
        put(message.code), message.severity, put(message.message), put(message.hint), message.source
    )


def messages(package: Path = PACKAGE) -> list[Message]:
    """Every message site_gen can report, by code, then severity and words."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in package.rglob("*.py")}
    records: dict[str, tuple[list[str], str]] = {}
    for tree in trees.values():
        records.update(_record_fields(tree))
    instances = made_records(list(trees.values()))
    found: set[Message] = set()
    for path, tree in trees.items():
        source = path.relative_to(package.parent).as_posix()
        module = assigned_names(tree)
        scopes = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]
        for scope in scopes:
            names = {**module, **assigned_names(scope)} if scope is not tree else module
            for call in _calls(scope):
                made = _made_by(call, records, source, names)
                if made is not None:
                    found.update(filled_in(made, instances))
    return sorted(found)


def _line(words: str) -> str:
    """Words as inline code; a backtick inside takes a longer fence."""
    fence = "``" if "`" in words else "`"
    return f"{fence}{words}{fence}"


def markdown(found: list[Message]) -> str:
    by_code: dict[str, list[Message]] = defaultdict(list)
    for message in found:
        by_code[message.code].append(message)
    lines = [f"{len(by_code)} kinds of problem, {len(found)} messages.", ""]
    for code, group in sorted(by_code.items()):
        kinds = sorted({m.severity for m in group if m.severity})
        lines += [f"### `{code}`", "", f"*{' or '.join(kinds) or 'warning'}*", ""]
        for message in group:
            lines.append(f"- {_line(message.message)}")
            if message.hint:
                lines.append(f"    - fix: {_line(message.hint)}")
        sources = sorted({m.source for m in group})
        lines += ["", f"Reported by {', '.join(_line(s) for s in sources)}.", ""]
    return "\n".join(lines)


def on_page_markdown(markdown_text: str, page: Any, config: Any, files: Any) -> str:
    """MkDocs: put the list of messages where the page asks for it."""
    if MARKER not in markdown_text:
        return markdown_text
    return markdown_text.replace(MARKER, markdown(messages()))


if __name__ == "__main__":
    print(markdown(messages()))
