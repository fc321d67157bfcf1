namespace StatelessMind.Labs.MlOps.FeatureStore;

/// <summary>
/// The sample data of the feature-store experiment, in the shape of Feast's quickstart: drivers, their hourly statistics
/// (updates roughly every hour, some hours skipped, so a 2-hour TTL sometimes leaves nothing valid) and a daily profile;
/// and labels (trips completed in the next hour) observed at random times, generated from the features that were valid
/// at that time plus noise — so a model trained on point-in-time-correct features can learn them.
/// </summary>
public sealed class DriverStats
{
    public static Entity Driver { get; } = new("driver", "driver_id");

    public static FeatureView Hourly { get; } = new("driver_hourly_stats", Driver, ["conv_rate", "acc_rate", "avg_daily_trips"], TimeSpan.FromHours(2));

    public static FeatureView Profile { get; } = new("driver_profile", Driver, ["rating", "tenure_years"], TimeSpan.FromDays(3));

    public static IReadOnlyList<string> References { get; } =
        ["driver_hourly_stats:conv_rate", "driver_hourly_stats:acc_rate", "driver_hourly_stats:avg_daily_trips", "driver_profile:rating"];

    public static DateTime Start { get; } = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public required IReadOnlyList<long> DriverIds { get; init; }
    public required IReadOnlyList<FeatureRow> HourlyRows { get; init; }
    public required IReadOnlyList<FeatureRow> ProfileRows { get; init; }
    public required IReadOnlyList<(EntityRow Row, double Label)> Labels { get; init; }
    public DateTime End => Start.AddDays(Days);
    public required int Days { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<FeatureRow>> Sources => new Dictionary<string, IReadOnlyList<FeatureRow>>
    {
        [Hourly.Name] = HourlyRows,
        [Profile.Name] = ProfileRows,
    };

    public static DriverStats Generate(int drivers, int days, int labels, int seed)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, drivers).Select(d => 1_000L + d).ToArray();
        var hourly = new List<FeatureRow>();
        var profile = new List<FeatureRow>();
        foreach (var id in ids)
        {
            var conv = random.NextDouble();
            var acc = random.NextDouble();
            var trips = 100 + 900 * random.NextDouble();
            for (var hour = 0; hour < 24 * days; hour++)
            {
                if (random.NextDouble() < 0.25) continue; // a skipped update
                conv = Math.Clamp(conv + 0.1 * (random.NextDouble() - 0.5), 0, 1);
                acc = Math.Clamp(acc + 0.1 * (random.NextDouble() - 0.5), 0, 1);
                trips = Math.Max(0, trips + 20 * (random.NextDouble() - 0.5));
                var at = Start.AddHours(hour).AddSeconds(random.Next(0, 3_600));
                hourly.Add(new FeatureRow(id, at, [Math.Round(conv, 6), Math.Round(acc, 6), Math.Round(trips, 3)]));
            }
            var tenure = 5 * random.NextDouble();
            for (var day = 0; day < days; day++)
            {
                var at = Start.AddDays(day).AddMinutes(random.Next(0, 24 * 60));
                profile.Add(new FeatureRow(id, at, [Math.Round(1 + 4 * random.NextDouble(), 3), Math.Round(tenure + day / 365.0, 4)]));
            }
        }
        var byEntity = hourly.GroupBy(r => r.EntityId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.EventTimestamp).ToList());
        var profileByEntity = profile.GroupBy(r => r.EntityId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.EventTimestamp).ToList());
        var labelRows = new List<(EntityRow, double)>();
        var span = (days * 24 - 1) * 3_600;
        while (labelRows.Count < labels)
        {
            var id = ids[random.Next(ids.Length)];
            var at = Start.AddHours(1).AddSeconds(random.Next(0, span));
            var h = Valid(byEntity[id], at, Hourly.Ttl);
            var p = Valid(profileByEntity[id], at, Profile.Ttl);
            // Trips completed in the next hour: driven by the features valid now; without them the label is still observed.
            var label = h is null || p is null ? 2 + random.NextDouble()
                : 1 + 6 * h.Values[0] + 3 * h.Values[1] + 0.004 * h.Values[2] + 0.5 * p.Values[0] + 0.3 * Gaussian(random);
            labelRows.Add((new EntityRow(id, at), label));
        }
        return new DriverStats { DriverIds = ids, HourlyRows = hourly, ProfileRows = profile, Labels = labelRows, Days = days };
    }

    private static FeatureRow? Valid(List<FeatureRow> sorted, DateTime at, TimeSpan ttl) =>
        sorted.LastOrDefault(r => r.EventTimestamp <= at && r.EventTimestamp >= at - ttl);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
