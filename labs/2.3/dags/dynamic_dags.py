"""2.3-3: one DAG per YAML file of configs/ (the same files the C# YamlDagFactory reads), and a DAG that maps a task over
a list pulled from an upstream XCom, then reduces."""
from __future__ import annotations

import pathlib

import pendulum
import yaml
from airflow import DAG
from airflow.decorators import task
from airflow.operators.bash import BashOperator

CONFIGS = pathlib.Path(__file__).parent / "configs"


def build(config: dict) -> DAG:
    with DAG(
        dag_id=config["dag_id"],
        description=config.get("description", ""),
        schedule=config.get("schedule"),
        start_date=pendulum.parse(config["start_date"]),
        catchup=config.get("catchup", True),
        max_active_runs=config.get("max_active_runs", 16),
        tags=["2.3-3", "generated"],
    ) as dag:
        tasks = {}
        for spec in config["tasks"]:
            if "expand_from" in spec:
                tasks[spec["task_id"]] = BashOperator.partial(
                    task_id=spec["task_id"], trigger_rule=spec.get("trigger_rule", "all_success"), retries=spec.get("retries", 0)
                ).expand(bash_command=tasks[spec["expand_from"]].output.map(lambda item: f"echo {item}"))
            else:
                tasks[spec["task_id"]] = BashOperator(
                    task_id=spec["task_id"], bash_command=spec["bash"],
                    trigger_rule=spec.get("trigger_rule", "all_success"), retries=spec.get("retries", 0))
        for spec in config["tasks"]:
            for upstream in spec.get("upstream", []):
                tasks[upstream] >> tasks[spec["task_id"]]
    return dag


for path in sorted(CONFIGS.glob("*.yaml")):
    config = yaml.safe_load(path.read_text())
    globals()[config["dag_id"]] = build(config)


with DAG(
    dag_id="mapped_sum",
    schedule=None,
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    tags=["2.3-3"],
) as mapped_sum:

    @task(task_id="make_numbers")
    def make_numbers() -> list[int]:
        return [1, 2, 3, 4, 5]

    @task(task_id="square")
    def square(x: int) -> int:
        return x * x

    @task(task_id="total")
    def total(values: list[int]) -> int:
        return sum(values)

    numbers = make_numbers()
    squares = square.expand(x=numbers)
    result = total(squares)
    numbers >> squares >> result
