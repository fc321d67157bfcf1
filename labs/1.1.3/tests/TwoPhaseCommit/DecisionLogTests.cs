using System.Text;
using StatelessMind.Labs.Consensus.TwoPhaseCommit;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>The coordinator's log: decisions survive a reopen, a torn tail is cut, corruption is reported.</summary>
public sealed class DecisionLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("decision-log-").FullName;
    private string LogPath => Path.Combine(_dir, "coordinator.log");

    [Fact]
    [Goal("1.1.3-2")]
    public void Decisions_survive_reopening_the_log()
    {
        using (var log = DecisionLog.Open(LogPath))
        {
            log.Append(Decision.Commit, "t1", [0, 1]);
            log.Append(Decision.Abort, "t2", [1, 2]);
            log.Append(Decision.Commit, "t3", [0, 2]);
            log.Append(Decision.End, "t3", [0, 2]);
            Assert.Equal(2, log.ForcedWrites);
        }
        using var reopened = DecisionLog.Open(LogPath);
        Assert.Equal(Decision.Commit, reopened.DecisionFor("t1"));
        Assert.Equal(Decision.Abort, reopened.DecisionFor("t2"));
        Assert.Null(reopened.DecisionFor("t4"));
        Assert.Equal(["t1"], reopened.CommittedNotEnded);
        Assert.Equal(0, reopened.TornBytesDiscarded);
    }

    [Fact]
    [Goal("1.1.3-2")]
    public void A_torn_last_record_is_cut_off_and_its_decision_never_counts()
    {
        using (var log = DecisionLog.Open(LogPath)) log.Append(Decision.Commit, "t1", [0, 1]);
        var full = File.ReadAllBytes(LogPath);
        using (var log = DecisionLog.Open(LogPath)) log.Append(Decision.Commit, "t2", [0, 1]);
        // A crash in the middle of the second append: only part of its line reached the disk.
        var withSecond = File.ReadAllBytes(LogPath);
        File.WriteAllBytes(LogPath, withSecond[..(full.Length + 7)]);

        using var reopened = DecisionLog.Open(LogPath);
        Assert.Equal(7, reopened.TornBytesDiscarded);
        Assert.Equal(Decision.Commit, reopened.DecisionFor("t1"));
        Assert.Null(reopened.DecisionFor("t2"));
        Assert.Equal(full.Length, new FileInfo(LogPath).Length);
    }

    [Fact]
    [Goal("1.1.3-2")]
    public void A_corrupt_record_before_the_end_stops_recovery_with_its_line_and_offset()
    {
        using (var log = DecisionLog.Open(LogPath))
        {
            log.Append(Decision.Commit, "t1", [0, 1]);
            log.Append(Decision.Commit, "t2", [0, 1]);
            log.Append(Decision.Commit, "t3", [0, 1]);
        }
        var text = File.ReadAllText(LogPath);
        var secondLine = text.IndexOf('\n', StringComparison.Ordinal) + 1;
        File.WriteAllText(LogPath, text.Replace(" t2 ", " t9 ", StringComparison.Ordinal)); // a flipped byte: the CRC no longer matches

        var e = Assert.Throws<DecisionLogCorruptException>(() => DecisionLog.Open(LogPath));
        Assert.Equal(2, e.Line);
        Assert.Equal(Encoding.UTF8.GetByteCount(text[..secondLine]), e.Offset);
        Assert.Contains("checksum", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Goal("1.1.3-2")]
    public void A_log_is_held_by_one_coordinator_at_a_time_and_freed_when_it_stops()
    {
        using (var log = DecisionLog.Open(LogPath))
        {
            Assert.Equal("coordinator", log.CoordinatorId);
            var e = Assert.Throws<DecisionLogHeldException>(() => DecisionLog.Open(LogPath));
            Assert.Equal(LogPath, e.LogPath);
        }
        using var again = DecisionLog.Open(LogPath);
        Assert.Equal(0, again.TornBytesDiscarded);
    }

    [Fact]
    [Goal("1.1.3-2")]
    public void A_log_whose_file_name_cannot_name_a_coordinator_is_refused_with_the_path()
    {
        var bad = Path.Combine(_dir, "has space.log");
        var e = Assert.Throws<ArgumentException>(() => DecisionLog.Open(bad));
        Assert.Contains(bad, e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
