namespace StatelessMind.Labs.Programming.Sql;

/// <summary>
/// The suite's schema and rows, generated from a seed. The law: six departments, the last one (Research) never
/// staffed; 5% of employees without a department; each employee's manager drawn uniformly among the earlier ids (a
/// random recursive tree rooted at employee 1); salaries on a 2,500 grid, so ranks tie; 0 to 2k sales per employee
/// (some have none) on weekdays only, so the daily series has gaps and one employee often sells twice on a day.
/// </summary>
public sealed record SalesDataset(IReadOnlyList<Department> Departments, IReadOnlyList<Employee> Employees, IReadOnlyList<Sale> Sales)
{
    public static readonly DateOnly FirstDay = new(2024, 1, 1);
    private static readonly string[] DepartmentNames = ["Engineering", "Sales", "Marketing", "Finance", "Support", "Research"];

    /// <summary>Generates <paramref name="employees"/> employees with on average <paramref name="salesPerEmployee"/> sales each over <paramref name="days"/> calendar days.</summary>
    public static SalesDataset Generate(int employees, int salesPerEmployee, int days, int seed)
    {
        if (employees < 1) throw new ArgumentOutOfRangeException(nameof(employees), employees, "at least one employee (the root of the org chart) is needed");
        if (salesPerEmployee < 0) throw new ArgumentOutOfRangeException(nameof(salesPerEmployee), salesPerEmployee, "the number of sales per employee cannot be negative");
        if (days < 7) throw new ArgumentOutOfRangeException(nameof(days), days, "the sales span at least one week, so that weekends leave gaps");
        var rng = new Random(seed);
        var departments = DepartmentNames.Select((n, i) => new Department(i + 1, n)).ToList();
        var staff = new List<Employee>(employees);
        for (var id = 1; id <= employees; id++)
        {
            int? department = id == 1 ? 1 : rng.NextDouble() < 0.05 ? null : 1 + rng.Next(DepartmentNames.Length - 1);
            int? manager = id == 1 ? null : 1 + rng.Next(id - 1);
            staff.Add(new Employee(id, $"employee {id}", department, manager, 30_000 + 2_500 * rng.Next(12)));
        }
        var weekdays = Enumerable.Range(0, days).Select(FirstDay.AddDays).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        var sales = new List<Sale>();
        foreach (var e in staff)
        {
            var count = rng.Next(2 * salesPerEmployee + 1);
            for (var k = 0; k < count; k++)
                sales.Add(new Sale(sales.Count + 1, e.Id, weekdays[rng.Next(weekdays.Count)], 1_000 + rng.Next(499_000)));
        }
        return new SalesDataset(departments, staff, sales);
    }
}
