using System.Globalization;
using System.Net;
using StatelessMind.Dataflow.Jobs;
using StatelessMind.Dataflow.MapReduce;
using StatelessMind.Dataflow.Text;

// The MapReduce worker process:
//   dotnet StatelessMind.Dataflow.Worker.dll --coordinator HOST:PORT [--threads N]
// With N > 1 the process runs N task loops on N threads (vertical scaling); the default is one (horizontal).
// Two helpers for running the word count across containers (labs/1.1.2/compose), where the lab itself is not running:
//   ... coordinate --listen ADDRESS:PORT --inputs DIR --reduce R --work DIR   (a coordinator for the word count of DIR's files)
//   ... generate-input --out DIR --files N --bytes B                          (Zipf text, s = 1.1, 50,000 made-up words)
// Exit codes: 0 done, 1 an error (on stderr), 2 bad arguments.

const string Usage = "Usage: --coordinator HOST:PORT [--threads N] | coordinate --listen ADDRESS:PORT --inputs DIR --reduce R --work DIR | " +
                     "generate-input --out DIR --files N --bytes B";

static Dictionary<string, string>? Options(string[] args, int from, params string[] names)
{
    var options = new Dictionary<string, string>();
    for (var i = from; i < args.Length; i += 2)
    {
        if (i + 1 >= args.Length || !names.Contains(args[i])) return null;
        options[args[i]] = args[i + 1];
    }
    return options;
}

static int? Positive(Dictionary<string, string> options, string name) =>
    options.TryGetValue(name, out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

static async Task<IPEndPoint?> ResolveAsync(string hostPort)
{
    if (IPEndPoint.TryParse(hostPort, out var ep)) return ep;
    var colon = hostPort.LastIndexOf(':');
    if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)) return null;
    var addresses = await Dns.GetHostAddressesAsync(hostPort[..colon]);
    return addresses.Length == 0 ? null : new IPEndPoint(addresses[0], port);
}

try
{
    if (args.Length > 0 && args[0] == "generate-input")
    {
        if (Options(args, 1, "--out", "--files", "--bytes") is not { } o || !o.ContainsKey("--out") || Positive(o, "--files") is not { } files || Positive(o, "--bytes") is not { } bytes)
        {
            await Console.Error.WriteLineAsync($"worker: bad generate-input arguments. {Usage}");
            return 2;
        }
        Directory.CreateDirectory(o["--out"]);
        for (var i = 0; i < files; i++) ZipfText.WriteFile(Path.Combine(o["--out"], $"input-{i:000}.txt"), bytes, seed: 1 + i);
        return 0;
    }

    if (args.Length > 0 && args[0] == "coordinate")
    {
        if (Options(args, 1, "--listen", "--inputs", "--reduce", "--work") is not { } o || !o.ContainsKey("--inputs") || !o.ContainsKey("--work")
            || Positive(o, "--reduce") is not { } reduce || !o.TryGetValue("--listen", out var listen) || !IPEndPoint.TryParse(listen, out var at))
        {
            await Console.Error.WriteLineAsync($"worker: bad coordinate arguments. {Usage}");
            return 2;
        }
        var inputs = Directory.EnumerateFiles(o["--inputs"]).Order(StringComparer.Ordinal).ToList();
        var job = MapReduceJob.For<WordCountJob.Application>(inputs, reduce, o["--work"]) with { ListenAddress = at.Address, ListenPort = at.Port };
        await using var coordinator = Coordinator.Start(job);
        Console.WriteLine($"coordinator: listening on {coordinator.Endpoint}, {inputs.Count} map and {reduce} reduce tasks");
        var report = await coordinator.Completion;
        Console.WriteLine($"coordinator: job done in {report.JobDone.TotalSeconds:0.###} s by {report.WorkerPids.Count} worker connections; {report.Reexecutions} re-executions");
        return 0;
    }

    IPEndPoint? coordinatorEndpoint = null;
    var threads = 1;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--coordinator" when i + 1 < args.Length && await ResolveAsync(args[i + 1]) is { } ep:
                coordinatorEndpoint = ep;
                i++;
                break;
            case "--threads" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1:
                threads = n;
                i++;
                break;
            default:
                await Console.Error.WriteLineAsync($"worker: unexpected argument '{args[i]}'. {Usage}");
                return 2;
        }
    }
    if (coordinatorEndpoint is null)
    {
        await Console.Error.WriteLineAsync($"worker: --coordinator HOST:PORT is required. {Usage}");
        return 2;
    }

    var failures = 0;
    var loops = Enumerable.Range(0, threads).Select(i => new Thread(() =>
    {
        try
        {
            WorkerLoop.RunAsync(coordinatorEndpoint).GetAwaiter().GetResult();
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
}
catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"worker: {e.Message}");
    return 1;
}
