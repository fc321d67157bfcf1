namespace StatelessMind.Labs.ProbabilisticModels.Optimization;

/// <summary>
/// The lab's LP models. The workshop is a production-planning problem of the kind PuLP's tutorials use, with numbers
/// of this lab's own: four products, three shared resources, a minimum order and a market limit, so that the optimum
/// has binding and slack rows, a negative shadow price (the order costs profit) and a variable at its upper bound.
/// </summary>
public static class ProductionPlans
{
    public static readonly string[] Products = ["tables", "chairs", "desks", "bookshelves"];

    /// <summary>Maximize profit: tables 70, chairs 12, desks 90, bookshelves 55 per unit; timber ≤ 2,400 board feet,
    /// carpentry ≤ 480 hours, finishing ≤ 300 hours; at least 40 chairs on order; at most 20 desks sell.</summary>
    public static LinearProgram Workshop()
    {
        var lp = new LinearProgram("workshop", ObjectiveSense.Maximize);
        lp.AddVariable("tables", 70);
        lp.AddVariable("chairs", 12);
        lp.AddVariable("desks", 90, upper: 20);
        lp.AddVariable("bookshelves", 55);
        lp.AddLessOrEqual("timber", [("tables", 30), ("chairs", 8), ("desks", 40), ("bookshelves", 25)], 2400);
        lp.AddLessOrEqual("carpentry", [("tables", 6), ("chairs", 2), ("desks", 8), ("bookshelves", 4)], 480);
        lp.AddLessOrEqual("finishing", [("tables", 4), ("chairs", 1), ("desks", 6), ("bookshelves", 3)], 300);
        lp.AddGreaterOrEqual("chair order", [("chairs", 1)], 40);
        return lp;
    }

    /// <summary>The workshop with an order of 100 tables, which alone needs 400 finishing hours of the 300.</summary>
    public static LinearProgram InfeasibleWorkshop()
    {
        var lp = Workshop();
        lp.AddGreaterOrEqual("table order", [("tables", 1)], 100);
        return lp;
    }

    /// <summary>The workshop selling stools, which take none of the bounded resources: profit grows without limit.</summary>
    public static LinearProgram UnboundedWorkshop()
    {
        var lp = new LinearProgram("workshop with stools", ObjectiveSense.Maximize);
        lp.AddVariable("chairs", 30);
        lp.AddVariable("stools", 12);
        lp.AddLessOrEqual("timber", [("chairs", 8)], 2400);
        lp.AddGreaterOrEqual("stool order", [("stools", 1)], 5);
        return lp;
    }

    /// <summary>
    /// A random feasible, bounded program: maximize or minimize over 3–8 variables with 2–6 resource rows (non-negative
    /// coefficients, every variable in some row), one covering row Σ aⱼ xⱼ ≥ half of what a feasible point x₀ reaches,
    /// and random upper bounds on some variables. Minimizing, the costs are negative, so the resource rows still bind.
    /// </summary>
    public static LinearProgram Random(Random random, int index)
    {
        ArgumentNullException.ThrowIfNull(random);
        var sense = random.Next(2) == 0 ? ObjectiveSense.Maximize : ObjectiveSense.Minimize;
        var lp = new LinearProgram($"random program {index}", sense);
        var n = random.Next(3, 9);
        var m = random.Next(2, 7);
        for (var j = 0; j < n; j++)
        {
            var cost = Math.Round(random.NextDouble() * 9 + 1, 2) * (sense == ObjectiveSense.Maximize ? 1 : -1);
            var upper = random.Next(3) == 0 ? Math.Round(random.NextDouble() * 10 + 1, 2) : double.PositiveInfinity;
            lp.AddVariable($"x{j}", cost, 0, upper);
        }
        var rows = new double[m][];
        for (var i = 0; i < m; i++)
        {
            rows[i] = [.. Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? 0 : Math.Round(random.NextDouble() * 5, 2))];
        }
        for (var j = 0; j < n; j++)
            if (rows.All(r => r[j] == 0)) rows[random.Next(m)][j] = 1;
        foreach (var row in rows)
            if (row.All(a => a == 0)) row[random.Next(n)] = 1;
        var x0 = Enumerable.Range(0, n).Select(j => Math.Min(1.0, lp.Variables[j].Upper)).ToArray();
        for (var i = 0; i < m; i++)
        {
            var used = rows[i].Select((a, j) => a * x0[j]).Sum();
            var capacity = Math.Round(used * (1 + random.NextDouble() * 3) + 1, 2);
            lp.AddLessOrEqual($"resource {i}", rows[i].Select((a, j) => ($"x{j}", a)).Where(t => t.a != 0), capacity);
        }
        var cover = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 2 + 0.1, 2)).ToArray();
        lp.AddGreaterOrEqual("cover", cover.Select((a, j) => ($"x{j}", a)), Math.Round(cover.Select((a, j) => a * x0[j]).Sum() / 2, 2));
        return lp;
    }
}
