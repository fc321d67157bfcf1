using System.Globalization;
using StatelessMind.Harness.Experiments;

namespace StatelessMind.Labs.DiscreteMath.Recurrences;

/// <summary>
/// Goal 4.4-3: linear recurrences with constant coefficients solved in closed form by the characteristic polynomial
/// (distinct, repeated and rational roots; polynomial and exponential forcing, with and without resonance), each closed
/// form compared exactly with 100 terms of direct iteration; random recurrences built from chosen rational roots; and
/// irrational or complex roots refused with a typed error.
/// </summary>
/// <param name="bug">A solver mistake (tests only): the comparison with iteration must then fail.</param>
public sealed class RecurrencesExperiment(RecurrenceBug bug) : IExperiment
{
    public const int Terms = 100;

    public RecurrencesExperiment() : this(RecurrenceBug.None) { }

    public string GoalId => "4.4-3";
    public string Title => "Linear recurrences in closed form by the characteristic polynomial, exact against 100 iterated terms";

    public Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var builder = new FindingBuilder(GoalId, Title);
        var rows = new List<object?[]>();
        var textbook = RecurrenceSuite.Textbook();
        var textbookHeld = 0;
        foreach (var recurrence in textbook)
        {
            var (holds, closedForm) = Verify(recurrence);
            textbookHeld += holds ? 1 : 0;
            rows.Add([recurrence.Name, recurrence.CharacteristicPolynomial().ToString(), closedForm, holds ? "yes" : "no"]);
            builder.Check(holds, $"{recurrence.Name}: the closed form equals the first {Terms} iterated terms exactly");
        }

        var random = new Random(context.Seed);
        var randomCount = context.Size(40, 200);
        var randomHeld = 0;
        var failures = new List<string>();
        for (var i = 0; i < randomCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var recurrence = RecurrenceSuite.Random(random, i);
            var (holds, _) = Verify(recurrence);
            randomHeld += holds ? 1 : 0;
            if (!holds && failures.Count < 3) failures.Add(recurrence.Name);
        }
        builder.Check(randomHeld == randomCount, string.Create(CultureInfo.InvariantCulture,
            $"{randomCount} random recurrences with rational roots (repeated, and forcing bases that hit them): {randomHeld} closed forms equal {Terms} iterated terms{(failures.Count == 0 ? "" : " - wrong: " + string.Join("; ", failures))}"));

        foreach (var refused in new[] { RecurrenceSuite.Fibonacci(), RecurrenceSuite.Rotation() })
        {
            string outcome;
            try
            {
                outcome = "solved: " + RecurrenceSolver.Solve(refused, bug);
            }
            catch (IrrationalRootsException e)
            {
                outcome = e.Message;
            }
            builder.Check(outcome.Contains("not rational", StringComparison.Ordinal), $"{refused.Name}: refused as having roots that are not rational ({outcome})");
            rows.Add([refused.Name, refused.CharacteristicPolynomial().ToString(), outcome, "refused"]);
        }

        builder.Table(FindingTable.Of("Closed forms against iteration", ["recurrence", "characteristic polynomial", "closed form a(n)", $"equals {Terms} iterated terms"], rows));
        builder.Plot(DigitsPlot(context, textbook));
        var digits = textbook.Max(r => r.Iterate(Terms)[^1] is var last ? last.Numerator.ToString().Length + last.Denominator.ToString().Length : 0);
        return Task.FromResult(builder
            .Figure("textbook recurrences whose closed form equals iteration", textbookHeld, $"of {textbook.Count}", key: true)
            .Figure("random recurrences whose closed form equals iteration", randomHeld, $"of {randomCount}", key: true)
            .Figure($"most digits in a term a({Terms - 1}) compared exactly", digits, "digits")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{textbook.Count} textbook and {randomCount} random linear recurrences solved in closed form over the rationals and compared term by term with {Terms} iterated terms; Fibonacci and a(n) = -a(n-2) given to the solver to refuse")));
    }

    private (bool Holds, string ClosedForm) Verify(LinearRecurrence recurrence)
    {
        try
        {
            var closedForm = RecurrenceSolver.Solve(recurrence, bug);
            var iterated = recurrence.Iterate(Terms);
            var holds = Enumerable.Range(0, Terms).All(n => closedForm.Evaluate(n) == iterated[n]);
            return (holds, closedForm.ToString());
        }
        catch (Exception e) when (e is IrrationalRootsException or SingularSystemException)
        {
            return (false, e.Message);
        }
    }

    private static PlotRef DigitsPlot(ExperimentContext context, IReadOnlyList<LinearRecurrence> recurrences)
    {
        var plot = new ScottPlot.Plot();
        var xs = Enumerable.Range(0, Terms).Select(n => (double)n).ToArray();
        foreach (var recurrence in recurrences.Take(6))
        {
            var terms = recurrence.Iterate(Terms);
            var line = plot.Add.Scatter(xs, terms.Select(t => (double)(t.Numerator.IsZero ? 0 : t.Numerator.ToString().TrimStart('-').Length + t.Denominator.ToString().Length - 1)).ToArray());
            line.LegendText = recurrence.Name.Split(':')[0];
        }
        plot.Axes.Bottom.Label.Text = "n";
        plot.Axes.Left.Label.Text = "decimal digits of a(n) (numerator + denominator)";
        plot.Title("Why exact arithmetic: the terms outgrow a double's 16 digits");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        return context.SavePlot(plot, "digits.png", "Size of the exact terms a(n) of six textbook recurrences, against n: a double carries about 16 significant digits");
    }
}
