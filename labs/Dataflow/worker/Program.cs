using System.Globalization;
using System.Net;
using StatelessMind.Dataflow.MapReduce;

// The MapReduce worker process: `dotnet StatelessMind.Dataflow.Worker.dll --coordinator 127.0.0.1:PORT [--threads N]`.
// With N > 1 the process runs N task loops on N threads (vertical scaling); the default is one (horizontal).
// Exit codes: 0 the job ended, 1 an error (on stderr), 2 bad arguments.

IPEndPoint? coordinator = null;
var threads = 1;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--coordinator" when i + 1 < args.Length && IPEndPoint.TryParse(args[i + 1], out var ep):
            coordinator = ep;
            i++;
            break;
        case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1:
            threads = n;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync($"worker: unexpected argument '{args[i]}'. Usage: --coordinator HOST:PORT [--threads N]");
            return 2;
    }
}
if (coordinator is null)
{
    await Console.Error.WriteLineAsync("worker: --coordinator HOST:PORT is required.");
    return 2;
}

var failures = 0;
var loops = Enumerable.Range(0, threads).Select(i => new Thread(() =>
{
    try
    {
        WorkerLoop.RunAsync(coordinator).GetAwaiter().GetResult();
    }
    catch (Exception e)
    {
        Interlocked.Increment(ref failures);
        Console.Error.WriteLine($"worker {Environment.ProcessId}/{i}: {e}");
    }
}) { Name = $"worker-loop-{i}" }).ToList();
foreach (var t in loops) t.Start();
foreach (var t in loops) t.Join();
return failures == 0 ? 0 : 1;
