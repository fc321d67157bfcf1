using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.ProbabilisticModels.Bayes;
using StatelessMind.Labs.ProbabilisticModels.Markov;

namespace StatelessMind.Labs.ProbabilisticModels;

/// <summary>
/// Goal 3.3-1. Markov chains: the n-step and stationary distributions of a node-health chain against independent
/// simulated walks, the speed of convergence against the second eigenvalue, and absorbing chains (gambler's ruin,
/// retries) against their closed forms and against simulation. Bayesian networks: variable elimination against
/// enumeration of the joint on sprinkler and asia for every single-variable query with up to two observed variables;
/// d-separation against independence measured in the joint (with random tables); the planted bugs and the rejection of
/// a cycle and of a table that does not sum to 1.
/// </summary>
public sealed class ChainsAndNetworksExperiment : IExperiment
{
    public const string LargestZ = "largest |z|, simulated vs exact n-step distribution";
    public const string MixingRate = "second eigenvalue modulus |λ₂|";
    public const string LargestInferenceError = "largest |variable elimination − enumeration|";
    public const string InferenceQueries = "inference queries checked";
    public const string SeparationVerdicts = "d-separation verdicts checked";
    public const string EliminationSpeedup = "enumeration time / elimination time, random network";

    /// <summary>How many standard errors a simulated frequency may stray from its exact value.</summary>
    public const double ZLimit = 4.5;

