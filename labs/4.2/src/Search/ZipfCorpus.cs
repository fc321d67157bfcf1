namespace StatelessMind.Labs.Retrieval.Search;

/// <summary>
/// Generated text for the scaling runs: a vocabulary of pronounceable made-up words whose frequencies follow Zipf's law
/// (P(rank r) ∝ r^−s), document lengths uniform in [L/2, 3L/2]. Seeded, so the corpus is reproducible.
/// </summary>
public static class ZipfCorpus
{
    private static readonly string[] Syllables = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "zen", "bar", "dol", "fi", "gan", "hu", "jor"];

    public static string Word(int rank)
    {
        var parts = new List<string>();
        var r = rank;
        do
        {
            parts.Add(Syllables[r % Syllables.Length]);
            r /= Syllables.Length;
        } while (r > 0);
        parts.Add("x"); // every word ends in a consonant cluster the stemmer leaves alone
        return string.Concat(parts);
    }

    public static IReadOnlyList<(string Name, string Text)> Generate(int documents, int meanLength, int vocabulary, double exponent, int seed)
    {
        var random = new Random(seed);
        var cumulative = new double[vocabulary];
        var total = 0.0;
        for (var r = 0; r < vocabulary; r++) cumulative[r] = total += Math.Pow(r + 1, -exponent);
        var words = Enumerable.Range(0, vocabulary).Select(Word).ToArray();
        var result = new List<(string, string)>(documents);
        for (var d = 0; d < documents; d++)
        {
            var length = random.Next(meanLength / 2, meanLength * 3 / 2 + 1);
            var text = new string[length];
            for (var i = 0; i < length; i++)
            {
                var index = Array.BinarySearch(cumulative, random.NextDouble() * total);
                text[i] = words[Math.Min(vocabulary - 1, index < 0 ? ~index : index)];
            }
            result.Add(($"g{d}", string.Join(' ', text)));
        }
        return result;
    }

    /// <summary>Queries of 2–4 words drawn from the documents themselves, so that they match something.</summary>
    public static IReadOnlyList<string> Queries(IReadOnlyList<(string Name, string Text)> documents, int count, int seed)
    {
        var random = new Random(seed);
        var queries = new List<string>(count);
        for (var q = 0; q < count; q++)
        {
            var words = documents[random.Next(documents.Count)].Text.Split(' ');
            queries.Add(string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => words[random.Next(words.Length)])));
        }
        return queries;
    }
}
