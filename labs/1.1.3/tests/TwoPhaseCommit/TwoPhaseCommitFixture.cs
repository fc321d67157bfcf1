using StatelessMind.Labs.Consensus.TwoPhaseCommit;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>Three PostgreSQL clusters (max_prepared_transactions = 20) shared by the 2PC test classes of one collection
/// (they run one after another), and a folder for decision logs. Tests compare totals with the total before them, since
/// the planted-bug tests leave partial transfers behind on purpose.</summary>
public sealed class TwoPhaseCommitFixture : IAsyncLifetime
{
    private TwoPhaseCommitTestbed? _bed;
    private readonly DirectoryInfo _logs = Directory.CreateTempSubdirectory("two-phase-logs-");

    public TwoPhaseCommitTestbed Bed => _bed ?? throw new InvalidOperationException("not initialised");

    /// <summary>A fresh decision log file for one test (its name is the coordinator's id).</summary>
    public string NewLogPath() => Path.Combine(_logs.FullName, $"c{Guid.NewGuid():N}"[..20] + ".log");

    public async Task InitializeAsync() => _bed = await TwoPhaseCommitTestbed.StartAsync(participants: 3);

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
        _logs.Delete(recursive: true);
    }
}
