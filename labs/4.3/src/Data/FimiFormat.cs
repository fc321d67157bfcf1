using System.Globalization;

namespace StatelessMind.Labs.MassiveData.Data;

/// <summary>
/// The transaction format of the FIMI repository (retail.dat, kosarak.dat, T10I4D100K.dat …): one basket per line,
/// its items as non-negative integers separated by spaces. An empty line is an empty basket (it still counts in the
/// total). Items are returned sorted and without repeats.
/// </summary>
public static class FimiFormat
{
    public static IReadOnlyList<int[]> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"FIMI file '{path}' does not exist.", path);
        var baskets = new List<int[]>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            var items = new SortedSet<int>();
            var column = 1;
            foreach (var token in line.Split([' ', '\t'], StringSplitOptions.None))
            {
                if (token.Length > 0)
                {
                    if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var item))
                        throw new DataFormatException(path, lineNumber, column, "a non-negative integer item", token);
                    items.Add(item);
                }
                column += token.Length + 1;
            }
            baskets.Add([.. items]);
        }
        return baskets;
    }

    public static void Write(string path, IEnumerable<int[]> baskets)
    {
        ArgumentNullException.ThrowIfNull(baskets);
        File.WriteAllLines(path, baskets.Select(b => string.Join(' ', b)));
    }
}
