namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>The answer of <c>POST /predict</c>: the species, a probability per species, and the model version.</summary>
public sealed record PredictResponse(string Species, IReadOnlyDictionary<string, double> Probabilities, string ModelVersion);
