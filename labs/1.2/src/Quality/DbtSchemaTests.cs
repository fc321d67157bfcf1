using System.Globalization;
using StatelessMind.Labs.Transformation.Execution;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// The second way: the same rules as dbt tests (dbt-quality/: generic <c>not_null</c>, <c>unique</c>,
/// <c>accepted_values</c> on the source, singular tests for the rest), run by lab 2.2's dbt-compatible runner
/// (<c>dbt test</c>) against the tables the suite validates.
/// </summary>
public static class DbtSchemaTests
{
    /// <summary>dbt test name → the suite expectation it states.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExpectationOf = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["not_null_raw_orders_customer_id"] = "not_null(customer_id)",
        ["unique_raw_orders_order_id"] = "unique(order_id)",
        ["unique_raw_orders_coupon_code"] = "unique(coupon_code)",
        ["accepted_values_raw_orders_status"] = "in_set(status)",
        ["assert_amount_between"] = "between(amount)",
        ["assert_email_format"] = "regex(email)",
        ["assert_row_count"] = "row_count_between",
        ["assert_shipped_after_ordered"] = "column_pair(shipped_at,ordered_at)",
        ["assert_orders_fresh"] = "freshness(ordered_at)",
        ["assert_amount_not_drifted"] = "distribution_drift(amount)",
    };

    /// <summary>The tests whose query returns one row per failing row of the table.</summary>
    public static readonly IReadOnlySet<string> RowPerFailure = new HashSet<string>(StringComparer.Ordinal)
    {
        "not_null_raw_orders_customer_id", "assert_amount_between", "assert_email_format", "assert_shipped_after_ordered",
    };

    /// <summary>Runs every test of the project against <c>sourceSchema</c>.orders (and .orders_reference).</summary>
    public static async Task<IReadOnlyList<DbtTestOutcome>> RunAsync(string connectionString, string sourceSchema, DateTimeOffset asOf,
        string? projectDirectory = null, CancellationToken cancellationToken = default)
    {
        var target = Directory.CreateTempSubdirectory("sm-dbt-quality-");
        try
        {
            var runner = DbtRunner.Open(projectDirectory ?? OrdersSuite.DbtProjectDirectory, new DbtRunOptions
            {
                Environment = ProfileTarget.Environment(connectionString, "dbt_quality"),
                Vars = new Dictionary<string, object?>
                {
                    ["source_schema"] = sourceSchema,
                    ["as_of"] = asOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+00",
                },
                TargetDirectory = target.FullName,
            });
            var results = await runner.TestAsync(cancellationToken);
            return results.Select(r =>
            {
                var name = r.UniqueId[(r.UniqueId.LastIndexOf('.') + 1)..];
                var key = ExpectationOf.TryGetValue(name, out var k) ? k : throw new InvalidOperationException($"dbt test {name} states no expectation of the suite");
                return new DbtTestOutcome(name, key, r.Status.ToString(), r.Failures, RowPerFailure.Contains(name), r.Message);
            }).ToList();
        }
        finally
        {
            target.Delete(recursive: true);
        }
    }
}
