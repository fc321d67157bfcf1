using System.Diagnostics;
using System.Globalization;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.ProbabilisticModels.Flows;

namespace StatelessMind.Labs.ProbabilisticModels.Optimization;

/// <summary>
/// Goal 3.3-3. A production-planning LP solved by OR-Tools' GLOP, with its optimum, shadow prices and reduced costs
/// certified by the KKT conditions; infeasible and unbounded variants reported as such; random LPs certified the same
/// way. Maximum flows by the lab's Edmonds–Karp, QuikGraph's and OR-Tools' on random networks, equal to each other and
/// to the capacity of the minimum cut; min-cost flows by OR-Tools, equal to the same problem as an LP and with no
/// negative residual cycle. Every planted bug must be caught.
/// </summary>
public sealed class OptimizationExperiment : IExperiment
{
    public const string WorkshopProfit = "workshop: optimal profit";
    public const string CertifiedPrograms = "random LPs certified optimal";
    public const string FlowNetworks = "random networks: max flow = min cut, three solvers agree";
    public const string LargestGap = "largest LP duality gap";

    public string GoalId => "3.3-3";
    public string Title => "Linear programming and network flows, certified by duality and the max-flow min-cut theorem";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var finding = new FindingBuilder(GoalId, Title);
        var random = new Random(context.Seed);

        context.Report(0.05, "the workshop LP");
        var workshop = ProductionPlans.Workshop();
        var plan = GlopSolver.Solve(workshop);
        var largestGap = 0.0;
        if (plan.Status == LpStatus.Optimal)
        {
            var certificate = OptimalityCertificate.Check(workshop, plan);
            largestGap = certificate.DualityGap;
            finding.Figure(WorkshopProfit, plan.Objective, "", key: true);
            finding.Table(FindingTable.Of("Workshop plan: the optimum and its reduced costs (profit lost per unit forced in)",
                ["product", "units", "profit per unit", "reduced cost"],
                workshop.Variables.Select((v, j) => new object?[] { v.Name, plan.Values[j], v.Cost, plan.ReducedCosts[j] })));
            var rows = workshop.Constraints;
            finding.Table(FindingTable.Of("Workshop constraints: use, bound and dual value (profit gained per unit of bound relaxed)",
                ["constraint", "used", "lower", "upper", "dual value"],
                rows.Select((r, i) => new object?[] { r.Name, r.Coefficients.Select((a, j) => a * plan.Values[j]).Sum(), r.Lower, r.Upper, plan.Duals[i] })));
            finding.Check(certificate.Holds, $"the workshop optimum satisfies primal and dual feasibility and complementary slackness, " +
                                             $"and profit {plan.Objective:0.##} equals the priced bounds {certificate.DualObjective:0.##} ({Describe(certificate)})");
        }
        else finding.Check(false, $"GLOP solves the workshop to optimality (it answered {plan.Status})");
        var infeasible = GlopSolver.Solve(ProductionPlans.InfeasibleWorkshop()).Status;
        var unbounded = GlopSolver.Solve(ProductionPlans.UnboundedWorkshop()).Status;
        finding.Check(infeasible == LpStatus.Infeasible && unbounded == LpStatus.Unbounded,
            $"the workshop with an order of 100 tables is reported infeasible ({infeasible}) and the one selling stools unbounded ({unbounded})");

        context.Report(0.15, "random LPs");
        var programs = context.Size(100, 1000);
        var certified = 0;
        for (var k = 0; k < programs; k++)
        {
            var lp = ProductionPlans.Random(random, k);
            var solution = GlopSolver.Solve(lp);
            if (solution.Status != LpStatus.Optimal) continue;
            var report = OptimalityCertificate.Check(lp, solution);
            largestGap = Math.Max(largestGap, report.DualityGap);
            if (report.Holds) certified++;
        }
        finding.Figure(CertifiedPrograms, certified, "", key: true);
        finding.Figure(LargestGap, largestGap, "");
        finding.Check(certified == programs, $"every one of {programs} random feasible bounded LPs (both senses, ≤ and ≥ rows, upper bounds) is solved and its optimum certified ({certified})");
        var dropped = GlopSolver.Solve(workshop, LpBug.DropsLastConstraint);
        var flipped = GlopSolver.Solve(workshop, LpBug.ReducedCostSignFlipped);
        finding.Check(!OptimalityCertificate.Check(workshop, dropped).Holds && !OptimalityCertificate.Check(workshop, flipped).Holds,
            "the certificate rejects both planted bugs (the chair order never handed to the solver; reduced costs read with the wrong sign)");

