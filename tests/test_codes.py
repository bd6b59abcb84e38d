"""Every finding code that `src/` can produce has a case folder that
produces it (tests/cases/*/expected.txt), or is one of the few that no
folder can hold, each named with the test that produces it instead.

The codes are collected from the syntax tree: the `code` argument of every
call to a function or class that takes one (`error`, `warning`,
`Diagnostic`, `_diag`, …). A code given as a literal is taken as it is, a
module constant is looked up, a code read from a module-level table is
taken from every row of the table, and a code passed on from the caller's
own `code` parameter or a record's `.code` is the caller's business. Any
other form fails this test, so that a new way of making codes is noticed.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.test_cases import CASE_DIRS, expected

SRC = Path(__file__).resolve().parents[1] / "src" / "ikros"
CODE = re.compile(r"[a-zæøå]+(?:-[a-zæøå]+)*")

# Codes that no case folder can produce, and the test that does.
NOT_IN_A_FOLDER = {
    # git stores no unreadable file or folder, and root reads any file
    "ulesbar": "tests/test_bad_input.py::test_unreadable_file_by_permissions",
    # git stores no FIFO or socket
    "ikke-vanlig-fil": "tests/test_bad_input.py::test_fifo_named_yaml_is_skipped_with_a_warning_and_never_opened",
    # a bug in ikros, provoked by patching a check to raise
    "intern-feil": "tests/test_cli_robust.py",
}


def _code_takers(trees: dict[Path, ast.Module]) -> dict[str, int | None]:
    """Name → position of its `code` parameter (None: keyword only): the
    classes with a `code: str` field (Diagnostic, Finding, NamedTuples),
    then every function that hands its own `code` parameter on to one of
    them as the code (`error`, `_diag`, `_reject`). A function whose `code`
    parameter is something else (an exit code, a code the user wrote in a
    comment) is not one."""
    takers: dict[str, int | None] = {}
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                fields = [
                    s
                    for s in node.body
                    if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
                ]
                for i, field in enumerate(fields):
                    if field.target.id == "code" and ast.unparse(field.annotation) == "str":
                        takers[node.name] = i
    functions = [
        node
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    grown = True
    while grown:
        grown = False
        for function in functions:
            if function.name in takers:
                continue
            names = [a.arg for a in function.args.posonlyargs + function.args.args]
            names = names[1:] if names[:1] == ["self"] else names
            keyword_only = [a.arg for a in function.args.kwonlyargs]
            if "code" not in names + keyword_only:
                continue
            for call in ast.walk(function):
                argument = _code_argument(call, takers) if isinstance(call, ast.Call) else None
                if isinstance(argument, ast.Name) and argument.id == "code":
                    takers[function.name] = names.index("code") if "code" in names else None
                    grown = True
                    break
    return takers


def _code_argument(node: ast.Call, takers: dict[str, int | None]) -> ast.expr | None:
    """The expression a call passes as the code, if it calls a code taker."""
    name = _called(node)
    if name not in takers:
        return None
    argument = next((k.value for k in node.keywords if k.arg == "code"), None)
    position = takers[name]
    if argument is None and position is not None and position < len(node.args):
        argument = node.args[position]
    return argument


def _aliases(function: ast.AST | None, takers: dict[str, int | None]) -> dict[str, int | None]:
    """Local names for code takers: `make = error if explained else warning`."""
    out: dict[str, int | None] = {}
    for statement in ast.walk(function) if function is not None else ():
        if not (
            isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
        ):
            continue
        value = statement.value
        choices = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
        names = [c.id for c in choices if isinstance(c, ast.Name)]
        if len(names) == len(choices) and all(n in takers for n in names):
            positions = {takers[n] for n in names}
            assert len(positions) == 1, ast.unparse(statement)
            out[statements_target(statement)] = positions.pop()
    return out


def statements_target(statement: ast.Assign) -> str:
    target = statement.targets[0]
    assert isinstance(target, ast.Name)
    return target.id


def _called(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _constants(tree: ast.Module) -> dict[str, ast.expr]:
    out = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                out[target.id] = statement.value
        elif (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and statement.value is not None
        ):
            out[statement.target.id] = statement.value
    return out


def _enclosing_functions(tree: ast.Module) -> dict[ast.AST, ast.FunctionDef]:
    parents: dict[ast.AST, ast.FunctionDef] = {}
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(function):
                parents[inner] = function  # the innermost wins: walked later
    return parents


def _codes_of(
    value: ast.expr, function: ast.FunctionDef | None, constants: dict[str, ast.expr]
) -> tuple[set[str], str | None]:
    """The codes an argument can hold, or why they cannot be told."""
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value}, None
    if isinstance(value, ast.Attribute) and value.attr == "code":
        return set(), None  # a record's code passed on: made where the record was
    if isinstance(value, ast.Name):
        params = [a.arg for a in function.args.args + function.args.kwonlyargs] if function else []
        if value.id in params:
            return set(), None  # the caller's code, passed on
        loops = [
            loop for loop in (ast.walk(function) if function else ()) if isinstance(loop, ast.For)
        ]
        if any(
            value.id in {n.id for n in ast.walk(loop.target) if isinstance(n, ast.Name)}
            for loop in loops
        ):
            return set(), None  # read back from stored records (the cache)
        if value.id in constants:
            return _codes_of(constants[value.id], None, constants)
        # `code = …` in the same function: what each assignment can give
        assigned = [
            statement.value
            for statement in (ast.walk(function) if function else ())
            if isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id == value.id
        ]
        if assigned:
            codes: set[str] = set()
            for expression in assigned:
                found, problem = _expression_codes(expression, constants)
                if problem:
                    return set(), problem
                codes |= found
            return codes, None
        # `code, message = TABLE[key]` in the same function: every row's first item
        for statement in ast.walk(function) if function else ():
            if (
                isinstance(statement, ast.Assign)
                and isinstance(statement.targets[0], ast.Tuple)
                and isinstance(statement.targets[0].elts[0], ast.Name)
                and statement.targets[0].elts[0].id == value.id
                and isinstance(statement.value, ast.Subscript)
                and isinstance(statement.value.value, ast.Name)
                and isinstance(constants.get(statement.value.value.id), ast.Dict)
            ):
                table = constants[statement.value.value.id]
                codes: set[str] = set()
                for row in table.values:
                    assert isinstance(row, ast.Tuple), ast.dump(row)
                    found, problem = _codes_of(row.elts[0], None, constants)
                    if problem:
                        return set(), problem
                    codes |= found
                return codes, None
    return set(), f"cannot tell the code of `{ast.unparse(value)}`"


def _expression_codes(
    node: ast.expr, constants: dict[str, ast.expr]
) -> tuple[set[str], str | None]:
    """The codes an expression assigned to `code` can give: a literal, either
    branch of a conditional, a module table's `.get(key, default)`, or what
    a module-level function returns."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}, None
    if isinstance(node, ast.IfExp):
        body, problem = _expression_codes(node.body, constants)
        orelse, other = _expression_codes(node.orelse, constants)
        return body | orelse, problem or other
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Name)
        and isinstance(constants.get(node.func.value.id), ast.Dict)
    ):
        table = constants[node.func.value.id]
        codes: set[str] = set()
        for item in [*table.values, *node.args[1:]]:
            found, problem = _expression_codes(item, constants)
            if problem:
                return set(), problem
            codes |= found
        return codes, None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        function = _FUNCTIONS.get(node.func.id)
        if function is not None:
            codes = set()
            for statement in ast.walk(function):
                if isinstance(statement, ast.Return) and statement.value is not None:
                    found, problem = _expression_codes(statement.value, constants)
                    if problem:
                        return set(), problem
                    codes |= found
            return codes, None
    return set(), f"cannot tell the codes of `{ast.unparse(node)}`"


