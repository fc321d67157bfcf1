using System.Diagnostics;

namespace StatelessMind.Dataflow.Metrics;

/// <summary>The machine's sequential write speed as the shuffle sees it: one file written in 1 MiB blocks through a
/// FileStream into the page cache, no fsync — the same path a spill takes — so the two can be compared.</summary>
public static class SequentialWriteProbe
{
    /// <summary>Writes <paramref name="bytes"/> bytes to a new file in <paramref name="directory"/> and returns MB/s (10^6 bytes).</summary>
    public static double MegabytesPerSecond(string directory, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"sequential-write-{Guid.NewGuid():N}.bin");
        var block = new byte[1 << 20];
        new Random(1).NextBytes(block);
        try
        {
            var start = Stopwatch.GetTimestamp();
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                for (long written = 0; written < bytes; written += block.Length)
                    file.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
            }
            return bytes / 1e6 / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
