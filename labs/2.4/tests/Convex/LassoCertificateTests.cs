using MathNet.Numerics.LinearAlgebra;
using StatelessMind.Labs.NumericalMethods.Convex;

namespace StatelessMind.Labs.NumericalMethods.Tests.Convex;

public sealed class LassoCertificateTests
{
    private static readonly LassoProblem Orthonormal = new(Matrix<double>.Build.DenseIdentity(3), Vector<double>.Build.DenseOfArray([2, -0.3, 0.8]), 0.5);

    [Fact]
    [Goal("2.4-2")]
    public void At_the_known_solution_the_gap_and_the_kkt_residual_vanish()
    {
        var certificate = LassoCertificate.Of(Orthonormal, Vector<double>.Build.DenseOfArray([1.5, 0, 0.3]));
        Assert.Equal(0, certificate.Gap, 12);
        Assert.Equal(0, certificate.KktResidual, 12);
        Assert.Equal(certificate.Primal, certificate.Dual, 12);
    }

    [Fact]
    [Goal("2.4-2")]
    public void Away_from_the_solution_the_gap_is_positive_and_bounds_the_suboptimality()
    {
        var optimum = Orthonormal.Objective(Vector<double>.Build.DenseOfArray([1.5, 0, 0.3]));
        foreach (var x in new[] { new[] { 1.0, 0, 0 }, [2, -0.3, 0.8], [1.5, 0.1, 0.3], [0, 0, 0] })
        {
            var certificate = LassoCertificate.Of(Orthonormal, Vector<double>.Build.DenseOfArray(x));
            Assert.True(certificate.Gap > 1e-6, $"gap {certificate.Gap} at [{string.Join(", ", x)}]");
            Assert.True(certificate.Gap >= certificate.Primal - optimum - 1e-12, "weak duality: the gap is at least the distance to the optimum");
            Assert.True(certificate.KktResidual > 1e-6);
        }
    }

    [Fact]
    [Goal("2.4-2")]
    public void The_kkt_residual_measures_the_worst_subgradient_violation()
    {
        // x = 0: g = Aᵀb = b; the violation is max(0, |b_i| − λ) = 2 − 0.5.
        Assert.Equal(1.5, LassoCertificate.Of(Orthonormal, Vector<double>.Build.Dense(3)).KktResidual, 12);
    }
}
