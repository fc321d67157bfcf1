using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace StatelessMind.Labs.DatabaseTheory.AcidBase;

/// <summary>
/// The network between a primary and its replica, made explicit: a TCP relay on loopback that the
/// replica connects to instead of the primary. It delays every chunk of bytes by a fixed one-way
/// latency (as a link between two availability zones would) and can be cut (a partition: the
/// connections are reset and new ones refused) and healed. PostgreSQL and Redis get the same link,
/// so they are compared on the same network.
/// </summary>
public sealed class ReplicationLink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Downstream, TcpClient Upstream, CancellationTokenSource Cancel)> _pairs = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private volatile bool _cut;

    public ReplicationLink(int targetPort, TimeSpan oneWayDelay)
    {
        _targetPort = targetPort;
        OneWayDelay = oneWayDelay;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptLoopAsync();
    }

    /// <summary>The port the replica connects to.</summary>
    public int Port { get; }

    public TimeSpan OneWayDelay { get; }
    public bool IsCut => _cut;

    /// <summary>A partition: every relayed connection is reset and new ones are refused until <see cref="Heal"/>.</summary>
    public void Cut()
    {
        _cut = true;
        lock (_gate)
        {
            foreach (var (down, up, cancel) in _pairs)
            {
                cancel.Cancel();
                down.Client.LingerState = new LingerOption(true, 0); // RST, as a broken path looks to both ends
                up.Client.LingerState = new LingerOption(true, 0);
                down.Dispose();
                up.Dispose();
            }
            _pairs.Clear();
        }
    }

    public void Heal() => _cut = false;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient downstream;
            try
            {
                downstream = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            if (_cut)
            {
                downstream.Client.LingerState = new LingerOption(true, 0);
                downstream.Dispose();
                continue;
            }
            _ = RelayAsync(downstream);
        }
    }

    private async Task RelayAsync(TcpClient downstream)
    {
        var upstream = new TcpClient { NoDelay = true };
        downstream.NoDelay = true;
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, cancel.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            downstream.Dispose();
            upstream.Dispose();
            cancel.Dispose();
            return;
        }
        lock (_gate) _pairs.Add((downstream, upstream, cancel));
        try
        {
            await Task.WhenAll(PumpAsync(downstream.GetStream(), upstream.GetStream(), cancel.Token),
                               PumpAsync(upstream.GetStream(), downstream.GetStream(), cancel.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The link was cut or an end went away.
        }
        finally
        {
            lock (_gate) _pairs.RemoveAll(p => p.Downstream == downstream);
            downstream.Dispose();
            upstream.Dispose();
            cancel.Dispose();
        }
    }

    /// <summary>Copies one direction: each chunk is released no earlier than its arrival plus the delay, in order.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken ct)
    {
        var inFlight = Channel.CreateUnbounded<(long DueTicks, byte[] Bytes)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var (due, bytes) in inFlight.Reader.ReadAllAsync(ct))
            {
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0) await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), ct);
                await to.WriteAsync(bytes, ct);
            }
            to.Socket.Shutdown(SocketShutdown.Send);
        }, ct);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, ct);
                if (n == 0) break;
                await inFlight.Writer.WriteAsync((Stopwatch.GetTimestamp() + (long)(OneWayDelay.TotalSeconds * Stopwatch.Frequency), buffer[..n]), ct);
            }
        }
        finally
        {
            inFlight.Writer.TryComplete();
        }
        await writer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        try { await _accepting; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
