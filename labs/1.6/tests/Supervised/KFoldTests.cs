using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Tests.Supervised;

public sealed class KFoldTests
{
    [Fact]
    [Goal("1.6-1")]
    public void Every_row_is_held_out_exactly_once_and_never_trained_on_in_its_fold()
    {
        var folds = DataSplits.KFold(103, 5, seed: 3);
        Assert.Equal(5, folds.Count);
        Assert.Empty(DataSplits.Audit(folds, 103));
        Assert.Equal(Enumerable.Range(0, 103), folds.SelectMany(f => f.Validation).Order());
    }

    [Fact]
    [Goal("1.6-1")]
    public void Fold_sizes_differ_by_at_most_one_and_stratified_folds_keep_class_shares()
    {
        var labels = Enumerable.Range(0, 100).Select(i => i < 80 ? 0 : 1).ToArray();
        var folds = DataSplits.KFold(100, 5, seed: 3, labels);
        Assert.All(folds, f => Assert.Equal(20, f.Validation.Length));
        Assert.All(folds, f => Assert.Equal(4, f.Validation.Count(i => labels[i] == 1)));
        var plain = DataSplits.KFold(103, 4, seed: 3);
        Assert.InRange(plain.Max(f => f.Validation.Length) - plain.Min(f => f.Validation.Length), 0, 1);
    }

    [Fact]
    [Goal("1.6-1")]
    public void The_audit_catches_the_planted_bug_that_trains_on_the_held_out_rows()
    {
        var folds = DataSplits.KFold(50, 5, seed: 3, bug: SplitBug.ValidationRowsInFoldTraining);
        Assert.Contains(DataSplits.Audit(folds, 50), p => p.Contains("validation rows are also training rows"));
    }
}
