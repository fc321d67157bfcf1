using System.Globalization;
using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.SystemsProgramming.Caching;

/// <summary>
/// Runs valgrind's cachegrind on cg_pattern with a given D1 and LL configuration and reads the counts of the
/// walk function from its output file; then runs the simulator, configured the same way (LRU, write-allocate,
/// like cachegrind), on the same pattern after the same warm-up, so the miss counts can be compared.
/// </summary>
public static class Cachegrind
{
    public static async Task<CachegrindCounts> RunAsync(CachegrindPattern pattern, CacheConfig d1, CacheConfig ll, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var valgrind = NativeArtifacts.Tool("valgrind", "install the Debian package 'valgrind' (make setup does)");
        var program = NativeArtifacts.CProgram("cg_pattern");
        var outFile = Path.Combine(Path.GetTempPath(), $"sm-cachegrind-{Environment.ProcessId}-{Guid.NewGuid():N}.out");
        try
        {
            string[] args =
            [
                "--tool=cachegrind", "--cache-sim=yes", "--I1=32768,8,64", $"--D1={Spec(d1)}", $"--LL={Spec(ll)}",
                $"--cachegrind-out-file={outFile}", program, .. pattern.Arguments,
            ];
            (await HostCommands.RunAsync(valgrind, args, cancellationToken: cancellationToken)).EnsureSuccess();
            return ParseFunction(await File.ReadAllTextAsync(outFile, cancellationToken), pattern.Function, outFile);
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    /// <summary>Sums the data-cache events of every line attributed to <paramref name="function"/> in a cachegrind output file.</summary>
    public static CachegrindCounts ParseFunction(string text, string function, string source = "cachegrind output")
    {
        ArgumentNullException.ThrowIfNull(text);
        string[]? events = null;
        var sums = new Dictionary<string, long>();
        var inFunction = false;
        var found = false;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("events:", StringComparison.Ordinal))
            {
                events = line["events:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            }
            else if (line.StartsWith("fn=", StringComparison.Ordinal))
            {
                inFunction = line[3..] == function;
                found |= inFunction;
            }
            else if (line.StartsWith("fl=", StringComparison.Ordinal))
            {
                inFunction = false;
            }
            else if (inFunction && line.Length > 0 && char.IsAsciiDigit(line[0]))
            {
                if (events is null) throw new FormatException($"{source}:{lineNumber}: counts before the 'events:' line.");
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                for (var i = 1; i < fields.Length && i - 1 < events.Length; i++)
                    sums[events[i - 1]] = sums.GetValueOrDefault(events[i - 1]) + long.Parse(fields[i], CultureInfo.InvariantCulture);
            }
        }
        if (events is null) throw new FormatException($"{source}: no 'events:' line — not a cachegrind output file.");
        if (!found) throw new FormatException($"{source}: no function '{function}' (was cg_pattern built with -O2 and the walk not inlined?).");
        string[] needed = ["Dr", "D1mr", "DLmr", "Dw", "D1mw", "DLmw"];
        foreach (var e in needed)
            if (!events.Contains(e)) throw new FormatException($"{source}: event '{e}' missing (run with --cache-sim=yes).");
        long Get(string e) => sums.GetValueOrDefault(e);
        return new CachegrindCounts(Get("Dr"), Get("D1mr"), Get("DLmr"), Get("Dw"), Get("D1mw"), Get("DLmw"));
    }

    /// <summary>The simulator's side: warm up as cg_pattern's fill() does (one sequential pass over the buffer;
    /// reads, so no dirty lines: cachegrind does not model write-backs), reset, then the walk.</summary>
    public static (long Accesses, long D1Misses, long LLMisses) Simulate(CachegrindPattern pattern, CacheConfig d1, CacheConfig ll)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        using var h = new CacheHierarchy([d1, ll], memoryLatency: 100, classifyMisses: false);
        h.Run(AccessPattern.Strided(pattern.BufferBytes, 8));
        h.ResetStatistics();
        var accesses = h.Run(pattern.Walk);
        return (accesses, h.LevelStatistics(0).Misses, h.LevelStatistics(1).Misses);
    }

    public static async Task<CachegrindComparison> CompareAsync(CachegrindPattern pattern, CachegrindConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var real = await RunAsync(pattern, configuration.D1, configuration.LL, cancellationToken);
        var (accesses, d1Misses, llMisses) = Simulate(pattern, configuration.D1, configuration.LL);
        return new CachegrindComparison(configuration, pattern, real, accesses, d1Misses, llMisses);
    }

    private static string Spec(CacheConfig c)
    {
        if (c.Associativity == 0 || c.Replacement != Replacement.Lru || !c.WriteAllocate)
            throw new ArgumentException($"cachegrind models set-associative LRU write-allocate caches only, not: {c.Describe()}.");
        return string.Create(CultureInfo.InvariantCulture, $"{c.SizeBytes},{c.Associativity},{c.BlockBytes}");
    }
}
