namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>Rules from frequent itemsets: every split of a frequent itemset Z into X ⇒ Z∖X whose confidence reaches
/// the minimum. Every subset of a frequent itemset is frequent, so every support needed is at hand.</summary>
public static class AssociationRules
{
    public static IReadOnlyList<AssociationRule> From(FrequentItemsetResult result, double minConfidence, AprioriBug bug = AprioriBug.None)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rules = new List<AssociationRule>();
        foreach (var (z, count) in result.Support.Where(kv => kv.Key.Count >= 2))
        {
            for (var mask = 1; mask < (1 << z.Count) - 1; mask++)
            {
                var x = ItemSet.Of(Enumerable.Range(0, z.Count).Where(i => (mask & (1 << i)) != 0).Select(i => z[i]));
                var y = z.Except(x);
                var rule = Rule(x, y, count, result.Support[x], result.Support[y], result.Baskets);
                if (bug == AprioriBug.LiftUsesAntecedent) rule = rule with { Lift = rule.Confidence / ((double)result.Support[x] / result.Baskets) };
                if (rule.Confidence >= minConfidence) rules.Add(rule);
            }
        }
        return [.. rules.OrderByDescending(r => r.Lift).ThenBy(r => r.Antecedent).ThenBy(r => r.Consequent)];
    }

    /// <summary>The measures of X ⇒ Y from the support counts of X ∪ Y, X and Y among <paramref name="baskets"/> baskets.</summary>
    public static AssociationRule Rule(ItemSet x, ItemSet y, long supportXy, long supportX, long supportY, long baskets)
    {
        #region Exercise 4.3-1c: support, confidence and lift of X ⇒ Y from the counts (tests: AssociationRuleTests)
        var confidence = (double)supportXy / supportX;
        return new AssociationRule(x, y, (double)supportXy / baskets, confidence, confidence / ((double)supportY / baskets));
        #endregion
    }
}
