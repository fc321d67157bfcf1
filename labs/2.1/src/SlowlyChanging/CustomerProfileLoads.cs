using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace StatelessMind.Labs.DimensionalModeling.SlowlyChanging;

/// <summary>
/// Three successive states of the CRM's <c>customer_profiles</c>, seeded. Between two loads a live customer changes
/// segment (12 %), city (10 %), city without the CRM touching updated_at (5 %: a change only the check strategy
/// sees), name (5 %), or is deleted (5 %); 5 % new customers arrive; in the third load half of the customers deleted
/// in the second come back. Every edit's updated_at falls between the previous snapshot run and this one.
/// </summary>
public sealed class CustomerProfileLoads
{
    private static readonly string[] Segments = ["consumer", "small_business", "corporate"];
    private static readonly string[] Cities = ["Avalon", "Brightwater", "Cedar Falls", "Dunmore", "Eastport", "Fairhaven", "Glenrock", "Harbor City"];

    /// <summary>The source's state at each load.</summary>
    public required IReadOnlyList<IReadOnlyList<CustomerProfile>> Loads { get; init; }

    /// <summary>The snapshot run after each load (the run's timestamp, after every updated_at of that load).</summary>
    public required IReadOnlyList<DateTime> RunTimes { get; init; }

    /// <summary>Customers whose city changed with updated_at left as it was, per load.</summary>
    public required IReadOnlyList<int> SilentChanges { get; init; }

    public static CustomerProfileLoads Generate(int customers, int seed)
    {
        var random = new Random(seed);
        var runTimes = new[] { new DateTime(2024, 3, 1), new DateTime(2024, 3, 2), new DateTime(2024, 3, 3) };
        var first = Enumerable.Range(1, customers).Select(i => new CustomerProfile(i, $"Customer {i}", Segments[random.Next(3)],
            Cities[random.Next(Cities.Length)], new DateTime(2024, 1, 1).AddMinutes(random.Next(0, 59 * 24 * 60)))).ToList();
        var loads = new List<IReadOnlyList<CustomerProfile>> { first };
        var silent = new List<int> { 0 };
        var deleted = new List<CustomerProfile>();
        var nextId = customers + 1;
        for (var k = 1; k < 3; k++)
        {
            DateTime Edit() => runTimes[k - 1].AddMinutes(random.Next(1, 24 * 60));
            var next = new List<CustomerProfile>();
            var silentNow = 0;
            var deletedNow = new List<CustomerProfile>();
            foreach (var c in loads[k - 1])
            {
                var u = random.NextDouble();
                if (u < 0.12) next.Add(c with { Segment = Other(Segments, c.Segment, random), UpdatedAt = Edit() });
                else if (u < 0.22) next.Add(c with { City = Other(Cities, c.City, random), UpdatedAt = Edit() });
                else if (u < 0.27) { next.Add(c with { City = Other(Cities, c.City, random) }); silentNow++; }
                else if (u < 0.32) next.Add(c with { FullName = c.FullName + " Jr.", UpdatedAt = Edit() });
                else if (u < 0.37) deletedNow.Add(c);
                else next.Add(c);
            }
            if (k == 2)
                foreach (var back in deleted.Where((_, i) => i % 2 == 0))
                    next.Add(back with { City = Other(Cities, back.City, random), UpdatedAt = Edit() });
            for (var n = 0; n < Math.Max(1, customers / 20); n++, nextId++)
                next.Add(new CustomerProfile(nextId, $"Customer {nextId}", Segments[random.Next(3)], Cities[random.Next(Cities.Length)], Edit()));
            deleted = deletedNow;
            loads.Add(next.OrderBy(c => c.CustomerId).ToList());
            silent.Add(silentNow);
        }
        return new CustomerProfileLoads { Loads = loads, RunTimes = runTimes, SilentChanges = silent };
    }

    private static string Other(string[] values, string current, Random random)
    {
        var i = Array.IndexOf(values, current);
        return values[(i + 1 + random.Next(values.Length - 1)) % values.Length];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Loads[0].Count} → {Loads[1].Count} → {Loads[2].Count} customer profiles over three loads");

    /// <summary>Replaces the contents of <c>schema.customer_profiles</c> with load <paramref name="k"/> (creating the table on first use).</summary>
    public async Task WriteAsync(string connectionString, string schema, int k, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"""
            create schema if not exists "{schema}";
            create table if not exists "{schema}".customer_profiles (customer_id int primary key, full_name text not null, segment text not null, city text not null, updated_at timestamp not null);
            truncate "{schema}".customer_profiles;
            """, connection))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync($"copy \"{schema}\".customer_profiles from stdin (format binary)", cancellationToken);
        foreach (var c in Loads[k])
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(c.CustomerId, cancellationToken);
            await importer.WriteAsync(c.FullName, cancellationToken);
            await importer.WriteAsync(c.Segment, cancellationToken);
            await importer.WriteAsync(c.City, cancellationToken);
            await importer.WriteAsync(c.UpdatedAt, NpgsqlDbType.Timestamp, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }
}
