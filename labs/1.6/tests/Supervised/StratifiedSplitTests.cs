using StatelessMind.Labs.LearningData.Supervised;

namespace StatelessMind.Labs.LearningData.Tests.Supervised;

public sealed class StratifiedSplitTests
{
    private static readonly int[] Labels = [.. Enumerable.Range(0, 200).Select(i => i < 120 ? 0 : i < 180 ? 1 : 2)]; // 60 % / 30 % / 10 %

    [Fact]
    [Goal("1.6-1")]
    public void The_split_is_a_partition_of_every_row()
    {
        var split = DataSplits.Stratified(Labels, 0.6, 0.2, seed: 7);
        Assert.Empty(DataSplits.Audit(split, Labels.Length));
        Assert.Equal(Labels.Length, split.Train.Length + split.Validation.Length + split.Test.Length);
    }

    [Fact]
    [Goal("1.6-1")]
    public void Every_class_keeps_its_share_in_every_part_within_one_row()
    {
        var split = DataSplits.Stratified(Labels, 0.6, 0.2, seed: 7);
        foreach (var (part, fraction) in new[] { (split.Train, 0.6), (split.Validation, 0.2), (split.Test, 0.2) })
            foreach (var c in new[] { 0, 1, 2 })
            {
                var classSize = Labels.Count(l => l == c);
                Assert.InRange(part.Count(i => Labels[i] == c), classSize * fraction - 1, classSize * fraction + 1);
            }
    }

    [Fact]
    [Goal("1.6-1")]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        Assert.Equal(DataSplits.Stratified(Labels, 0.6, 0.2, 7).Test, DataSplits.Stratified(Labels, 0.6, 0.2, 7).Test);
        Assert.NotEqual(DataSplits.Stratified(Labels, 0.6, 0.2, 7).Test, DataSplits.Stratified(Labels, 0.6, 0.2, 8).Test);
    }

    [Fact]
    [Goal("1.6-1")]
    public void The_audit_catches_the_planted_bug_that_trains_on_test_rows()
    {
        var split = DataSplits.Stratified(Labels, 0.6, 0.2, seed: 7, SplitBug.TestRowsInTraining);
        Assert.Contains(DataSplits.Audit(split, Labels.Length), p => p.Contains("test rows are also training rows"));
    }
}
