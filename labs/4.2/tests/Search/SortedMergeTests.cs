using StatelessMind.Labs.Retrieval.Search;

namespace StatelessMind.Labs.Retrieval.Tests.Search;

[Goal("4.2-1")]
public sealed class SortedMergeTests
{
    [Fact]
    public void Merges_of_sorted_lists_give_intersection_union_and_difference()
    {
        int[] a = [1, 3, 5, 7, 9];
        int[] b = [2, 3, 4, 9, 10];
        Assert.Equal([3, 9], BooleanSearch.Intersect(a, b));
        Assert.Equal([1, 2, 3, 4, 5, 7, 9, 10], BooleanSearch.Union(a, b));
        Assert.Equal([1, 5, 7], BooleanSearch.Difference(a, b));
        Assert.Empty(BooleanSearch.Intersect(a, []));
        Assert.Equal(a, BooleanSearch.Union([], a));
    }
}
