using StatelessMind.Labs.ProbabilisticModels.Bayes;

namespace StatelessMind.Labs.ProbabilisticModels.Tests.Bayes;

/// <summary>Exercise 3.3-1c: factor product and summing out, on tables small enough to check by hand.</summary>
public sealed class FactorTests
{
    private static readonly Variable A = new("A", ["a0", "a1"]);
    private static readonly Variable B = new("B", ["b0", "b1", "b2"]);
    private static readonly Variable C = new("C", ["c0", "c1"]);

    [Fact]
    [Goal("3.3-1")]
    public void Product_multiplies_entries_that_agree_on_shared_variables()
    {
        var ab = new Factor([A, B], [1, 2, 3, 4, 5, 6]);      // φ(a, b), b fastest
        var bc = new Factor([B, C], [10, 20, 30, 40, 50, 60]); // ψ(b, c)
        var product = ab.Product(bc);
        Assert.Equal([A, B, C], product.Variables);
        for (var a = 0; a < 2; a++)
            for (var b = 0; b < 3; b++)
                for (var c = 0; c < 2; c++)
                    Assert.Equal(ab[a, b] * bc[b, c], product[a, b, c]);
    }

    [Fact]
    [Goal("3.3-1")]
    public void Product_with_disjoint_or_empty_factors()
    {
        var a = new Factor([A], [0.25, 0.75]);
        var c = new Factor([C], [2, 3]);
        var ac = a.Product(c);
        Assert.Equal([0.5, 0.75, 1.5, 2.25], ac.Values);
        Assert.Equal(a.Values, Factor.One.Product(a).Values);
        var ca = c.Product(new Factor([C, A], [1, 2, 3, 4])); // shared variable listed in another order
        Assert.Equal([C, A], ca.Variables);
        Assert.Equal([2.0, 4, 9, 12], ca.Values);
    }

    [Fact]
    [Goal("3.3-1")]
    public void Summing_out_adds_the_entries_that_differ_only_in_that_variable()
    {
        var abc = new Factor([A, B, C], [.. Enumerable.Range(1, 12).Select(i => (double)i)]);
        var noB = abc.SumOut(B);
        Assert.Equal([A, C], noB.Variables);
        for (var a = 0; a < 2; a++)
            for (var c = 0; c < 2; c++)
                Assert.Equal(Enumerable.Range(0, 3).Sum(b => abc[a, b, c]), noB[a, c]);
        Assert.Equal([B, C], abc.SumOut(A).Variables);
        Assert.Equal(abc.Values.Sum(), abc.SumOut(A).SumOut(C).SumOut(B).Values.Single());
        Assert.Same(abc, abc.SumOut(new Variable("D", ["x"])));
    }

    [Fact]
    [Goal("3.3-1")]
    public void Reduce_keeps_the_entries_of_the_observed_state()
    {
        var ab = new Factor([A, B], [1, 2, 3, 4, 5, 6]);
        Assert.Equal([2.0, 5], ab.Reduce(B, 1).Values);
        Assert.Equal([4.0, 5, 6], ab.Reduce(A, 1).Values);
        Assert.Equal([B, A], ab.Reorder([B, A]).Variables);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], ab.Reorder([B, A]).Values);
    }
}
