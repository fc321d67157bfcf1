namespace StatelessMind.Labs.Lifecycle.Tests;

/// <summary>Waits for a condition with a deadline (polling), failing with a message that says what was awaited.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for: {describe()}");
            await Task.Delay(50);
        }
    }
}
