using StatelessMind.Labs.DiscreteMath.Combinatorics;

namespace StatelessMind.Labs.DiscreteMath.Tests.Combinatorics;

[Goal("4.4-1")]
public sealed class CountingTests
{
    [Fact]
    public void The_formulas_give_the_textbook_values()
    {
        Assert.Equal(2_598_960, Counting.Combinations(52, 5)); // poker hands
        Assert.Equal(44, Counting.Derangements(5));
        Assert.Equal(1_854, Counting.Derangements(7));
        Assert.Equal(1_430, Counting.Catalan(8));
        Assert.Equal(36, Counting.Surjections(4, 3)); // 3^4 − 3·2^4 + 3·1^4
        Assert.Equal(5_148, 4 * Counting.Combinations(13, 5)); // flushes, straight flushes included
    }

    [Fact]
    public void Every_counting_problem_enumerates_to_its_closed_form()
    {
        foreach (var problem in CountingProblem.Suite(ranks: 7, n: 5))
            Assert.True(problem.Enumerate(GeneratorBug.None) == problem.Expected, $"{problem.Question}: {problem.Enumerate(GeneratorBug.None)} vs {problem.Expected}");
    }

    [Theory]
    [InlineData(GeneratorBug.SharedBuffer)]
    [InlineData(GeneratorBug.StopsOneEarly)]
    public void Planted_bug_a_problem_that_keeps_its_tuples_miscounts_with_a_broken_generator(GeneratorBug bug)
    {
        // The scoops problem keeps every tuple (Distinct), so a shared buffer collapses them and an early stop loses one.
        var scoops = CountingProblem.Suite(ranks: 7, n: 5).Single(p => p.Question.Contains("scoops", StringComparison.Ordinal));
        Assert.NotEqual(scoops.Expected, scoops.Enumerate(bug));
    }

    [Fact]
    public void A_negative_factorial_is_a_typed_error()
    {
        Assert.Equal("n", Assert.Throws<CombinatoricsArgumentException>(() => Counting.Factorial(-1)).Argument);
    }
}
