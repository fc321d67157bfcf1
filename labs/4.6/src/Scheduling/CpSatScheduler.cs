using System.Diagnostics;
using Google.OrTools.Sat;

namespace StatelessMind.Labs.StochasticStatistics.Scheduling;

/// <summary>The exact optimum from OR-Tools' CP-SAT: a Boolean xⱼᵢ per job and machine, each job on exactly one machine,
/// every machine's load Σⱼ pⱼxⱼᵢ at most the makespan C, minimise C. Run single-threaded, so it is deterministic.</summary>
public sealed class CpSatScheduler(double timeLimitSeconds = 20)
{
    public Schedule Optimum(SchedulingInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var clock = Stopwatch.StartNew();
        var (model, assign, makespan) = BuildModel(instance);
        var solver = new CpSolver
        {
            StringParameters = FormattableString.Invariant($"max_time_in_seconds:{timeLimitSeconds} num_workers:1 random_seed:1"),
        };
        var status = solver.Solve(model);
        if (status != CpSolverStatus.Optimal) throw new ExactOptimumUnavailableException(status.ToString(), clock.Elapsed.TotalSeconds);
        var machineOfJob = new int[instance.Jobs];
        for (var j = 0; j < instance.Jobs; j++)
            for (var i = 0; i < instance.Machines; i++)
                if (solver.BooleanValue(assign[j, i])) machineOfJob[j] = i;
        var schedule = Schedule.FromAssignment(instance, machineOfJob);
        if (schedule.Makespan != solver.Value(makespan))
            throw new InvalidOperationException($"CP-SAT reported makespan {solver.Value(makespan)} but its assignment gives {schedule.Makespan}");
        return schedule;
    }

    /// <summary>The CP-SAT model of P||C_max for <paramref name="instance"/>: the assignment Booleans and the makespan variable.</summary>
    internal static (CpModel Model, BoolVar[,] Assign, IntVar Makespan) BuildModel(SchedulingInstance instance)
    {
        #region Exercise 4.6-4c: the CP-SAT model, one machine per job, loads under the makespan, minimise it (tests: CpSatSchedulerTests)
        var n = instance.Jobs;
        var m = instance.Machines;
        var model = new CpModel();
        var assign = new BoolVar[n, m];
        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < m; i++) assign[j, i] = model.NewBoolVar($"x_{j}_{i}");
            model.AddExactlyOne(Enumerable.Range(0, m).Select(i => (ILiteral)assign[j, i]));
        }
        var makespan = model.NewIntVar(instance.LowerBound, instance.TotalWork, "makespan");
        for (var i = 0; i < m; i++)
        {
            var column = Enumerable.Range(0, n).Select(j => (IntVar)assign[j, i]);
            model.Add(LinearExpr.WeightedSum(column, instance.Durations) <= makespan);
        }
        // Machines are interchangeable: put job 0 on machine 0 to cut m − 1 symmetric copies of every schedule.
        model.Add(assign[0, 0] == 1);
        model.Minimize(makespan);
        return (model, assign, makespan);
        #endregion
    }
}
