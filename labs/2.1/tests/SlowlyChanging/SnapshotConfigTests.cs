using StatelessMind.Labs.DimensionalModeling.SlowlyChanging;
using StatelessMind.Labs.DimensionalModeling.StarSchema;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;
using StatelessMind.Labs.Transformation.Snapshots;

namespace StatelessMind.Labs.DimensionalModeling.Tests.SlowlyChanging;

/// <summary>The project's snapshot files as the runner reads them, and the SQL it generates for each strategy.</summary>
[Goal("2.1-2")]
public sealed class SnapshotConfigTests
{
    private static DbtRunner Runner() => DbtRunner.Open(StarSchemaBuild.ProjectDirectory, new DbtRunOptions
    {
        Environment = ProfileTarget.Environment("Host=localhost;Username=u;Database=d", "analytics"),
        TargetDirectory = Path.Combine(Path.GetTempPath(), $"sm-scd-config-{Guid.NewGuid():N}"),
    });

    [Fact]
    public void Both_snapshots_are_read_with_their_strategy_and_hard_delete_setting()
    {
        var snapshots = SnapshotRunner.Load(Runner()).ToDictionary(s => s.Name);

        var timestamp = snapshots[ScdReplay.TimestampSnapshot].Config;
        Assert.Equal(new SnapshotConfig("snapshots", "customer_id", "timestamp", "updated_at", null, true), timestamp);
        var check = snapshots[ScdReplay.CheckSnapshot].Config;
        Assert.Equal(("check", true), (check.Strategy, check.InvalidateHardDeletes));
        Assert.Equal(ScdReplay.CheckColumns, check.CheckCols);
        Assert.Contains("\"retail_ops\".\"customer_profiles\"", snapshots[ScdReplay.CheckSnapshot].Sql, StringComparison.Ordinal);
        Assert.DoesNotContain("snapshot", snapshots[ScdReplay.CheckSnapshot].Sql, StringComparison.Ordinal); // the block tags are gone
    }

    [Fact]
    public void The_check_strategy_compares_each_checked_column_and_treats_null_against_a_value_as_a_change()
    {
        var config = new SnapshotConfig("s", "id", "check", null, ["segment", "city"], true);

        var changed = SnapshotSql.RowChanged(config, ["id", "segment", "city", "full_name"]);
        Assert.Contains("snapshotted_data.city != source_data.city", changed, StringComparison.Ordinal);
        Assert.Contains("(snapshotted_data.segment is null) and not (source_data.segment is null)", changed, StringComparison.Ordinal);
        Assert.DoesNotContain("full_name", changed, StringComparison.Ordinal);
        var all = SnapshotSql.RowChanged(config with { CheckCols = null }, ["id", "segment", "city", "full_name"]);
        Assert.Contains("snapshotted_data.full_name != source_data.full_name", all, StringComparison.Ordinal);
        Assert.Equal("(snapshotted_data.dbt_valid_from < source_data.updated_at)",
            SnapshotSql.RowChanged(new SnapshotConfig("s", "id", "timestamp", "updated_at", null, false), ["id"]));
    }

    [Theory]
    [InlineData("{{ config(target_schema='s', unique_key='id', strategy='timestamp') }} select 1 as id", "{% snapshot s %}", "updated_at")]
    [InlineData("{{ config(target_schema='s', unique_key='id', strategy='check') }} select 1 as id", "{% snapshot s %}", "check_cols")]
    [InlineData("{{ config(target_schema='s', unique_key='id', strategy='newest') }} select 1 as id", "{% snapshot s %}", "unsupported snapshot strategy")]
    [InlineData("{{ config(target_schema='s', strategy='check', check_cols='all') }} select 1 as id", "{% snapshot s %}", "unique_key")]
    [InlineData("select 1 as id", "", "{% snapshot name %}")]
    public void A_snapshot_without_what_its_strategy_needs_is_an_error_naming_its_file(string body, string open, string message)
    {
        var root = Path.Combine(Path.GetTempPath(), $"sm-scd-bad-{Guid.NewGuid():N}");
        try
        {
            foreach (var file in Directory.EnumerateFiles(StarSchemaBuild.ProjectDirectory, "*", SearchOption.AllDirectories))
            {
                var dest = Path.Combine(root, Path.GetRelativePath(StarSchemaBuild.ProjectDirectory, file));
                Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
                File.Copy(file, dest);
            }
            File.WriteAllText(Path.Combine(root, "snapshots", "bad.sql"), open.Length > 0 ? $"{open}\n{body}\n{{% endsnapshot %}}" : body);
            var runner = DbtRunner.Open(root, new DbtRunOptions
            {
                Environment = ProfileTarget.Environment("Host=localhost;Username=u;Database=d", "analytics"),
                TargetDirectory = Path.Combine(root, "target"),
            });

            var e = Assert.Throws<DbtProjectException>(() => SnapshotRunner.Load(runner));
            Assert.Contains("snapshots/bad.sql", e.Message, StringComparison.Ordinal);
            Assert.Contains(message, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
