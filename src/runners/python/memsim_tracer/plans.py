"""Reading a program's syntax once: what each line may change (LinePlan), its loops, and where its temporaries are (_TempMarker)."""

import ast
import builtins
import dis
from .common import HOOK_NAME, MUTATING_METHODS, PURE_FUNCTIONS, PURE_METHODS

# the tracer's own id(): the program's id() is replaced while it runs (see sizes._learner_id)
id = builtins.id


class LinePlan:
    """What one source line may change in the heap, read from its syntax once.

    targets: expressions naming objects the line may mutate (re-read after the line);
    full: the line may change something the targets cannot name (re-read everything);
    calls: names of called functions, checked at run time (a learner's function is traced).
    """

    __slots__ = ("targets", "full", "calls", "value_node", "stmt_text", "hints")

    def __init__(self):
        self.targets = []
        self.hints = {}     # id(target node) -> where the change can be: "tail", or ("item", key node)
        self.full = False
        self.calls = []
        self.value_node = None
        self.stmt_text = ""

    def merge(self, other):
        """Adds what another statement on the same line may change (the first one's value and
        text stay)."""
        self.targets = self.targets + other.targets
        for key, hint in other.hints.items():
            self.hints[key] = hint if self.hints.get(key, hint) == hint else None
        self.full = self.full or other.full
        self.calls = self.calls + other.calls
        if self.value_node is None:
            self.value_node = other.value_node
        if not self.stmt_text:
            self.stmt_text = other.stmt_text


def _dotted(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return base + "." + node.attr if base else None
    return None


class _PlanBuilder(ast.NodeVisitor):
    def __init__(self, plan):
        self.plan = plan

    def visit_Lambda(self, node):
        # its body runs later as learner code, traced on this same line: what it may change
        # belongs to this line's plan
        self.visit(node.body)

    def visit_FunctionDef(self, node):
        for d in node.decorator_list:
            self.visit(d)
        for d in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(d)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        for d in node.decorator_list + node.bases:
            self.visit(d)

    def _target(self, t):
        if isinstance(t, (ast.Subscript, ast.Attribute)):
            self.plan.targets.append(t.value)
            if isinstance(t, ast.Subscript) and not isinstance(t.slice, ast.Slice):
                self._hint(t.value, ("item", t.slice))
            else:
                self._hint(t.value, None)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                self._target(e)
        elif isinstance(t, ast.Starred):
            self._target(t.value)

    def _hint(self, node, hint):
        # one node may be changed in several ways on a line: then nothing narrows the re-read
        key = id(node)
        if key in self.plan.hints and self.plan.hints[key] != hint:
            hint = None
        self.plan.hints[key] = hint

    def visit_Assign(self, node):
        for t in node.targets:
            self._target(t)
            self.generic_visit_target(t)
        self.visit(node.value)

    def visit_AugAssign(self, node):
        self._target(node.target)
        if isinstance(node.target, (ast.Name, ast.Subscript, ast.Attribute)):
            # `a += [x]`, `d[k] += [x]`, `o.items += [x]` extend a list in place
            self.plan.targets.append(node.target)
        self.generic_visit_target(node.target)
        self.visit(node.value)

    def visit_AnnAssign(self, node):
        self._target(node.target)
        if node.value is not None:
            self.visit(node.value)

    def visit_Delete(self, node):
        for t in node.targets:
            self._target(t)
            self.generic_visit_target(t)

    def visit_For(self, node):
        self._target(node.target)
        self.visit(node.iter)

    def generic_visit_target(self, t):
        if isinstance(t, (ast.Subscript, ast.Attribute)):
            self.visit(t.value)
            if isinstance(t, ast.Subscript):
                self.visit(t.slice)

    def visit_Call(self, node):
        func = node.func
        name = _dotted(func)
        pure = name in PURE_FUNCTIONS or (isinstance(func, ast.Attribute) and func.attr in PURE_METHODS)
        if not pure:
            if isinstance(func, ast.Attribute):
                self.plan.targets.append(func.value)
                tail = func.attr in ("append", "extend") or (func.attr == "pop" and not node.args)
                self._hint(func.value, "tail" if tail else None)
            elif not isinstance(func, ast.Name):
                self.plan.full = True
            self.plan.calls.append((func, [a.value if isinstance(a, ast.Starred) else a for a in node.args]
                                    + [k.value for k in node.keywords]))
            for a in node.args:
                if isinstance(a, ast.Starred):
                    self.plan.full = True
        # the callee itself is not a method passed as a value (see visit_Attribute)
        self.visit(func.value) if isinstance(func, ast.Attribute) else self.visit(func)
        for a in node.args:
            self.visit(a)
        for k in node.keywords:
            self.visit(k.value)

    def visit_Attribute(self, node):
        # a mutating method passed as a value (`map(out.append, xs)`) changes its object later
        if node.attr in MUTATING_METHODS and isinstance(node.ctx, ast.Load):
            self.plan.targets.append(node.value)
            self._hint(node.value, None)
        self.generic_visit(node)


def _stmt_header_lines(stmt):
    """Lines of a statement that belong to it rather than to a nested body."""
    end = stmt.end_lineno
    for field in ("body", "orelse", "finalbody", "handlers", "cases"):
        part = getattr(stmt, field, None)
        if part:
            end = min(end, part[0].lineno - 1 if hasattr(part[0], "lineno") else end)
    return range(stmt.lineno, max(stmt.lineno, end) + 1)


def build_plans(tree, text):
    """`text`: the program's SourceText. A statement's syntax is read once, however many
    lines it spans (a long literal), and its plan given to each of its header lines."""
    plans = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        plan = LinePlan()
        _PlanBuilder(plan).visit(node) if not isinstance(node, (ast.If, ast.While, ast.With, ast.Try, ast.Match)) else _visit_header(plan, node)
        if isinstance(node, (ast.Assign, ast.AnnAssign, ast.Return, ast.Expr)):
            plan.value_node = node.value
        elif isinstance(node, ast.AugAssign):
            plan.value_node = node   # `s += x` makes its value from s and x
        plan.stmt_text = (text.segment(node) or "").split("\n", 1)[0].strip()[:80]
        for line in _stmt_header_lines(node):
            have = plans.get(line)
            if have is None:
                plans[line] = plan
            else:
                have.merge(plan)
    return plans


def build_loops(tree):
    """For each line, the `for` loops around it that walk a list by name: [(for line, name)];
    and the lines where a `for` statement starts."""
    loops = {}
    starts = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.AsyncFor)):
            starts.add(node.lineno)
            if isinstance(node.iter, ast.Name) and node.body:
                for line in range(node.body[0].lineno, (node.end_lineno or node.body[-1].lineno) + 1):
                    loops.setdefault(line, []).append((node.lineno, node.iter.id))
    return loops, starts


