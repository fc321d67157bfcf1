using System.Globalization;
using System.Text;
using Npgsql;

namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>
/// <c>dbt seed</c> for one CSV: the header names the columns, each column's type is inferred from all its values the way
/// dbt's agate does for the common cases (integer, numeric, date, boolean, else text), and the table is replaced.
/// </summary>
internal static class SeedLoader
{
    public static async Task<int> LoadAsync(NpgsqlConnection connection, string file, Relation relation, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(file, cancellationToken);
        if (lines.Length == 0) throw new SeedFormatException(file, 1, "the CSV has no header");
        var header = SplitCsv(lines[0]);
        var rows = new List<string[]>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var row = SplitCsv(lines[i]);
            if (row.Length != header.Length) throw new SeedFormatException(file, i + 1, $"{row.Length} fields, the header has {header.Length}");
            rows.Add(row);
        }
        var types = header.Select((_, c) => InferType(rows.Select(r => r[c]).Where(v => v.Length > 0).ToList())).ToArray();
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var ddl = $"create schema if not exists \"{relation.Schema}\";\ndrop table if exists {relation} cascade;\n" +
                  $"create table {relation} ({string.Join(", ", header.Select((h, c) => $"\"{h}\" {types[c]}"))})";
        await using (var command = new NpgsqlCommand(ddl, connection, tx)) await command.ExecuteNonQueryAsync(cancellationToken);
        foreach (var row in rows)
        {
            var sql = new StringBuilder($"insert into {relation} values (");
            await using var insert = new NpgsqlCommand { Connection = connection, Transaction = tx };
            for (var c = 0; c < row.Length; c++)
            {
                sql.Append(c > 0 ? ", " : "").Append(CultureInfo.InvariantCulture, $"${c + 1}::{types[c]}");
                insert.Parameters.Add(new NpgsqlParameter { Value = row[c].Length == 0 ? DBNull.Value : row[c] });
            }
            insert.CommandText = sql.Append(')').ToString();
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return rows.Count;
    }

    internal static string InferType(IReadOnlyList<string> values)
    {
        if (values.Count == 0) return "text";
        if (values.All(v => long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))) return "integer";
        if (values.All(v => decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out _))) return "numeric";
        if (values.All(v => DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))) return "date";
        if (values.All(v => v is "true" or "false" or "True" or "False")) return "boolean";
        return "text";
    }

    internal static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        fields.Add(sb.ToString());
        return [.. fields];
    }
}
