using StatelessMind.Dataflow.Text;

namespace StatelessMind.Labs.MassiveData.NearDuplicates;

/// <summary>
/// A corpus with near-duplicates whose truth is known: real fortunes (Debian's fortunes package), and for a third of
/// them an edited copy — each word replaced by a random word of the corpus with a probability drawn uniformly from
/// [0, 0.4] per copy, so the copies' similarities spread over the whole upper half of the S-curve.
/// </summary>
public static class NearDuplicateCorpus
{
    public static IReadOnlyList<string> Build(int originals, int seed, string directory = FortuneCorpus.DefaultDirectory)
    {
        var random = new Random(seed);
        var fortunes = FortuneCorpus.Fortunes(directory).Where(f => AsciiWords.Split(f).Count() >= 12).Distinct().ToList();
        // A deterministic sample, spread over the categories.
        var chosen = fortunes.Where((_, i) => i % Math.Max(1, fortunes.Count / originals) == 0).Take(originals).ToList();
        var vocabulary = chosen.SelectMany(AsciiWords.Split).Distinct().ToArray();
        var documents = new List<string>(chosen);
        foreach (var original in chosen.Where((_, i) => i % 3 == 0))
        {
            var rate = random.NextDouble() * 0.4;
            documents.Add(string.Join(' ', AsciiWords.Split(original).Select(w => random.NextDouble() < rate ? vocabulary[random.Next(vocabulary.Length)] : w)));
        }
        return documents;
    }
}
