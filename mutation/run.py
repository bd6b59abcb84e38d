"""A small mutation tester: is every decision in the modules that decide
verdicts pinned by a test?

For each module named in `mutation/modules.toml` it makes mutants from the
module's syntax tree, one change each: a comparison flipped (`<` ↔ `<=`,
`==` ↔ `!=`, `in` ↔ `not in`, `is` ↔ `is not`), an arithmetic operator
swapped, `and` ↔ `or`, a `not` dropped, an integer constant off by one,
`True` ↔ `False`, `min` ↔ `max`, `any` ↔ `all`, an `if`, a conditional
expression or a comprehension filter forced true or false, a `return`
value replaced by `None`, a statement that appends or extends removed,
`break` ↔ `continue`. Each mutant is written into a private copy of
`src/` and the module's tests (also named in modules.toml) are run against
it with `pytest -x -q`; a failing test kills the mutant, so does a run
that takes far longer than the unmutated one (an endless loop).

A mutant that survives is a behaviour no test pins: kill it with a test,
or, when it cannot change anything observable, list it in
`mutation/equivalent.txt` with the reason. The score of a module is the
killed share of the mutants not listed there; `make mutate` fails below
`--min-score` (90 %) in any module.

    .venv/bin/python mutation/run.py                       # every module
    .venv/bin/python mutation/run.py src/ikros/due.py      # some
    .venv/bin/python mutation/run.py --list src/ikros/due.py   # only show the mutants

Runs at most `--jobs` (default 2) test processes at a time. Not part of
`make test`.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent
CONFIG = HERE / "modules.toml"
EQUIVALENT = HERE / "equivalent.txt"

_COMPARE_SWAP = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAP = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Add,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv,
    ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd,
}
_NAME_SWAP = {"min": "max", "max": "min", "any": "all", "all": "any"}
_SYMBOL = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.FloorDiv: "//",
    ast.Div: "/",
    ast.Mod: "%",
    ast.BitAnd: "&",
    ast.BitOr: "|",
    ast.And: "and",
    ast.Or: "or",
}
# Calls whose statement, removed, drops a finding or an item.
_DROPPABLE_CALLS = {"append", "extend", "add", "update", "setdefault", "insert", "put", "record"}


@dataclass(frozen=True)
class Mutant:
    module: str  # path relative to the repository
    line: int
    column: int
    description: str  # e.g. "`<` → `<=`"
    source_line: str  # the line as written, stripped
    start: int  # byte offsets of the replaced text
    end: int
    replacement: bytes

    @property
    def ident(self) -> str:
        return f"{self.module}:{self.line}:{self.column}"

    @property
    def key(self) -> tuple[str, int, str, str]:
        """What equivalent.txt matches on: not the line number, so that an
        entry survives code moving up or down."""
        return (self.module, self.column, self.description, self.source_line)

    def apply(self, source: bytes) -> bytes:
        return source[: self.start] + self.replacement + source[self.end :]


# --- making mutants ---------------------------------------------------------


class _Collector(ast.NodeVisitor):
    def __init__(self, module: str, source: bytes):
        self.module = module
        self.source = source
        self.lines = source.splitlines(keepends=True)
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line))
        self.mutants: list[Mutant] = []
        self.docstrings: set[int] = set()

    # where a node's text is
    def _span(self, node: ast.AST) -> tuple[int, int]:
        start = self.offsets[node.lineno - 1] + node.col_offset
        end = self.offsets[node.end_lineno - 1] + node.end_col_offset
        return start, end

    def _add(self, node: ast.AST, description: str, replacement: str | ast.AST) -> None:
        start, end = self._span(node)
        text = replacement if isinstance(replacement, str) else ast.unparse(replacement)
        original = self.source[start:end].decode()
        if "\n" in original and isinstance(node, ast.expr):
            text = f"({text})"  # an expression over several lines stays one expression
        line_text = self.lines[node.lineno - 1].decode().strip()
        self.mutants.append(
            Mutant(
                self.module,
                node.lineno,
                node.col_offset + 1,
                description,
                line_text,
                start,
                end,
                text.encode(),
            )
        )

    # what is never mutated
    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._skip_docstring(node)
        for statement in node.body:
            self.visit(statement)
        for default in node.args.defaults + node.args.kw_defaults:
            if default is not None:
                self.visit(default)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._skip_docstring(node)
        for statement in node.body:
            self.visit(statement)

    def visit_Module(self, node: ast.Module) -> None:
        self._skip_docstring(node)
        self.generic_visit(node)

    def _skip_docstring(self, node) -> None:
        if node.body and isinstance(node.body[0], ast.Expr):
            value = node.body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                self.docstrings.add(id(node.body[0]))

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        return

    def visit_Import(self, node: ast.Import) -> None:
        return

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        return  # message text: pinned by the tests that compare messages, not mutated here

    # statements
    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        self._add(node.test, "condition → `True`", "True")
        self._add(node.test, "condition → `False`", "False")
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        self._add(node.test, "condition → `False`", "False")
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        value = node.value
        if value is not None and not (isinstance(value, ast.Constant) and value.value is None):
            self._add(node, "return value → `None`", "return None")
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        if id(node) in self.docstrings:
            return
        call = node.value
        if (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr in _DROPPABLE_CALLS
        ):
            self._add(node, f"`.{call.func.attr}(…)` removed", "pass")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._add(node, "augmented assignment removed", "pass")
        if type(node.op) in _BINOP_SWAP and not _is_text(node.value):
            swapped = copy.deepcopy(node)
            swapped.op = _BINOP_SWAP[type(node.op)]()
            self._add(
                node,
                f"`{_SYMBOL[type(node.op)]}=` → `{_SYMBOL[type(swapped.op)]}=`",
                swapped,
            )
        self.visit(node.value)

    def visit_Break(self, node: ast.Break) -> None:
        self._add(node, "`break` → `continue`", "continue")

    def visit_Continue(self, node: ast.Continue) -> None:
        self._add(node, "`continue` → `break`", "break")

    # expressions
    def visit_Compare(self, node: ast.Compare) -> None:
        for i, op in enumerate(node.ops):
            if type(op) in _COMPARE_SWAP:
                mutated = copy.deepcopy(node)
                mutated.ops[i] = _COMPARE_SWAP[type(op)]()
                self._add(
                    node,
                    f"`{_SYMBOL[type(op)]}` → `{_SYMBOL[type(mutated.ops[i])]}`"
                    + (f" (#{i + 1})" if len(node.ops) > 1 else ""),
                    mutated,
                )
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if type(node.op) in _BINOP_SWAP and not (_is_text(node.left) or _is_text(node.right)):
            mutated = copy.deepcopy(node)
            mutated.op = _BINOP_SWAP[type(node.op)]()
            self._add(node, f"`{_SYMBOL[type(node.op)]}` → `{_SYMBOL[type(mutated.op)]}`", mutated)
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        mutated = copy.deepcopy(node)
        mutated.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self._add(node, f"`{_SYMBOL[type(node.op)]}` → `{_SYMBOL[type(mutated.op)]}`", mutated)
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self._add(node, "`not` removed", node.operand)
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self._add(node.test, "condition → `True`", "True")
        self._add(node.test, "condition → `False`", "False")
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        for condition in node.ifs:
            self._add(condition, "filter → `True`", "True")
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self._add(node, f"`{value}` → `{not value}`", str(not value))
        elif isinstance(value, int):
            self._add(node, f"`{value}` → `{value + 1}`", str(value + 1))
            if value != 0:
                self._add(node, f"`{value}` → `{value - 1}`", str(value - 1))

    def visit_Name(self, node: ast.Name) -> None:
        if node.id in _NAME_SWAP and isinstance(node.ctx, ast.Load):
            self._add(node, f"`{node.id}` → `{_NAME_SWAP[node.id]}`", _NAME_SWAP[node.id])


def _is_text(node: ast.AST) -> bool:
    return isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)
    )


def mutants_of(module: str) -> list[Mutant]:
    source = (REPO / module).read_bytes()
    collector = _Collector(module, source)
    collector.visit(ast.parse(source))
    out = []
    for mutant in collector.mutants:
        mutated = mutant.apply(source)
        try:
            ast.parse(mutated)
        except SyntaxError:
            continue  # cannot happen often; a mutant that does not parse is no mutant
        if mutated != source:
            out.append(mutant)
    return sorted(out, key=lambda m: (m.start, m.description))


# --- the equivalent list ----------------------------------------------------


@dataclass(frozen=True)
class Equivalent:
    key: tuple[str, int, str, str]
    reason: str
    where: str  # the line in equivalent.txt


def read_equivalent(path: Path = EQUIVALENT) -> list[Equivalent]:
    """Lines `path:line:column | mutation | source line | reason`; `#` starts
    a comment line. The line number is for the reader: an entry matches
    by module, column, mutation and source line."""
    out = []
    if not path.exists():
        return out
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        ident, description, rest = line.split(" | ", 2)
        source_line, reason = rest.rsplit(" | ", 1)
        module, _, column = ident.rsplit(":", 2)
        if not reason.strip():
            raise SystemExit(f"{path.name}:{number}: an equivalent mutant needs a reason")
        out.append(
            Equivalent(
                (module, int(column), description, source_line),
                reason,
                f"{path.name}:{number}",
            )
        )
    return out


# --- running ------------------------------------------------------------------


class _Workers:
    """Private copies of src/, one per test process, so that two mutants
    never share a file."""

    def __init__(self, jobs: int):
        self.root = Path(tempfile.mkdtemp(prefix="ikros-mutate-"))
        self.lock = threading.Lock()
        self.free = [self.root / f"w{i}" for i in range(jobs)]
        self.refresh()

    def refresh(self) -> None:
        """Copy src/ afresh (between modules, so that a run over several
        modules tests the code as it is when each module starts)."""
        for folder in self.free:
            shutil.rmtree(folder / "src", ignore_errors=True)
            shutil.copytree(
                REPO / "src", folder / "src", ignore=shutil.ignore_patterns("__pycache__")
            )

    @contextlib.contextmanager
    def take(self) -> Iterator[Path]:
        with self.lock:
            folder = self.free.pop()
        try:
            yield folder
        finally:
            with self.lock:
                self.free.append(folder)

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _pytest(folder: Path, tests: list[str], timeout: float) -> tuple[str, float]:
    env = {
        **os.environ,
        "PYTHONPATH": str(folder / "src"),
        "PYTHONDONTWRITEBYTECODE": "1",  # a stale .pyc would hide a mutant of the same size
        "HYPOTHESIS_PROFILE": "mutate",  # see tests/conftest.py: derandomised, no database
    }
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        *tests,
    ]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - started
    elapsed = time.monotonic() - started
    if done.returncode == 0:
        return "survived", elapsed
    if done.returncode == 1:
        return "killed", elapsed
    # 2-5: interrupted, internal error, usage error, no tests: the mutant broke
    # the import or collection, which the tests notice too.
    return "killed", elapsed


def run_module(
    module: str, tests: list[str], equivalent: list[Equivalent], workers: _Workers, jobs: int
) -> dict:
    mutants = mutants_of(module)
    source = (REPO / module).read_bytes()
    target_rel = Path(module).relative_to("src")
    with workers.take() as folder:
        outcome, baseline = _pytest(folder, tests, timeout=600)
    if outcome != "survived":
        raise SystemExit(f"{module}: the tests fail without any mutant: {' '.join(tests)}")
    timeout = max(10.0, baseline * 4)
    known = {e.key: e for e in equivalent}
    results: dict[Mutant, str] = {}

    def one(mutant: Mutant) -> tuple[Mutant, str]:
        if mutant.key in known:
            return mutant, "equivalent"
        with workers.take() as folder:
            target = folder / "src" / target_rel
            target.write_bytes(mutant.apply(source))
            try:
                outcome, _ = _pytest(folder, tests, timeout)
            finally:
                target.write_bytes(source)
        return mutant, outcome

    done = 0
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for mutant, outcome in pool.map(one, mutants):
            results[mutant] = outcome
            done += 1
            mark = {"killed": ".", "timeout": "T", "survived": "S", "equivalent": "e"}[outcome]
            print(mark, end="", flush=True)
    print()
    counts = {k: 0 for k in ("killed", "timeout", "survived", "equivalent")}
    for outcome in results.values():
        counts[outcome] += 1
    scored = len(mutants) - counts["equivalent"]
    killed = counts["killed"] + counts["timeout"]
    score = killed / scored if scored else 1.0
    survivors = [m for m, o in results.items() if o == "survived"]
    matched = {m.key for m in mutants}
    stale = [e for e in equivalent if e.key[0] == module and e.key not in matched]
    return {
        "module": module,
        "mutants": len(mutants),
        "baseline_s": baseline,
        **counts,
        "score": score,
        "survivors": survivors,
        "stale": stale,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="modules to mutate (default: all configured)")
    parser.add_argument("--jobs", type=int, default=2, help="test processes at once (default 2)")
    parser.add_argument("--min-score", type=float, default=0.9)
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--tests", nargs="*", help="run these tests instead of the configured ones")
    args = parser.parse_args()
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["modules"]
    modules = args.modules or list(config)
    for module in modules:
        if module not in config:
            raise SystemExit(f"{module} is not in {CONFIG.name}")
    if args.list:
        for module in modules:
            for m in mutants_of(module):
                print(f"{m.ident} | {m.description} | {m.source_line}")
        return 0
    equivalent = read_equivalent()
    jobs = max(1, min(args.jobs, 2))
    workers = _Workers(jobs)
    summary = []
    try:
        for module in modules:
            tests = args.tests or config[module]["tests"]
            workers.refresh()
            print(f"{module}: {len(mutants_of(module))} mutants, tests: {' '.join(tests)}")
            report = run_module(module, tests, equivalent, workers, jobs)
            summary.append(report)
            for m in report["survivors"]:
                print(f"  survived: {m.ident} | {m.description} | {m.source_line}")
            print(
                f"  {module}: {report['killed'] + report['timeout']} killed, "
                f"{report['equivalent']} equivalent, {report['survived']} survived of "
                f"{report['mutants']}: {report['score']:.1%}",
                flush=True,
            )
            for e in report["stale"]:
                print(f"  {e.where}: matches no mutant any more: {' | '.join(map(str, e.key))}")
    finally:
        workers.close()
    print()
    print(f"{'module':<36} {'mutants':>7} {'killed':>7} {'equiv':>6} {'surv':>5} {'score':>7}")
    failing = False
    for r in summary:
        killed = r["killed"] + r["timeout"]
        print(
            f"{r['module'].removeprefix('src/ikros/'):<36} {r['mutants']:>7} {killed:>7} "
            f"{r['equivalent']:>6} {r['survived']:>5} {r['score']:>7.1%}"
        )
        failing |= r["score"] < args.min_score or bool(r["stale"])
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
