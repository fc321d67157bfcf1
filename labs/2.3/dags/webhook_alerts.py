"""The alerting callbacks of the DAGs in this folder: each posts one JSON alert to the webhook in ALERT_WEBHOOK_URL (nothing
when it is unset), with the fields of the C# orchestrator's alerts (labs/2.3/src/Alerts/Alert.cs): event, dag_id, run_id,
task_id, map_index, try_number, logical_date, at, message. Airflow puts the DAG folder on sys.path, so the DAG files
import it; it defines no DAG itself."""
from __future__ import annotations

import datetime
import json
import os
import urllib.request


def post_alert(event: str, dag_id: str, run_id: str | None, task_id: str, map_index: int, try_number: int | None,
               logical_date: datetime.datetime | None, message: str) -> None:
    url = os.environ.get("ALERT_WEBHOOK_URL")
    if not url:
        return
    body = {
        "event": event,
        "dag_id": dag_id,
        "run_id": run_id,
        "task_id": task_id,
        "map_index": map_index,
        "try_number": try_number,
        "logical_date": logical_date.isoformat() if logical_date else None,
        "at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "message": message,
    }
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10)


def _from_context(event: str, context: dict) -> None:
    ti = context["task_instance"]
    post_alert(event, ti.dag_id, ti.run_id, ti.task_id, ti.map_index, ti.try_number, context.get("logical_date"),
               str(context.get("exception", "")))


def on_failure(context: dict) -> None:
    _from_context("failure", context)


def on_retry(context: dict) -> None:
    _from_context("retry", context)


def on_sla_miss(dag, task_list, blocking_task_list, slas, blocking_tis) -> None:
    # An SLA miss belongs to a task and a logical date, not to a task instance's try.
    for sla in slas:
        post_alert("sla_miss", sla.dag_id, None, sla.task_id, -1, None, sla.execution_date, f"SLA missed by {sla.task_id}")
