using StatelessMind.Labs.Programming.Sql;
using static StatelessMind.Labs.Programming.Tests.Sql.TinyCompany;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>The C# reference of the joins and the recursive walk, on cases worked out by hand.</summary>
[Goal("1.3-2")]
public sealed class JoinReferenceTests
{
    private readonly IReadOnlyDictionary<string, ResultSet> _joins = SalesReference.Joins(Data);

    [Fact]
    public void Self_join_finds_the_one_employee_paid_more_than_their_manager() =>
        AssertRows(_joins["self_join"], [5, 250, 2, 200]);

    [Fact]
    public void Anti_join_keeps_the_employees_without_sales_and_semi_join_lists_each_big_seller_once()
    {
        AssertRows(_joins["anti_join"], [1, 1], [3, 1], [6, null]);
        AssertRows(_joins["semi_join"], [5, "Ed"]);
    }

    [Fact]
    public void Full_outer_join_keeps_the_empty_department_and_the_unassigned_employee() =>
        AssertRows(_joins["full_outer_join"], [1, "Engineering", 4, 800L], [2, "Sales", 1, 250L], [3, "Research", 0, 0L], [null, null, 1, 150L]);

    [Fact]
    public void Lateral_takes_at_most_two_per_department_and_drops_the_empty_one() =>
        AssertRows(_joins["lateral_join"], [1, 1, 300], [1, 2, 200], [2, 5, 250]);

    [Fact]
    public void The_recursive_walk_gives_each_employee_depth_and_chain() =>
        AssertRows(_joins["recursive_cte"], [1, 0, "1"], [2, 1, "1/2"], [3, 1, "1/3"], [4, 2, "1/2/4"], [5, 2, "1/2/5"], [6, 3, "1/2/5/6"]);
}
