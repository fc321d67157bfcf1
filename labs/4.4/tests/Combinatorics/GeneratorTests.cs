using StatelessMind.Labs.DiscreteMath.Combinatorics;

namespace StatelessMind.Labs.DiscreteMath.Tests.Combinatorics;

[Goal("4.4-1")]
public sealed class GeneratorTests
{
    private static string Show(IEnumerable<char[]> tuples) => string.Join(" ", tuples.Select(t => new string(t)));

    [Fact]
    public void Permutations_come_in_itertools_order()
    {
        // itertools.permutations('ABC', 2)
        Assert.Equal("AB AC BA BC CA CB", Show(Generators.Permutations("ABC".ToCharArray(), 2)));
        Assert.Equal("ABC ACB BAC BCA CAB CBA", Show(Generators.Permutations("ABC".ToCharArray(), 3)));
    }

    [Fact]
    public void Permutation_advance_takes_the_rightmost_position_that_can_grow()
    {
        int[] indices = [0, 2, 1];
        var state = new PermutationState(3, 3);
        Assert.True(Generators.AdvancePermutation(indices, 3, state));
        Assert.Equal([1, 0, 2], indices);
        int[] last = [2, 1, 0];
        Assert.False(Generators.AdvancePermutation(last, 3, new PermutationState(3, 3)));
    }

    [Fact]
    public void Combinations_come_in_itertools_order()
    {
        // itertools.combinations('ABCD', 2)
        Assert.Equal("AB AC AD BC BD CD", Show(Generators.Combinations("ABCD".ToCharArray(), 2)));
        Assert.Empty(Generators.Combinations("AB".ToCharArray(), 3));
    }

    [Fact]
    public void Combination_advance_resets_the_indices_after_the_raised_one()
    {
        int[] indices = [0, 3, 4];
        Assert.True(Generators.AdvanceCombination(indices, 5));
        Assert.Equal([1, 2, 3], indices);
        Assert.False(Generators.AdvanceCombination([2, 3, 4], 5));
    }

    [Fact]
    public void Multisets_come_in_itertools_order()
    {
        // itertools.combinations_with_replacement('ABC', 2)
        Assert.Equal("AA AB AC BB BC CC", Show(Generators.CombinationsWithReplacement("ABC".ToCharArray(), 2)));
        int[] indices = [0, 2, 2];
        Assert.True(Generators.AdvanceMultiset(indices, 3));
        Assert.Equal([1, 1, 1], indices);
    }

    [Fact]
    public void Odometer_product_comes_in_itertools_order()
    {
        // itertools.product('AB', repeat=3)
        Assert.Equal("AAA AAB ABA ABB BAA BAB BBA BBB", Show(Generators.Product("AB".ToCharArray(), 3)));
        int[] indices = [0, 1, 1];
        Assert.True(Generators.AdvanceOdometer(indices, 2));
        Assert.Equal([1, 0, 0], indices);
        Assert.Single(Generators.Product("AB".ToCharArray(), 0));
    }

    [Theory]
    [InlineData("permutations", 6, 4)]
    [InlineData("combinations", 7, 3)]
    [InlineData("combinations with replacement", 4, 5)]
    [InlineData("product", 3, 5)]
    public void Each_generator_matches_its_formula_with_distinct_ordered_tuples(string generator, int n, int r)
    {
        var audit = GeneratorAudit.Of(generator, n, r);
        Assert.True(audit.Holds, $"{audit}");
    }

    [Fact]
    public void The_generators_are_lazy()
    {
        var first = Generators.Permutations(Enumerable.Range(0, 1000).ToArray(), 1000).First();
        Assert.Equal(Enumerable.Range(0, 1000), first);
    }

    [Fact]
    public void A_negative_size_is_a_typed_error_naming_the_argument()
    {
        var error = Assert.Throws<CombinatoricsArgumentException>(() => Generators.Combinations("ABC".ToCharArray(), -1));
        Assert.Equal("r", error.Argument);
        Assert.Equal("repeat", Assert.Throws<CombinatoricsArgumentException>(() => Generators.Product("AB".ToCharArray(), -2)).Argument);
    }

    [Theory]
    [InlineData(GeneratorBug.SharedBuffer)]
    [InlineData(GeneratorBug.StopsOneEarly)]
    public void Planted_bug_a_broken_generator_fails_its_audit(GeneratorBug bug)
    {
        var audit = GeneratorAudit.Of("combinations", 6, 3, bug);
        Assert.False(audit.Holds, $"{bug}: {audit} - the audit did not see the bug");
    }
}
