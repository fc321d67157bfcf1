using StatelessMind.Labs.Lifecycle.DbtJob;
using StatelessMind.Labs.Lifecycle.Etl;
using StatelessMind.Labs.Lifecycle.Experiments;
using StatelessMind.Labs.Lifecycle.Quality;
using StatelessMind.Labs.Lifecycle.Serving;
using StatelessMind.Labs.Lifecycle.Streaming;

namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>The 1.2-1 experiment at small scale, and its exactly-once check with the faults on against the planted at-least-once sink.</summary>
public sealed class ExperimentTests(PostgresFixture postgres, KafkaFixture kafka, ITestOutputHelper output)
    : IClassFixture<PostgresFixture>, IClassFixture<KafkaFixture>
{
    [Fact]
    [Goal("1.2-1")]
    public async Task The_ingestion_experiment_passes_every_check_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new IngestionExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.Figures.Single(f => f.Name == "COPY vs row-by-row INSERT").Value >= 10, "COPY beat row-by-row INSERT tenfold");
        Assert.True(finding.Figures.Single(f => f.Name == "messages redelivered under faults").Value > 0);
        Assert.EndsWith("checks held.", finding.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [Goal("1.2-1")]
    [InlineData(SinkBug.None)]
    [InlineData(SinkBug.AtLeastOnce)]
    public async Task The_fault_run_audit_passes_the_designed_sink_and_catches_the_at_least_once_sink(SinkBug bug)
    {
        var db = await postgres.CreateDatabaseAsync("faults");

        var result = await StreamFaultRun.RunAsync(kafka.Cluster.BootstrapServers, db, SaleEvents.Generate(1_200, seed: 12, firstEventId: 1), bug, TestLog.To(output));

        output.WriteLine($"{bug}: {result with { Problems = [] }}; audit: {(result.Problems.Count == 0 ? "exact" : string.Join("; ", result.Problems))}");
        Assert.Equal(2, result.Crashes);
        Assert.True(result.Redelivered > 0);
        if (bug == SinkBug.None)
        {
            Assert.Empty(result.Problems);
            Assert.True(result.CrashedBetweenTheCommits);
        }
        else
        {
            Assert.Contains(result.Problems, p => p.Contains("kind Duplicate", StringComparison.Ordinal));
        }
    }

    [Fact]
    [Goal("1.2-3")]
    public async Task The_lakehouse_experiment_passes_every_check_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new LakehouseExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(6_000, finding.Figures.Single(f => f.Name == "rows checked at every hop").Value);
        Assert.Contains(finding.Notes, n => n.Contains("planted bug ReadIgnoresRemoves", StringComparison.Ordinal) && n.StartsWith('✔'));
        Assert.EndsWith("checks held.", finding.Summary, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.2-2")]
    public async Task The_quality_experiment_passes_every_check_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new QualityExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(10, finding.Figures.Single(f => f.Name == "datasets where the seed, the DataFrame, SQL and dbt agree").Value);
        Assert.Equal(3, finding.Figures.Single(f => f.Name == "planted bugs caught").Value);
    }

    [Fact]
    [Goal("1.2-4")]
    public async Task The_etl_elt_experiment_passes_every_check_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new EtlEltExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.Figures.Single(f => f.Name == "ETL data moved").Value > 0);
        Assert.True(finding.Figures.Single(f => f.Name == "ELT runtime / ETL runtime").Value > 0);
    }

    [Fact]
    [Goal("1.2-6")]
    public async Task The_serving_experiment_passes_every_check_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new ServingExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.True(finding.Figures.Single(f => f.Name == "rows served by page walk").Value > 0);
    }

    [Fact]
    [Goal("1.2-5")]
    public async Task The_dbt_job_experiment_passes_every_check_at_small_scale()
    {
        var finding = await ExperimentRun.AtSmallScaleAsync(new DbtJobExperiment(), output);

        Assert.Equal(Verdict.Pass, finding.Verdict);
        Assert.Equal(0, finding.Figures.Single(f => f.Name == DbtJobExperiment.OrderViolations).Value);
        Assert.Equal(2, finding.Figures.Single(f => f.Name == DbtJobExperiment.BuildTriesAfterLock).Value);
        Assert.Equal(3, finding.Notes.Count(n => n.Contains("planted bug", StringComparison.Ordinal) && n.StartsWith('✔')));
        Assert.EndsWith("checks held.", finding.Summary, StringComparison.Ordinal);
    }
}
