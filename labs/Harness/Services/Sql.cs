using System.Globalization;
using Npgsql;

namespace StatelessMind.Harness.Services;

/// <summary>
/// One-off SQL statements for set-up, probes and checks: a scalar, a statement, a literal or identifier quoted.
/// Lab code that is the lesson uses Npgsql directly; this is for the plumbing around it.
/// </summary>
public static class Sql
{
    /// <summary>Runs a query and returns its single value converted to <typeparamref name="T"/> (count(*) as int or long, …).</summary>
    /// <typeparam name="T">The expected type; numeric values are converted, NULL is an error.</typeparam>
    /// <param name="connection">An open connection.</param>
    /// <param name="sql">The query; parameters are <c>$1</c>, <c>$2</c> … in order.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <param name="parameters">Positional parameter values.</param>
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken = default, params object?[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = Command(connection, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert<T>(value, sql, connection.Host, connection.Port);
    }

    /// <summary>Opens a connection, runs a query and returns its single value.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="connectionString">Where to connect.</param>
    /// <param name="sql">The query; parameters are <c>$1</c>, <c>$2</c> … in order.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <param name="parameters">Positional parameter values.</param>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken = default, params object?[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarAsync<T>(connection, sql, cancellationToken, parameters).ConfigureAwait(false);
    }

    /// <summary>Runs a query and returns its single value from a pooled data source.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="dataSource">The pool to take a connection from.</param>
    /// <param name="sql">The query; parameters are <c>$1</c>, <c>$2</c> … in order.</param>
    /// <param name="cancellationToken">Stops the query.</param>
    /// <param name="parameters">Positional parameter values.</param>
    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken = default, params object?[] parameters)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ScalarAsync<T>(connection, sql, cancellationToken, parameters).ConfigureAwait(false);
    }

    /// <summary>Runs statements one after another on one connection, each on its own (ALTER SYSTEM and
    /// CREATE DATABASE refuse a transaction block); returns the rows the last one affected.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Stops the statements.</param>
    /// <param name="statements">The statements, in order.</param>
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, CancellationToken cancellationToken, params string[] statements)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var affected = 0;
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return affected;
    }

    /// <summary>Opens a connection and runs statements one after another, each on its own.</summary>
    /// <param name="connectionString">Where to connect.</param>
    /// <param name="cancellationToken">Stops the statements.</param>
    /// <param name="statements">The statements, in order.</param>
    public static async Task<int> ExecuteAsync(string connectionString, CancellationToken cancellationToken, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(connection, cancellationToken, statements).ConfigureAwait(false);
    }

    /// <summary>A connection string for administration of a server that tests kill, promote or restart:
    /// no pooling (a pooled connection to a dead server fails the next user), short timeouts.</summary>
    /// <param name="connectionString">The server's connection string.</param>
    /// <param name="applicationName">Shown in pg_stat_activity.</param>
    public static string Unpooled(string connectionString, string applicationName = "stateless-mind-admin") =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Timeout = 3,
            CommandTimeout = 30,
            ApplicationName = applicationName,
        }.ConnectionString;

    /// <summary>A string literal for SQL text where a parameter cannot be used (DDL, ALTER SYSTEM).</summary>
    /// <param name="value">The text.</param>
    public static string QuoteLiteral(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted identifier (a database, role or table name made at run time).</summary>
    /// <param name="value">The name.</param>
    public static string QuoteIdentifier(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p ?? DBNull.Value });
        return command;
    }

    private static T Convert<T>(object? value, string sql, string? host, int port)
    {
        if (value is T t) return t;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is null or DBNull)
        {
            if (default(T) is null) return default!;
            throw new InvalidOperationException($"'{sql}' on {host}:{port} returned NULL, not a {target.Name}.");
        }
        if (value is IConvertible && target.IsPrimitive || target == typeof(decimal))
        {
            try
            {
                return (T)System.Convert.ChangeType(value, target, CultureInfo.InvariantCulture);
            }
            catch (OverflowException e)
            {
                throw new InvalidOperationException($"'{sql}' on {host}:{port} returned {value}, which does not fit a {target.Name}.", e);
            }
        }
        throw new InvalidOperationException($"'{sql}' on {host}:{port} returned {value} ({value.GetType().Name}), not a {target.Name}.");
    }
}