def _visit_header(plan, node):
    builder = _PlanBuilder(plan)
    if isinstance(node, (ast.If, ast.While)):
        builder.visit(node.test)
    elif isinstance(node, ast.With):
        for item in node.items:
            builder.visit(item.context_expr)
            plan.full = True  # __enter__ may do anything
    elif isinstance(node, ast.Match):
        builder.visit(node.subject)


def site_kind(node):
    """The construct that made a value, for explanations (slice, concat, call…)."""
    if isinstance(node, ast.AugAssign):
        return "concat" if isinstance(node.op, ast.Add) else "repeat" if isinstance(node.op, ast.Mult) else "operator"
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice):
        return "slice"
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.Add):
            return "concat"
        if isinstance(node.op, ast.Mult):
            return "repeat"
        return "operator"
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp)):
        return "comprehension"
    if isinstance(node, ast.GeneratorExp):
        return "generator-expression"
    if isinstance(node, (ast.List, ast.Dict, ast.Set, ast.Tuple)):
        return "literal"
    if isinstance(node, ast.JoinedStr):
        return "f-string"
    if isinstance(node, ast.Call):
        return "call"
    if isinstance(node, ast.Constant):
        return "constant"
    return "expression"


class _TempMarker(ast.NodeTransformer):
    """Wraps each value that an enclosing expression consumes in a call to the hook, so
    objects made and dropped within one line (a slice passed to sum, the middle string of
    a + b + c) are seen. The hook returns its argument: the program's meaning is unchanged."""

    WRAP = (ast.Call, ast.BinOp, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp,
            ast.List, ast.Dict, ast.Set, ast.JoinedStr)

    def __init__(self, text):
        self.text = text   # the program's SourceText
        self.sites = []
        self.bound = set()  # ids of nodes whose value a statement binds directly
        self.loop_iters = set()   # ids of nodes a for loop walks
        self.held_sites = set()   # sites whose value a for loop holds while it runs

    def _wants(self, node):
        if id(node) in self.bound:
            return False
        if isinstance(node, ast.Subscript):
            return isinstance(node.slice, ast.Slice) and isinstance(node.ctx, ast.Load)
        if isinstance(node, ast.Tuple):
            return isinstance(node.ctx, ast.Load) and not all(isinstance(e, ast.Constant) for e in node.elts)
        return isinstance(node, self.WRAP)

    def visit_Assign(self, node):
        self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_Return(self, node):
        if node.value is not None:
            self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_NamedExpr(self, node):
        self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_Yield(self, node):
        if node.value is not None:
            self.bound.add(id(node.value))
        return self.generic_visit(node)

    def visit_keyword(self, node):
        return self.generic_visit(node)

    # CPython's compiler turns a list display that is only looped over or tested with `in`
    # into a tuple (a constant one when its items are constants), and a set display of
    # constants into a frozenset constant: the program must meet what CPython builds.
    def _iterable(self, node):
        if isinstance(node, ast.List) and isinstance(node.ctx, ast.Load):
            return ast.copy_location(ast.Tuple(elts=node.elts, ctx=ast.Load()), node)
        if isinstance(node, ast.Set) and all(isinstance(e, ast.Constant) for e in node.elts):
            self.bound.add(id(node))
        return node

    def visit_For(self, node):
        node.iter = self._iterable(node.iter)
        self.loop_iters.add(id(node.iter))
        return self.generic_visit(node)

    visit_AsyncFor = visit_For

    def visit_comprehension(self, node):
        node.iter = self._iterable(node.iter)
        return self.generic_visit(node)

    def visit_Compare(self, node):
        if isinstance(node.ops[-1], (ast.In, ast.NotIn)):
            node.comparators[-1] = self._iterable(node.comparators[-1])
        return self.generic_visit(node)

    def visit_Lambda(self, node):
        self.bound.add(id(node.body))
        return self.generic_visit(node)

    def visit_FunctionDef(self, node):
        # defaults are stored in the function: they are not temporaries
        for d in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.bound.add(id(d))
        return self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def generic_visit(self, node):
        super().generic_visit(node)
        return node

    def visit(self, node):
        new = super().visit(node)
        if isinstance(node, ast.expr) and self._wants(node):
            text = (self.text.segment(node) or "").split("\n", 1)[0][:80]
            base = None
            if isinstance(node, ast.Subscript):
                base = (self.text.segment(node.value) or "")[:40]
            callee = _dotted(node.func) if isinstance(node, ast.Call) else None
            self.sites.append((node.lineno, text, site_kind(node), base, callee))
            if id(node) in self.loop_iters:
                self.held_sites.add(len(self.sites) - 1)
            # every new node placed where `node` is: no walk of the whole tree to fix them after
            func = ast.copy_location(ast.Name(id=HOOK_NAME, ctx=ast.Load()), node)
            index = ast.copy_location(ast.Constant(len(self.sites) - 1), node)
            return ast.copy_location(ast.Call(func=func, args=[new, index], keywords=[]), node)
        return new


