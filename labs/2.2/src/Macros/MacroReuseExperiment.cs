using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using StatelessMind.Harness.Experiments;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Macros;

/// <summary>
/// Goal 2.2-3: compile the shipped dbt project, show what its macros expand to, measure how much SQL the macro calls
/// stand for, and run each macro's expansion on PostgreSQL against a value computed here in C# (md5 of the joined key,
/// cents / 100, the number of days in the spine, per-value sums of a pivot).
/// </summary>
/// <param name="bug">A mistake planted in a copy of the project's macros (tests only): a check must then fail.</param>
public sealed partial class MacroReuseExperiment(MacroBug bug) : IExperiment
{
    public MacroReuseExperiment() : this(MacroBug.None) { }

    public string GoalId => "2.2-3";
    public string Title => "Macros: the compiled SQL, the duplication they remove, and their expansions checked on PostgreSQL";

    [GeneratedRegex(@"\{\{\s*(surrogate_key|date_spine|pivot|cents_to_currency)\(")]
    private static partial Regex MacroCall();

    [GeneratedRegex(@"\{#.*?#\}\s*", RegexOptions.Singleline)]
    private static partial Regex Comment();

    /// <summary>The SQL a model's file holds, its Jinja comments (documentation, not SQL) left out.</summary>
    private static string Written(ModelFile model) => Comment().Replace(model.RawSql, "");

