using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace StatelessMind.Labs.Transformation.Docs;

/// <summary>
/// The static documentation page, written from the manifest alone: one self-contained HTML file (no script or style
/// from elsewhere) with the lineage graph as inline SVG — every model, seed and source a <c>g.node</c> box named in
/// <c>data-id</c>, every edge a <c>path.edge</c> — then each model's description, materialization, columns and
/// compiled SQL, the seeds and the sources.
/// </summary>
public static class DocsPage
{
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static LineageLayout Lineage(JsonObject manifest)
    {
        var drawn = new List<(string Id, string Name, string ResourceType)>();
        foreach (var (id, node) in manifest["nodes"]!.AsObject())
            if (node!["resource_type"]!.GetValue<string>() is "model" or "seed")
                drawn.Add((id, node["name"]!.GetValue<string>(), node["resource_type"]!.GetValue<string>()));
        foreach (var (id, source) in manifest["sources"]!.AsObject())
            drawn.Add((id, $"{source!["source_name"]!.GetValue<string>()}.{source["name"]!.GetValue<string>()}", "source"));
        var ids = drawn.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var edges = new List<(string, string)>();
        foreach (var (child, parents) in manifest["parent_map"]!.AsObject())
            if (ids.Contains(child))
                edges.AddRange(parents!.AsArray().Select(p => p!.GetValue<string>()).Where(ids.Contains).Select(p => (p, child)));
        return LineageLayout.Compute(drawn, edges);
    }

    public static string Render(JsonObject manifest)
    {
        var project = manifest["metadata"]!["project_name"]!.GetValue<string>();
        var layout = Lineage(manifest);
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>{{E(project)}} · dbt docs</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px; color: #222; background: #fff; }
            h1 { margin: 0 0 4px; } .meta { color: #666; font-size: 13px; }
            svg .node rect { stroke: #333; stroke-width: 1; rx: 4; }
            svg .node-model rect { fill: #d9ecff; } svg .node-seed rect { fill: #e3f6d8; } svg .node-source rect { fill: #fde8cf; }
            svg .node text { font: 12px monospace; dominant-baseline: middle; }
            svg .edge { fill: none; stroke: #888; stroke-width: 1.2; marker-end: url(#arrow); }
            table { border-collapse: collapse; margin: 6px 0 12px; } td, th { border: 1px solid #ccc; padding: 3px 8px; text-align: left; font-size: 13px; }
            .description { white-space: pre-wrap; } pre { background: #f5f5f5; padding: 8px; overflow-x: auto; font-size: 12px; }
            article { border-top: 1px solid #ddd; padding-top: 6px; }
            </style></head><body>
            <h1>{{E(project)}}</h1>
            <p class="meta">dbt schema {{E(manifest["metadata"]!["dbt_schema_version"]!.GetValue<string>())}} · generated {{E(manifest["metadata"]!["generated_at"]!.GetValue<string>())}}</p>
            <section id="lineage"><h2>Lineage</h2>
            <svg id="lineage-graph" xmlns="http://www.w3.org/2000/svg" width="{{F(layout.Width)}}" height="{{F(layout.Height)}}" viewBox="0 0 {{F(layout.Width)}} {{F(layout.Height)}}">
            <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#888"/></marker></defs>
            <g class="edges">

            """);
        var box = layout.Boxes.ToDictionary(b => b.Id, StringComparer.Ordinal);
        foreach (var (from, to) in layout.Edges)
        {
            var (a, b) = (box[from], box[to]);
            double x1 = a.X + a.Width, y1 = a.Y + a.Height / 2, x2 = b.X, y2 = b.Y + b.Height / 2, mid = (x1 + x2) / 2;
            html.Append($"<path class=\"edge\" data-from=\"{E(from)}\" data-to=\"{E(to)}\" d=\"M{F(x1)},{F(y1)} C{F(mid)},{F(y1)} {F(mid)},{F(y2)} {F(x2)},{F(y2)}\"/>\n");
        }
        html.Append("</g>\n<g class=\"nodes\">\n");
        foreach (var b in layout.Boxes)
            html.Append($"<g class=\"node node-{b.ResourceType}\" data-id=\"{E(b.Id)}\" data-name=\"{E(b.Name)}\" data-resource-type=\"{b.ResourceType}\">" +
                        $"<rect x=\"{F(b.X)}\" y=\"{F(b.Y)}\" width=\"{F(b.Width)}\" height=\"{F(b.Height)}\"/>" +
                        $"<text x=\"{F(b.X + 10)}\" y=\"{F(b.Y + b.Height / 2)}\">{E(b.Name)}</text></g>\n");
        html.Append("</g></svg></section>\n<section id=\"models\"><h2>Models</h2>\n");
        var nodes = manifest["nodes"]!.AsObject();
        foreach (var (id, node) in nodes.Where(n => n.Value!["resource_type"]!.GetValue<string>() == "model"))
        {
            html.Append($"<article class=\"model\" id=\"{E(id)}\" data-id=\"{E(id)}\"><h3>{E(node!["name"]!.GetValue<string>())}</h3>\n");
            html.Append($"<p class=\"meta\">{E(node["config"]!["materialized"]!.GetValue<string>())} · {E(node["relation_name"]?.GetValue<string>())} · {E(node["original_file_path"]!.GetValue<string>())}</p>\n");
            html.Append($"<div class=\"description\">{E(node["description"]!.GetValue<string>())}</div>\n");
            var columns = node["columns"]!.AsObject();
            if (columns.Count > 0)
            {
                html.Append("<table class=\"columns\"><tr><th>column</th><th>description</th></tr>\n");
                foreach (var (column, c) in columns)
                    html.Append($"<tr data-column=\"{E(column)}\"><td>{E(column)}</td><td class=\"description\">{E(c!["description"]!.GetValue<string>())}</td></tr>\n");
                html.Append("</table>\n");
            }
            var parents = node["depends_on"]!["nodes"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            if (parents.Count > 0) html.Append($"<p class=\"meta\">depends on: {E(string.Join(", ", parents))}</p>\n");
            html.Append($"<details><summary>compiled SQL</summary><pre>{E(node["compiled_code"]!.GetValue<string>())}</pre></details></article>\n");
        }
        html.Append("</section>\n<section id=\"seeds\"><h2>Seeds</h2><ul>\n");
        foreach (var (id, node) in nodes.Where(n => n.Value!["resource_type"]!.GetValue<string>() == "seed"))
            html.Append($"<li data-id=\"{E(id)}\">{E(node!["name"]!.GetValue<string>())} ({E(node["original_file_path"]!.GetValue<string>())})</li>\n");
        html.Append("</ul></section>\n<section id=\"sources\"><h2>Sources</h2><ul>\n");
        foreach (var (id, source) in manifest["sources"]!.AsObject())
            html.Append($"<li data-id=\"{E(id)}\">{E(source!["source_name"]!.GetValue<string>())}.{E(source["name"]!.GetValue<string>())}</li>\n");
        var tests = nodes.Count(n => n.Value!["resource_type"]!.GetValue<string>() == "test");
        html.Append($"</ul></section>\n<p class=\"meta\">{tests} data tests.</p>\n</body></html>\n");
        return html.ToString();
    }
}
