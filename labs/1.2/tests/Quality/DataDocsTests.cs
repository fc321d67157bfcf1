using PuppeteerSharp;
using StatelessMind.Labs.Lifecycle.Quality;

namespace StatelessMind.Labs.Lifecycle.Tests.Quality;

/// <summary>The HTML validation report opened in headless Chromium: its DOM shows each run's failed expectations and
/// failing rows, and a screenshot of it is kept (artifacts/screenshots/1.2-2-data-docs.png).</summary>
[Goal("1.2-2")]
public sealed class DataDocsTests(ChromiumFixture browser, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_report_shows_every_failed_expectation_with_its_failing_rows_in_a_browser()
    {
        var suite = OrdersSuite.Load();
        var runs = new[] { (OrdersDefect?)null, OrdersDefect.MalformedEmail, OrdersDefect.AmountDrift }
            .Select(QualityData.Seeded)
            .Select(d => FrameValidator.Validate(suite, d.Frame, d.Defect?.ToString() ?? "clean", QualityData.Settings, QualityData.References))
            .ToList();
        var folder = Directory.CreateTempSubdirectory("sm-data-docs-");
        try
        {
            var page = Path.Combine(folder.FullName, "data-docs.html");
            await File.WriteAllTextAsync(page, DataDocs.Render("Orders <suite> & runs", runs));

            await using var tab = await browser.Chromium.NewPageAsync(1280, 900);
            await tab.GoToAsync(new Uri(page).AbsoluteUri);

            Assert.Equal("Orders <suite> & runs", await tab.GetTitleAsync()); // escaped in the page, read back as text
            Assert.Equal(["PASS", "FAIL", "FAIL"], await tab.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#overview tr.run .status')].map(td => td.textContent)"));
            var failed = await tab.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('section.run-detail tr.expectation.failed')].map(tr => tr.dataset.key)");
            Assert.Equal(["regex(email)", "distribution_drift(amount)"], failed);
            var passed = await tab.EvaluateExpressionAsync<int>("document.querySelectorAll('tr.expectation.passed').length");
            Assert.Equal(3 * suite.Expectations.Count - 2, passed);
            var email = runs[1]["regex(email)"];
            var sample = await tab.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('tr.expectation.failed[data-key=\"regex(email)\"] ul.sample li')].map(li => li.textContent)");
            Assert.Equal(email.Sample.Count + 1, sample.Length);
            Assert.Equal($"row {email.Sample[0].Key}: {email.Sample[0].Reason}", sample[0]);
            Assert.StartsWith($"… {email.UnexpectedCount - email.Sample.Count}", sample[^1], StringComparison.Ordinal);

            var png = await tab.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png, FullPage = true });
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            var shot = Path.Combine(ScreenshotFolder(), "1.2-2-data-docs.png");
            await File.WriteAllBytesAsync(shot, png);
            output.WriteLine($"screenshot: {shot} ({png.Length:N0} bytes)");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>artifacts/screenshots of the repository (git-ignored, beside the runs' reports), or a temporary folder
    /// in a copy of the lab outside the repository.</summary>
    private static string ScreenshotFolder()
    {
        string folder;
        try
        {
            folder = Path.Combine(RepositoryLayout.Locate().Root, "artifacts", "screenshots");
        }
        catch (InvalidOperationException)
        {
            folder = Path.Combine(Path.GetTempPath(), "stateless-mind-screenshots");
        }
        Directory.CreateDirectory(folder);
        return folder;
    }
}
