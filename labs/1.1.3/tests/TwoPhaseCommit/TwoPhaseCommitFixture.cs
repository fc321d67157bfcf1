using StatelessMind.Labs.Consensus.TwoPhaseCommit;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>Three PostgreSQL clusters (max_prepared_transactions = 20) shared by the 2PC tests, and a folder for decision logs.</summary>
public sealed class TwoPhaseCommitFixture : IAsyncLifetime
{
    private TwoPhaseCommitTestbed? _bed;
    private readonly DirectoryInfo _logs = Directory.CreateTempSubdirectory("two-phase-logs-");

    public TwoPhaseCommitTestbed Bed => _bed ?? throw new InvalidOperationException("not initialised");

    /// <summary>A fresh decision log file for one test.</summary>
    public string NewLogPath() => Path.Combine(_logs.FullName, $"{Guid.NewGuid():N}.log");

    public async Task InitializeAsync() => _bed = await TwoPhaseCommitTestbed.StartAsync(participants: 3);

    public async Task DisposeAsync()
    {
        if (_bed is not null) await _bed.DisposeAsync();
        _logs.Delete(recursive: true);
    }
}
