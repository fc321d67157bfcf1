namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>How good predictions and recommendations are on held-out ratings.</summary>
public static class RecommendationMetrics
{
    /// <summary>Root mean squared error of <paramref name="predict"/> on the ratings.</summary>
    public static double Rmse(IReadOnlyList<Rating> ratings, Func<int, int, double> predict)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(predict);
        #region Exercise 4.3-3c: the square root of the mean squared difference between prediction and rating (tests: RecommendationMetricsTests)
        return Math.Sqrt(ratings.Average(r => Math.Pow(predict(r.User, r.Item) - r.Value, 2)));
        #endregion
    }

    /// <summary>Precision@k and recall@k where the relevant items are a user's held-out ratings of at least
    /// <paramref name="relevantFrom"/> (what an offline evaluation without ground truth can use).</summary>
    public static (double Precision, double Recall, int Users) AtK(IReadOnlyList<Rating> train, IReadOnlyList<Rating> test, IReadOnlyList<int> items,
        Func<int, int, double> score, int k, double relevantFrom)
    {
        ArgumentNullException.ThrowIfNull(test);
        var relevant = test.Where(r => r.Value >= relevantFrom).GroupBy(r => r.User).ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(r => r.Item).ToHashSet());
        return AtK(train, relevant, items, score, k);
    }

    /// <summary>
    /// Precision@k and recall@k averaged over users: each user's items not seen in training are ranked by
    /// <paramref name="score"/>; precision = relevant among the top k / k, recall = relevant among the top k / relevant.
    /// Users with no relevant item are skipped.
    /// </summary>
    public static (double Precision, double Recall, int Users) AtK(IReadOnlyList<Rating> train, IReadOnlyDictionary<int, IReadOnlySet<int>> relevant,
        IReadOnlyList<int> items, Func<int, int, double> score, int k)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(relevant);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(score);
        var seen = train.GroupBy(r => r.User).ToDictionary(g => g.Key, g => g.Select(r => r.Item).ToHashSet());
        double precision = 0, recall = 0;
        var users = 0;
        foreach (var (user, wanted) in relevant)
        {
            if (wanted.Count == 0) continue;
            users++;
            var known = seen.GetValueOrDefault(user) ?? [];
            #region Exercise 4.3-3c: rank the unseen items by score, count the relevant ones among the top k (tests: RecommendationMetricsTests)
            var top = items.Where(i => !known.Contains(i)).OrderByDescending(i => score(user, i)).ThenBy(i => i).Take(k);
            var hits = top.Count(wanted.Contains);
            precision += (double)hits / k;
            recall += (double)hits / wanted.Count;
            #endregion
        }
        return users == 0 ? (0, 0, 0) : (precision / users, recall / users, users);
    }
}
