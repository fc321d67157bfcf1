using System.Globalization;
using System.Runtime.CompilerServices;
using StatelessMind.Harness;
using StatelessMind.Harness.Measurement;
using StatelessMind.Harness.Services;
using StatelessMind.Labs.Programming.Native;

namespace StatelessMind.Labs.Programming;

/// <summary>
/// Times n pushes and n indexed reads of 64-bit integers in four arrays, each in its own language's
/// idiom: the C array through its public functions (timed inside C), Rust's DynArray and Vec (timed
/// by the dynarray-bench binary), and C#'s List&lt;long&gt; (timed here). Best of several repetitions, all in
/// CPU time of the measuring thread (<see cref="ThreadCpuClock"/>).
/// </summary>
public static class ArrayThroughput
{
    public static unsafe PushGetTiming MeasureC(long n, int repetitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        DynArrayNative.EnsureLoaded();
        DynArrayNative.BenchResult r;
        var status = DynArrayNative.BenchPushGet((ulong)n, repetitions, &r);
        if (status != 0) throw NativeDynArray.Error(-status, $"da_bench_push_get({n}, {repetitions})");
        return new PushGetTiming("C dynarray (void* + size)", n, r.PushNsPerOp, r.GetNsPerOp, r.Checksum);
    }

    /// <summary>Runs native/rust/target/release/dynarray-bench: DynArray&lt;u64&gt; and Vec&lt;u64&gt; in one process.</summary>
    public static async Task<IReadOnlyList<PushGetTiming>> MeasureRustAsync(long n, int repetitions, CancellationToken cancellationToken = default)
    {
        var bench = NativeArtifacts.RustProgram("dynarray-bench");
        var result = (await HostCommands.RunAsync(bench, [n.ToString(CultureInfo.InvariantCulture), repetitions.ToString(CultureInfo.InvariantCulture)],
            cancellationToken: cancellationToken)).EnsureSuccess();
        return ParseRustOutput(result.StandardOutput);
    }

    /// <summary>Reads lines like "impl=rust_vec n=1000 push_ns=0.41 get_ns=0.13 checksum=499500".</summary>
    public static IReadOnlyList<PushGetTiming> ParseRustOutput(string output)
    {
        var timings = new List<PushGetTiming>();
        var lineNumber = 0;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            lineNumber++;
            var fields = line.Split(' ').Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
            string Field(string key) => fields.TryGetValue(key, out var v)
                ? v
                : throw new FormatException($"dynarray-bench output line {lineNumber} has no '{key}=': {line}");
            var name = Field("impl") switch
            {
                "rust_dynarray" => "Rust DynArray<u64> (std::alloc)",
                "rust_vec" => "Rust Vec<u64>",
                var other => throw new FormatException($"dynarray-bench output line {lineNumber}: unknown implementation '{other}'"),
            };
            timings.Add(new PushGetTiming(name, long.Parse(Field("n"), CultureInfo.InvariantCulture),
                double.Parse(Field("push_ns"), CultureInfo.InvariantCulture), double.Parse(Field("get_ns"), CultureInfo.InvariantCulture),
                ulong.Parse(Field("checksum"), CultureInfo.InvariantCulture)));
        }
        if (timings.Count != 2) throw new FormatException($"dynarray-bench printed {timings.Count} result lines, expected 2:{Environment.NewLine}{output}");
        return timings;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static PushGetTiming MeasureList(long n, int repetitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        double bestPush = double.MaxValue, bestGet = double.MaxValue;
        ulong checksum = 0;
        for (var rep = 0; rep < repetitions + 1; rep++) // one extra: the first run also pays for the JIT
        {
            var start = ThreadCpuClock.NowNanoseconds();
            var list = new List<long>();
            for (long i = 0; i < n; i++) list.Add(i);
            var pushed = ThreadCpuClock.NowNanoseconds() - start;
            start = ThreadCpuClock.NowNanoseconds();
            ulong sum = 0;
            for (var i = 0; i < list.Count; i++) sum += (ulong)list[i];
            var read = ThreadCpuClock.NowNanoseconds() - start;
            checksum = sum;
            bestPush = Math.Min(bestPush, pushed / n);
            bestGet = Math.Min(bestGet, read / n);
        }
        return new PushGetTiming("C# List<long>", n, bestPush, bestGet, checksum);
    }
}
