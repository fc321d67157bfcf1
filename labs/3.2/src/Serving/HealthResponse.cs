namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>The answer of <c>GET /health</c>.</summary>
public sealed record HealthResponse(string Status, string ModelVersion, int DriftWindowCount);
