using StatelessMind.Labs.DiscreteMath.Recurrences;

namespace StatelessMind.Labs.DiscreteMath.Tests.Recurrences;

[Goal("4.4-3")]
public sealed class RecurrenceSolverTests
{
    private static Rational Coefficient(ClosedForm form, int power, Rational b) =>
        form.Terms.Where(t => t.PowerOfN == power && t.Base == b).Select(t => t.Coefficient).DefaultIfEmpty(Rational.Zero).Single();

    [Fact]
    public void Hanoi_is_two_to_the_n_minus_one()
    {
        var form = RecurrenceSolver.Solve(new LinearRecurrence("hanoi", [2], [0], [new ForcingTerm([1], 1)]));
        Assert.Equal(Rational.One, Coefficient(form, 0, 2));
        Assert.Equal(-Rational.One, Coefficient(form, 0, 1));
    }

    [Fact]
    public void Distinct_roots_give_three_to_the_n_minus_two_to_the_n()
    {
        var form = RecurrenceSolver.Solve(new LinearRecurrence("5,-6", [5, -6], [0, 1]));
        Assert.Equal(Rational.One, Coefficient(form, 0, 3));
        Assert.Equal(-Rational.One, Coefficient(form, 0, 2));
    }

    [Fact]
    public void A_double_root_gives_a_factor_n()
    {
        // a(n) = 4a(n−1) − 4a(n−2), a0 = 1, a1 = 4: (1 + n)·2ⁿ
        var form = RecurrenceSolver.Solve(new LinearRecurrence("double", [4, -4], [1, 4]));
        Assert.Equal(Rational.One, Coefficient(form, 0, 2));
        Assert.Equal(Rational.One, Coefficient(form, 1, 2));
    }

    [Fact]
    public void The_sum_of_the_first_n_integers_is_n_times_n_plus_one_over_two()
    {
        var form = RecurrenceSolver.Solve(new LinearRecurrence("sum", [1], [0], [new ForcingTerm([0, 1], 1)]));
        Assert.Equal(Rational.Create(1, 2), Coefficient(form, 2, 1));
        Assert.Equal(Rational.Create(1, 2), Coefficient(form, 1, 1));
        Assert.Equal(Rational.Zero, Coefficient(form, 0, 1));
    }

    [Fact]
    public void Every_textbook_and_random_recurrence_matches_100_iterated_terms()
    {
        var random = new Random(4);
        foreach (var recurrence in RecurrenceSuite.Textbook().Concat(Enumerable.Range(0, 30).Select(i => RecurrenceSuite.Random(random, i))))
        {
            var form = RecurrenceSolver.Solve(recurrence);
            var iterated = recurrence.Iterate(100);
            for (var n = 0; n < 100; n++)
                Assert.True(form.Evaluate(n) == iterated[n], $"{recurrence.Name}: a({n}) = {form.Evaluate(n)} by {form}, {iterated[n]} by iteration");
        }
    }

    [Fact]
    public void Basis_raises_a_resonant_root_by_the_degree_plus_one()
    {
        // roots 1 (×1), 2 (×2); forcing n·2ⁿ (degree 1) and 5ⁿ
        var basis = RecurrenceSolver.Basis([new RationalRoot(1, 1), new RationalRoot(2, 2)], [new ForcingTerm([0, 1], 2), new ForcingTerm([1], 5)]);
        Assert.Equal([new RationalRoot(1, 1), new RationalRoot(2, 4), new RationalRoot(5, 1)], basis);
    }

    [Fact]
    public void Basis_of_a_homogeneous_recurrence_is_its_roots()
    {
        IReadOnlyList<RationalRoot> roots = [new RationalRoot(-1, 1), new RationalRoot(Rational.Create(1, 2), 3)];
        Assert.Equal(roots, RecurrenceSolver.Basis(roots, []));
    }

    [Fact]
    public void Irrational_and_complex_roots_are_a_typed_error_naming_the_factor()
    {
        var fibonacci = Assert.Throws<IrrationalRootsException>(() => RecurrenceSolver.Solve(RecurrenceSuite.Fibonacci()));
        Assert.Equal(2, fibonacci.Remaining.Degree);
        Assert.Contains("x^2 − x − 1", fibonacci.Message, StringComparison.Ordinal);
        Assert.Throws<IrrationalRootsException>(() => RecurrenceSolver.Solve(RecurrenceSuite.Rotation()));
    }

    [Theory]
    [InlineData(new long[] { 1, 0 }, new long[] { 1, 1 }, "coefficients")]
    [InlineData(new long[] { 2 }, new long[] { 1, 1 }, "initial values")]
    [InlineData(new long[0], new long[0], "coefficients")]
    public void A_malformed_recurrence_is_a_typed_error_naming_the_field(long[] coefficients, long[] initial, string field)
    {
        var error = Assert.Throws<RecurrenceDefinitionException>(() =>
            new LinearRecurrence("bad", [.. coefficients.Select(c => (Rational)c)], [.. initial.Select(c => (Rational)c)]));
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData(RecurrenceBug.CharacteristicSignFlipped)]
    [InlineData(RecurrenceBug.ResonanceIgnored)]
    public void Planted_bug_a_broken_solver_disagrees_with_iteration(RecurrenceBug bug)
    {
        var broken = RecurrenceSuite.Textbook().Count(r =>
        {
            try
            {
                var form = RecurrenceSolver.Solve(r, bug);
                var iterated = r.Iterate(100);
                return Enumerable.Range(0, 100).Any(n => form.Evaluate(n) != iterated[n]);
            }
            catch (Exception e) when (e is IrrationalRootsException or SingularSystemException)
            {
                return true;
            }
        });
        Assert.True(broken > 0, $"{bug}: every textbook closed form still matched iteration");
    }
}
