namespace StatelessMind.Harness.Services;

/// <summary>One active scrape target as <c>/api/v1/targets</c> reports it.</summary>
/// <param name="Job">The scrape job's name.</param>
/// <param name="ScrapeUrl">The URL Prometheus scrapes.</param>
/// <param name="Health"><c>up</c>, <c>down</c> or <c>unknown</c> (not scraped yet).</param>
/// <param name="LastError">The last scrape's error, empty when it succeeded.</param>
public sealed record PrometheusTargetHealth(string Job, string ScrapeUrl, string Health, string LastError)
{
    public bool IsUp => Health == "up";
}
