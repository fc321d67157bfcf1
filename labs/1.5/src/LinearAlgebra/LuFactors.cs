namespace StatelessMind.Labs.MathFoundations.LinearAlgebra;

/// <summary>PA = LU: <see cref="Combined"/> holds U on and above the diagonal and L's multipliers below it (L has a unit
/// diagonal); <see cref="Permutation"/>[i] is the original row now in row i; <see cref="Sign"/> is the permutation's sign.</summary>
public sealed record LuFactors(double[,] Combined, int[] Permutation, int Sign)
{
    public int Size => Combined.GetLength(0);
}
