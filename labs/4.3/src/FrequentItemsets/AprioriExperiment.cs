using System.Diagnostics;
using StatelessMind.Dataflow;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.MassiveData.FrequentItemsets;

/// <summary>
/// Goal 4.3-1: Apriori over partitioned baskets, its candidates per pass, and association rules; verified against
/// brute-force enumeration on small baskets and against FP-growth (the same itemsets and supports) on larger ones.
/// </summary>
public sealed class AprioriExperiment : IExperiment
{
    public const string FrequentItemsets = "frequent itemsets (large data)";
    public const string PrunedShare = "pass-2 candidates removed by pruning, pass 3";
    public const string Rules = "rules with confidence ≥ 0.6 (large data)";
    public const string FpGrowthSpeedup = "Apriori time / FP-growth time (large data)";

    public string GoalId => "4.3-1";
    public string Title => "Apriori over partitioned baskets, checked against brute force and FP-growth";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        using var ctx = new DataflowContext(new DataflowOptions { CancellationToken = cancellationToken });
        context.Report(0.05, "small data: brute force");
        Small(ctx, finding, context.Seed);
        context.Report(0.3, "large data: FP-growth");
        Large(context, ctx, finding);
        return Task.FromResult(finding.Build(
            $"Apriori ran on the dataflow layer over generated baskets (Quest-like patterns, Zipf popularity): {context.Size(2000, 2000)} baskets of 12 items against brute force, " +
            $"{context.Size(20_000, 200_000):N0} baskets of 1,000 items against FP-growth."));
    }

    private static void Small(DataflowContext ctx, FindingBuilder finding, int seed)
    {
        var baskets = BasketGenerator.Generate(2000, 12, 8, 1.0, seed);
        const long minSupport = 60;
        var apriori = Apriori.Run(ctx.Parallelize(baskets, 4), minSupport);
        var brute = BruteForceItemsets.Find(baskets, minSupport);
        finding.Figure("frequent itemsets (small data)", brute.Support.Count, "sets");
        finding.Check(apriori.SameItemsetsAs(brute), $"on 2,000 baskets over 12 items Apriori finds exactly the {brute.Support.Count} itemsets (with supports) that enumerating every subset finds");
        var candidatesMatch = apriori.Passes.Skip(1).All(p => p.CandidatesAfterPruning == BruteForceItemsets.CandidatesOfSize(brute, p.K).Count);
        finding.Check(candidatesMatch, "every pass counts exactly the k-itemsets whose (k−1)-subsets are all frequent");
        var rules = AssociationRules.From(apriori, 0.5);
        var bruteRules = AssociationRules.From(brute, 0.5);
        finding.Check(rules.SequenceEqual(bruteRules), $"the {rules.Count} rules with confidence ≥ 0.5 and their support, confidence and lift equal those from the brute-force supports");

        // The planted bugs, each run against the check that must catch it.
        var exact = brute.Support.Values.OrderDescending().Skip(5).First(); // a support some itemset has exactly
        var strict = Apriori.Run(ctx.Parallelize(baskets, 4), exact, bug: AprioriBug.StrictSupportThreshold);
        var pruning = Apriori.Run(ctx.Parallelize(baskets, 4), minSupport, bug: AprioriBug.NoSubsetPruning);
        var lift = AssociationRules.From(apriori, 0.5, AprioriBug.LiftUsesAntecedent);
        finding.Check(!strict.SameItemsetsAs(BruteForceItemsets.Find(baskets, exact))
                      && !pruning.Passes.Skip(1).All(p => p.CandidatesAfterPruning == BruteForceItemsets.CandidatesOfSize(brute, p.K).Count)
                      && !lift.SequenceEqual(bruteRules),
            "the checks catch the three planted bugs (a strict support threshold, no subset pruning, lift over the antecedent's support)");
    }

    private static void Large(ExperimentContext context, DataflowContext ctx, FindingBuilder finding)
    {
        var baskets = BasketGenerator.Generate(context.Size(20_000, 200_000), 1000, 200, 3.0, context.Seed + 1);
        var minSupport = (long)(0.005 * baskets.Count);
        var dataset = ctx.Parallelize(baskets, 8).Cache();
        dataset.Count();
        var start = Stopwatch.GetTimestamp();
        var apriori = Apriori.Run(dataset, minSupport);
        var aprioriTime = Stopwatch.GetElapsedTime(start);
        start = Stopwatch.GetTimestamp();
        var fp = FpGrowth.Mine(baskets, minSupport);
        var fpTime = Stopwatch.GetElapsedTime(start);
        finding.Table(FindingTable.Of($"Apriori passes over {baskets.Count:N0} baskets (min support {minSupport} = 0.5%, 8 partitions)",
            ["k", "candidates from the join", "after pruning", "frequent", "seconds"],
            apriori.Passes.Select(p => new object?[] { p.K, p.CandidatesJoined, p.CandidatesAfterPruning, p.Frequent, p.Elapsed.TotalSeconds })));
        finding.Figure(FrequentItemsets, apriori.Support.Count, "sets", key: true);
        finding.Figure("longest frequent itemset", apriori.Support.Keys.Max(s => s.Count), "items");
        var pass3 = apriori.Passes.FirstOrDefault(p => p.K == 3);
        if (pass3 is not null && pass3.CandidatesJoined > 0)
            finding.Figure(PrunedShare, 100.0 * (pass3.CandidatesJoined - pass3.CandidatesAfterPruning) / pass3.CandidatesJoined, "%", key: true);
        finding.Figure(FpGrowthSpeedup, aprioriTime / fpTime, "×", key: true);
        finding.Check(apriori.SameItemsetsAs(fp), $"Apriori and FP-growth find the same {fp.Support.Count} itemsets with the same supports");
        var rules = AssociationRules.From(apriori, 0.6);
        finding.Figure(Rules, rules.Count, "rules", key: true);
        finding.Table(FindingTable.Of("Rules with the highest lift (confidence ≥ 0.6)", ["rule", "support", "confidence", "lift"],
            rules.Take(10).Select(r => new object?[] { $"{r.Antecedent} ⇒ {r.Consequent}", r.Support, r.Confidence, r.Lift })));
        var top = rules.Take(10).ToList();
        finding.Check(top.Count == 10 && top.All(r => r.Lift >= 2),
            "the generated patterns show up as rules: the ten with the highest lift all have lift ≥ 2 (bought together at least twice as often as by chance)");
        var pairs = new SupportCountingJob(minSupport).CanonicalRows(apriori);
        finding.Figure("frequent pairs (the SQL-expressible pass)", pairs.Count, "pairs");

        var plot = new ScottPlot.Plot();
        var ks = apriori.Passes.Select(p => (double)p.K).ToArray();
        var joined = plot.Add.Scatter(ks, apriori.Passes.Select(p => Math.Log10(Math.Max(1, p.CandidatesJoined))).ToArray());
        joined.LegendText = "candidates from the join";
        var pruned = plot.Add.Scatter(ks, apriori.Passes.Select(p => Math.Log10(Math.Max(1, p.CandidatesAfterPruning))).ToArray());
        pruned.LegendText = "after pruning";
        var frequent = plot.Add.Scatter(ks, apriori.Passes.Select(p => Math.Log10(Math.Max(1, p.Frequent))).ToArray());
        frequent.LegendText = "frequent";
        plot.Title("Apriori: candidates and frequent itemsets per pass");
        plot.XLabel("itemset size k (pass)");
        plot.YLabel("log10(count)");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "apriori-passes.png", "Candidates generated, left after pruning, and frequent, per pass"));
    }
}
