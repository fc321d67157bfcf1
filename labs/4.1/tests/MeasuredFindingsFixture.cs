using StatelessMind.Harness.Reporting;
using StatelessMind.Labs.Consensus.Isolation;
using StatelessMind.Labs.Consensus.Raft;
using StatelessMind.Labs.Consensus.TwoPhaseCommit;
using StatelessMind.Labs.DatabaseTheory.AcidBase;

namespace StatelessMind.Labs.DatabaseTheory.Tests;

/// <summary>
/// The findings the CAP paper cites, measured for real at small scale — the experiments of 1.1.3-1, 1.1.3-2, 1.1.3-3 and
/// 4.1-2 — and written as a run's reports folder (<c>&lt;root&gt;/&lt;goal&gt;/finding.json</c>), so that the paper's check
/// has all its evidence and must reach a verdict. Runs once for the collection.
/// </summary>
public sealed class MeasuredFindingsFixture : IAsyncLifetime
{
    private readonly ExperimentServices _services = new();
    private readonly Dictionary<string, Finding> _findings = new(StringComparer.Ordinal);

    public DirectoryInfo Root { get; } = Directory.CreateTempSubdirectory("measured-findings-");

    public Finding this[string goalId] => _findings[goalId];

    /// <summary>A context whose output folder sits in <see cref="Root"/> beside the measured goals', as the runner lays out a run.</summary>
    public ExperimentContext ContextFor(string goalId) => new(Scale.Small, _services, new DirectoryInfo(Path.Combine(Root.FullName, goalId)));

    public async Task InitializeAsync()
    {
        IExperiment[] experiments = [new IsolationExperiment(), new TwoPhaseCommitExperiment(), new RaftExperiment(), new AcidBaseExperiment()];
        foreach (var experiment in experiments)
        {
            var context = ContextFor(experiment.GoalId);
            var finding = await experiment.RunAsync(context, CancellationToken.None);
            await FindingReport.WriteAsync(finding, context.OutputDirectory);
            _findings[experiment.GoalId] = finding;
        }
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        Root.Delete(recursive: true);
    }
}
