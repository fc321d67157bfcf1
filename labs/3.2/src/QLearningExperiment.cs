using System.Diagnostics;
using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.MlOps.Reinforcement;

namespace StatelessMind.Labs.MlOps;

/// <summary>
/// Goal 3.2-4: tabular Q-learning on FrozenLake (4×4 and 8×8, slippery and not). On each map the agent learns from
/// episodes alone; value iteration on the known model gives the optimal policy. Both greedy policies are evaluated
/// exactly (the probability of reaching the goal within the time limit) and by simulated episodes, and the learned
/// policy's value function is compared with the optimal one.
/// </summary>
/// <param name="bug">A planted mistake (tests only): a wrong bootstrap target must fail the near-optimality checks.</param>
public sealed class QLearningExperiment(QLearningBug bug) : IExperiment
{
    public QLearningExperiment() : this(QLearningBug.None) { }

    public string GoalId => "3.2-4";
    public string Title => "Tabular Q-learning on a Gymnasium-style FrozenLake, against value iteration's optimal policy";

    internal const double Gamma = 0.99;
    internal const double SuccessTolerance = 0.05; // success probability: within 5 points of the optimal policy's
    internal const double ValueRatioTarget = 0.90; // the learned policy's discounted value at the start: ≥ 90 % of V*
    internal const int EvaluationEpisodes = 2_000;

    internal sealed record Setting(FrozenLakeMap Map, bool Slippery, int SmallEpisodes, int FullEpisodes)
    {
        public string Name => $"{Map.Name} {(Slippery ? "slippery" : "not slippery")}";
    }

    internal static IReadOnlyList<Setting> Settings { get; } =
    [
        new(FrozenLakeMap.Standard4x4, false, 1_000, 2_000),
        new(FrozenLakeMap.Standard4x4, true, 20_000, 50_000),
        new(FrozenLakeMap.Standard8x8, false, 3_000, 5_000),
        new(FrozenLakeMap.Standard8x8, true, 60_000, 200_000),
    ];

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        var rows = new List<object[]>();
        var curves = new List<(string Name, double[] Returns)>();
        long totalSteps = 0;
        var totalSeconds = 0.0;
        var worstGap = double.NegativeInfinity;
        for (var i = 0; i < Settings.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var setting = Settings[i];
            context.Report(i / (double)Settings.Count, $"Q-learning on {setting.Name}");
            var env = new FrozenLakeEnv(setting.Map, setting.Slippery, seed: context.Seed);
            var optimal = MdpSolver.ValueIteration(env.Transitions, Gamma);

            var options = new QLearningOptions { Episodes = context.Size(setting.SmallEpisodes, setting.FullEpisodes), Gamma = Gamma, Seed = context.Seed + i };
            var clock = Stopwatch.StartNew();
            var learned = QLearning.Train(env, options, bug);
            var seconds = clock.Elapsed.TotalSeconds;
            totalSteps += learned.Steps;
            totalSeconds += seconds;
            curves.Add((setting.Name, learned.EpisodeReturns));

            var optimalSuccess = MdpSolver.SuccessProbability(env.Transitions, optimal.Policy, setting.Map.Start, env.MaxEpisodeSteps);
            var learnedSuccess = MdpSolver.SuccessProbability(env.Transitions, learned.Policy, setting.Map.Start, env.MaxEpisodeSteps);
            var simulated = SimulatedSuccessRate(new FrozenLakeEnv(setting.Map, setting.Slippery, seed: context.Seed + 100 + i), learned.Policy, EvaluationEpisodes);
            var learnedValues = MdpSolver.PolicyValues(env.Transitions, learned.Policy, Gamma);
            var start = setting.Map.Start;
            var valueRatio = learnedValues[start] / optimal.Values[start];
            var nonTerminal = Enumerable.Range(0, env.StateCount).Where(s => !setting.Map.IsTerminal(s)).ToArray();
            var qValueError = nonTerminal.Average(s => Math.Abs(learned.Values[s] - optimal.Values[s]));
            var policyGap = nonTerminal.Max(s => optimal.Values[s] - learnedValues[s]);
            worstGap = Math.Max(worstGap, optimalSuccess - learnedSuccess);

            builder.Check(learnedSuccess >= optimalSuccess - SuccessTolerance,
                F($"{setting.Name}: the learned greedy policy reaches the goal within {env.MaxEpisodeSteps} steps with probability {learnedSuccess:P1}, optimal {optimalSuccess:P1} (target: within {SuccessTolerance * 100:F0} points)"));
            builder.Check(valueRatio >= ValueRatioTarget,
                F($"{setting.Name}: the learned policy's discounted value at the start is {valueRatio:P1} of the optimal V* = {optimal.Values[start]:F4} (target ≥ {ValueRatioTarget:P0})"));
            if (!setting.Slippery)
            {
                var distance = ShortestPathSteps(setting.Map);
                builder.Check(Math.Abs(optimal.Values[start] - Math.Pow(Gamma, distance - 1)) < 1e-9,
                    F($"{setting.Name}: value iteration's V*(start) = {optimal.Values[start]:F6} equals γ^(d−1) for the shortest path of d = {distance} moves"));
            }
            rows.Add([setting.Name, options.Episodes, learned.Steps, F($"{optimalSuccess:P1}"), F($"{learnedSuccess:P1}"), F($"{simulated:P1}"),
                Math.Round(optimal.Values[start], 4), Math.Round(learnedValues[start], 4), Math.Round(qValueError, 4), Math.Round(policyGap, 4), optimal.Sweeps, Math.Round(seconds, 3)]);
            builder.Figure(F($"{setting.Name}: learned success"), learnedSuccess * 100, "%", key: setting.Slippery && setting.Map.StateCount == 64)
                .Figure(F($"{setting.Name}: optimal success"), optimalSuccess * 100, "%")
                .Figure(F($"{setting.Name}: simulated success of the learned policy"), simulated * 100, "%")
                .Figure(F($"{setting.Name}: learned V(start) / V*(start)"), valueRatio, "×", target: F($"≥ {ValueRatioTarget:F2}"))
                .Figure(F($"{setting.Name}: mean |max Q − V*| over non-terminal states"), qValueError, "");
        }