    public async Task<Finding> RunAsync(ExperimentContext context, CancellationToken cancellationToken)
    {
        var shipped = Path.Combine(Path.GetDirectoryName(typeof(DbtRunner).Assembly.Location)!, "dbt");
        var copy = Path.Combine(Path.GetTempPath(), $"sm-dbt-macros-{Guid.NewGuid():N}");
        foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(copy, Path.GetRelativePath(shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
        try
        {
            Plant(copy, bug);
            var server = await context.Services.PostgresAsync(cancellationToken);
            var connectionString = await server.CreateDatabaseAsync("macros", cancellationToken);
            var runner = DbtRunner.Open(copy, new DbtRunOptions
            {
                Environment = ProfileTarget.Environment(connectionString, "analytics"),
                TargetDirectory = Path.Combine(copy, "target"),
            });
            return await MeasureAsync(context, runner, DbtProject.Load(copy), connectionString, cancellationToken);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private async Task<Finding> MeasureAsync(ExperimentContext context, DbtRunner runner, DbtProject project, string connectionString, CancellationToken cancellationToken)
    {
        context.Report(0.1, "compiling the project");
        var compiled = runner.CompileAll();
        var withMacros = project.Models.Where(m => MacroCall().IsMatch(m.RawSql)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var calls = project.Models.Sum(m => MacroCall().Matches(m.RawSql).Count);
        long written = project.Models.Where(m => withMacros.Contains(m.Name)).Sum(m => (long)Written(m).Length);
        long expanded = compiled.Where(m => withMacros.Contains(m.Name)).Sum(m => (long)m.Sql.Length);
        var leftovers = compiled.Where(m => m.Sql.Contains("{{", StringComparison.Ordinal) || m.Sql.Contains("{%", StringComparison.Ordinal)).Select(m => m.Name).ToList();

        context.Report(0.4, "running the expansions on PostgreSQL");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        async Task<string> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture)!;
        }

        var random = new Random(context.Seed);
        var pairs = Enumerable.Range(0, context.Size(200, 5_000)).Select(_ => (random.Next(1, 2_000), random.Next(1, 40))).ToList();
        // Reference: md5 of the texts joined by '|', computed here; and keys of pairs whose digits run together.
        var keyExpression = runner.CompileInline("{{ surrogate_key(['a', 'b']) }}");
        var keysRight = 0;
        var distinctKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (a, b) in pairs.Append((1, 12)).Append((11, 2)))
        {
            var key = await Scalar($"select {keyExpression} from (select {a} as a, {b} as b) as t");
            distinctKeys.Add(key);
            if (key == Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{a}|{b}")))) keysRight++;
        }
        var distinctPairs = pairs.Append((1, 12)).Append((11, 2)).Distinct().Count();

        var cents = pairs.Select(p => (long)p.Item1 * 137 + p.Item2).ToList();
        var currencyRight = 0;
        foreach (var c in cents.Take(50))
            if (decimal.Parse(await Scalar($"select {runner.CompileInline($"{{{{ cents_to_currency('{c}') }}}}")}"), CultureInfo.InvariantCulture) == Math.Round(c / 100m, 2))
                currencyRight++;

        var start = new DateOnly(2024, 1, 1);
        var end = start.AddDays(context.Size(400, 4_000));
        var spineRows = long.Parse(await Scalar($"select count(*) from ({runner.CompileInline($"{{{{ date_spine('{start:yyyy-MM-dd}', '{end:yyyy-MM-dd}') }}}}")}) as spine"), CultureInfo.InvariantCulture);

        string[] segments = ["consumer", "small_business", "corporate"];
        var rows = pairs.Select((p, i) => (Segment: segments[i % 3], Amount: (long)p.Item1)).ToList();
        var values = string.Join(", ", rows.Select(r => $"('{r.Segment}', {r.Amount})"));
        var pivotSql = $"select {runner.CompileInline("{{ pivot('segment', var('customer_segments'), then_value='amount', prefix='s_') }}")} from (values {values}) as t(segment, amount)";
        await using var pivot = new NpgsqlCommand(pivotSql, connection);
        await using var reader = await pivot.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var pivotRight = segments.All(s => Convert.ToInt64(reader[$"s_{s}"], CultureInfo.InvariantCulture) == rows.Where(r => r.Segment == s).Sum(r => r.Amount));
        await reader.CloseAsync();

        var builder = new FindingBuilder(GoalId, Title);
        builder.Table(FindingTable.Of("What each macro compiles to", ["macro call", "compiled SQL"],
        [
            ["surrogate_key(['a', 'b'])", keyExpression.Trim()],
            ["cents_to_currency('revenue_cents')", runner.CompileInline("{{ cents_to_currency('revenue_cents') }}").Trim()],
            ["date_spine('2024-01-01', '2024-01-31')", runner.CompileInline("{{ date_spine('2024-01-01', '2024-01-31') }}").Trim()],
            ["pivot('segment', var('customer_segments'), then_value='amount')", runner.CompileInline("{{ pivot('segment', var('customer_segments'), then_value='amount') }}").Trim()],
        ]));
        builder.Table(FindingTable.Of("Models that call macros: SQL written vs compiled", ["model", "characters written (comments aside)", "characters compiled"],
            compiled.Where(m => withMacros.Contains(m.Name)).Select(m => new object[] { m.Name, Written(project.Models.Single(x => x.Name == m.Name)).Length, m.Sql.Length })));
        builder
            .Check(leftovers.Count == 0 && compiled.Count == project.Models.Count, $"every model compiles to plain SQL ({compiled.Count} of {project.Models.Count})")
            .Check(keysRight == pairs.Count + 2, $"surrogate_key equals md5 of the '|'-joined columns for every pair ({keysRight} of {pairs.Count + 2})")
            .Check(distinctKeys.Count == distinctPairs, $"surrogate_key gives distinct pairs distinct keys, (1, 12) and (11, 2) included ({distinctKeys.Count} keys for {distinctPairs} pairs)")
            .Check(currencyRight == Math.Min(50, cents.Count), "cents_to_currency equals cents / 100 rounded to 2 places")
            .Check(spineRows == end.DayNumber - start.DayNumber + 1, $"date_spine has one row per day ({spineRows} for {end.DayNumber - start.DayNumber + 1})")
            .Check(pivotRight, "pivot's column for each segment equals that segment's sum computed in C#")
            .Check(expanded > written, "the compiled models are longer than what was written: the macro calls stand for SQL not repeated by hand");
        return builder
            .Figure("macro call sites in models", calls, "", key: true)
            .Figure("compiled / written SQL, models with macros", (double)expanded / written, "×", key: true)
            .Figure("surrogate keys checked against C# md5", keysRight, "", key: true, target: $"{pairs.Count + 2}")
            .Note("The duplication removed is measured as the characters the compiled models hold beyond the SQL their files hold (Jinja comments aside): SQL each call site would otherwise repeat.")
            .Build(string.Create(CultureInfo.InvariantCulture,
                $"{compiled.Count} models compiled; {calls} macro calls in {withMacros.Count} models expand {written} characters written to {expanded} compiled; " +
                $"{keysRight} of {pairs.Count + 2} surrogate keys equal md5 computed in C#, {distinctKeys.Count} distinct keys for {distinctPairs} pairs."));
    }

    private static void Plant(string project, MacroBug bug)
    {
        var (file, from, to) = bug switch
        {
            MacroBug.SurrogateKeyWithoutSeparator => ("surrogate_key.sql", " || '|' || ", " || "),
            MacroBug.CentsOffByTen => ("cents_to_currency.sql", "/ 100,", "/ 10,"),
            _ => ("", "", ""),
        };
        if (file.Length == 0) return;
        var path = Path.Combine(project, "macros", file);
        var text = File.ReadAllText(path);
        if (!text.Contains(from, StringComparison.Ordinal)) throw new InvalidOperationException($"{path} no longer holds the text the planted bug edits");
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
