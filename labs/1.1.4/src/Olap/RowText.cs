using System.Data.Common;
using System.Globalization;
using System.Text;

namespace StatelessMind.Labs.Storage.Olap;

/// <summary>Renders result rows the same way for both engines (integers as integers, whatever their .NET type).</summary>
internal static class RowText
{
    public static string Of(DbDataReader reader)
    {
        var text = new StringBuilder();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (i > 0) text.Append('|');
            text.Append(reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public static async Task<IReadOnlyList<string>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(Of(reader));
        return rows;
    }
}
