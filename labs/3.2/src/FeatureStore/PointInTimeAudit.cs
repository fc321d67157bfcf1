namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>
/// An independent check of a retrieved training set, in memory and without SQL: for every training row and view, the
/// row that should have been joined is the entity's latest source row with ts − TTL ≤ event time ≤ ts; anything else
/// joined (or nothing, when such a row exists) is a violation. Used by the tests and by the experiment on every training set.
/// </summary>
public static class PointInTimeAudit
{
    /// <param name="registry">The views' definitions.</param>
    /// <param name="featureReferences">The references the training set was retrieved with (the order of its values).</param>
    /// <param name="sources">Every source row, by view name.</param>
    /// <param name="training">The retrieved training set.</param>
    public static IReadOnlyList<PointInTimeViolation> Audit(FeatureRegistry registry, IReadOnlyList<string> featureReferences,
        IReadOnlyDictionary<string, IReadOnlyList<FeatureRow>> sources, IReadOnlyList<TrainingRow> training)
    {
        var resolved = registry.Resolve(featureReferences);
        var violations = new List<PointInTimeViolation>();
        #region Exercise 3.2-2b: audit a training set, recomputing for every row and view the row a point-in-time join must pick, and naming every difference (tests: PointInTimeAuditTests)
        var index = sources.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.GroupBy(r => r.EntityId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.EventTimestamp).ToList()),
            StringComparer.Ordinal);
        for (var i = 0; i < training.Count; i++)
        {
            var row = training[i];
            foreach (var view in resolved.Select(r => r.View).Distinct())
            {
                var history = index.TryGetValue(view.Name, out var byEntity) && byEntity.TryGetValue(row.Entity.EntityId, out var list) ? list : [];
                var expected = history.LastOrDefault(r => r.EventTimestamp <= row.Entity.Timestamp && r.EventTimestamp >= row.Entity.Timestamp - view.Ttl);
                var joined = row.JoinedTimestamps.GetValueOrDefault(view.Name);
                var at = $"entity {row.Entity.EntityId}, label at {row.Entity.Timestamp:O}";
                if (joined is { } t && t > row.Entity.Timestamp)
                    violations.Add(new PointInTimeViolation(i, view.Name, ViolationKind.FromTheFuture, $"{at}: joined the row of {t:O}"));
                else if (joined is { } old && old < row.Entity.Timestamp - view.Ttl)
                    violations.Add(new PointInTimeViolation(i, view.Name, ViolationKind.OlderThanTtl, $"{at}: joined the row of {old:O}, older than the TTL {view.Ttl}"));
                else if (joined is null && expected is not null)
                    violations.Add(new PointInTimeViolation(i, view.Name, ViolationKind.Missing, $"{at}: nothing joined, the row of {expected.EventTimestamp:O} was valid"));
                else if (joined is { } j && expected is not null && j < expected.EventTimestamp)
                    violations.Add(new PointInTimeViolation(i, view.Name, ViolationKind.NotTheLatest, $"{at}: joined the row of {j:O}, the row of {expected.EventTimestamp:O} is newer"));
                else if (joined is { } ghost && (expected is null || ghost > expected.EventTimestamp))
                    violations.Add(new PointInTimeViolation(i, view.Name, ViolationKind.WrongValues, $"{at}: joined a row of {ghost:O} that the source does not have"));
                else if (joined is not null && expected is not null)
                {
                    for (var k = 0; k < resolved.Count; k++)
                    {
                        if (resolved[k].View != view || row.Values[k] == expected.Values[resolved[k].Index]) continue;
                        violations.Add(new PointInTimeViolation(i, view.Name, ViolationKind.WrongValues, $"{at}: {featureReferences[k]} = {row.Values[k]}, the source says {expected.Values[resolved[k].Index]}"));
                        break;
                    }
                }
            }
        }
        #endregion
        return violations;
    }
}
