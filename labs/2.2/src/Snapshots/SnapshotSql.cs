using System.Globalization;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Transformation.Snapshots;

/// <summary>
/// The SQL of a snapshot as dbt-postgres 1.8 writes it. The first run creates the table with four columns added to the
/// select: <c>dbt_scd_id</c> (md5 of the key and the version's <c>updated_at</c>), <c>dbt_updated_at</c>,
/// <c>dbt_valid_from</c> (both that <c>updated_at</c>) and <c>dbt_valid_to</c> (null: current). Later runs stage the
/// changes — an insert of a new version for a new or changed key, an update closing the current version of a changed
/// key, and with <c>invalidate_hard_deletes</c> a delete closing the current version of a key the select no longer
/// returns — then apply them. The timestamp strategy's <c>updated_at</c> is the row's column; the check strategy's is
/// the run's timestamp, so its versions start and end when a snapshot ran.
/// </summary>
public static class SnapshotSql
{
    /// <summary>The run's timestamp as a literal (dbt-postgres: <c>now()::timestamp without time zone</c>).</summary>
    public static string TimeLiteral(DateTime now) => string.Create(CultureInfo.InvariantCulture, $"'{now:yyyy-MM-dd HH:mm:ss.ffffff}'::timestamp without time zone");

    /// <summary>The expression a version's <c>updated_at</c> comes from.</summary>
    public static string UpdatedAt(SnapshotConfig config, DateTime now) => config.Strategy == "timestamp" ? config.UpdatedAt! : TimeLiteral(now);

    /// <summary>dbt's <c>snapshot_hash_arguments</c> over the key and the version's updated_at.</summary>
    public static string ScdId(SnapshotConfig config, DateTime now) =>
        $"md5(coalesce(cast({config.UniqueKey} as varchar), '') || '|' || coalesce(cast({UpdatedAt(config, now)} as varchar), ''))";

    /// <summary>The first run: the table is the select with the four dbt columns.</summary>
    public static string Create(Relation target, string sql, SnapshotConfig config, DateTime now)
    {
        var updatedAt = UpdatedAt(config, now);
        return $"""
            create table {target} as (
                select *,
                    {ScdId(config, now)} as dbt_scd_id,
                    {updatedAt} as dbt_updated_at,
                    {updatedAt} as dbt_valid_from,
                    nullif({updatedAt}, {updatedAt}) as dbt_valid_to
                from (
            {sql.Trim()}
                ) sbq
            )
            """;
    }

    /// <summary>
    /// When a current version (<c>snapshotted_data</c>) and the select's row (<c>source_data</c>) differ: for the
    /// timestamp strategy, the row's updated_at is later than the version's start; for the check strategy, one of the
    /// checked columns differs, a null against a value counting as a difference.
    /// </summary>
    public static string RowChanged(SnapshotConfig config, IReadOnlyList<string> sourceColumns, SnapshotBug bug = SnapshotBug.None)
    {
        if (config.Strategy == "timestamp") return $"(snapshotted_data.dbt_valid_from < source_data.{config.UpdatedAt})";
        var columns = config.CheckCols ?? sourceColumns;
        if (bug == SnapshotBug.CheckComparesWrongColumns) columns = columns.Take(1).ToList();
        return "(" + string.Join("\n        or ", columns.Select(c =>
            $"snapshotted_data.{c} != source_data.{c} or ((snapshotted_data.{c} is null) and not (source_data.{c} is null)) or ((not snapshotted_data.{c} is null) and (source_data.{c} is null))")) + ")";
    }

    /// <summary>
    /// The staging select of a later run: one row per change, <c>dbt_change_type</c> 'insert', 'update' or 'delete',
    /// the new version's columns for an insert and the <c>dbt_scd_id</c> and <c>dbt_valid_to</c> of the version to
    /// close for an update or a delete.
    /// </summary>
    public static string Staging(Relation target, string sql, SnapshotConfig config, IReadOnlyList<string> sourceColumns, DateTime now, SnapshotBug bug)
    {
        var updatedAt = UpdatedAt(config, now);
        var changed = RowChanged(config, sourceColumns, bug);
        var key = config.UniqueKey;
        var time = TimeLiteral(now);
        var columns = string.Join(", ", sourceColumns.Select(c => $"source_data.{c}"));
        var hardDeletes = config.InvalidateHardDeletes && bug != SnapshotBug.HardDeletesIgnored;
        var deletes = hardDeletes
            ? $"""

                union all
                select 'delete' as dbt_change_type, {string.Join(", ", sourceColumns.Select(c => $"snapshotted_data.{c}"))},
                    {time} as dbt_updated_at, {time} as dbt_valid_from, {time} as dbt_valid_to, snapshotted_data.dbt_scd_id
                from snapshotted_data
                left join snapshot_query as source_data on snapshotted_data.dbt_unique_key = source_data.{key}
                where source_data.{key} is null
                """
            : "";
        return $"""
            with snapshot_query as (
            {sql.Trim()}
            ),
            snapshotted_data as (
                select *, {key} as dbt_unique_key from {target} where dbt_valid_to is null
            ),
            source_data as (
                select *, {key} as dbt_unique_key, {updatedAt} as dbt_updated_at, {updatedAt} as dbt_valid_from, {ScdId(config, now)} as dbt_scd_id
                from snapshot_query
            )
            select 'insert' as dbt_change_type, {columns},
                source_data.dbt_updated_at, source_data.dbt_valid_from, nullif(source_data.dbt_valid_from, source_data.dbt_valid_from) as dbt_valid_to, source_data.dbt_scd_id
            from source_data
            left outer join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
            where snapshotted_data.dbt_unique_key is null or {changed}
            union all
            select 'update' as dbt_change_type, {columns},
                source_data.dbt_updated_at, source_data.dbt_valid_from, source_data.dbt_valid_from as dbt_valid_to, snapshotted_data.dbt_scd_id
            from source_data
            join snapshotted_data on snapshotted_data.dbt_unique_key = source_data.dbt_unique_key
            where {changed}{deletes}
            """;
    }

    /// <summary>dbt-postgres's snapshot merge: close the versions the staging names, then insert the new ones.</summary>
    public static IReadOnlyList<string> Merge(Relation target, string staging, IReadOnlyList<string> sourceColumns, SnapshotBug bug)
    {
        var insertColumns = string.Join(", ", sourceColumns.Concat(["dbt_scd_id", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to"]));
        var statements = new List<string>();
        if (bug != SnapshotBug.OldRowNotClosed)
            statements.Add($"""
                update {target} as dbt_internal_target
                set dbt_valid_to = dbt_internal_source.dbt_valid_to
                from {staging} as dbt_internal_source
                where dbt_internal_source.dbt_scd_id::text = dbt_internal_target.dbt_scd_id::text
                  and dbt_internal_source.dbt_change_type::text in ('update', 'delete')
                  and dbt_internal_target.dbt_valid_to is null
                """);
        statements.Add($"""
            insert into {target} ({insertColumns})
            select {insertColumns} from {staging} as dbt_internal_source
            where dbt_internal_source.dbt_change_type::text = 'insert'
            """);
        return statements;
    }
}
