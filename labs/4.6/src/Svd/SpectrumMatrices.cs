using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.StochasticStatistics.Svd;

/// <summary>Seeded test matrices whose spectrum is known in advance.</summary>
public static class SpectrumMatrices
{
    /// <summary>U diag(σ) Vᵀ with U, V from the QR of Gaussian matrices and σᵢ = scale·decayⁱ: a slowly decaying
    /// spectrum, the hard case for a sketch without power iterations.</summary>
    public static Matrix<double> Geometric(int rows, int columns, double scale, double decay, int seed)
    {
        var random = new Random(seed);
        var r = Math.Min(rows, columns);
        var u = Matrix<double>.Build.Dense(rows, r, (_, _) => Normal.Sample(random, 0, 1)).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var v = Matrix<double>.Build.Dense(columns, r, (_, _) => Normal.Sample(random, 0, 1)).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var sigma = Matrix<double>.Build.DiagonalOfDiagonalArray(Enumerable.Range(0, r).Select(i => scale * Math.Pow(decay, i)).ToArray());
        return u * sigma * v.Transpose();
    }

    /// <summary>Data with a few latent factors: n rows of d features, x = Wz + noise, z ~ N(0, diag(factorSds²)); centred
    /// column by column, so Σσᵢ²/(n − 1) is the total variance.</summary>
    public static Matrix<double> LatentFactors(int rows, int features, IReadOnlyList<double> factorSds, double noiseSd, int seed)
    {
        var random = new Random(seed);
        var w = Matrix<double>.Build.Dense(features, factorSds.Count, (_, _) => Normal.Sample(random, 0, 1)).QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).Q;
        var x = Matrix<double>.Build.Dense(rows, features);
        for (var i = 0; i < rows; i++)
        {
            var z = factorSds.Select(s => Normal.Sample(random, 0, s)).ToArray();
            for (var j = 0; j < features; j++)
            {
                var value = Normal.Sample(random, 0, noiseSd);
                for (var f = 0; f < z.Length; f++) value += w[j, f] * z[f];
                x[i, j] = value;
            }
        }
        return Center(x);
    }

    public static Matrix<double> Center(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var centred = x.Clone();
        for (var j = 0; j < x.ColumnCount; j++)
        {
            var mean = x.Column(j).Average();
            for (var i = 0; i < x.RowCount; i++) centred[i, j] -= mean;
        }
        return centred;
    }
}
