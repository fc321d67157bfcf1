using System.Globalization;
using System.Net;
using System.Text;

namespace StatelessMind.Labs.Lifecycle.Quality;

/// <summary>
/// The validation report as one self-contained HTML page (Great Expectations' Data Docs role): an overview of every run,
/// then per run a table of its expectations — passed or failed, the observed value or the failing-row count, and the
/// sample of failing rows with their reasons. Each expectation row carries <c>class="expectation passed|failed"</c> and
/// <c>data-key</c>, so that a test can read the page's DOM in a browser.
/// </summary>
public static class DataDocs
{
    public static string Render(string title, IReadOnlyList<ValidationResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title><style>")
            .Append("body{font:14px/1.4 sans-serif;margin:24px;color:#222;background:#fff}h1{font-size:20px}h2{font-size:16px;margin-top:28px}")
            .Append("table{border-collapse:collapse;margin:8px 0;width:100%}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
            .Append("th{background:#f2f2f2}.passed .status{color:#176f2c;font-weight:bold}.failed .status{color:#b00020;font-weight:bold}")
            .Append("tr.failed{background:#fff3f3}ul.sample{margin:0;padding-left:16px;font-family:monospace;font-size:12px}")
            .Append("</style></head><body>");
        #region Exercise 1.2-2f: render the runs as an HTML report: overview, then each expectation with its verdict and failing-row sample (tests: DataDocsTests)
        html.Append("<h1>").Append(E(title)).Append("</h1>");
        html.Append("<table id=\"overview\"><tr><th>dataset</th><th>evaluator</th><th>as of</th><th>expectations</th><th>failed</th><th>verdict</th></tr>");
        foreach (var run in runs)
        {
            html.Append("<tr class=\"run ").Append(run.Success ? "passed" : "failed").Append("\"><td>").Append(E(run.Dataset)).Append("</td><td>").Append(E(run.Evaluator))
                .Append("</td><td>").Append(run.AsOf.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</td><td>").Append(run.Results.Count)
                .Append("</td><td>").Append(run.Failed.Count()).Append("</td><td class=\"status\">").Append(run.Success ? "PASS" : "FAIL").Append("</td></tr>");
        }
        html.Append("</table>");
        foreach (var run in runs)
        {
            html.Append("<section class=\"run-detail\" data-dataset=\"").Append(E(run.Dataset)).Append("\" data-evaluator=\"").Append(E(run.Evaluator)).Append("\">")
                .Append("<h2>").Append(E(run.Dataset)).Append(" — ").Append(E(run.Evaluator)).Append(" — suite ").Append(E(run.Suite)).Append("</h2>")
                .Append("<table><tr><th>expectation</th><th>rule</th><th>status</th><th>result</th><th>failing rows (first by key)</th></tr>");
            foreach (var r in run.Results)
            {
                html.Append("<tr class=\"expectation ").Append(r.Success ? "passed" : "failed").Append("\" data-key=\"").Append(E(r.Expectation.Key))
                    .Append("\" data-unexpected=\"").Append(r.UnexpectedCount.ToString(CultureInfo.InvariantCulture)).Append("\"><td>").Append(E(r.Expectation.Key))
                    .Append("</td><td>").Append(E(r.Expectation.Describe())).Append("</td><td class=\"status\">").Append(r.Success ? "passed" : "failed")
                    .Append("</td><td>").Append(E(r.Summary)).Append("</td><td>");
                if (r.Sample.Count > 0)
                {
                    html.Append("<ul class=\"sample\">");
                    foreach (var row in r.Sample)
                        html.Append("<li>row ").Append(row.Key.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(E(row.Reason)).Append("</li>");
                    if (r.UnexpectedCount > r.Sample.Count) html.Append("<li>… ").Append((r.UnexpectedCount - r.Sample.Count).ToString("N0", CultureInfo.InvariantCulture)).Append(" more</li>");
                    html.Append("</ul>");
                }
                html.Append("</td></tr>");
            }
            html.Append("</table></section>");
        }
        #endregion
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
