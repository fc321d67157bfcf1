"""1.2-5: lab 2.2's dbt project run as a daily DAG: wait for the day's source load, seed, snapshot, then build (models and
data tests) in process through dbt's Python API, with retries for what a retry can fix and none for a failing data test;
publish every test's outcome to ops.dbt_test_results and as JUnit XML, and fail the run when any task failed.
Airflow 2.x; runs in the docker compose `airflow` service (infra/compose/airflow.yml), against its `retail` database."""
from __future__ import annotations

import datetime
import json
import logging
import os
import pathlib
import xml.etree.ElementTree as ET

import pendulum
from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator
from airflow.providers.common.sql.sensors.sql import SqlSensor
from airflow.utils.trigger_rule import TriggerRule
from webhook_alerts import on_failure, on_retry

PROJECT = "/opt/stateless-mind/labs/2.2/dbt"
RUN_RESULTS = pathlib.Path(PROJECT) / "target" / "run_results.json"
TEST_PREFIXES = ("test.", "unit_test.")

log = logging.getLogger(__name__)


def run_dbt_build() -> str:
    """`dbt build` in this process. A data test that fails will fail again on the same data, so it fails the task at
    once; an error (a lock timeout, a dropped connection, a crash inside dbt) may pass on a later try, so it is retried."""
    from dbt.cli.main import dbtRunner

    outcome = dbtRunner().invoke(["build", "--project-dir", PROJECT, "--profiles-dir", PROJECT])
    if outcome.exception is not None:
        raise AirflowException(f"dbt build raised {type(outcome.exception).__name__}: {outcome.exception}")
    results = getattr(outcome.result, "results", None) or []
    statuses = [(r.node.unique_id, str(getattr(r.status, "value", r.status))) for r in results]
    errored = [uid for uid, status in statuses if status in ("error", "runtime error")]
    failed = [uid for uid, status in statuses if status == "fail"]
    if errored:
        raise AirflowException(f"dbt build: {len(errored)} node(s) errored: {', '.join(errored)}")
    if failed:
        raise AirflowFailException(f"dbt build: {len(failed)} data test(s) failed (not retried): {', '.join(failed)}")
    if not outcome.success:
        raise AirflowException("dbt build did not succeed and reported no failing node")
    return str(RUN_RESULTS)


def _junit(dag_id: str, tests: list[dict]) -> ET.Element:
    suite = ET.Element("testsuite", {
        "name": "dbt",
        "tests": str(len(tests)),
        "failures": str(sum(t["status"] == "fail" for t in tests)),
        "errors": str(sum(t["status"] == "error" for t in tests)),
        "skipped": str(sum(t["status"] == "skipped" for t in tests)),
        "time": f"{sum(t.get('execution_time') or 0.0 for t in tests):.3f}",
    })
    for t in tests:
        case = ET.SubElement(suite, "testcase", {
            "classname": dag_id, "name": t["unique_id"], "time": f"{t.get('execution_time') or 0.0:.3f}"})
        message = t.get("message") or ""
        if t["status"] == "fail":
            ET.SubElement(case, "failure", {"message": message}).text = f"{t.get('failures')} failing row(s)"
        elif t["status"] == "error":
            ET.SubElement(case, "error", {"message": message})
        elif t["status"] == "skipped":
            ET.SubElement(case, "skipped")
    return suite


