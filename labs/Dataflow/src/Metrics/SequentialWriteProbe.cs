using System.Diagnostics;

namespace StatelessMind.Dataflow.Metrics;

/// <summary>The machine's sequential write speed as the shuffle sees it: one file written in 1 MiB blocks through a
/// FileStream into the page cache, no fsync — the same path a spill takes — from a buffer as large as the data (up to
/// 256 MiB), so that, like a spill's buffers, the data does not sit in the CPU's cache.</summary>
public static class SequentialWriteProbe
{
    /// <summary>Writes <paramref name="bytes"/> bytes to a new file in <paramref name="directory"/> and returns MB/s (10^6 bytes).</summary>
    public static double MegabytesPerSecond(string directory, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"sequential-write-{Guid.NewGuid():N}.bin");
        var source = new byte[Math.Min(bytes, 256L << 20)];
        new Random(1).NextBytes(source);
        const int block = 1 << 20;
        try
        {
            var start = Stopwatch.GetTimestamp();
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                for (long written = 0; written < bytes; written += block)
                {
                    var offset = (int)(written % source.Length);
                    file.Write(source, offset, (int)Math.Min(Math.Min(block, bytes - written), source.Length - offset));
                }
            }
            return bytes / 1e6 / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
