using Npgsql;

namespace StatelessMind.Labs.Orchestration.Execution;

/// <summary>
/// The orchestrator's state in PostgreSQL: dag_run, task_instance, task_event, xcom and sla_miss. Every state change is a
/// conditional update (it names the state it expects), so a scheduler that resumes after a crash never finishes or starts a
/// task instance twice; the same statement appends the change to task_event, whose ids give the order of every change.
/// </summary>
public sealed class StateStore(NpgsqlDataSource dataSource)
{
    public NpgsqlDataSource DataSource => dataSource;

    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            create table if not exists dag_run (
                dag_id text not null, run_id text not null, run_type text not null,
                logical_date timestamptz not null, data_interval_start timestamptz not null, data_interval_end timestamptz not null,
                state text not null, queued_at timestamptz not null, start_date timestamptz, end_date timestamptz,
                primary key (dag_id, run_id));
            create unique index if not exists dag_run_one_per_interval on dag_run (dag_id, logical_date) where run_type <> 'manual';
            create table if not exists task_instance (
                dag_id text not null, run_id text not null, task_id text not null, map_index int not null,
                state text not null, try_number int not null default 0, max_tries int not null,
                next_try_at timestamptz, start_date timestamptz, end_date timestamptz, duration double precision,
                scheduler_id text,
                primary key (dag_id, run_id, task_id, map_index),
                foreign key (dag_id, run_id) references dag_run on delete cascade);
            create sequence if not exists xcom_id_seq;
            create table if not exists xcom (
                dag_id text not null, run_id text not null, task_id text not null, map_index int not null, key text not null,
                value_type text not null, value jsonb not null, bytes int not null, id bigint not null default nextval('xcom_id_seq'),
                primary key (dag_id, run_id, task_id, map_index, key));
            create table if not exists task_event (
                id bigserial primary key, dag_id text not null, run_id text not null, task_id text not null, map_index int not null,
                try_number int not null, from_state text not null, to_state text not null, at timestamptz not null);
            create index if not exists task_event_of_run on task_event (dag_id, run_id, id);
            create table if not exists sla_miss (
                dag_id text not null, run_id text not null, task_id text not null, detected_at timestamptz not null,
                primary key (dag_id, run_id, task_id));
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Inserts a run in state queued with one task instance per task; false if a scheduled or backfill run of
    /// that logical date exists already.</summary>
    public async Task<bool> CreateRunAsync(DagRunInfo run, IEnumerable<(string TaskId, int MaxTries)> tasks, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            """
            insert into dag_run (dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, queued_at)
            values ($1, $2, $3, $4, $5, $6, 'queued', $7) on conflict do nothing
            """, connection, tx))
        {
            foreach (var v in new object[] { run.DagId, run.RunId, run.RunType, run.LogicalDate, run.DataIntervalStart, run.DataIntervalEnd, run.QueuedAt })
                insert.Parameters.Add(new() { Value = v });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
        }
        foreach (var (taskId, maxTries) in tasks)
        {
            await using var ti = new NpgsqlCommand("insert into task_instance (dag_id, run_id, task_id, map_index, state, max_tries) values ($1, $2, $3, -1, 'none', $4)", connection, tx);
            foreach (var v in new object[] { run.DagId, run.RunId, taskId, maxTries }) ti.Parameters.Add(new() { Value = v });
            await ti.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<DagRunInfo>> RunsAsync(string? dagId = null, IReadOnlyCollection<string>? states = null, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select dag_id, run_id, run_type, logical_date, data_interval_start, data_interval_end, state, queued_at, start_date, end_date
            from dag_run where ($1::text is null or dag_id = $1) and ($2::text[] is null or state = any($2)) order by dag_id, logical_date, run_id
            """);
        command.Parameters.Add(new() { Value = (object?)dagId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)states?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<DagRunInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new DagRunInfo(reader.GetString(0), reader.GetString(1), reader.GetString(2), Time(reader, 3)!.Value, Time(reader, 4)!.Value,
                Time(reader, 5)!.Value, reader.GetString(6), Time(reader, 7)!.Value, Time(reader, 8), Time(reader, 9)));
        }
        return runs;
    }

    public async Task<DagRunInfo?> RunAsync(string dagId, string runId, CancellationToken cancellationToken = default) =>
        (await RunsAsync(dagId, null, cancellationToken)).FirstOrDefault(r => r.RunId == runId);

    /// <summary>The newest logical date of the DAG's scheduled and backfill runs (where catchup continues from).</summary>
    public async Task<DateTimeOffset?> LastScheduledLogicalDateAsync(string dagId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select max(logical_date) from dag_run where dag_id = $1 and run_type = 'scheduled'");
        command.Parameters.Add(new() { Value = dagId });
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DateTime dt ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) : null;
    }

    public async Task SetRunStateAsync(string dagId, string runId, string state, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            update dag_run set state = $3,
                start_date = case when $3 = 'running' then $4 else start_date end,
                end_date = case when $3 in ('success', 'failed') then $4 else end_date end
            where dag_id = $1 and run_id = $2
            """);
        foreach (var v in new object[] { dagId, runId, state, now }) command.Parameters.Add(new() { Value = v });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TaskInstanceInfo>> TaskInstancesAsync(string dagId, string runId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select task_id, map_index, state, try_number, max_tries, next_try_at, start_date, end_date, duration, scheduler_id
            from task_instance where dag_id = $1 and run_id = $2 order by task_id, map_index
            """);
        command.Parameters.Add(new() { Value = dagId });
        command.Parameters.Add(new() { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<TaskInstanceInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new TaskInstanceInfo(new TaskInstanceKey(dagId, runId, reader.GetString(0), reader.GetInt32(1)), TaskStates.Parse(reader.GetString(2)),
                reader.GetInt32(3), reader.GetInt32(4), Time(reader, 5), Time(reader, 6), Time(reader, 7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return list;
    }

    /// <summary>Moves a task instance from <paramref name="expected"/> to <paramref name="state"/> and records the change in
    /// task_event; false if it was not in <paramref name="expected"/> (someone else moved it). <paramref name="giveBackTry"/>
    /// takes the try number back down (a rescheduled sensor's next poke continues the same try).</summary>
    public async Task<bool> TransitionAsync(TaskInstanceKey key, TaskState expected, TaskState state, DateTimeOffset now,
        DateTimeOffset? nextTryAt = null, double? duration = null, bool giveBackTry = false, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            with moved as (
                update task_instance set state = $6, next_try_at = $7,
                    end_date = case when $6 in ('success', 'failed', 'skipped', 'upstream_failed', 'up_for_retry', 'up_for_reschedule') then $8 else end_date end,
                    duration = coalesce($9, duration),
                    try_number = try_number - $10
                where dag_id = $1 and run_id = $2 and task_id = $3 and map_index = $4 and state = $5
                returning dag_id, run_id, task_id, map_index, try_number)
            insert into task_event (dag_id, run_id, task_id, map_index, try_number, from_state, to_state, at)
            select dag_id, run_id, task_id, map_index, try_number + $10, $5, $6, $8 from moved
            """);
        command.Parameters.Add(new() { Value = key.DagId });
        command.Parameters.Add(new() { Value = key.RunId });
        command.Parameters.Add(new() { Value = key.TaskId });
        command.Parameters.Add(new() { Value = key.MapIndex });
        command.Parameters.Add(new() { Value = TaskStates.Name(expected) });
        command.Parameters.Add(new() { Value = TaskStates.Name(state) });
        command.Parameters.Add(new() { Value = (object?)nextTryAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = (object?)duration ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Double });
        command.Parameters.Add(new() { Value = giveBackTry ? 1 : 0 });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Starts a try: queued → running with the next try number, owned by <paramref name="schedulerId"/>; null if the
    /// task instance was not queued.</summary>
    public async Task<int?> ClaimAsync(TaskInstanceKey key, string schedulerId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            with claimed as (
                update task_instance set state = 'running', try_number = try_number + 1, start_date = $5, end_date = null, scheduler_id = $6
                where dag_id = $1 and run_id = $2 and task_id = $3 and map_index = $4 and state = 'queued'
                returning dag_id, run_id, task_id, map_index, try_number),
            recorded as (
                insert into task_event (dag_id, run_id, task_id, map_index, try_number, from_state, to_state, at)
                select dag_id, run_id, task_id, map_index, try_number, 'queued', 'running', $5 from claimed)
            select try_number from claimed
            """);
        foreach (var v in new object[] { key.DagId, key.RunId, key.TaskId, key.MapIndex, now, schedulerId }) command.Parameters.Add(new() { Value = v });
        return await command.ExecuteScalarAsync(cancellationToken) is int tryNumber ? tryNumber : null;
    }

    /// <summary>Every recorded state change of a run's task instances, in the order they happened.</summary>
    public async Task<IReadOnlyList<TaskEvent>> TaskEventsAsync(string dagId, string runId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select id, task_id, map_index, try_number, from_state, to_state, at from task_event where dag_id = $1 and run_id = $2 order by id");
        command.Parameters.Add(new() { Value = dagId });
        command.Parameters.Add(new() { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<TaskEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new TaskEvent(reader.GetInt64(0), new TaskInstanceKey(dagId, runId, reader.GetString(1), reader.GetInt32(2)), reader.GetInt32(3),
                TaskStates.Parse(reader.GetString(4)), TaskStates.Parse(reader.GetString(5)), Time(reader, 6)!.Value));
        }
        return events;
    }

    /// <summary>How many times the try <paramref name="tryNumber"/> of a task instance has started, and when it first did
    /// (from task_event): a sensor's poke count and the start its timeout runs from.</summary>
    public async Task<Operators.SensorPoke> PokeOfTryAsync(TaskInstanceKey key, int tryNumber, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            select count(*), min(at) from task_event
            where dag_id = $1 and run_id = $2 and task_id = $3 and map_index = $4 and try_number = $5 and to_state = 'running'
            """);
        foreach (var v in new object[] { key.DagId, key.RunId, key.TaskId, key.MapIndex, tryNumber }) command.Parameters.Add(new() { Value = v });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new Operators.SensorPoke((int)reader.GetInt64(0), Time(reader, 1)!.Value);
    }

    /// <summary>Dynamic task mapping: replaces the unexpanded instance (map index -1) by one instance per element.</summary>
    public async Task<bool> ExpandAsync(TaskInstanceKey unexpanded, int count, int maxTries, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var delete = new NpgsqlCommand("delete from task_instance where dag_id = $1 and run_id = $2 and task_id = $3 and map_index = -1 and state in ('none', 'scheduled')", connection, tx))
        {
            foreach (var v in new object[] { unexpanded.DagId, unexpanded.RunId, unexpanded.TaskId }) delete.Parameters.Add(new() { Value = v });
            if (await delete.ExecuteNonQueryAsync(cancellationToken) == 0) return false;
        }
        for (var i = 0; i < count; i++)
        {
            await using var insert = new NpgsqlCommand("insert into task_instance (dag_id, run_id, task_id, map_index, state, max_tries) values ($1, $2, $3, $4, 'none', $5)", connection, tx);
            foreach (var v in new object[] { unexpanded.DagId, unexpanded.RunId, unexpanded.TaskId, i, maxTries }) insert.Parameters.Add(new() { Value = v });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Executes a statement with the given parameters; the number of rows it touched.</summary>
    public async Task<int> ExecuteAsync(string sql, object[] parameters, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var v in parameters) command.Parameters.Add(new() { Value = v });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records an SLA miss; false if it was recorded before (an SLA miss alerts once).</summary>
    public async Task<bool> RecordSlaMissAsync(TaskInstanceKey key, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("insert into sla_miss (dag_id, run_id, task_id, detected_at) values ($1, $2, $3, $4) on conflict do nothing",
            [key.DagId, key.RunId, key.TaskId, now], cancellationToken) == 1;

    public async Task<int> SlaMissCountAsync(string dagId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select count(*) from sla_miss where dag_id = $1");
        command.Parameters.Add(new() { Value = dagId });
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));
}
