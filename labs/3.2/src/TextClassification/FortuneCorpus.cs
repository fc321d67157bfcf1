namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>
/// Reads Debian's <c>fortunes</c> files: one file per category in <see cref="DefaultDirectory"/>, texts separated by
/// lines holding a single <c>%</c>. Texts are trimmed; a text that occurs twice is kept once, and a text that occurs in
/// two of the chosen categories is dropped (its label would be ambiguous, and it could land on both sides of a split).
/// </summary>
public static class FortuneCorpus
{
    public const string DefaultDirectory = "/usr/share/games/fortunes";

    /// <summary>The texts of each category, in file order; a missing or empty file throws <see cref="FortuneCorpusException"/>.</summary>
    public static IReadOnlyList<FortuneText> Load(string directory, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (categories.Count == 0) throw new ArgumentException("Name at least one category.", nameof(categories));
        if (categories.Distinct(StringComparer.Ordinal).Count() != categories.Count)
            throw new ArgumentException($"Categories must be distinct: {string.Join(", ", categories)}.", nameof(categories));
        var perCategory = categories.Select(c => (Category: c, Texts: ReadFile(directory, c))).ToList();
        var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (category, texts) in perCategory)
            foreach (var text in texts)
            {
                if (!owners.TryGetValue(text, out var set)) owners[text] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(category);
            }
        var result = new List<FortuneText>();
        foreach (var (category, texts) in perCategory)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var text in texts)
                if (owners[text].Count == 1 && seen.Add(text)) result.Add(new FortuneText(text, category));
        }
        return result;
    }

    /// <summary>The '%'-separated texts of one file, trimmed, empty ones skipped.</summary>
    public static IReadOnlyList<string> ReadFile(string directory, string category)
    {
        var path = Path.Combine(directory, category);
        if (!File.Exists(path))
            throw new FortuneCorpusException($"The fortune file {path} does not exist: install Debian's fortunes package (make setup) or choose another category.");
        var texts = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in File.ReadLines(path))
        {
            if (line == "%")
            {
                Flush();
                continue;
            }
            current.Append(line).Append('\n');
        }
        Flush();
        if (texts.Count == 0) throw new FortuneCorpusException($"The fortune file {path} holds no texts (expected texts separated by lines holding a single %).");
        return texts;

        void Flush()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0) texts.Add(text);
            current.Clear();
        }
    }
}