_FUNCTIONS: dict[str, ast.FunctionDef] = {}


def produced_codes() -> dict[str, list[str]]:
    """Every code src/ can produce → where (file:line)."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in SRC.rglob("*.py")}
    takers = _code_takers(trees)
    found: dict[str, list[str]] = {}
    problems = []
    for path, tree in trees.items():
        constants = _constants(tree)
        _FUNCTIONS.clear()
        _FUNCTIONS.update({f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)})
        functions = _enclosing_functions(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            argument = _code_argument(node, {**takers, **_aliases(functions.get(node), takers)})
            if argument is None:
                continue  # e.g. a method of the same name that takes no code here
            where = f"{path.relative_to(SRC.parent)}:{node.lineno}"
            codes, problem = _codes_of(argument, functions.get(node), constants)
            if problem:
                problems.append(f"{where}: {problem}")
            for code in codes:
                found.setdefault(code, []).append(where)
    assert not problems, "\n".join(problems)
    return found


def test_the_collector_finds_the_codes_of_every_form() -> None:
    """The forms used in src/ today: a literal (`error`, `Diagnostic`), a
    module constant (KONFIG_OUTSIDE), a table (deadlines._OVERDUE), a
    NamedTuple field (personal_data._Number)."""
    codes = produced_codes()
    for code in (
        "mangler-aksept",
        "tom-fil",
        "konfig-lenke-utenfor",
        "aksept-utløpt",
        "tilsyn-forfalt",
        "personnummer",
        "telefonnummer",
        "yaml-syntaks",
        "duplikat-nøkkel",
    ):
        assert code in codes, code
    assert len(codes) >= 60
    assert all(CODE.fullmatch(code) for code in codes), sorted(codes)


def test_every_code_has_a_case() -> None:
    in_cases = {line.split()[-1] for case in CASE_DIRS for line in expected(case).findings}
    produced = produced_codes()
    missing = sorted(set(produced) - in_cases - set(NOT_IN_A_FOLDER))
    assert not missing, "codes without a case folder: " + ", ".join(
        f"{code} ({produced[code][0]})" for code in missing
    )
    # and nothing in the cases that src/ cannot produce (a typo, a renamed code)
    assert in_cases <= set(produced), sorted(in_cases - set(produced))


def test_the_codes_no_folder_holds_are_tested_where_named() -> None:
    produced = produced_codes()
    root = Path(__file__).resolve().parents[1]
    for code, test in NOT_IN_A_FOLDER.items():
        assert code in produced, code
        file, _, name = test.partition("::")
        text = (root / file).read_text(encoding="utf-8")
        assert f'"{code}"' in text or f"[{code}]" in text, (code, file)
        if name:
            assert f"def {name}(" in text, test
