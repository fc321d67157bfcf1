using System.Text.Json.Nodes;

namespace StatelessMind.Labs.Transformation.Docs;

/// <summary>What <c>docs generate</c> wrote: the manifest (also in memory) and the HTML page.</summary>
public sealed record DocsOutput(string ManifestPath, string IndexPath, JsonObject Manifest);
