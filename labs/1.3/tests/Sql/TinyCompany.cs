using StatelessMind.Labs.Programming.Sql;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>
/// Six employees, six sales: small enough to work every query out by hand. Employee 2 sells twice on Monday 1 January
/// (the RANGE-frame trap); no sale on Thursday 4 January or the weekend (gaps); Research has nobody; employee 6 has no
/// department; employee 5 earns more than their manager; 1, 3 and 6 never sell.
/// </summary>
internal static class TinyCompany
{
    public static readonly DateOnly Mon = new(2024, 1, 1), Tue = new(2024, 1, 2), Wed = new(2024, 1, 3), Fri = new(2024, 1, 5), NextMon = new(2024, 1, 8);

    public static SalesDataset Data { get; } = new(
        [new Department(1, "Engineering"), new Department(2, "Sales"), new Department(3, "Research")],
        [
            new Employee(1, "Ada", 1, null, 300),
            new Employee(2, "Ben", 1, 1, 200),
            new Employee(3, "Cy", 1, 1, 200),
            new Employee(4, "Di", 1, 2, 100),
            new Employee(5, "Ed", 2, 2, 250),
            new Employee(6, "Flo", null, 5, 150),
        ],
        [
            new Sale(1, 2, Mon, 100),
            new Sale(2, 2, Mon, 50),
            new Sale(3, 5, Tue, 400_000),
            new Sale(4, 2, Wed, 30),
            new Sale(5, 5, Fri, 20),
            new Sale(6, 4, NextMon, 10),
        ]);

    /// <summary>Asserts the rows of <paramref name="actual"/>, cell by cell in canonical form.</summary>
    public static void AssertRows(ResultSet actual, params object?[][] expected)
    {
        var want = ResultSet.Of(actual.Columns, expected);
        Assert.Equal(want.Rows.Count, actual.Rows.Count);
        for (var i = 0; i < want.Rows.Count; i++) Assert.Equal(want.Rows[i], actual.Rows[i]);
    }
}
