using Npgsql;

namespace StatelessMind.Labs.Consensus.TwoPhaseCommit;

/// <summary>
/// A coordinator as a process of its own (<c>dotnet StatelessMind.Labs.Consensus.dll coordinator …</c>, see
/// <see cref="CoordinatorCommandLine"/>), so that its crash is a real one: it runs one transfer, and at its crash point
/// prints <c>at POINT STEP PARTICIPANT</c> and waits for <c>continue</c> on its standard input — while
/// <see cref="CoordinatorProcess"/> kills it (SIGKILL: no finally block runs, no session is closed, only the kernel
/// closes its sockets) or kills a participant and lets it go on. At the end it prints <c>result OUTCOME REASON</c>.
/// Its connections carry the application name <c>sm2pc-coordinator-PID</c>.
/// </summary>
public static class CoordinatorProgram
{
    public static string ApplicationName(int pid) => $"sm2pc-coordinator-{pid}";

    public static async Task<int> Main(string[] args)
    {
        CoordinatorCommandLine command;
        try
        {
            command = CoordinatorCommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"coordinator: {e.Message}");
            return 2;
        }
        var sources = command.Participants
            .Select(cs => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = ApplicationName(Environment.ProcessId) }.ConnectionString))
            .ToList();
        try
        {
            using var log = DecisionLog.Open(command.LogPath);
            var injector = new CrashInjector(command.StopAt, command.Transfer, StopAsync);
            var result = await new TwoPhaseCoordinator(sources, log, injector, command.Bug).ExecuteAsync(command.Transfer);
            Console.WriteLine($"result {result.Outcome} {result.Reason}".TrimEnd());
            return 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            await Console.Error.WriteLineAsync($"coordinator: {e}");
            return 1;
        }
        finally
        {
            foreach (var s in sources) await s.DisposeAsync();
        }
    }

    private static async Task StopAsync(CoordinatorStop stop, CancellationToken ct)
    {
        Console.WriteLine($"at {stop.Point} {stop.Step} {stop.Participant}");
        Console.Out.Flush();
        var answer = await Console.In.ReadLineAsync(ct);
        // End of input: the parent is gone. Nobody will decide for this coordinator; stop here as a crash would.
        if (answer != "continue") Environment.Exit(3);
    }
}
