using PuppeteerSharp;

namespace StatelessMind.Tests;

public sealed class HeadlessChromiumTests
{
    [Fact]
    public async Task A_generated_page_is_rendered_its_dom_read_and_its_screenshot_taken_and_the_browser_is_gone_after_dispose()
    {
        var html = """
                   <!doctype html><html><head><title>lineage</title></head><body style="margin:0;background:#fff">
                   <svg width="400" height="120"><g class="node" data-id="a"><rect x="10" y="10" width="80" height="40" fill="#2a6"/></g>
                   <g class="node" data-id="b"><rect x="200" y="10" width="80" height="40" fill="#26a"/></g></svg>
                   <script>document.title = 'rendered ' + document.querySelectorAll('g.node').length;</script></body></html>
                   """;
        var chromium = await HeadlessChromium.LaunchAsync();
        var pid = chromium.Browser.Process?.Id;
        await using (chromium)
        {
            await using var page = await chromium.NewPageAsync(400, 120);
            await page.SetContentAsync(html);
            Assert.Equal("rendered 2", await page.GetTitleAsync()); // the page's script ran
            var ids = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('g.node')].map(g => g.dataset.id)");
            Assert.Equal(["a", "b"], ids);
            var png = await page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png });
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            // The IHDR chunk holds the width and height (big-endian) at bytes 16–23: the viewport's.
            Assert.Equal(400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(120, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        }
        Assert.NotNull(pid);
        Assert.False(HostCommands.IsAlive(pid!.Value));
    }

    [Fact]
    public async Task A_missing_browser_fails_at_once_naming_the_package_and_the_variable()
    {
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() => HeadlessChromium.LaunchAsync("/nonexistent/chromium"));
        Assert.Contains("'chromium'", e.Message);
        Assert.Contains(HeadlessChromium.OverrideVariable, e.Message);
    }
}
