namespace StatelessMind.Labs.NumericalMethods.Gradient;

/// <summary>
/// Generated regression data with a stated law: n rows of d features, feature j ~ N(0, s_j²) with scales s_j spread
/// evenly from 1 to a maximum scale (<c>maxScale</c> of <see cref="Generate"/>) (so the loss surface has condition number about maxScale²), true
/// weights w_j = (−1)^j (1 + j/d) / s_j and bias 0.5. Linear: y = x·w + b + N(0, 0.5²). Logistic: y ~ Bernoulli(σ(x·w + b)).
/// </summary>
public sealed record RegressionData(double[,] Features, double[] Targets, double[] TrueWeights, double TrueBias)
{
    public int Rows => Features.GetLength(0);
    public int Columns => Features.GetLength(1);

    public static RegressionData Generate(ModelKind kind, int rows, int columns, double maxScale, int seed)
    {
        var random = new Random(seed);
        var scales = Enumerable.Range(0, columns).Select(j => columns == 1 ? 1 : 1 + (maxScale - 1) * j / (columns - 1.0)).ToArray();
        var weights = Enumerable.Range(0, columns).Select(j => (j % 2 == 0 ? 1 : -1) * (1 + (double)j / columns) / scales[j]).ToArray();
        const double bias = 0.5;
        var x = new double[rows, columns];
        var y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var linear = bias;
            for (var j = 0; j < columns; j++)
            {
                x[i, j] = scales[j] * Bayes.MetropolisHastings.StandardNormal(random);
                linear += x[i, j] * weights[j];
            }
            y[i] = kind == ModelKind.Linear
                ? linear + 0.5 * Bayes.MetropolisHastings.StandardNormal(random)
                : random.NextDouble() < 1 / (1 + Math.Exp(-linear)) ? 1 : 0;
        }
        return new RegressionData(x, y, weights, bias);
    }
}