    public string GoalId => "3.3-1";
    public string Title => "Markov chains and Bayesian networks, checked against closed forms, simulation and enumeration";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var walks = context.Size(20_000, 200_000);
        context.Report(0.05, "node-health chain");
        NodeHealth(context, finding, walks);
        context.Report(0.35, "absorbing chains");
        cancellationToken.ThrowIfCancellationRequested();
        AbsorbingChains(context, finding, walks);
        context.Report(0.6, "Bayesian networks");
        cancellationToken.ThrowIfCancellationRequested();
        Networks(context, finding);
        return Task.FromResult(finding.Build(
            $"A 4-state node-health chain (exact n-step and stationary distributions, {walks:N0} simulated walks per horizon), gambler's ruin and a retry chain " +
            "(fundamental matrix, closed forms, simulation), and the sprinkler and asia networks (variable elimination, enumeration, d-separation)."));
    }

    private static void NodeHealth(ExperimentContext context, FindingBuilder finding, int walks)
    {
        var chain = ExampleChains.NodeHealth();
        var pi = chain.Stationary();
        var residual = (chain.Transitions.LeftMultiply(pi) - pi).AbsoluteMaximum();
        finding.Table(FindingTable.Of("Node-health chain: stationary distribution", ["state", "π"],
            chain.States.Select((s, i) => new object?[] { s, pi[i] })));
        finding.Check(residual < 1e-12 && Math.Abs(pi.Sum() - 1) < 1e-12 && pi.All(p => p > 0),
            $"the stationary distribution solves π P = π (largest residual {residual:E1}), sums to 1 and is positive");

        var start = Vector<double>.Build.Dense(chain.Count);
        start[0] = 1;
        var random = new Random(context.Seed);
        var rows = new List<object?[]>();
        var largestZ = 0.0;
        foreach (var n in new[] { 1, 3, 10, 50 })
        {
            var exact = chain.Distribution(start, n);
            var counts = new int[chain.Count];
            for (var w = 0; w < walks; w++) counts[chain.Walk(0, n, random)]++;
            for (var s = 0; s < chain.Count; s++)
            {
                var observed = (double)counts[s] / walks;
                var z = ZScore(observed, exact[s], walks);
                largestZ = Math.Max(largestZ, Math.Abs(z));
                rows.Add([n, chain.States[s], exact[s], observed, z]);
            }
        }
        finding.Table(FindingTable.Of($"Exact n-step distribution from 'healthy' against the end states of {walks:N0} simulated walks",
            ["n", "state", "exact π₀Pⁿ", "simulated", "z"], rows));
        finding.Figure(LargestZ, largestZ, "σ", key: true);
        finding.Check(largestZ <= ZLimit, $"every simulated end-state frequency lies within {ZLimit} standard errors of π₀Pⁿ (largest |z| = {largestZ:0.00})");

        // Long-run time averages of one walk, with batch means for the standard error (the visits are correlated).
        const int batches = 50;
        var batchLength = walks * 5 / batches;
        var batchMeans = new double[batches, chain.Count];
        var state = 0;
        for (var b = 0; b < batches; b++)
            for (var t = 0; t < batchLength; t++)
            {
                state = chain.Step(state, random.NextDouble());
                batchMeans[b, state] += 1.0 / batchLength;
            }
        var worstTimeAverageZ = 0.0;
        for (var s = 0; s < chain.Count; s++)
        {
            var means = Enumerable.Range(0, batches).Select(b => batchMeans[b, s]).ToArray();
            var mean = means.Average();
            var se = Math.Sqrt(means.Sum(m => (m - mean) * (m - mean)) / (batches - 1) / batches);
            worstTimeAverageZ = Math.Max(worstTimeAverageZ, Math.Abs(mean - pi[s]) / se);
        }
        finding.Figure("largest |z|, time average of one walk vs π (batch means)", worstTimeAverageZ, "σ");
        finding.Check(worstTimeAverageZ <= ZLimit, $"the fraction of time one walk of {batches * batchLength:N0} steps spends in each state is within {ZLimit} batch-means standard errors of π (largest |z| = {worstTimeAverageZ:0.00})");

        // Convergence: the distance to π shrinks like |λ₂|ⁿ.
        var moduli = chain.Transitions.Evd().EigenValues.Select(l => l.Magnitude).OrderDescending().ToArray();
        var lambda2 = moduli[1];
        finding.Figure(MixingRate, lambda2, "", key: true);
        var horizon = 40;
        var tv = new double[horizon + 1];
        for (var n = 0; n <= horizon; n++) tv[n] = 0.5 * (chain.Distribution(start, n) - pi).L1Norm();
        var monotone = Enumerable.Range(1, horizon).All(n => tv[n] <= tv[n - 1] + 1e-15);
        var measuredRate = Math.Pow(tv[horizon] / tv[horizon - 10], 1.0 / 10);
        finding.Figure("measured rate (TV₄₀ / TV₃₀)^(1/10)", measuredRate, "");
        finding.Check(monotone && Math.Abs(measuredRate - lambda2) / lambda2 < 0.02,
            $"the total-variation distance to π never grows and shrinks by a factor {measuredRate:0.0000} per step late on, within 2% of |λ₂| = {lambda2:0.0000}");
        var plot = new ScottPlot.Plot();
        var ns = Enumerable.Range(0, horizon + 1).Select(n => (double)n).ToArray();
        var measured = plot.Add.Scatter(ns, [.. tv.Select(v => Math.Log10(v))]);
        measured.LegendText = "TV(π₀Pⁿ, π)";
        var bound = plot.Add.Scatter(ns, [.. ns.Select(n => Math.Log10(tv[horizon] * Math.Pow(lambda2, n - horizon)))]);
        bound.LegendText = "|λ₂|ⁿ (through the last point)";
        bound.LinePattern = ScottPlot.LinePattern.Dashed;
        plot.Title("Node-health chain: distance to the stationary distribution");
        plot.XLabel("step n");
        plot.YLabel("log10 total-variation distance");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        finding.Plot(context.SavePlot(plot, "markov-convergence.png", "Total-variation distance of π₀Pⁿ to π by step, against the rate |λ₂|ⁿ"));

        // The planted bug: a stationary vector that does not solve π P = π.
        var buggy = ExampleChains.NodeHealth(ChainBug.StationaryFromUntransposedMatrix).Stationary();
        finding.Check((chain.Transitions.LeftMultiply(buggy) - buggy).AbsoluteMaximum() > 1e-6,
            "the residual check catches the planted bug (the stationary system built from P instead of Pᵀ)");
    }

    private static double ZScore(double observed, double p, int n) =>
        p is <= 0 or >= 1 ? (Math.Abs(observed - p) < 1e-15 ? 0 : double.PositiveInfinity) : (observed - p) / Math.Sqrt(p * (1 - p) / n);

    private static void AbsorbingChains(ExperimentContext context, FindingBuilder finding, int walks)
    {
        var random = new Random(context.Seed + 1);
        var rows = new List<object?[]>();
        var closedFormError = 0.0;
        var largestZ = 0.0;
        foreach (var p in new[] { 0.5, 0.45 })
        {
            const int n = 10;
            var chain = ExampleChains.GamblersRuin(n, p);
            var analysis = chain.Absorbing();
            foreach (var i in new[] { 3, 5 })
            {
                var row = analysis.TransientStates.ToList().IndexOf(i);
                var win = analysis.AbsorptionProbabilities[row, analysis.AbsorbingStates.ToList().IndexOf(n)];
                var steps = analysis.ExpectedSteps[row];
                closedFormError = Math.Max(closedFormError, Math.Max(Math.Abs(win - ExampleChains.RuinWinProbability(n, p, i)),
                    Math.Abs(steps - ExampleChains.RuinExpectedDuration(n, p, i)) / steps));
                var (simWin, simSteps, zWin, zSteps) = Simulate(chain, i, n, walks / 4, random);
                largestZ = Math.Max(largestZ, Math.Max(Math.Abs(zWin), Math.Abs(zSteps)));
                rows.Add([chain.Name, $"from {i}", "P(reach N)", win, ExampleChains.RuinWinProbability(n, p, i), simWin, zWin]);
                rows.Add([chain.Name, $"from {i}", "expected steps", steps, ExampleChains.RuinExpectedDuration(n, p, i), simSteps, zSteps]);
            }
        }
        {
            const int k = 4;
            const double p = 0.3;
            var chain = ExampleChains.Retries(k, p);
            var analysis = chain.Absorbing();
            var success = analysis.AbsorptionProbabilities[0, 0];
            var steps = analysis.ExpectedSteps[0];
            var exactSuccess = 1 - Math.Pow(1 - p, k);
            var exactSteps = exactSuccess / p;
            closedFormError = Math.Max(closedFormError, Math.Max(Math.Abs(success - exactSuccess), Math.Abs(steps - exactSteps) / exactSteps));
            var (simSuccess, simSteps, zSuccess, zSteps) = Simulate(chain, 0, k, walks / 4, random);
            largestZ = Math.Max(largestZ, Math.Max(Math.Abs(zSuccess), Math.Abs(zSteps)));
            rows.Add([chain.Name, "from attempt 1", "P(succeeded)", success, exactSuccess, simSuccess, zSuccess]);
            rows.Add([chain.Name, "from attempt 1", "expected attempts", steps, exactSteps, simSteps, zSteps]);
        }
        finding.Table(FindingTable.Of($"Absorbing chains: fundamental matrix, closed form and {walks / 4:N0} simulated walks each",
            ["chain", "start", "quantity", "N = (I − Q)⁻¹", "closed form", "simulated", "z"], rows));
        finding.Figure("largest relative error, fundamental matrix vs closed form", closedFormError, "");
        finding.Check(closedFormError < 1e-9, $"absorption probabilities and expected steps from N = (I − Q)⁻¹ equal the closed forms (largest relative error {closedFormError:E1})");
        finding.Check(largestZ <= ZLimit, $"simulated absorption frequencies and mean steps lie within {ZLimit} standard errors of the theory (largest |z| = {largestZ:0.00})");
        var buggy = ExampleChains.GamblersRuin(10, 0.5, ChainBug.ExpectedStepsOffByOne).Absorbing();
        finding.Check(Math.Abs(buggy.ExpectedSteps[2] - ExampleChains.RuinExpectedDuration(10, 0.5, 3)) > 0.5,
            "the closed-form check catches the planted bug (expected steps N·1 − 1)");
    }

    /// <summary>Simulated share of walks ending in <paramref name="goal"/> and mean steps, with their z-scores against the analysis.</summary>
    private static (double Share, double MeanSteps, double ZShare, double ZSteps) Simulate(MarkovChain chain, int start, int goal, int walks, Random random)
    {
        var analysis = chain.Absorbing();
        var row = analysis.TransientStates.ToList().IndexOf(start);
        var exactShare = analysis.AbsorptionProbabilities[row, analysis.AbsorbingStates.ToList().IndexOf(goal)];
        var hits = 0;
        double sum = 0, sumSq = 0;
        for (var w = 0; w < walks; w++)
        {
            var (steps, end) = chain.WalkToAbsorption(start, random);
            if (end == goal) hits++;
            sum += steps;
            sumSq += (double)steps * steps;
        }
        var share = (double)hits / walks;
        var mean = sum / walks;
        var sd = Math.Sqrt(Math.Max(0, sumSq / walks - mean * mean));
        return (share, mean, ZScore(share, exactShare, walks), (mean - analysis.ExpectedSteps[row]) / (sd / Math.Sqrt(walks)));
    }

    private static void Networks(ExperimentContext context, FindingBuilder finding)
    {
        var rows = new List<object?[]>();
        var largestError = 0.0;
        var queries = 0;
        var separations = 0;
        var separationMismatches = 0;
        var bugCaughtEvidence = false;
        var bugCaughtCollider = false;
        foreach (var network in new[] { ClassicNetworks.Sprinkler(), ClassicNetworks.Asia() })
        {
            var enumeration = new JointEnumeration(network);
            foreach (var (query, evidence) in InferenceCases(network, enumeration))
            {
                var ve = VariableElimination.Query(network, [query], evidence);
                var reference = enumeration.Query([query], evidence);
                largestError = Math.Max(largestError, ve.Values.Zip(reference.Values, (a, b) => Math.Abs(a - b)).Max());
                queries++;
                if (!bugCaughtEvidence && evidence.Count > 0)
                {
                    var buggy = VariableElimination.Query(network, [query], evidence, InferenceBug.EvidenceOnlyInOwnCpd);
                    bugCaughtEvidence = buggy.Values.Zip(reference.Values, (a, b) => Math.Abs(a - b)).Max() > 1e-6;
                }
            }
            var randomTables = new JointEnumeration(network.WithRandomTables(new Random(context.Seed + 2)));
            var names = network.Variables.Select(v => v.Name).ToList();
            var separated = 0;
            foreach (var (x, y, z) in SeparationCases(names))
            {
                var graph = DSeparation.AreSeparated(network, [x], [y], z);
                var numeric = randomTables.Independent([x], [y], z);
                separations++;
                if (graph) separated++;
                if (graph != numeric) separationMismatches++;
                if (!bugCaughtCollider && DSeparation.AreSeparated(network, [x], [y], z, InferenceBug.CollidersNeverOpen) != numeric)
                    bugCaughtCollider = true;
            }
            rows.Add([network.Name, network.Variables.Count, queries, separated, separations]);
        }
        finding.Table(FindingTable.Of("Bayesian networks (cumulative counts)", ["network", "variables", "queries so far", "d-separated triples (this network)", "triples so far"], rows));
        finding.Figure(InferenceQueries, queries, "queries");
        finding.Figure(LargestInferenceError, largestError, "", key: true);
        finding.Figure(SeparationVerdicts, separations, "triples", key: true);
        finding.Check(largestError < 1e-12, $"variable elimination equals enumeration of the joint on all {queries} queries (one variable, up to two observed; largest difference {largestError:E1})");
        finding.Check(separationMismatches == 0,
            $"d-separation agrees with independence measured in the joint (random tables) on all {separations} triples (X, Y, Z with |Z| ≤ 2): {separationMismatches} disagree");
        finding.Check(bugCaughtEvidence && bugCaughtCollider,
            "the checks catch both planted bugs (evidence applied only to its own CPD; colliders never opened by observation)");

        var cyclic = Rejects<CyclicGraphException>(() => BayesianNetwork.Define("cyclic",
        [
            new("A", ["0", "1"], ["C"], [0.5, 0.5, 0.5, 0.5]),
            new("B", ["0", "1"], ["A"], [0.5, 0.5, 0.5, 0.5]),
            new("C", ["0", "1"], ["B"], [0.5, 0.5, 0.5, 0.5]),
        ]));
        var badTable = Rejects<ModelDefinitionException>(() => BayesianNetwork.Define("bad table",
        [
            NodeDefinition.Root("A", ["0", "1"], 0.5, 0.5),
            new("B", ["0", "1"], ["A"], [0.7, 0.3, 0.6, 0.5]),
        ]));
        finding.Check(cyclic is not null && badTable is not null,
            $"a cyclic graph and a CPD that does not sum to 1 are rejected: \"{cyclic?.Message}\" / \"{badTable?.Message}\"");

        // Scale: a 20-node random network (14 at small scale), where enumeration walks 2ⁿ assignments and elimination small factors.
        var nodes = context.Size(14, 20);
        var chainNetwork = RandomLayeredNetwork(nodes, new Random(context.Seed + 3));
        var start = Stopwatch.GetTimestamp();
        var last = $"X{nodes - 1}";
        var veAnswer = VariableElimination.Query(chainNetwork, [last], new Dictionary<string, string> { ["X0"] = "1" });
        var veTime = Stopwatch.GetElapsedTime(start);
        start = Stopwatch.GetTimestamp();
        var enumAnswer = new JointEnumeration(chainNetwork).Query([last], new Dictionary<string, string> { ["X0"] = "1" });
        var enumTime = Stopwatch.GetElapsedTime(start);
        finding.Figure(EliminationSpeedup, enumTime / veTime, "×");
        finding.Check(Math.Abs(veAnswer.Values[0] - enumAnswer.Values[0]) < 1e-12,
            $"on a {nodes}-node network (2^{nodes} joint assignments) elimination and enumeration agree; enumeration took {enumTime.TotalMilliseconds:0} ms, elimination {veTime.TotalMilliseconds:0.0} ms");
    }

    private static T? Rejects<T>(Action define) where T : Exception
    {
        try
        {
            define();
            return null;
        }
        catch (T e)
        {
            return e;
        }
    }

    /// <summary>Every variable as the query, with no evidence and with every assignment of one or two other variables
    /// that has positive probability.</summary>
    internal static IEnumerable<(string Query, Dictionary<string, string> Evidence)> InferenceCases(BayesianNetwork network, JointEnumeration joint)
    {
        var names = network.Variables.Select(v => v.Name).ToList();
        foreach (var q in names)
        {
            yield return (q, []);
            var others = names.Where(n => n != q).ToList();
            for (var i = 0; i < others.Count; i++)
            {
                foreach (var si in network.Variable(others[i]).States)
                {
                    var one = new Dictionary<string, string> { [others[i]] = si };
                    if (Probability(joint, one) > 0) yield return (q, one);
                    for (var j = i + 1; j < others.Count; j++)
                        foreach (var sj in network.Variable(others[j]).States)
                        {
                            var two = new Dictionary<string, string> { [others[i]] = si, [others[j]] = sj };
                            if (Probability(joint, two) > 0) yield return (q, two);
                        }
                }
            }
        }
    }

    private static double Probability(JointEnumeration joint, Dictionary<string, string> evidence)
    {
        var marginal = joint.Marginal([.. evidence.Keys]);
        var index = 0;
        foreach (var v in marginal.Variables) index = index * v.Cardinality + v.IndexOf(evidence[v.Name]);
        return marginal.Values[index];
    }

    /// <summary>Every pair X ≠ Y with every Z of up to two of the other variables.</summary>
    internal static IEnumerable<(string X, string Y, string[] Z)> SeparationCases(IReadOnlyList<string> names)
    {
        for (var a = 0; a < names.Count; a++)
            for (var b = a + 1; b < names.Count; b++)
            {
                var rest = names.Where((_, i) => i != a && i != b).ToList();
                yield return (names[a], names[b], []);
                for (var i = 0; i < rest.Count; i++)
                {
                    yield return (names[a], names[b], [rest[i]]);
                    for (var j = i + 1; j < rest.Count; j++) yield return (names[a], names[b], [rest[i], rest[j]]);
                }
            }
    }

    /// <summary>Binary nodes X0 … X(n−1), each with up to two parents among the three before it, random tables.</summary>
    internal static BayesianNetwork RandomLayeredNetwork(int n, Random random)
    {
        var nodes = new List<NodeDefinition>();
        for (var i = 0; i < n; i++)
        {
            var parents = Enumerable.Range(Math.Max(0, i - 3), Math.Min(i, 3)).OrderBy(_ => random.Next()).Take(Math.Min(i, 2)).Order().Select(p => $"X{p}").ToList();
            var table = new List<double>();
            for (var r = 0; r < 1 << parents.Count; r++)
            {
                var p = 0.05 + 0.9 * random.NextDouble();
                table.Add(p);
                table.Add(1 - p);
            }
            nodes.Add(new NodeDefinition($"X{i}", ["1", "0"], parents, table));
        }
        return BayesianNetwork.Define($"random {n}-node network", nodes);
    }
}