def _collect_constants(code, out):
    for c in code.co_consts:
        out.add(id(c))
        if hasattr(c, "co_consts"):
            _collect_constants(c, out)
        elif type(c) in (tuple, frozenset):
            for x in c:
                out.add(id(x))


# calls that can bind or unbind a module's names without naming them in the syntax
_NAMESPACE_CALLS = {"exec", "eval", "globals", "vars", "locals", "__import__", "setattr", "delattr"}


class _Binds(ast.NodeVisitor):
    """The names one module-level statement may bind or unbind in the module's namespace;
    `dynamic` when its syntax cannot say (`from m import *`, `exec`, `globals()`)."""

    def __init__(self):
        self.names = set()
        self.dynamic = False

    def target(self, t):
        if isinstance(t, ast.Name):
            self.names.add(t.id)
        elif isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                self.target(e)
        elif isinstance(t, ast.Starred):
            self.target(t.value)
        if not isinstance(t, ast.Name):
            self.visit(t)

    def visit_Name(self, node):
        if node.id in _NAMESPACE_CALLS:
            self.dynamic = True   # called or passed on: either can reach the namespace

    def visit_NamedExpr(self, node):
        self.names.add(node.target.id)
        self.visit(node.value)

    def visit_Lambda(self, node):
        for d in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(d)
        self.visit(node.body)   # a walrus in a lambda binds the lambda's own name: harmless here

    def visit_MatchAs(self, node):
        if node.name:
            self.names.add(node.name)
        self.generic_visit(node)

    def visit_MatchStar(self, node):
        if node.name:
            self.names.add(node.name)

    def visit_MatchMapping(self, node):
        if node.rest:
            self.names.add(node.rest)
        self.generic_visit(node)


