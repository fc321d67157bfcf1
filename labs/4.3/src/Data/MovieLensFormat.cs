using System.Globalization;
using StatelessMind.Labs.MassiveData.Recommendation;

namespace StatelessMind.Labs.MassiveData.Data;

/// <summary>
/// The MovieLens rating files: <c>u.data</c> of ML-100K (tab-separated "user item rating timestamp", no header) and
/// <c>ratings.csv</c> of the later sets ("userId,movieId,rating,timestamp" with that header; ratings in half stars).
/// The timestamp is checked and dropped.
/// </summary>
public static class MovieLensFormat
{
    public static IReadOnlyList<Rating> ReadUData(string path) => Read(path, '\t', header: null);

    public static IReadOnlyList<Rating> ReadRatingsCsv(string path) => Read(path, ',', header: "userId,movieId,rating,timestamp");

    private static List<Rating> Read(string path, char separator, string? header)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"MovieLens file '{path}' does not exist.", path);
        var ratings = new List<Rating>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1 && header is not null)
            {
                if (line.Trim() != header) throw new DataFormatException(path, 1, 1, $"the header '{header}'", line);
                continue;
            }
            if (line.Length == 0) continue;
            var fields = line.Split(separator);
            if (fields.Length != 4) throw new DataFormatException(path, lineNumber, 1, $"4 fields separated by '{(separator == '\t' ? "\\t" : separator)}'", line);
            var column = 1;
            int Int(int i, string what)
            {
                if (!int.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    throw new DataFormatException(path, lineNumber, column, what, fields[i]);
                return v;
            }
            var user = Int(0, "a user id");
            column += fields[0].Length + 1;
            var item = Int(1, "an item id");
            column += fields[1].Length + 1;
            if (!double.TryParse(fields[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value is < 0.5 or > 5)
                throw new DataFormatException(path, lineNumber, column, "a rating from 0.5 to 5", fields[2]);
            column += fields[2].Length + 1;
            if (!long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw new DataFormatException(path, lineNumber, column, "a Unix timestamp", fields[3]);
            ratings.Add(new Rating(user, item, value));
        }
        return ratings;
    }
}
