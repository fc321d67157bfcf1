using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using StatelessMind.Dataflow.Text;

namespace StatelessMind.Dataflow.Jobs;

/// <summary>
/// What the layer's word count is measured against, with the same word definition: plain LINQ (one thread,
/// GroupBy), hand-written PLINQ (a dictionary per worker thread, merged at the end), and the shell pipeline a user
/// would type, <c>LC_ALL=C tr -cs A-Za-z '\n' | sort | uniq -c</c>.
/// </summary>
public static class WordCountBaselines
{
    public static Dictionary<string, long> Linq(IEnumerable<string> lines) =>
        (lines ?? throw new ArgumentNullException(nameof(lines))).SelectMany(AsciiWords.Split).GroupBy(w => w, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.LongCount(), StringComparer.Ordinal);

    public static Dictionary<string, long> Plinq(IEnumerable<string> lines) =>
        (lines ?? throw new ArgumentNullException(nameof(lines))).AsParallel().Aggregate(
            () => new Dictionary<string, long>(StringComparer.Ordinal),
            (counts, line) =>
            {
                foreach (var word in AsciiWords.Split(line))
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, word, out _);
                    slot++;
                }
                return counts;
            },
            (a, b) =>
            {
                foreach (var (word, n) in b)
                {
                    ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(a, word, out _);
                    slot += n;
                }
                return a;
            },
            counts => counts);

    /// <summary>Runs the pipeline over <paramref name="path"/> with bash and reads its "count word" lines.</summary>
    /// <param name="path">The text file.</param>
    /// <param name="timeout">How long the pipeline may run (10 minutes when not given); past it, it is killed and named.</param>
    public static Dictionary<string, long> UnixPipeline(string path, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var limit = timeout ?? TimeSpan.FromMinutes(10);
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("tr -cs A-Za-z '\\n' < \"$1\" | sort | uniq -c");
        psi.ArgumentList.Add("wordcount");
        psi.ArgumentList.Add(path);
        psi.Environment["LC_ALL"] = "C";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("bash could not be started.");
        var stderr = process.StandardError.ReadToEndAsync();
        var timedOut = false;
        using var deadline = new Timer(_ =>
        {
            timedOut = true;
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // it ended meanwhile
        }, null, limit, Timeout.InfiniteTimeSpan);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        while (process.StandardOutput.ReadLine() is { } line)
        {
            var trimmed = line.AsSpan().TrimStart();
            var space = trimmed.IndexOf(' ');
            if (space < 0) continue;
            var word = trimmed[(space + 1)..].ToString();
            if (word.Length == 0) continue; // tr leaves one empty line when the text starts with a non-letter
            counts[word] = long.Parse(trimmed[..space], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        process.WaitForExit();
        deadline.Dispose();
        if (timedOut) throw new TimeoutException($"The word count pipeline (tr | sort | uniq -c) over {path} ran past {limit.TotalSeconds:0} s and was killed.");
        if (process.ExitCode != 0) throw new InvalidOperationException($"The word count pipeline failed ({process.ExitCode}): {stderr.Result}");
        return counts;
    }

    /// <summary>True if two counts hold the same words with the same numbers.</summary>
    public static bool Same(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b) =>
        a is not null && b is not null && a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var n) && n == kv.Value);
}
