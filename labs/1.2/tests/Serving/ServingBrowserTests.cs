using PuppeteerSharp;

namespace StatelessMind.Labs.Lifecycle.Tests.Serving;

/// <summary>One headless Chromium for the class.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public HeadlessChromium Browser { get; private set; } = null!;

    public async Task InitializeAsync() => Browser = await HeadlessChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
    }
}

/// <summary>1.2-6: Scalar's interactive OpenAPI page opened in headless Chromium with no internet: rendered from local assets, and a request sent through it.</summary>
[Collection(ServingCollection.Name)]
[Goal("1.2-6")]
public sealed class ServingBrowserTests(ServingFixture serving, ChromiumFixture chromium, ITestOutputHelper output) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_page_renders_the_operations_and_sends_a_request_to_the_server()
    {
        var stores = await Warehouse.StoresAsync(serving.Warehouse, ServingFixture.Schema);
        await using var page = await chromium.Browser.NewPageAsync(1400, 1000);
        var outside = new List<string>();
        page.Request += (_, e) => { if (!e.Request.Url.StartsWith(serving.Host.BaseAddress.ToString(), StringComparison.Ordinal) && !e.Request.Url.StartsWith("data:", StringComparison.Ordinal)) outside.Add(e.Request.Url); };

        await page.GoToAsync(new Uri(serving.Host.BaseAddress, "scalar/#tag/marts/GET/api/stores").ToString(), WaitUntilNavigation.Networkidle0);
        await page.WaitForFunctionAsync("() => document.body.innerText.includes('The stores, optionally of one region')", new WaitForFunctionOptions { Timeout = 30_000 });
        var folder = Path.Combine(RepositoryLayout.Locate().RunReportsDirectory, "1.2-6");
        Directory.CreateDirectory(folder);
        var png = Path.Combine(folder, "scalar-page.png");
        await page.ScreenshotAsync(png);
        output.WriteLine($"screenshot: {png}; requests outside the server: {string.Join(", ", outside)}");

        // "Test Request" on the stores operation opens Scalar's client; "Send" makes the request from the page.
        await page.EvaluateExpressionAsync("""
            (() => {
              const op = [...document.querySelectorAll('section, div')].filter(e => e.innerText && e.innerText.includes('The stores, optionally of one region'))
                .sort((a, b) => a.innerText.length - b.innerText.length)[0];
              const buttons = [...(op ?? document).querySelectorAll('button')].concat([...document.querySelectorAll('button')]);
              buttons.find(b => b.innerText.trim().startsWith('Test Request')).click();
            })()
            """);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('button')].some(b => b.innerText.trim().startsWith('Send'))", new WaitForFunctionOptions { Timeout = 15_000 });
        await page.EvaluateExpressionAsync("[...document.querySelectorAll('button')].find(b => b.innerText.trim().startsWith('Send')).click()");
        await page.WaitForFunctionAsync($"() => document.body.innerText.includes({System.Text.Json.JsonSerializer.Serialize(stores[^1].StoreName)})", new WaitForFunctionOptions { Timeout = 15_000 });
        await page.ScreenshotAsync(Path.Combine(folder, "scalar-request.png"));

        Assert.Empty(outside);
        Assert.True(File.Exists(png) && new FileInfo(png).Length > 10_000);
    }
}
