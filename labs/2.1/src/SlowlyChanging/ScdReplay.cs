using Npgsql;
using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;
using StatelessMind.Labs.Transformation.Snapshots;

namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>
/// Replays the loads on a database the way a scheduler would: write the source's state, <c>dbt snapshot</c> at the
/// run's time, <c>dbt run</c> the type-1 and type-3 models, and read back what each type holds.
/// </summary>
public static class ScdReplay
{
    public const string TimestampSnapshot = "customer_profiles_timestamp";
    public const string CheckSnapshot = "customer_profiles_check";
    public static readonly IReadOnlyList<string> CheckColumns = ["segment", "city"];

    public static async Task<IReadOnlyList<ScdReplayStep>> RunAsync(string connectionString, CustomerProfileLoads loads, SnapshotBug bug, CancellationToken cancellationToken)
    {
        var target = Path.Combine(Path.GetTempPath(), $"sm-scd-{Guid.NewGuid():N}");
        try
        {
            var runner = DbtRunner.Open(StarSchemaBuild.ProjectDirectory, new DbtRunOptions
            {
                Environment = ProfileTarget.Environment(connectionString, StarSchemaBuild.TargetSchema),
                TargetDirectory = target,
            });
            var snapshots = SnapshotRunner.Load(runner).ToDictionary(s => s.Name);
            var timestamp = $"\"{snapshots[TimestampSnapshot].Config.TargetSchema}\".\"{TimestampSnapshot}\"";
            var check = $"\"{snapshots[CheckSnapshot].Config.TargetSchema}\".\"{CheckSnapshot}\"";
            var steps = new List<ScdReplayStep>();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            for (var k = 0; k < loads.Loads.Count; k++)
            {
                await loads.WriteAsync(connectionString, StarSchemaBuild.SourceSchema, k, cancellationToken);
                var results = new List<NodeResult>();
                results.AddRange(await SnapshotRunner.RunAsync(runner, new SnapshotRunOptions { Now = loads.RunTimes[k], Bug = bug }, cancellationToken));
                results.AddRange(await runner.RunAsync("dim_customer_type1", cancellationToken));
                results.AddRange(await runner.RunAsync("dim_customer_type3", cancellationToken));
                if (results.FirstOrDefault(r => r.Status != NodeStatus.Success) is { } failed)
                    throw new InvalidOperationException($"load {k}: {failed.UniqueId} {failed.Status}: {failed.Message}");
                var run = loads.RunTimes[k];
                steps.Add(new ScdReplayStep(k,
                    await ScdHistoryAudit.HistoryAsync(connection, timestamp, hasUpdatedAt: true, cancellationToken),
                    await ScdHistoryAudit.HistoryAsync(connection, check, hasUpdatedAt: false, cancellationToken),
                    await ScdHistoryAudit.OverlapsAsync(connection, timestamp, cancellationToken),
                    await ScdHistoryAudit.OverlapsAsync(connection, check, cancellationToken),
                    await ScdHistoryAudit.AsOfAsync(connection, timestamp, run, cancellationToken),
                    await ScdHistoryAudit.AsOfAsync(connection, check, run, cancellationToken),
                    await ScdHistoryAudit.Type1Async(connection, runner.RelationOf("dim_customer_type1").ToString(), cancellationToken),
                    await ScdHistoryAudit.Type3Async(connection, runner.RelationOf("dim_customer_type3").ToString(), cancellationToken)));
            }
            return steps;
        }
        finally
        {
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        }
    }
}
