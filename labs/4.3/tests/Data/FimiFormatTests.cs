using StatelessMind.Labs.MassiveData.Data;

namespace StatelessMind.Labs.MassiveData.Tests.Data;

public sealed class FimiFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fimi").FullName;

    [Fact]
    [Goal("4.3-1")]
    public void Baskets_are_read_sorted_without_repeats_and_an_empty_line_is_an_empty_basket()
    {
        var path = Path.Combine(_dir, "retail.dat");
        File.WriteAllText(path, "3 1 2 \n\n7 7 5\n");
        Assert.Equal([[1, 2, 3], [], [5, 7]], FimiFormat.Read(path));
        FimiFormat.Write(path, [[1, 2], [9]]);
        Assert.Equal([[1, 2], [9]], FimiFormat.Read(path));
    }

    [Fact]
    [Goal("4.3-1")]
    public void A_bad_item_is_reported_with_its_line_and_column()
    {
        var path = Path.Combine(_dir, "bad.dat");
        File.WriteAllText(path, "1 2 3\n4 x5 6\n");
        var e = Assert.Throws<DataFormatException>(() => FimiFormat.Read(path));
        Assert.Equal(2, e.Line);
        Assert.Equal(3, e.Column);
        Assert.Contains("x5", e.Message, StringComparison.Ordinal);
        Assert.Throws<DataFormatException>(() => { File.WriteAllText(path, "1 -2\n"); return FimiFormat.Read(path); });
        Assert.Throws<FileNotFoundException>(() => FimiFormat.Read(Path.Combine(_dir, "missing.dat")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
