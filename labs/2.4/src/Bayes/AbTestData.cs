using MathNet.Numerics.Distributions;

namespace StatelessMind.Labs.NumericalMethods.Bayes;

/// <summary>
/// One simulated A/B test, the data both the Bayesian and the frequentist analyses use. Its law: conversions are
/// Bernoulli with p = 0.10 (arm A) and 0.13 (arm B); a measurement is N(10, 2²) in the control group (40 people) and
/// N(12.5, 3²) in the treatment group (35); 30 paired measurements rise by N(0.5, 1²); 600 rolls of a fair die.
/// </summary>
public sealed record AbTestData(
    int TrialsA, int SuccessesA, int TrialsB, int SuccessesB,
    double[] Control, double[] Treatment, double[] Before, double[] After, long[] DieRolls)
{
    public const double ControlMean = 10, ControlSigma = 2, TreatmentMean = 12.5, TreatmentSigma = 3;

    public static AbTestData Generate(int trialsPerArm, int seed)
    {
        var random = new Random(seed);
        int Conversions(double p) => Enumerable.Range(0, trialsPerArm).Count(_ => random.NextDouble() < p);
        var successesA = Conversions(0.10);
        var successesB = Conversions(0.13);
        var control = Enumerable.Range(0, 40).Select(_ => Normal.Sample(random, ControlMean, ControlSigma)).ToArray();
        var treatment = Enumerable.Range(0, 35).Select(_ => Normal.Sample(random, TreatmentMean, TreatmentSigma)).ToArray();
        var before = Enumerable.Range(0, 30).Select(_ => Normal.Sample(random, 50, 8)).ToArray();
        var after = before.Select(b => b + Normal.Sample(random, 0.5, 1)).ToArray();
        var die = new long[6];
        for (var i = 0; i < 600; i++) die[random.Next(6)]++;
        return new AbTestData(trialsPerArm, successesA, trialsPerArm, successesB, control, treatment, before, after, die);
    }
}
