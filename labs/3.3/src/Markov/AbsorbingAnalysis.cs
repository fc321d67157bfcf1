using MathNet.Numerics.LinearAlgebra;

namespace StatelessMind.Labs.ProbabilisticModels.Markov;

/// <summary>What the fundamental matrix N = (I − Q)⁻¹ of an absorbing chain tells: <see cref="ExpectedSteps"/>[i] is the
/// expected number of steps from transient state <see cref="TransientStates"/>[i] until absorption (N·1), and
/// <see cref="AbsorptionProbabilities"/>[i, j] the probability of ending in <see cref="AbsorbingStates"/>[j] (N·R).</summary>
public sealed record AbsorbingAnalysis(
    IReadOnlyList<int> TransientStates,
    IReadOnlyList<int> AbsorbingStates,
    Matrix<double> Fundamental,
    Vector<double> ExpectedSteps,
    Matrix<double> AbsorptionProbabilities);