        builder.Plot(LearningCurves(context, curves));
        builder.Table(FindingTable.Of("Q-learning against value iteration (γ = 0.99); success = probability of reaching G within the time limit",
            ["map", "episodes", "steps", "optimal success", "learned success", "simulated", "V*(start)", "V^π(start)", "mean |max Q − V*|", "max V* − V^π", "VI sweeps", "training s"], rows));
        return Task.FromResult(builder
            .Figure("largest success gap to optimal", worstGap * 100, "points", key: true, target: F($"≤ {SuccessTolerance * 100:F0}"))
            .Figure("Q-learning training time, four maps", totalSeconds, "s")
            .Figure("Q-learning throughput", totalSteps / totalSeconds, "steps/s", key: true)
            .Note(F($"ε decays exponentially from 1 to 0.01 over the first 80 % of the episodes; α = 0.1; the simulated success rate is over {EvaluationEpisodes} episodes of the greedy policy."))
            .Build(F($"Q-learning on four FrozenLake maps ({totalSteps:N0} environment steps in {totalSeconds:F2} s): the largest gap between the learned and the optimal success probability is {worstGap * 100:F1} points.")));
    }

    /// <summary>The fraction of episodes in which the policy reaches the goal, by running the environment.</summary>
    internal static double SimulatedSuccessRate(FrozenLakeEnv env, int[] policy, int episodes)
    {
        var successes = 0;
        for (var e = 0; e < episodes; e++)
        {
            var (state, _) = env.Reset();
            while (true)
            {
                var step = env.Step(policy[state]);
                state = step.Observation;
                if (step.Terminated || step.Truncated)
                {
                    if (step.Reward > 0) successes++;
                    break;
                }
            }
        }
        return successes / (double)episodes;
    }

    /// <summary>Breadth-first search over the grid (holes blocked): the fewest moves from S to a G.</summary>
    internal static int ShortestPathSteps(FrozenLakeMap map)
    {
        var distance = Enumerable.Repeat(-1, map.StateCount).ToArray();
        var queue = new Queue<int>([map.Start]);
        distance[map.Start] = 0;
        while (queue.TryDequeue(out var s))
        {
            if (map.At(s) == 'G') return distance[s];
            if (map.At(s) == 'H') continue;
            var (r, c) = (s / map.ColumnCount, s % map.ColumnCount);
            foreach (var (nr, nc) in new[] { (r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1) })
            {
                if (nr < 0 || nc < 0 || nr >= map.RowCount || nc >= map.ColumnCount) continue;
                var n = nr * map.ColumnCount + nc;
                if (distance[n] >= 0) continue;
                distance[n] = distance[s] + 1;
                queue.Enqueue(n);
            }
        }
        throw new InvalidOperationException($"No path from S to G on the {map.Name} map.");
    }

    private static PlotRef LearningCurves(ExperimentContext context, List<(string Name, double[] Returns)> curves)
    {
        var plot = new ScottPlot.Plot();
        foreach (var (name, returns) in curves)
        {
            var window = Math.Max(1, returns.Length / 100);
            var xs = new List<double>();
            var ys = new List<double>();
            for (var end = window; end <= returns.Length; end += window)
            {
                xs.Add(100.0 * end / returns.Length);
                ys.Add(returns.AsSpan(end - window, window).ToArray().Average());
            }
            var line = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            line.MarkerSize = 0;
            line.LegendText = name;
        }
        plot.Title("Q-learning learning curves: success rate per 1 % of training (ε-greedy behaviour)");
        plot.XLabel("training progress (% of episodes)");
        plot.YLabel("episodes reaching G");
        plot.ShowLegend();
        return context.SavePlot(plot, "learning-curves.png", "Success rate of the ε-greedy behaviour over training, one line per map");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
