"""2.3-2: an hourly pipeline with catchup, max_active_runs, retries with exponential backoff, a timeout per try, an SLA,
and alerting callbacks that post to a webhook (ALERT_WEBHOOK_URL)."""
from __future__ import annotations

import pendulum
from airflow import DAG
from airflow.operators.bash import BashOperator
from webhook_alerts import on_failure, on_retry, on_sla_miss

REPO = "/opt/stateless-mind"


with DAG(
    dag_id="hourly_ingest",
    schedule="0 * * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=True,
    max_active_runs=2,
    sla_miss_callback=on_sla_miss,
    default_args={
        "retries": 3,
        "retry_delay": pendulum.duration(seconds=30),
        "retry_exponential_backoff": True,
        "max_retry_delay": pendulum.duration(minutes=10),
        "execution_timeout": pendulum.duration(minutes=5),
        "on_failure_callback": on_failure,
        "on_retry_callback": on_retry,
    },
    tags=["2.3-2"],
) as dag:
    ingest = BashOperator(
        task_id="ingest",
        bash_command=f"dotnet run --project {REPO}/labs/2.3/src -- tasks test partitions_hourly list_partitions '{{{{ data_interval_start }}}}'",
        sla=pendulum.duration(minutes=30),
    )
    transform = BashOperator(task_id="transform", bash_command=f"cd {REPO}/labs/2.2/dbt && dbt run --profiles-dir .")
    publish = BashOperator(task_id="publish", bash_command="echo published {{ data_interval_start }} {{ data_interval_end }}")

    ingest >> transform >> publish
