using System.Text.Json;
using PuppeteerSharp;
using StatelessMind.Labs.Transformation.Docs;
using StatelessMind.Labs.Transformation.Execution;

namespace StatelessMind.Labs.Transformation.Tests.Docs;

/// <summary>
/// The generated index.html opened in headless Chromium: the lineage SVG read through the DOM (every model, seed and
/// source of the project drawn, no two boxes overlapping, every edge drawn), the model sections with their columns
/// and doc-block descriptions, and a screenshot kept in artifacts/2.2-1-docs/.
/// </summary>
[Goal("2.2-1")]
public sealed class DocsPageTests(ChromiumFixture browser) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly string _copy = ShippedProject.Copy();

    public void Dispose() => Directory.Delete(_copy, recursive: true);

    private sealed record Box(string Id, string Type, double X, double Y, double Width, double Height);

    private async Task<(IPage Page, DocsOutput Docs)> OpenAsync()
    {
        var docs = DbtRunner.Open(_copy, new DbtRunOptions { TargetDirectory = Path.Combine(_copy, "target") }).GenerateDocs();
        var page = await browser.Chromium.NewPageAsync(1400, 900);
        await page.GoToAsync(new Uri(docs.IndexPath).AbsoluteUri);
        return (page, docs);
    }

    private static async Task<List<Box>> BoxesAsync(IPage page)
    {
        var json = await page.EvaluateExpressionAsync<string>(
            "JSON.stringify([...document.querySelectorAll('#lineage-graph g.node')].map(g => { const b = g.querySelector('rect').getBBox(); " +
            "return { Id: g.dataset.id, Type: g.dataset.resourceType, X: b.x, Y: b.y, Width: b.width, Height: b.height }; }))");
        return JsonSerializer.Deserialize<List<Box>>(json)!;
    }

    [Fact]
    public async Task The_lineage_graph_draws_every_node_of_the_project_without_overlaps_and_a_screenshot_is_kept()
    {
        var (page, _) = await OpenAsync();
        await using var _p = page;
        var files = ProjectFiles.Read(_copy);
        var boxes = await BoxesAsync(page);

        Assert.Equal(files.Models.Concat(files.Seeds).Concat(files.Sources).Order(StringComparer.Ordinal), boxes.Select(b => b.Id).Order(StringComparer.Ordinal));
        foreach (var model in files.Models) Assert.Equal("model", boxes.Single(b => b.Id == model).Type);
        for (var i = 0; i < boxes.Count; i++)
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i], boxes[j]);
                Assert.False(a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height, $"{a.Id} overlaps {b.Id}");
            }
        // Each name is drawn inside its own box: the text's rendered width fits.
        var textFits = await page.EvaluateExpressionAsync<bool>(
            "[...document.querySelectorAll('#lineage-graph g.node')].every(g => { const r = g.querySelector('rect').getBBox(), t = g.querySelector('text').getBBox(); " +
            "return t.x >= r.x && t.x + t.width <= r.x + r.width && g.querySelector('text').textContent.length > 0; })");
        Assert.True(textFits);
        var edges = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#lineage-graph path.edge')].map(p => p.dataset.from + ' -> ' + p.dataset.to)");
        Assert.Equal(files.Edges.Select(e => $"{e.From} -> {e.To}").Order(StringComparer.Ordinal), edges.Order(StringComparer.Ordinal));

        var lineage = await page.QuerySelectorAsync("#lineage");
        var png = await lineage.ScreenshotDataAsync(new ElementScreenshotOptions { Type = ScreenshotType.Png });
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var folder = Path.Combine(RepositoryRoot(), "artifacts", "2.2-1-docs");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "lineage.png"), png);
    }

    [Fact]
    public async Task Each_model_has_its_section_with_columns_and_the_doc_block_text()
    {
        var (page, docs) = await OpenAsync();
        await using var _p = page;
        var sections = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#models article.model')].map(a => a.dataset.id)");
        Assert.Equal(ProjectFiles.Read(_copy).Models.Order(StringComparer.Ordinal), sections.Order(StringComparer.Ordinal));
        var description = await page.EvaluateExpressionAsync<string>("document.getElementById('model.retail.fct_sales').querySelector('.description').textContent");
        Assert.Equal(docs.Manifest["docs"]!["doc.retail.fct_sales"]!["block_contents"]!.GetValue<string>(), description);
        var columns = await page.EvaluateExpressionAsync<string[]>("[...document.getElementById('model.retail.fct_sales').querySelectorAll('tr[data-column]')].map(r => r.dataset.column)");
        Assert.Contains("sales_key", columns);
        Assert.Contains("revenue_cents", columns);
        // Self-contained: nothing is fetched from elsewhere.
        var external = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('script[src], link[href], img[src]').length");
        Assert.Equal(0, external);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "labs", "goals.yaml"))) return dir.FullName;
        return Path.GetTempPath();
    }
}
