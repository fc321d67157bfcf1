"""Reads the task graph of an Airflow DAG file from its source, without importing Airflow, and prints it as JSON:

    {"dag_id": ..., "schedule": ..., "tasks": {task_id: {"operator", "trigger_rule", "retries", "mode", "poke_interval",
     "timeout"}}, "edges": [[upstream, downstream], ...]}

It reads one DAG per file whose tasks are operator instances assigned to variables (`load = BashOperator(task_id="load",
...)`) and whose dependencies are `>>` / `<<` chains of those variables and of lists of them. Anything else it cannot be
sure of (a computed task id, an edge to a name that is no task, a keyword that is not a literal) ends it with exit code 1
and the reason on stderr: a graph that is read wrongly must not pass for the right one.

Usage: python3 airflow_dag_graph.py path/to/dag_file.py
"""
from __future__ import annotations

import ast
import json
import sys

TRIGGER_RULES = {"all_success", "all_failed", "all_done", "all_done_setup_success", "all_skipped", "one_success",
                 "one_failed", "one_done", "none_failed", "none_failed_min_one_success", "none_skipped", "always"}
NUMBERS = ("retries", "poke_interval", "timeout")


class Unreadable(Exception):
    pass


def where(node: ast.AST) -> str:
    return f"line {getattr(node, 'lineno', '?')}"


def literal(node: ast.expr, what: str):
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise Unreadable(f"{where(node)}: {what} is not a literal: {ast.unparse(node)}") from None


def keywords(call: ast.Call) -> dict[str, ast.expr]:
    if any(k.arg is None for k in call.keywords):
        raise Unreadable(f"{where(call)}: **kwargs in {ast.unparse(call.func)}(...) hide its arguments")
    return {k.arg: k.value for k in call.keywords}


def callee(call: ast.Call) -> str:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    raise Unreadable(f"{where(call)}: cannot name the callee of {ast.unparse(call)}")


def trigger_rule(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "TriggerRule":
        rule = node.attr.lower()
    else:
        rule = literal(node, "trigger_rule")
    if rule not in TRIGGER_RULES:
        raise Unreadable(f"{where(node)}: unknown trigger rule {rule!r}")
    return rule


def number(node: ast.expr, name: str):
    value = literal(node, name)
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise Unreadable(f"{where(node)}: {name} is not a number: {ast.unparse(node)}")
    return value


def find_dag(tree: ast.Module) -> tuple[dict[str, ast.expr], dict[str, ast.expr]]:
    dags = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and (
        isinstance(n.func, ast.Name) and n.func.id == "DAG" or isinstance(n.func, ast.Attribute) and n.func.attr == "DAG")]
    if len(dags) != 1:
        raise Unreadable(f"expected one DAG(...) call, found {len(dags)}")
    args = keywords(dags[0])
    if "dag_id" not in args:
        raise Unreadable(f"{where(dags[0])}: DAG(...) has no dag_id keyword")
    defaults: dict[str, ast.expr] = {}
    if "default_args" in args:
        node = args["default_args"]
        if not isinstance(node, ast.Dict) or any(k is None for k in node.keys):
            raise Unreadable(f"{where(node)}: default_args is not a dict literal")
        defaults = {literal(k, "a default_args key"): v for k, v in zip(node.keys, node.values)}
    return args, defaults


