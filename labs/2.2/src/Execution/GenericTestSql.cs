using System.Globalization;
using StatelessMind.Labs.Transformation.Project;

namespace StatelessMind.Labs.Transformation.Execution;

/// <summary>The four generic tests of dbt core as the SQL dbt-postgres compiles them to: each selects the rows that break the rule.</summary>
internal static class GenericTestSql
{
    public static string For(DataTestSpec spec, Relation model, Func<string, string> renderArgument)
    {
        var column = $"\"{spec.Column}\"";
        switch (spec.Kind)
        {
            case "unique":
                return $"select {column} as unique_field, count(*) as n_records\nfrom {model}\nwhere {column} is not null\ngroup by {column}\nhaving count(*) > 1";
            case "not_null":
                return $"select {column}\nfrom {model}\nwhere {column} is null";
            case "accepted_values":
            {
                var values = spec.Arguments["values"] as List<object?> ?? throw new DbtProjectException(spec.File, $"{spec.Name}: 'values' must be a list");
                var literals = string.Join(", ", values.Select(v => "'" + Convert.ToString(v, CultureInfo.InvariantCulture)!.Replace("'", "''", StringComparison.Ordinal) + "'"));
                return $"select {column} as value_field, count(*) as n_records\nfrom {model}\ngroup by {column}\nhaving {column}::text not in ({literals})";
            }
            case "relationships":
            {
                var to = renderArgument(Convert.ToString(spec.Arguments["to"], CultureInfo.InvariantCulture)!);
                var field = $"\"{spec.Arguments["field"]}\"";
                return $"select child.from_field\nfrom (select {column} as from_field from {model} where {column} is not null) as child\n" +
                       $"left join (select {field} as to_field from {to}) as parent on child.from_field = parent.to_field\nwhere parent.to_field is null";
            }
            default:
                throw new DbtProjectException(spec.File, $"unsupported generic test '{spec.Kind}'");
        }
    }
}
