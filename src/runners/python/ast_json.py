"""Python's own parser, for memsim's TypeScript side: the AST of a program as JSON."""

import ast
import json

_POSITIONS = ("lineno", "col_offset", "end_lineno", "end_col_offset")


def _node(node):
    if isinstance(node, ast.AST):
        out = {"_type": type(node).__name__}
        for name in _POSITIONS:
            value = getattr(node, name, None)
            if value is not None:
                out[name] = value
        for name, value in ast.iter_fields(node):
            out[name] = _node(value)
        return out
    if isinstance(node, list):
        return [_node(x) for x in node]
    if isinstance(node, (str, int, float, bool)) or node is None:
        return node
    return repr(node)   # bytes, complex, Ellipsis constants


def parse(source):
    """The module's AST as JSON text, or a syntax error as {"error": {...}}."""
    try:
        tree = ast.parse(source, "<learner>")
    except SyntaxError as e:
        return json.dumps({"error": {"message": e.msg, "line": e.lineno or 1, "column": e.offset or 1}})
    return json.dumps({"ast": _node(tree)})
