namespace StatelessMind.Labs.MassiveData.Recommendation;

/// <summary>
/// The same ALS on plain arrays with PLINQ, no blocks and no shuffles: the reference the blocked version must equal
/// (same initial factors, same order of each member's ratings, same solve) and the baseline it is timed against.
/// </summary>
public static class UnblockedAls
{
    public static AlsModel Train(IReadOnlyList<Rating> train, AlsOptions options, Action<int, AlsModel>? afterIteration = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var mean = train.Count == 0 ? 0 : train.Average(r => r.Value);
        var byUser = train.GroupBy(r => r.User).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Item).ToArray());
        var byItem = train.GroupBy(r => r.Item).ToDictionary(g => g.Key, g => g.OrderBy(r => r.User).ToArray());
        var items = byItem.Keys.ToDictionary(i => i, options.InitialFactor);
        var users = byUser.Keys.ToDictionary(u => u, _ => new double[options.Rank]);
        for (var iteration = 1; iteration <= options.Iterations; iteration++)
        {
            var fixedItems = items;
            users = byUser.AsParallel().Select(kv => (kv.Key, Factor: NormalEquations.Solve(
                [.. kv.Value.Select(r => fixedItems[r.Item])], [.. kv.Value.Select(r => r.Value - mean)], options.EffectiveLambda, options.Rank)))
                .ToDictionary(x => x.Key, x => x.Factor);
            var fixedUsers = users;
            items = byItem.AsParallel().Select(kv => (kv.Key, Factor: NormalEquations.Solve(
                [.. kv.Value.Select(r => fixedUsers[r.User])], [.. kv.Value.Select(r => r.Value - mean)], options.EffectiveLambda, options.Rank)))
                .ToDictionary(x => x.Key, x => x.Factor);
            afterIteration?.Invoke(iteration, new AlsModel(mean, users, items, options.Rank));
        }
        return new AlsModel(mean, users, items, options.Rank);
    }
}
