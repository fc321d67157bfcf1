namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>
/// Stratified train / validation / test splits and k-fold cross-validation folds, seeded. Stratified: every class keeps
/// its share in every part (within one row), so a small test set is not missing a rare class by chance.
/// The two <c>Audit</c> overloads state the invariants (a partition: disjoint parts that cover every row once) and are what tests run
/// against the planted <see cref="SplitBug"/>s.
/// </summary>
public static class DataSplits
{
    /// <summary>Splits rows by class into train / validation / test with the given fractions (test = the rest).</summary>
    public static SplitIndices Stratified(IReadOnlyList<int> labels, double trainFraction, double validationFraction, int seed,
        SplitBug bug = SplitBug.None)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trainFraction);
        ArgumentOutOfRangeException.ThrowIfNegative(validationFraction);
        if (trainFraction + validationFraction >= 1)
            throw new ArgumentOutOfRangeException(nameof(validationFraction), "train + validation must leave rows for the test set.");
        var split = StratifiedSplit(labels, trainFraction, validationFraction, seed);
        return bug == SplitBug.TestRowsInTraining ? split with { Train = [.. split.Train, .. split.Test] } : split;
    }

    /// <summary>k folds of (train, validation); every row is held out exactly once. Stratified when labels are given.</summary>
    public static IReadOnlyList<Fold> KFold(int rowCount, int k, int seed, IReadOnlyList<int>? labels = null, SplitBug bug = SplitBug.None)
    {
        if (k < 2 || k > rowCount) throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 2 and the row count ({rowCount}), not {k}.");
        if (labels is not null && labels.Count != rowCount) throw new ArgumentException($"{labels.Count} labels for {rowCount} rows.", nameof(labels));
        var folds = Folds(rowCount, k, seed, labels);
        return bug == SplitBug.ValidationRowsInFoldTraining
            ? [.. folds.Select(f => f with { Train = [.. f.Train, .. f.Validation] })]
            : folds;
    }

    /// <summary>What is wrong with a split of <paramref name="rowCount"/> rows: rows in two parts, rows in none, duplicates.</summary>
    public static IReadOnlyList<string> Audit(SplitIndices split, int rowCount)
    {
        var problems = new List<string>();
        var seen = new int[rowCount];
        foreach (var (name, part) in new[] { ("train", split.Train), ("validation", split.Validation), ("test", split.Test) })
        {
            if (part.Distinct().Count() != part.Length) problems.Add($"{name} lists a row twice");
            foreach (var i in part.Distinct()) seen[i]++;
        }
        var shared = split.Train.Intersect(split.Test).Count();
        if (shared > 0) problems.Add($"{shared} test rows are also training rows");
        var sharedValidation = split.Train.Intersect(split.Validation).Count();
        if (sharedValidation > 0) problems.Add($"{sharedValidation} validation rows are also training rows");
        var missing = seen.Count(s => s == 0);
        if (missing > 0) problems.Add($"{missing} rows are in no part");
        return problems;
    }

    /// <summary>What is wrong with k folds: a fold whose training and validation rows meet, a row held out zero or several times.</summary>
    public static IReadOnlyList<string> Audit(IReadOnlyList<Fold> folds, int rowCount)
    {
        var problems = new List<string>();
        var heldOut = new int[rowCount];
        foreach (var fold in folds)
        {
            var both = fold.Train.Intersect(fold.Validation).Count();
            if (both > 0) problems.Add($"fold {fold.Index}: {both} validation rows are also training rows");
            if (fold.Train.Length + fold.Validation.Length != rowCount) problems.Add($"fold {fold.Index}: train + validation is not every row once");
            foreach (var i in fold.Validation) heldOut[i]++;
        }
        var wrong = heldOut.Count(h => h != 1);
        if (wrong > 0) problems.Add($"{wrong} rows are not held out exactly once");
        return problems;
    }

    private static SplitIndices StratifiedSplit(IReadOnlyList<int> labels, double trainFraction, double validationFraction, int seed)
    {
        #region Exercise 1.6-1a: split each class's rows, shuffled with the seed, into train, validation and test shares (tests: StratifiedSplitTests)
        var random = new Random(seed);
        var train = new List<int>();
        var validation = new List<int>();
        var test = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var rows = group.ToArray();
            random.Shuffle(rows);
            var trainCount = (int)Math.Round(rows.Length * trainFraction);
            var validationCount = (int)Math.Round(rows.Length * validationFraction);
            validationCount = Math.Min(validationCount, rows.Length - trainCount);
            train.AddRange(rows.Take(trainCount));
            validation.AddRange(rows.Skip(trainCount).Take(validationCount));
            test.AddRange(rows.Skip(trainCount + validationCount));
        }
        return new SplitIndices([.. train.Order()], [.. validation.Order()], [.. test.Order()]);
        #endregion
    }

    private static IReadOnlyList<Fold> Folds(int rowCount, int k, int seed, IReadOnlyList<int>? labels)
    {
        #region Exercise 1.6-1b: deal the shuffled rows (class by class when labels are given) round-robin into k folds; each fold holds out its own rows (tests: KFoldTests)
        var random = new Random(seed);
        var foldOf = new int[rowCount];
        var next = 0;
        var groups = labels is null
            ? [Enumerable.Range(0, rowCount).ToArray()]
            : Enumerable.Range(0, rowCount).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToList();
        foreach (var rows in groups)
        {
            random.Shuffle(rows);
            foreach (var row in rows) foldOf[row] = next++ % k;
        }
        return [.. Enumerable.Range(0, k).Select(f => new Fold(f,
            [.. Enumerable.Range(0, rowCount).Where(i => foldOf[i] != f)],
            [.. Enumerable.Range(0, rowCount).Where(i => foldOf[i] == f)]))];
        #endregion
    }
}
