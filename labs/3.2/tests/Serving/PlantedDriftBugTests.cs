using StatelessMind.Labs.MlOps.Serving;

namespace StatelessMind.Labs.MlOps.Tests.Serving;

/// <summary>The drift gauge's planted bug, caught by the property check of <see cref="DriftMonitorTests"/>.</summary>
[Goal("3.2-1")]
public sealed class PlantedDriftBugTests
{
    [Fact]
    public void Planted_bug_reporting_the_signed_shift_is_caught()
    {
        Assert.Contains("a shift of -3 σ read as -3", DriftMonitorTests.Misread(DriftBug.SignedShift));
    }
}
