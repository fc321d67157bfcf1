using StatelessMind.Labs.Lifecycle.DbtJob;

namespace StatelessMind.Labs.Lifecycle.Tests.DbtJob;

/// <summary>The job's planted bugs change what they claim to: the sensor's bound, the DAG's wiring. (That the checks catch
/// them is the experiment's part: each is run and must be caught.)</summary>
[Goal("1.2-5")]
public sealed class DbtJobPlantedBugTests
{
    [Fact]
    public void The_planted_wiring_bug_puts_the_build_before_the_snapshot()
    {
        var edges = DbtJobDagTests.Edges(DbtJobDag.Create(DbtJobDagTests.Options(DbtJobBug.BuildBeforeSnapshot)));

        Assert.Contains("dbt_seed>>dbt_build", edges);
        Assert.Contains("dbt_build>>dbt_snapshot", edges);
        Assert.DoesNotContain("dbt_snapshot>>dbt_build", edges);
    }

    [Fact]
    public void The_planted_sensor_bug_compares_with_the_start_of_the_interval()
    {
        Assert.Contains("{{ data_interval_start }}", SourceLoads.FreshnessSql(DbtJobBug.SensorAcceptsStaleData), StringComparison.Ordinal);
        Assert.DoesNotContain("data_interval_start", SourceLoads.FreshnessSql(DbtJobBug.None), StringComparison.Ordinal);
    }
}
