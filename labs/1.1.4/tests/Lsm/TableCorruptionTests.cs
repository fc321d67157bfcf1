using StatelessMind.Labs.Storage.Lsm;

namespace StatelessMind.Labs.Storage.Tests.Lsm;

/// <summary>A damaged SSTable is reported with its file and the damaged part's offset; its bytes are never returned.</summary>
public sealed class TableCorruptionTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("1.1.4-1")]
    public void CorruptDataBlockIsReportedWithFileAndOffsetNeverReturned()
    {
        using var dir = new TempDirectory("sst");
        var options = new LsmOptions { BackgroundMaintenance = false, BlockBytes = 1024 };
        using (var tree = LsmTree.Open(dir.Path, options))
        {
            for (var i = 0; i < 2000; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
            tree.Flush();
        }
        var table = Directory.GetFiles(dir.Path, "*.sst").Single();
        var bytes = File.ReadAllBytes(table);
        const int corruptAt = 3000; // inside the third 1 KiB data block
        bytes[corruptAt] ^= 0x01;
        File.WriteAllBytes(table, bytes);
        using var reopened = LsmTree.Open(dir.Path, options); // footer, index and filter are intact
        var failures = new List<CorruptionException>();
        var good = 0;
        for (var i = 0; i < 2000; i++)
        {
            try
            {
                Assert.Equal(LsmTestKit.Value(i, 0), reopened.Get(LsmTestKit.Key(i)));
                good++;
            }
            catch (CorruptionException e) { failures.Add(e); }
        }
        Assert.NotEmpty(failures);
        Assert.All(failures, e =>
        {
            Assert.Equal(table, e.File);
            Assert.InRange(e.Offset, corruptAt - 1100, corruptAt);
            Assert.Contains("CRC-32C", e.Problem, StringComparison.Ordinal);
        });
        Assert.Equal(2000, good + failures.Count);
        Assert.Throws<CorruptionException>(() => reopened.Scan().Count());
        output.WriteLine($"{failures.Count} lookups hit the corrupt block ({failures[0].Message}); {good} others read correctly");
    }

    [Fact]
    [Goal("1.1.4-1")]
    public void CorruptFooterIsReportedWhenTheTableIsOpened()
    {
        using var dir = new TempDirectory("sst");
        using (var tree = LsmTree.Open(dir.Path, new LsmOptions { BackgroundMaintenance = false }))
        {
            for (var i = 0; i < 500; i++) tree.Put(LsmTestKit.Key(i), LsmTestKit.Value(i, 0));
            tree.Flush();
        }
        var table = Directory.GetFiles(dir.Path, "*.sst").Single();
        var bytes = File.ReadAllBytes(table);
        var footerOffset = bytes.Length - TableFormat.FooterBytes;
        bytes[footerOffset + 2] ^= 0x40; // the bloom filter offset
        File.WriteAllBytes(table, bytes);
        var error = Assert.Throws<CorruptionException>(() => LsmTree.Open(dir.Path, new LsmOptions { BackgroundMaintenance = false }));
        Assert.Equal((table, (long)footerOffset), (error.File, error.Offset));
        Assert.Contains("footer checksum", error.Problem, StringComparison.Ordinal);
        output.WriteLine(error.Message);
    }
}
