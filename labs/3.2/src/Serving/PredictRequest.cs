namespace StatelessMind.Labs.MlOps.Serving;

/// <summary>The body of <c>POST /predict</c>: <c>{"features": [sepal length, sepal width, petal length, petal width]}</c> in cm.</summary>
public sealed record PredictRequest(float[]? Features);
