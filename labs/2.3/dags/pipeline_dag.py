"""2.3-1: the repository's jobs as one DAG: a shell step, SQL on PostgreSQL, a .NET job and dbt, with fan-out, fan-in
and trigger rules. Airflow 2.x; runs in the docker compose `airflow` service (infra/compose/airflow.yml)."""
from __future__ import annotations

import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator
from airflow.utils.trigger_rule import TriggerRule

REPO = "/opt/stateless-mind"

with DAG(
    dag_id="retail_pipeline",
    schedule="0 3 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": pendulum.duration(minutes=1), "retry_exponential_backoff": True},
    tags=["2.3-1"],
) as dag:
    extract = BashOperator(task_id="extract", bash_command=f"test -d {REPO}/labs/2.2/dbt/seeds && ls {REPO}/labs/2.2/dbt/seeds")
    create_schema = BashOperator(
        task_id="create_schema",
        bash_command='psql "$SM_POSTGRES" -v ON_ERROR_STOP=1 -c "create schema if not exists analytics"',
    )
    dotnet_job = BashOperator(task_id="dotnet_job", bash_command=f"dotnet run --project {REPO}/labs/Runner -- run 2.2-3 --scale small")
    dbt_build = BashOperator(task_id="dbt", bash_command=f"cd {REPO}/labs/2.2/dbt && dbt build --profiles-dir .")
    cleanup = BashOperator(task_id="cleanup", bash_command="rm -rf /tmp/retail_pipeline_{{ ds_nodash }}", trigger_rule=TriggerRule.ALL_DONE)
    alert = BashOperator(task_id="alert", bash_command="echo 'retail_pipeline failed for {{ ds }}'", trigger_rule=TriggerRule.ONE_FAILED)

    extract >> [create_schema, dotnet_job]
    [create_schema, dotnet_job] >> dbt_build
    dbt_build >> cleanup
    dbt_build >> alert
