using StatelessMind.Labs.Reliability.FaultInjection;

namespace StatelessMind.Labs.Reliability.Tests.FaultInjection;

/// <summary>1.1.1-1e: what a lost request and a lost response each mean for the server and for the caller.</summary>
public sealed class UnreliableNetworkTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMilliseconds(200);

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_call_without_a_fault_reaches_the_server_and_returns_its_answer()
    {
        var injector = Faults.Injector();
        var served = 0;
        var answer = await new UnreliableNetwork(injector).CallAsync(Faults.None(), _ => Task.FromResult(++served), CancellationToken.None);
        Assert.Equal((1, 1), (answer, served));
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_lost_request_never_reaches_the_server_and_the_caller_hears_nothing()
    {
        var injector = Faults.Injector();
        var served = 0;
        using var deadline = new CancellationTokenSource(Deadline);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new UnreliableNetwork(injector).CallAsync(Faults.Planned(injector, FaultKind.MessageLost, "request"), _ => Task.FromResult(++served), deadline.Token));
        Assert.Equal(0, served);
        Assert.Single(injector.Fired);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_lost_response_means_the_server_did_the_work_though_the_caller_hears_nothing()
    {
        var injector = Faults.Injector();
        var served = 0;
        using var deadline = new CancellationTokenSource(Deadline);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new UnreliableNetwork(injector).CallAsync(Faults.Planned(injector, FaultKind.MessageLost, "response"), _ => Task.FromResult(++served), deadline.Token));
        Assert.Equal(1, served);
        Assert.Single(injector.Fired);
    }

    [Fact]
    [Goal("1.1.1-1")]
    public async Task A_delayed_message_still_arrives()
    {
        var injector = Faults.Injector(new FaultPlan { MessageDelayMin = TimeSpan.FromMilliseconds(1), MessageDelayMax = TimeSpan.FromMilliseconds(2) });
        var answer = await new UnreliableNetwork(injector).CallAsync(Faults.Planned(injector, FaultKind.MessageDelayed), _ => Task.FromResult("late"), CancellationToken.None);
        Assert.Equal("late", answer);
    }
}
