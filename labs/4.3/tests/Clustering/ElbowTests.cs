using StatelessMind.Labs.MassiveData.Clustering;

namespace StatelessMind.Labs.MassiveData.Tests.Clustering;

/// <summary>Exercise 4.3-2b.</summary>
public sealed class ElbowTests
{
    [Fact]
    [Goal("4.3-2")]
    public void The_elbow_is_where_the_curve_stops_falling_fast()
    {
        (int, double)[] curve = [(1, 1000), (2, 600), (3, 250), (4, 100), (5, 90), (6, 82), (7, 76), (8, 71)];
        Assert.Equal(4, Elbow.Find(curve));
        Assert.Throws<ArgumentException>(() => Elbow.Find([(1, 10.0), (2, 5.0)]));
    }
}