def publish_results(**context) -> None:
    """Every data test's outcome of this run's `dbt build`, as rows of ops.dbt_test_results and as a JUnit XML file."""
    from airflow.providers.postgres.hooks.postgres import PostgresHook

    if not RUN_RESULTS.exists():
        log.info("no %s: dbt build did not run, nothing to publish", RUN_RESULTS)
        return
    build = context["dag_run"].get_task_instance("dbt_build")
    if build is None or build.state not in ("success", "failed") or build.start_date is None \
            or RUN_RESULTS.stat().st_mtime < build.start_date.timestamp():
        log.info("%s was not written by this run's dbt_build (it did not run): nothing to publish", RUN_RESULTS)
        return
    document = json.loads(RUN_RESULTS.read_text())
    if document.get("args", {}).get("which") != "build":
        log.info("%s holds the results of `dbt %s`, not of dbt build: nothing to publish", RUN_RESULTS,
                 document.get("args", {}).get("which"))
        return
    tests = [r for r in document.get("results", []) if r["unique_id"].startswith(TEST_PREFIXES)]

    dag_id, run_id = context["dag"].dag_id, context["run_id"]
    hook = PostgresHook(postgres_conn_id="warehouse")
    # The table of the C# job (TestResultPublisher in labs/1.2), so that both publish to the same place.
    hook.run("""
        create schema if not exists ops;
        create table if not exists ops.dbt_test_results (
            dag_id text not null, run_id text not null, unique_id text not null, status text not null, failures bigint not null,
            message text not null, published_at timestamptz not null, primary key (dag_id, run_id, unique_id))""")
    # A cleared and re-run publish replaces this run's rows instead of adding to them.
    published_at = datetime.datetime.now(datetime.timezone.utc)
    rows = [(dag_id, run_id, t["unique_id"], t["status"], t.get("failures") or 0, t.get("message") or "", published_at) for t in tests]
    with hook.get_conn() as connection, connection.cursor() as cursor:
        cursor.execute("delete from ops.dbt_test_results where dag_id = %s and run_id = %s", (dag_id, run_id))
        cursor.executemany("insert into ops.dbt_test_results values (%s, %s, %s, %s, %s, %s, %s)", rows)

    folder = pathlib.Path(os.environ.get("AIRFLOW_HOME", "/opt/airflow")) / "logs" / "dbt_results" / run_id.replace(":", "_").replace("+", "_")
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "dbt-tests.xml"
    ET.ElementTree(_junit(dag_id, tests)).write(report, encoding="utf-8", xml_declaration=True)
    counts = {s: sum(t["status"] == s for t in tests) for s in sorted({t["status"] for t in tests})}
    log.info("published %d dbt test result(s) %s to ops.dbt_test_results and %s", len(tests), counts, report)


def fail_run(ds: str) -> None:
    raise AirflowException(f"dbt_retail_daily failed for {ds}: a task upstream of the watcher failed")


with DAG(
    dag_id="dbt_retail_daily",
    schedule="0 4 * * *",
    start_date=pendulum.datetime(2026, 3, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"on_failure_callback": on_failure, "on_retry_callback": on_retry},
    tags=["1.2-5"],
) as dag:
    wait_for_source = SqlSensor(
        task_id="wait_for_source",
        conn_id="warehouse",
        sql="select exists (select 1 from ingest.source_loads where source = 'retail_ops' and loaded_through >= '{{ data_interval_end }}')",
        mode="reschedule",
        poke_interval=300,
        timeout=7200,
    )
    dbt_seed = BashOperator(task_id="dbt_seed", bash_command=f"cd {PROJECT} && dbt seed --profiles-dir .")
    dbt_snapshot = BashOperator(task_id="dbt_snapshot", bash_command=f"cd {PROJECT} && dbt snapshot --profiles-dir .")
    dbt_build = PythonOperator(
        task_id="dbt_build",
        python_callable=run_dbt_build,
        retries=2,
        retry_delay=pendulum.duration(minutes=1),
        retry_exponential_backoff=True,
    )
    publish_test_results = PythonOperator(
        task_id="publish_test_results", python_callable=publish_results, trigger_rule=TriggerRule.ALL_DONE)
    watcher = PythonOperator(
        task_id="watcher", python_callable=fail_run, op_kwargs={"ds": "{{ ds }}"}, trigger_rule=TriggerRule.ONE_FAILED)

    wait_for_source >> dbt_seed >> dbt_snapshot >> dbt_build >> publish_test_results
    [wait_for_source, dbt_seed, dbt_snapshot, dbt_build, publish_test_results] >> watcher
