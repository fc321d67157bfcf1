using StatelessMind.Labs.Lifecycle.Etl;

namespace StatelessMind.Labs.Lifecycle.Tests.Etl;

/// <summary>1.2-4c: dim_date in memory, numbered as PostgreSQL's extract(isoyear / week / isodow) and to_char(FMMonth) number it.</summary>
[Goal("1.2-4")]
public sealed class CalendarTests
{
    private static object?[] Day(MartTable dates, int key) => dates.Rows.Single(r => (int)r[0]! == key);

    [Fact]
    public void Every_day_of_the_range_once()
    {
        var dates = MartTransform.DimDate(MartParameters.RetailProject);
        Assert.Equal(366, dates.Rows.Count); // 2024 is a leap year
        Assert.Equal(366, dates.Rows.Select(r => r[0]).Distinct().Count());
        Assert.Equal(104, dates.Rows.Count(r => (bool)r[9]!));
    }

    [Fact]
    public void Weeks_and_years_are_iso_at_both_ends_of_the_year()
    {
        var dates = MartTransform.DimDate(MartParameters.RetailProject);
        Assert.Equal(new object?[] { 20240101, new DateOnly(2024, 1, 1), 2024, 1, 2024, 1, 1, "January", 1, false }, Day(dates, 20240101));
        var last = Day(dates, 20241230); // a Monday in ISO week 1 of 2025
        Assert.Equal((2025, 1, 2024, 4, "December", 1), ((int)last[2]!, (int)last[3]!, (int)last[4]!, (int)last[5]!, (string)last[7]!, (int)last[8]!));
        Assert.Equal((7, true), ((int)Day(dates, 20240303)[8]!, (bool)Day(dates, 20240303)[9]!));
    }

    [Fact]
    public void Planted_bug_calendar_weeks_number_the_last_days_of_the_year_week_53()
    {
        var dates = MartTransform.DimDate(MartParameters.RetailProject, EtlBug.CalendarWeek);
        Assert.Equal(53, Day(dates, 20241230)[3]);
        Assert.NotEqual(Day(MartTransform.DimDate(MartParameters.RetailProject), 20241230)[3], Day(dates, 20241230)[3]);
    }
}
