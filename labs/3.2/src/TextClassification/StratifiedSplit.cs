namespace StatelessMind.Labs.MlOps.TextClassification;

/// <summary>
/// A stratified train/test split: within each category the texts are shuffled with the seed and
/// round(n × test fraction) of them go to the test set, so each category keeps its share on both sides.
/// </summary>
public static class StratifiedSplit
{
    public static TextSplit Split(IReadOnlyList<FortuneText> texts, double testFraction, int seed, TextClassificationBug bug = TextClassificationBug.None)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (testFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "The test fraction lies strictly between 0 and 1.");
        var train = new List<FortuneText>();
        var test = new List<FortuneText>();
        var random = new Random(seed);
        #region Exercise 3.2-3a: per category, shuffle (seeded) and send round(n × testFraction) texts to test, the rest to train (tests: StratifiedSplitTests)
        foreach (var group in texts.GroupBy(t => t.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.ToArray();
            random.Shuffle(items);
            var testCount = (int)Math.Round(items.Length * testFraction, MidpointRounding.AwayFromZero);
            test.AddRange(items.Take(testCount));
            train.AddRange(items.Skip(testCount));
        }
        #endregion
        if (bug == TextClassificationBug.TestTextsAlsoInTraining) train.AddRange(test.Where((_, i) => i % 4 == 0));
        return new TextSplit(train, test);
    }
}
