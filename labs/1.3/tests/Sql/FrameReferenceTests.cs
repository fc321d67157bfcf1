using StatelessMind.Labs.Programming.Sql;
using static StatelessMind.Labs.Programming.Tests.Sql.TinyCompany;

namespace StatelessMind.Labs.Programming.Tests.Sql;

/// <summary>The C# reference of LAG/LEAD and the framed aggregates, on cases worked out by hand.</summary>
[Goal("1.3-2")]
public sealed class FrameReferenceTests
{
    private readonly IReadOnlyDictionary<string, ResultSet> _frames = SalesReference.Frames(Data);

    [Fact]
    public void Lag_and_lead_look_one_trading_day_back_and_forward() =>
        AssertRows(_frames["lag_lead"],
            [Mon, 150L, null, null, 400_000L, null],
            [Tue, 400_000L, Mon, 150L, 30L, 399_850L],
            [Wed, 30L, Tue, 400_000L, 20L, -399_970L],
            [Fri, 20L, Wed, 30L, 10L, -10L],
            [NextMon, 10L, Fri, 20L, null, -10L]);

    [Fact]
    public void A_rows_frame_running_total_adds_each_sale_once_even_on_the_same_day() =>
        AssertRows(_frames["running_total"],
            [2, 1, Mon, 100L, 100L], [2, 2, Mon, 50L, 150L], [2, 4, Wed, 30L, 180L],
            [4, 6, NextMon, 10L, 10L],
            [5, 3, Tue, 400_000L, 400_000L], [5, 5, Fri, 20L, 400_020L]);

    [Fact]
    public void Moving_windows_count_rows_not_calendar_days() =>
        // Trailing three rows: Fri's window is Tue, Wed, Fri although Thursday is missing.
        AssertRows(_frames["moving_average"],
            [Mon, 150L, 150m, 1, 400_150L],
            [Tue, 400_000L, 200_075m, 2, 400_180L],
            [Wed, 30L, 133_393.33m, 3, 400_050L],
            [Fri, 20L, 133_350m, 3, 60L],
            [NextMon, 10L, 20m, 3, 30L]);
}