        context.Report(0.35, "maximum flows");
        var networks = context.Size(60, 300);
        var agree = 0;
        var cutsEqual = 0;
        var times = new List<(int Arcs, double Own, double QuikGraph, double OrTools)>();
        for (var k = 0; k < networks; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var nodes = 10 + k * context.Size(3, 4);
            var network = FlowNetwork.Random(random, nodes, nodes * 4);
            var source = 0;
            var sink = nodes - 1;
            var start = Stopwatch.GetTimestamp();
            var own = EdmondsKarp.MaxFlow(network, source, sink);
            var ownTime = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            var quik = ReferenceFlows.QuikGraphMaxFlow(network, source, sink);
            var quikTime = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            var (orValue, _) = ReferenceFlows.OrToolsMaxFlow(network, source, sink);
            var orTime = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            times.Add((network.Arcs.Count, ownTime, quikTime, orTime));
            var supply = new long[nodes];
            supply[source] = own.Value;
            supply[sink] = -own.Value;
            var violations = network.Violations(own.ArcFlows, supply);
            if (own.Value == quik && own.Value == orValue && violations == (0, 0)) agree++;
            if (network.CutCapacity(own.SourceSide) == own.Value && own.SourceSide[source] && !own.SourceSide[sink]) cutsEqual++;
        }
        finding.Figure(FlowNetworks, Math.Min(agree, cutsEqual), "", key: true);
        finding.Check(agree == networks, $"on {networks} random networks the lab's Edmonds–Karp, QuikGraph's and OR-Tools' maximum flows are equal, and the lab's flow is feasible ({agree})");
        finding.Check(cutsEqual == networks, $"on each the source side found in the residual network is a cut whose capacity equals the maximum flow ({cutsEqual})");
        var example = FlowExamples.NeedsAReverseArc();
        var buggyExample = EdmondsKarp.MaxFlow(example, 0, example.NodeCount - 1, FlowBug.NoReverseResidualArcs);
        var exampleMaximum = ReferenceFlows.OrToolsMaxFlow(example, 0, example.NodeCount - 1).Value;
        finding.Check(buggyExample.Value < exampleMaximum,
            $"the comparison with OR-Tools catches the planted search without reverse residual arcs: on the lab's example it stops at {buggyExample.Value} of {exampleMaximum}");

        context.Report(0.7, "min-cost flows");
        var costNetworks = context.Size(30, 150);
        var costAgree = 0;
        var noCycle = 0;
        var caught = 0;
        var costlier = 0;
        for (var k = 0; k < costNetworks; k++)
        {
            var nodes = 8 + k % 40;
            var network = FlowNetwork.Random(random, nodes, nodes * 4);
            var amount = EdmondsKarp.MaxFlow(network, 0, nodes - 1).Value;
            var (cost, flows) = MinCostFlows.Cheapest(network, 0, nodes - 1, amount);
            var (program, lpSolution) = ReferenceFlows.MinCostFlowAsLp(network, 0, nodes - 1, amount);
            if (lpSolution.Status == LpStatus.Optimal && Math.Abs(lpSolution.Objective - cost) < 1e-6 * Math.Max(1, Math.Abs(cost))
                && OptimalityCertificate.Check(program, lpSolution).Holds) costAgree++;
            if (ResidualCycles.NegativeCycle(network, flows) is null) noCycle++;
            var (blindCost, blindFlows) = MinCostFlows.Cheapest(network, 0, nodes - 1, amount, FlowBug.CostsIgnored);
            if (blindCost > cost)
            {
                costlier++;
                if (ResidualCycles.NegativeCycle(network, blindFlows) is not null) caught++;
            }
        }
        finding.Check(costAgree == costNetworks, $"on {costNetworks} random networks OR-Tools' min-cost flow costs what GLOP's certified LP of the same problem costs ({costAgree})");
        finding.Check(noCycle == costNetworks, $"and its residual network has no negative-cost cycle, the optimality condition of a min-cost flow ({noCycle})");
        finding.Check(costlier > 0 && caught == costlier, $"the cycle test catches the planted cost-blind flow on every network where it costs more than the optimum ({caught} of {costlier})");

        var plot = new ScottPlot.Plot();
        void Series(string label, Func<(int Arcs, double Own, double QuikGraph, double OrTools), double> value)
        {
            double[] xs = [.. times.Select(t => (double)t.Arcs)];
            double[] ys = [.. times.Select(value)];
            var scatter = plot.Add.ScatterPoints(xs, ys);
            scatter.LegendText = label;
        }
        Series("lab's Edmonds–Karp", t => t.Own);
        Series("QuikGraph Edmonds–Karp", t => t.QuikGraph);
        Series("OR-Tools push-relabel", t => t.OrTools);
        plot.Title("Maximum flow: time per network");
        plot.XLabel("arcs");
        plot.YLabel("milliseconds (one call each)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        finding.Plot(context.SavePlot(plot, "max-flow-times.png", "Time of one maximum-flow call per random network, for the three solvers (one timed call each: a picture of growth, not a benchmark)"));
        var ownTotal = times.Sum(t => t.Own);
        finding.Note(string.Create(CultureInfo.InvariantCulture,
            $"Total max-flow time over the networks: the lab's {ownTotal:0.#} ms, QuikGraph's {times.Sum(t => t.QuikGraph):0.#} ms, OR-Tools' {times.Sum(t => t.OrTools):0.#} ms (first calls include JIT compilation)."));

        return Task.FromResult(finding.Build(
            $"The workshop LP and {programs} random LPs solved by GLOP and certified by KKT; max flows on {networks} random networks by three solvers; " +
            $"min-cost flows on {costNetworks} networks by OR-Tools and by GLOP on the LP form; planted bugs in the model, the flow search and the cost."));
    }

    private static string Describe(CertificateReport report)
    {
        var failures = report.Failures();
        return failures.Count == 0 ? string.Create(CultureInfo.InvariantCulture, $"duality gap {report.DualityGap:G3}") : string.Join("; ", failures);
    }
}
