using Npgsql;

namespace StatelessMind.Labs.Programming.Sql;

/// <summary>Creates the suite's schema in an empty database and loads a <see cref="SalesDataset"/> with binary COPY.</summary>
public static class SalesDatabase
{
    public static async Task LoadAsync(NpgsqlConnection connection, SalesDataset data, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(data);
        await using (var ddl = new NpgsqlCommand(SqlResources.Read("schema"), connection))
            await ddl.ExecuteNonQueryAsync(cancellationToken);
        await CopyRowsAsync(connection, data, cancellationToken);
        await using var analyze = new NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Binary COPY of the three tables; employees in id order, so every manager exists before its reports.</summary>
    private static async Task CopyRowsAsync(NpgsqlConnection connection, SalesDataset data, CancellationToken cancellationToken)
    {
        #region Exercise 1.3-2e: load departments, employees and sales with binary COPY, NULLs included (tests: SalesDatabaseTests, SqlSuiteTests)
        await using (var w = await connection.BeginBinaryImportAsync("COPY departments (id, name) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var d in data.Departments) await w.WriteRowAsync(cancellationToken, d.Id, d.Name);
            await w.CompleteAsync(cancellationToken);
        }
        await using (var w = await connection.BeginBinaryImportAsync("COPY employees (id, name, department_id, manager_id, salary) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var e in data.Employees.OrderBy(e => e.Id))
                await w.WriteRowAsync(cancellationToken, e.Id, e.Name, (object?)e.DepartmentId ?? DBNull.Value, (object?)e.ManagerId ?? DBNull.Value, e.Salary);
            await w.CompleteAsync(cancellationToken);
        }
        await using (var w = await connection.BeginBinaryImportAsync("COPY sales (id, employee_id, sold_on, amount_cents) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var s in data.Sales) await w.WriteRowAsync(cancellationToken, s.Id, s.EmployeeId, s.SoldOn, s.AmountCents);
            await w.CompleteAsync(cancellationToken);
        }
        #endregion
    }
}
