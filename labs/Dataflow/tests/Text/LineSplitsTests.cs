using StatelessMind.Dataflow.Text;

namespace StatelessMind.Dataflow.Tests.Text;

public sealed class LineSplitsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("splits-test").FullName;

    [Theory]
    [InlineData("a\nbb\nccc\n\ndddd\n")]
    [InlineData("a\r\nbb\r\nccc")]
    [InlineData("single line without end")]
    [InlineData("x\n")]
    [InlineData("\n\n\n")]
    public void Every_line_is_read_by_exactly_one_split(string text)
    {
        var path = Path.Combine(_dir, "in.txt");
        File.WriteAllText(path, text);
        var expected = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (expected[^1].Length == 0) expected.RemoveAt(expected.Count - 1);
        for (var n = 1; n <= text.Length + 2; n++)
        {
            var lines = LineSplits.Cut(new FileInfo(path).Length, n).SelectMany(s => LineSplits.Read(path, s.Start, s.End)).ToList();
            Assert.Equal(expected, lines);
        }
    }

    [Fact]
    public void A_text_file_dataset_reads_every_line_once_over_many_partitions()
    {
        var path = Path.Combine(_dir, "big.txt");
        var lines = Enumerable.Range(0, 5000).Select(i => new string((char)('a' + i % 26), i % 40)).ToArray();
        File.WriteAllLines(path, lines);
        using var ctx = new DataflowContext(new DataflowOptions { Parallelism = 2 });
        Assert.Equal(lines, ctx.TextFile(path, 13).Collect());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
