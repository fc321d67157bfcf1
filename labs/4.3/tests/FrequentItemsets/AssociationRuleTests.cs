using StatelessMind.Labs.MassiveData.FrequentItemsets;

namespace StatelessMind.Labs.MassiveData.Tests.FrequentItemsets;

/// <summary>Exercise 4.3-1c.</summary>
public sealed class AssociationRuleTests
{
    [Fact]
    [Goal("4.3-1")]
    public void Support_confidence_and_lift_follow_from_the_counts()
    {
        // 100 baskets: X in 40, Y in 50, both in 30.
        var rule = AssociationRules.Rule(ItemSet.Of(1), ItemSet.Of(2), 30, 40, 50, 100);
        Assert.Equal(0.3, rule.Support, 12);
        Assert.Equal(0.75, rule.Confidence, 12);
        Assert.Equal(1.5, rule.Lift, 12);
    }

    [Fact]
    [Goal("4.3-1")]
    public void Rules_from_apriori_equal_rules_from_brute_force_and_the_lift_bug_is_caught()
    {
        var baskets = BasketGenerator.Generate(800, 10, 6, 1.0, 8);
        var brute = BruteForceItemsets.Find(baskets, 40);
        var rules = AssociationRules.From(brute, 0.5);
        Assert.NotEmpty(rules);
        Assert.All(rules, r => Assert.True(r.Confidence >= 0.5));
        foreach (var r in rules)
        {
            var xy = brute.Support[r.Antecedent.Union(r.Consequent)];
            Assert.Equal((double)xy / brute.Support[r.Antecedent], r.Confidence, 12);
            Assert.Equal(r.Confidence / ((double)brute.Support[r.Consequent] / baskets.Count), r.Lift, 12);
        }
        Assert.NotEqual(rules, AssociationRules.From(brute, 0.5, AprioriBug.LiftUsesAntecedent));
    }
}
