using Npgsql;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// Runs a suite over a PostgreSQL table with every expectation pushed down (<see cref="SqlExpectationCompiler"/>):
/// only counts, the sample of failing rows (first by key, as the DataFrame evaluation orders them) and observed values
/// leave the database.
/// </summary>
public static class SqlValidator
{
    public const string Name = "PostgreSQL";

    public static async Task<ValidationResult> ValidateAsync(NpgsqlConnection connection, ExpectationSuite suite, string table, ValidationSettings settings,
        IReadOnlyDictionary<string, string>? references = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(suite);
        ArgumentNullException.ThrowIfNull(settings);
        var total = await ScalarAsync(connection, $"SELECT count(*)::float8 FROM {SqlExpectationCompiler.Relation(table)}", cancellationToken) ?? 0;
        var results = new List<ExpectationResult>();
        foreach (var expectation in suite.Expectations)
        {
            var compiled = SqlExpectationCompiler.Compile(expectation, table, suite.RowKey, settings, references);
            if (compiled.FailingRowsSql is { } rowsSql)
            {
                var keys = new List<long>();
                await using (var command = new NpgsqlCommand($"SELECT key FROM ({rowsSql}) u ORDER BY key", connection))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken)) keys.Add(reader.GetInt64(0));
                }
                var failing = keys.Count;
                var sample = new List<UnexpectedRow>();
                await using (var command = new NpgsqlCommand($"SELECT key, value, reason FROM ({rowsSql}) u ORDER BY key LIMIT {settings.SampleSize}", connection))
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                        sample.Add(new UnexpectedRow(reader.GetInt64(0), reader.IsDBNull(1) ? "null" : reader.GetString(1), reader.IsDBNull(2) ? "" : reader.GetString(2)));
                }
                results.Add(new ExpectationResult(expectation, failing == 0, (long)total, failing, keys, sample, null,
                    failing == 0 ? "every row holds" : $"{failing:N0} of {total:N0} rows fail"));
            }
            else
            {
                var observed = await ScalarAsync(connection, compiled.ObservedSql!, cancellationToken);
                var (success, summary) = ExpectationSemantics.Judge(expectation, observed);
                results.Add(new ExpectationResult(expectation, success, (long)total, 0, [], [], observed, summary));
            }
        }
        return new ValidationResult(suite.Name, table, Name, settings.AsOf, results);
    }

    private static async Task<double?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
