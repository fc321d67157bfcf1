using Npgsql;
using StatelessMind.Labs.Consensus.TwoPhaseCommit;

namespace StatelessMind.Labs.Consensus.Tests.TwoPhaseCommit;

/// <summary>Task 1.1.3-2c without a database: what a failed COMMIT PREPARED means.</summary>
public sealed class PhaseTwoAnswerTests
{
    private static PostgresException ServerError(string sqlState) => new("message", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("42704", PhaseTwoAnswer.NoSuchPreparedTransaction)]
    [InlineData("57P01", PhaseTwoAnswer.Unreachable)]
    [InlineData("57P03", PhaseTwoAnswer.Unreachable)]
    [InlineData("08006", PhaseTwoAnswer.Unreachable)]
    [Goal("1.1.3-2")]
    public void A_server_answer_is_classified_by_its_sqlstate(string sqlState, PhaseTwoAnswer expected) =>
        Assert.Equal(expected, TwoPhaseCoordinator.ClassifyFailure(ServerError(sqlState)));

    [Fact]
    [Goal("1.1.3-2")]
    public void Other_server_errors_are_not_phase_two_answers() =>
        Assert.Null(TwoPhaseCoordinator.ClassifyFailure(ServerError("55000")));

    [Fact]
    [Goal("1.1.3-2")]
    public void No_answer_at_all_is_unreachable()
    {
        Assert.Equal(PhaseTwoAnswer.Unreachable, TwoPhaseCoordinator.ClassifyFailure(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));
        Assert.Equal(PhaseTwoAnswer.Unreachable, TwoPhaseCoordinator.ClassifyFailure(new InvalidOperationException("Connection is not open")));
        Assert.Null(TwoPhaseCoordinator.ClassifyFailure(new ArgumentException("not a database failure")));
    }

    [Fact]
    [Goal("1.1.3-2")]
    public void The_coordinator_command_line_round_trips_and_names_a_bad_argument()
    {
        var command = new CoordinatorCommandLine("/tmp/c1.log", ["Host=a", "Host=b"],
            new Transfer("t-1", [new TransferLeg(0, 3, -50), new TransferLeg(1, 4, 50)]), CrashPoint.CoordinatorMidCommit, TwoPhaseCommitBug.CommitBeforeAllPrepared);
        var parsed = CoordinatorCommandLine.Parse(command.ToArgs());
        Assert.Equal((command.LogPath, command.StopAt, command.Bug), (parsed.LogPath, parsed.StopAt, parsed.Bug));
        Assert.Equal(command.Participants, parsed.Participants);
        Assert.Equal(command.Transfer.Legs, parsed.Transfer.Legs);
        var e = Assert.Throws<ArgumentException>(() => CoordinatorCommandLine.Parse([.. command.ToArgs(), "--leg", "0:x:5"]));
        Assert.Contains("--leg '0:x:5'", e.Message, StringComparison.Ordinal);
    }
}
