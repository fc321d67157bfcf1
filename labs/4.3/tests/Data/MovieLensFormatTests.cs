using StatelessMind.Labs.MassiveData.Data;
using StatelessMind.Labs.MassiveData.Recommendation;

namespace StatelessMind.Labs.MassiveData.Tests.Data;

public sealed class MovieLensFormatTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("movielens").FullName;

    [Fact]
    [Goal("4.3-3")]
    public void U_data_and_ratings_csv_are_read()
    {
        var udata = Path.Combine(_dir, "u.data");
        File.WriteAllText(udata, "196\t242\t3\t881250949\n186\t302\t3\t891717742\n");
        Assert.Equal([new Rating(196, 242, 3), new Rating(186, 302, 3)], MovieLensFormat.ReadUData(udata));
        var csv = Path.Combine(_dir, "ratings.csv");
        File.WriteAllText(csv, "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n");
        Assert.Equal([new Rating(1, 1, 4.0), new Rating(1, 3, 4.5)], MovieLensFormat.ReadRatingsCsv(csv));
    }

    [Theory]
    [Goal("4.3-3")]
    [InlineData("ratings.csv", "user,movie,rating,time\n1,1,4.0,1\n", 1, 1, "header")]
    [InlineData("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0\n", 2, 1, "4 fields")]
    [InlineData("ratings.csv", "userId,movieId,rating,timestamp\n1,1,9.5,1\n", 2, 5, "rating")]
    [InlineData("u.data", "196\t242\t3\t881250949\n196\tabc\t3\t1\n", 2, 5, "item id")]
    [InlineData("u.data", "196\t242\t3\tyesterday\n", 1, 11, "timestamp")]
    public void A_bad_line_is_reported_with_its_line_column_and_what_was_expected(string name, string text, int line, int column, string expected)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        var e = Assert.Throws<DataFormatException>(() => name == "u.data" ? MovieLensFormat.ReadUData(path) : MovieLensFormat.ReadRatingsCsv(path));
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(expected, e.Expected, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
