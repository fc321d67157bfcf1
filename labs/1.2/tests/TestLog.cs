namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>Kafka clients log from their own threads, possibly after a test has ended: write to the test's output while it can take it.</summary>
internal static class TestLog
{
    public static Action<string> To(ITestOutputHelper output) => line =>
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; xUnit no longer accepts its output.
        }
    };
}
