"""Prints, one per line, every attribute the tracer sets or reads on itself that its __slots__
does not name (read from the source: nothing is imported)."""
import ast
import pathlib
import re
import sys

pkg = pathlib.Path(sys.argv[1])
parts = ("Tracer", "Records", "Unlisted", "Changes", "Steps", "Temporaries", "Quick")
slots, methods, used = set(), set(), set()
for path in pkg.glob("*.py"):
    tree = ast.parse(path.read_text())
    for cls in ast.walk(tree):
        if isinstance(cls, ast.ClassDef) and cls.name in parts:
            for item in cls.body:
                if isinstance(item, ast.FunctionDef):
                    methods.add(item.name)
                elif isinstance(item, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in item.targets):
                    if cls.name == "Tracer":
                        slots |= {e.value for e in item.value.elts}
            for node in ast.walk(cls):
                if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
                    used.add(node.attr)
    # what the package's other modules set on the tracer they are handed
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "tracer":
            used.add(node.attr)
for name in sorted(used - slots - methods):
    print(name)
