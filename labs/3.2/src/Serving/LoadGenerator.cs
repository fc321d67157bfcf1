using System.Diagnostics;
using System.Net.Http.Json;

namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>
/// An in-process closed-loop load generator: <c>concurrency</c> workers on one <see cref="HttpClient"/> (keep-alive
/// connections), each sending its next <c>POST /predict</c> as soon as the previous answer arrives, until
/// <c>requests</c> have completed. Latency is measured per request, from send to the end of the body.
/// </summary>
public static class LoadGenerator
{
    public const string Name = "in-process HttpClient closed loop";

    public static async Task<LoadResult> RunAsync(Uri server, IReadOnlyList<float[]> inputs, int requests, int concurrency, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = server };
        var latencies = new double[requests];
        var failures = 0;
        var next = -1;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= requests) return;
                var start = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("predict", new PredictRequest(inputs[i % inputs.Count]), cancellationToken);
                await response.Content.ReadAsByteArrayAsync(cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
            }
        }).ToArray();
        await Task.WhenAll(workers);
        var seconds = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return new LoadResult(requests, failures, seconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), $"{Name}, {concurrency} connections");
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    internal static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