def _statement_binds(stmt):
    """(names, dynamic) for the header of one statement run in the module's frame."""
    b = _Binds()
    if isinstance(stmt, (ast.Assign,)):
        for t in stmt.targets:
            b.target(t)
        b.visit(stmt.value)
    elif isinstance(stmt, (ast.AugAssign, ast.AnnAssign)):
        b.target(stmt.target)
        if stmt.value is not None:
            b.visit(stmt.value)
    elif isinstance(stmt, ast.Delete):
        for t in stmt.targets:
            b.target(t)
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        b.target(stmt.target)
        b.visit(stmt.iter)
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        for item in stmt.items:
            b.visit(item.context_expr)
            if item.optional_vars is not None:
                b.target(item.optional_vars)
    elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
        for alias in stmt.names:
            if alias.name == "*":
                b.dynamic = True
            else:
                b.names.add(alias.asname or alias.name.split(".")[0])
    elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        b.names.add(stmt.name)
        for d in stmt.decorator_list:
            b.visit(d)
        if isinstance(stmt, ast.ClassDef):
            for e in stmt.bases + [k.value for k in stmt.keywords]:
                b.visit(e)
        else:
            for d in stmt.args.defaults + [d for d in stmt.args.kw_defaults if d is not None]:
                b.visit(d)
    elif isinstance(stmt, (ast.If, ast.While)):
        b.visit(stmt.test)
    elif isinstance(stmt, ast.Match):
        b.visit(stmt.subject)
    elif isinstance(stmt, (ast.Try, getattr(ast, "TryStar", ast.Try))):
        pass
    elif isinstance(stmt, (ast.Global, ast.Nonlocal, ast.Pass, ast.Break, ast.Continue)):
        pass
    elif type(stmt).__name__ == "TypeAlias":
        b.target(stmt.name)
    elif isinstance(stmt, (ast.Expr, ast.Return, ast.Raise, ast.Assert)):
        b.visit(stmt)
    else:
        b.dynamic = True    # a statement this reader does not know: read every name
    return b.names, b.dynamic


def build_module_binds(tree):
    """For each line of the module's own statements, the names running it may bind or unbind
    in the module's frame: a frozenset, or None when the syntax cannot say. The tracer reads
    only these of a long program's globals after such a line, not all of them."""
    binds = {}

    def add(lines, names, dynamic):
        for line in lines:
            if dynamic or binds.get(line, ()) is None:
                binds[line] = None
            else:
                binds[line] = binds.get(line, frozenset()) | names

    def walk(body):
        for stmt in body:
            names, dynamic = _statement_binds(stmt)
            lines = _stmt_header_lines(stmt)
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and stmt.decorator_list:
                lines = range(min(d.lineno for d in stmt.decorator_list), lines.stop)
            add(lines, frozenset(names), dynamic)
            if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue    # their bodies run in frames of their own
            for field in ("body", "orelse", "finalbody"):
                walk(getattr(stmt, field, None) or [])
            for handler in getattr(stmt, "handlers", None) or []:
                # the name is bound at the handler and removed when it ends, after any of its lines
                hb = _Binds()
                if handler.type is not None:
                    hb.visit(handler.type)
                named = frozenset((handler.name,)) if handler.name else frozenset()
                add(range(handler.lineno, (handler.end_lineno or handler.lineno) + 1), named, hb.dynamic)
                walk(handler.body)
            for case in getattr(stmt, "cases", None) or []:
                cb = _Binds()
                cb.visit(case.pattern)
                if case.guard is not None:
                    cb.visit(case.guard)
                last = (case.guard or case.pattern).end_lineno or case.pattern.lineno
                add(range(case.pattern.lineno, last + 1), frozenset(cb.names), cb.dynamic)
                # a capture stays bound; a case's lines may also be where the match is left
                walk(case.body)

    walk(tree.body)
    return binds


def global_stores(code):
    """The global names a function's code can bind or unbind (`global x` then `x = …`)."""
    return frozenset(i.argval for i in dis.get_instructions(code) if i.opname in ("STORE_GLOBAL", "DELETE_GLOBAL"))
