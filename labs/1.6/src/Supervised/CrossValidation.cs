namespace StatelessMind.Labs.LearningData.Supervised;

/// <summary>k-fold cross-validation over any model: fit on each fold's training rows, score on its held-out rows.</summary>
public static class CrossValidation
{
    /// <param name="folds">From <see cref="DataSplits.KFold"/>.</param>
    /// <param name="fitAndScore">Fits a fresh model on the first rows and returns its score on the second.</param>
    public static CrossValidationResult Run(IReadOnlyList<Fold> folds, Func<int[], int[], double> fitAndScore)
    {
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(fitAndScore);
        if (folds.Count < 2) throw new ArgumentException($"Cross-validation needs at least 2 folds, not {folds.Count}.", nameof(folds));
        #region Exercise 1.6-1c: score a fresh fit per fold, then the mean and the sample standard deviation of the fold scores (tests: CrossValidationTests)
        var scores = folds.Select(f => fitAndScore(f.Train, f.Validation)).ToArray();
        var mean = scores.Average();
        var variance = scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1);
        return new CrossValidationResult(scores, mean, Math.Sqrt(variance));
        #endregion
    }
}
