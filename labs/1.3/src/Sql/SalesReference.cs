namespace StatelessMind.Labs.Programming.Sql;

/// <summary>
/// The expected result of every query of the suite, computed independently in C# (LINQ over the same generated rows),
/// in the order and columns of the SQL file of the same name. Nothing here knows how PostgreSQL evaluates a query: it
/// implements each function from its definition.
/// </summary>
public static class SalesReference
{
    /// <summary>Every expected result, keyed by query name.</summary>
    public static IReadOnlyDictionary<string, ResultSet> Expected(SalesDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var all = new Dictionary<string, ResultSet>();
        foreach (var part in new[] { Ranking(data), Frames(data), Joins(data) })
            foreach (var (name, result) in part) all.Add(name, result);
        return all;
    }

    /// <summary>ROW_NUMBER, RANK, DENSE_RANK, NTILE and the percentiles.</summary>
    public static IReadOnlyDictionary<string, ResultSet> Ranking(SalesDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        #region Exercise 1.3-2a: ROW_NUMBER, RANK, DENSE_RANK, NTILE and percentile_cont/disc from their definitions (tests: WindowReferenceTests, SqlSuiteTests)
        var result = new Dictionary<string, ResultSet>();
        var byDepartment = data.Employees.Where(e => e.DepartmentId is not null)
            .GroupBy(e => e.DepartmentId!.Value).OrderBy(g => g.Key).ToList();

        result["row_number"] = ResultSet.Of(["department_id", "employee_id", "salary", "position"],
            byDepartment.SelectMany(g => g.OrderByDescending(e => e.Salary).ThenBy(e => e.Id)
                .Select((e, i) => new object?[] { g.Key, e.Id, e.Salary, i + 1 })));

        // RANK = 1 + the number of rows strictly ahead; DENSE_RANK = 1 + the number of distinct values strictly ahead.
        result["rank_dense_rank"] = ResultSet.Of(["department_id", "employee_id", "salary", "salary_rank", "salary_dense_rank"],
            byDepartment.SelectMany(g =>
            {
                var salaries = g.Select(e => e.Salary).ToList();
                return g.OrderByDescending(e => e.Salary).ThenBy(e => e.Id).Select(e => new object?[]
                {
                    g.Key, e.Id, e.Salary,
                    1 + salaries.Count(s => s > e.Salary),
                    1 + salaries.Where(s => s > e.Salary).Distinct().Count(),
                });
            }));

        // NTILE(k) over n rows: buckets of n / k rows, the first n mod k of them one row larger.
        var ordered = data.Employees.OrderByDescending(e => e.Salary).ThenBy(e => e.Id).ToList();
        const int buckets = 4;
        int n = ordered.Count, small = n / buckets, larger = n % buckets;
        result["ntile"] = ResultSet.Of(["employee_id", "salary", "quartile"], ordered.Select((e, i) => new object?[]
        {
            e.Id, e.Salary,
            i < larger * (small + 1) ? i / (small + 1) + 1 : larger + (i - larger * (small + 1)) / small + 1,
        }));

        // percentile_cont(p): linear interpolation at position p·(n − 1) of the sorted values;
        // percentile_disc(p): the value at 1-based position ⌈p·n⌉ (the first whose cumulative share reaches p).
        static double Continuous(IReadOnlyList<int> sorted, double p)
        {
            var position = p * (sorted.Count - 1);
            var lower = Math.Floor(position);
            var upper = Math.Ceiling(position);
            return sorted[(int)lower] + (position - lower) * (sorted[(int)upper] - sorted[(int)lower]);
        }
        static int Discrete(IReadOnlyList<int> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
        result["percentiles"] = ResultSet.Of(["department_id", "headcount", "median_salary", "lower_quartile", "p90_salary"],
            byDepartment.Select(g =>
            {
                var sorted = g.Select(e => e.Salary).Order().ToList();
                return new object?[]
                {
                    g.Key, sorted.Count,
                    Math.Round((decimal)Continuous(sorted, 0.5), 2, MidpointRounding.AwayFromZero),
                    Math.Round((decimal)Continuous(sorted, 0.25), 2, MidpointRounding.AwayFromZero),
                    Discrete(sorted, 0.9),
                };
            }));
        return result;
        #endregion
    }

    /// <summary>LAG and LEAD, the running total and the moving aggregates with explicit ROWS frames.</summary>
    public static IReadOnlyDictionary<string, ResultSet> Frames(SalesDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        #region Exercise 1.3-2b: LAG, LEAD, a running total and moving aggregates over ROWS frames (tests: FrameReferenceTests, SqlSuiteTests)
        var result = new Dictionary<string, ResultSet>();
        var daily = data.Sales.GroupBy(s => s.SoldOn).OrderBy(g => g.Key)
            .Select(g => (Day: g.Key, Total: g.Sum(s => s.AmountCents))).ToList();

        result["lag_lead"] = ResultSet.Of(["sold_on", "total_cents", "previous_day", "previous_total", "next_total", "change_cents"],
            daily.Select((d, i) => new object?[]
            {
                d.Day, d.Total,
                i > 0 ? daily[i - 1].Day : null,
                i > 0 ? daily[i - 1].Total : null,
                i + 1 < daily.Count ? daily[i + 1].Total : null,
                i > 0 ? d.Total - daily[i - 1].Total : null,
            }));

        // ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW: the sum of the partition's rows up to and including this one.
        result["running_total"] = ResultSet.Of(["employee_id", "sale_id", "sold_on", "amount_cents", "running_cents"],
            data.Sales.GroupBy(s => s.EmployeeId).OrderBy(g => g.Key).SelectMany(g =>
            {
                long running = 0;
                return g.OrderBy(s => s.SoldOn).ThenBy(s => s.Id).Select(s => new object?[] { s.EmployeeId, s.Id, s.SoldOn, s.AmountCents, running += s.AmountCents }).ToList();
            }));

        // ROWS BETWEEN a PRECEDING AND b FOLLOWING: the rows at offsets −a … +b that exist, whatever their dates.
        IEnumerable<long> Window(int i, int before, int after) =>
            daily.Skip(Math.Max(0, i - before)).Take(Math.Min(daily.Count, i + after + 1) - Math.Max(0, i - before)).Select(d => d.Total);
        result["moving_average"] = ResultSet.Of(["sold_on", "total_cents", "moving_avg_cents", "days_in_window", "centred_sum_cents"],
            daily.Select((d, i) =>
            {
                var trailing = Window(i, 2, 0).ToList();
                return new object?[]
                {
                    d.Day, d.Total,
                    Math.Round((decimal)trailing.Sum() / trailing.Count, 2, MidpointRounding.AwayFromZero),
                    trailing.Count,
                    Window(i, 1, 1).Sum(),
                };
            }));
        return result;
        #endregion
    }

    /// <summary>The self, anti, semi, FULL OUTER and LATERAL joins and the recursive walk of the org chart.</summary>
    public static IReadOnlyDictionary<string, ResultSet> Joins(SalesDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        #region Exercise 1.3-2c: the self, anti, semi, full outer and lateral joins and the recursive org-chart walk (tests: JoinReferenceTests, SqlSuiteTests)
        var result = new Dictionary<string, ResultSet>();
        var byId = data.Employees.ToDictionary(e => e.Id);
        var sellers = data.Sales.Select(s => s.EmployeeId).ToHashSet();

        result["self_join"] = ResultSet.Of(["employee_id", "salary", "manager_id", "manager_salary"],
            data.Employees.Where(e => e.ManagerId is { } m && e.Salary > byId[m].Salary).OrderBy(e => e.Id)
                .Select(e => new object?[] { e.Id, e.Salary, e.ManagerId, byId[e.ManagerId!.Value].Salary }));

        result["anti_join"] = ResultSet.Of(["employee_id", "department_id"],
            data.Employees.Where(e => !sellers.Contains(e.Id)).OrderBy(e => e.Id).Select(e => new object?[] { e.Id, e.DepartmentId }));

        var bigSellers = data.Sales.Where(s => s.AmountCents >= 400_000).Select(s => s.EmployeeId).ToHashSet();
        result["semi_join"] = ResultSet.Of(["employee_id", "name"],
            data.Employees.Where(e => bigSellers.Contains(e.Id)).OrderBy(e => e.Id).Select(e => new object?[] { e.Id, e.Name }));

        // FULL OUTER: every department (with 0 people if nobody matches) plus one group of the unmatched employees.
        var outer = data.Departments.OrderBy(d => d.Id).Select(d =>
        {
            var staff = data.Employees.Where(e => e.DepartmentId == d.Id).ToList();
            return new object?[] { d.Id, d.Name, staff.Count, staff.Sum(e => (long)e.Salary) };
        }).ToList();
        var unassigned = data.Employees.Where(e => e.DepartmentId is null).ToList();
        if (unassigned.Count > 0) outer.Add([null, null, unassigned.Count, unassigned.Sum(e => (long)e.Salary)]);
        result["full_outer_join"] = ResultSet.Of(["department_id", "name", "headcount", "payroll"], outer);

        result["lateral_join"] = ResultSet.Of(["department_id", "employee_id", "salary"],
            data.Departments.OrderBy(d => d.Id).SelectMany(d => data.Employees.Where(e => e.DepartmentId == d.Id)
                .OrderByDescending(e => e.Salary).ThenBy(e => e.Id).Take(2).Select(e => new object?[] { d.Id, e.Id, e.Salary })));

        // The recursive CTE reaches exactly the employees connected to a root; walk up from each to find depth and path.
        var reports = data.Employees.Where(e => e.ManagerId is not null).ToLookup(e => e.ManagerId!.Value);
        var chain = new List<object?[]>();
        var frontier = data.Employees.Where(e => e.ManagerId is null).Select(e => (e.Id, Depth: 0, Path: e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        while (frontier.Count > 0)
        {
            chain.AddRange(frontier.Select(f => new object?[] { f.Id, f.Depth, f.Path }));
            frontier = frontier.SelectMany(f => reports[f.Id].Select(r => (r.Id, f.Depth + 1, $"{f.Path}/{r.Id}"))).ToList();
        }
        result["recursive_cte"] = ResultSet.Of(["employee_id", "depth", "path"], chain.OrderBy(c => (int)c[0]!));
        return result;
        #endregion
    }
}