def read(source: str, filename: str) -> dict:
    tree = ast.parse(source, filename)
    dag_args, defaults = find_dag(tree)

    variables: dict[str, str] = {}
    tasks: dict[str, dict] = {}
    read_calls: set[int] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                and any(k.arg == "task_id" for k in node.value.keywords)):
            continue
        if len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name):
            raise Unreadable(f"{where(node)}: a task must be assigned to one plain variable")
        name, call = node.targets[0].id, node.value
        args = keywords(call)
        task_id = literal(args["task_id"], "task_id")
        if not isinstance(task_id, str):
            raise Unreadable(f"{where(call)}: task_id is not a string")
        if name in variables:
            raise Unreadable(f"{where(node)}: variable {name} is assigned a task twice")
        if task_id in tasks:
            raise Unreadable(f"{where(node)}: task_id {task_id!r} is used twice")

        def setting(key: str):
            return args.get(key, defaults.get(key))

        rule = setting("trigger_rule")
        mode = setting("mode")
        numbers = {key: number(setting(key), key) if setting(key) is not None else None for key in NUMBERS}
        task = {
            "operator": callee(call),
            "trigger_rule": trigger_rule(rule) if rule is not None else "all_success",
            "retries": numbers["retries"],
            "mode": literal(mode, "mode") if mode is not None else None,
            "poke_interval": numbers["poke_interval"],
            "timeout": numbers["timeout"],
        }
        if task["retries"] is not None and not isinstance(task["retries"], int):
            raise Unreadable(f"{where(call)}: retries of {task_id} is not an integer")
        variables[name] = task_id
        tasks[task_id] = task
        read_calls.add(id(call))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and id(node) not in read_calls and any(k.arg == "task_id" for k in node.keywords):
            raise Unreadable(f"{where(node)}: a task made by {ast.unparse(node.func)}(...) is not assigned to a variable")

    edges: list[list[str]] = []

    def add(up: list[str], down: list[str]) -> None:
        for u in up:
            for d in down:
                if [u, d] not in edges:
                    edges.append([u, d])

    def operand(node: ast.expr) -> list[str]:
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.RShift, ast.LShift)):
            left, right = operand(node.left), operand(node.right)
            if isinstance(node.op, ast.RShift):
                add(left, right)
            else:
                add(right, left)
            return right  # `a >> b` and `a << b` both evaluate to b
        if isinstance(node, ast.Name):
            if node.id not in variables:
                raise Unreadable(f"{where(node)}: {node.id} in a dependency is not a task variable")
            return [variables[node.id]]
        if isinstance(node, (ast.List, ast.Tuple)):
            ids: list[str] = []
            for element in node.elts:
                if not isinstance(element, ast.Name):
                    raise Unreadable(f"{where(element)}: a dependency list may hold only task variables: {ast.unparse(element)}")
                ids.extend(operand(element))
            return ids
        raise Unreadable(f"{where(node)}: cannot read the dependency operand {ast.unparse(node)}")

    for node in ast.walk(tree):
        if isinstance(node, ast.Expr):
            value = node.value
            if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.RShift, ast.LShift)):
                operand(value)
            elif isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) \
                    and value.func.attr in ("set_downstream", "set_upstream"):
                this = operand(value.func.value)
                if len(value.args) != 1 or value.keywords:
                    raise Unreadable(f"{where(value)}: {value.func.attr} takes one argument here")
                other = operand(value.args[0])
                add(this, other) if value.func.attr == "set_downstream" else add(other, this)

    def is_shift(n: ast.AST) -> bool:
        return isinstance(n, ast.BinOp) and isinstance(n.op, (ast.RShift, ast.LShift))

    shifts = sum(is_shift(n) for n in ast.walk(tree))
    read_shifts = sum(is_shift(n) for s in ast.walk(tree) if isinstance(s, ast.Expr) and is_shift(s.value) for n in ast.walk(s.value))
    if shifts != read_shifts:
        raise Unreadable("a >> or << stands outside a dependency statement (in an assignment or a call)")

    dag_id = literal(dag_args["dag_id"], "dag_id")
    schedule = literal(dag_args["schedule"], "schedule") if "schedule" in dag_args else None
    return {"dag_id": dag_id, "schedule": schedule, "tasks": tasks, "edges": edges}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: airflow_dag_graph.py DAG_FILE", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            graph = read(f.read(), argv[1])
    except (OSError, SyntaxError, Unreadable) as error:
        print(f"{argv[1]}: {error}", file=sys.stderr)
        return 1
    json.dump(graph, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
