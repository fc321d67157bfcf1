using StatelessMind.Labs.MassiveData.Recommendation;

namespace StatelessMind.Labs.MassiveData.Tests.Recommendation;

/// <summary>Exercise 4.3-3c.</summary>
public sealed class RecommendationMetricsTests
{
    [Fact]
    [Goal("4.3-3")]
    public void Rmse_of_known_errors()
    {
        Rating[] ratings = [new(1, 1, 3), new(1, 2, 5)];
        Assert.Equal(Math.Sqrt((1 + 4) / 2.0), RecommendationMetrics.Rmse(ratings, (_, i) => i == 1 ? 4 : 3), 12);
    }

    [Fact]
    [Goal("4.3-3")]
    public void Precision_and_recall_at_k_over_unseen_items()
    {
        Rating[] train = [new(1, 0, 4), new(2, 0, 4)];
        Rating[] test = [new(1, 1, 5), new(1, 2, 5), new(1, 3, 2), new(2, 3, 5)];
        int[] items = [0, 1, 2, 3, 4];
        // Scores rank items 4, 3, 2, 1 (item 0 is seen by both users and skipped).
        var (precision, recall, users) = RecommendationMetrics.AtK(train, test, items, (_, i) => i, 2, 4.5);
        // User 1: top 2 = {4, 3}, relevant {1, 2}: 0 hits. User 2: top 2 = {4, 3}, relevant {3}: 1 hit.
        Assert.Equal(2, users);
        Assert.Equal((0 + 0.5) / 2, precision, 12);
        Assert.Equal((0 + 1.0) / 2, recall, 12);
    }
}
