using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability;

/// <summary>
/// The lab's assembly is also a program, for the one part that must run in a process of its own: the ledger server
/// that the process-kill drill of 1.1.1-1 starts and SIGKILLs (<see cref="LedgerServerHost"/>). The experiments run
/// through the stateless-mind runner.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == LedgerServerHost.Command)
            return await LedgerServerHost.RunAsync(args[1..], Console.In, Console.Out, Console.Error);
        await Console.Error.WriteLineAsync($"usage: StatelessMind.Labs.Reliability {LedgerServerHost.Command} --data FILE --log FILE [--bug NAME]\n" +
                                           "This is the ledger server process of lab 1.1.1's process-kill drill; run the lab's experiments with the stateless-mind runner.");
        return 2;
    }
}
