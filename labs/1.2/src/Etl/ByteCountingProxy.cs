using System.Net;
using System.Net.Sockets;

namespace StatelessMind.Labs.Lifecycle.Etl;

/// <summary>
/// A TCP relay on loopback in front of a PostgreSQL server that counts every byte it passes each way: what a pipeline
/// moves over the wire, protocol and all. Connect through <see cref="Route"/>.
/// </summary>
public sealed class ByteCountingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _toServer, _toClient;

    public ByteCountingProxy(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long BytesToServer => Interlocked.Read(ref _toServer);

    public long BytesToClient => Interlocked.Read(ref _toClient);

    public long TotalBytes => BytesToServer + BytesToClient;

    /// <summary>The same connection string, pointed at this relay (without pooling, so that every connection is relayed and closed).</summary>
    public string Route(string connectionString) => new Npgsql.NpgsqlConnectionStringBuilder(connectionString)
    {
        Host = "127.0.0.1", Port = Port, Pooling = false, CommandTimeout = 600,
    }.ConnectionString;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = RelayAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(_host, _port, _stop.Token);
                client.NoDelay = server.NoDelay = true;
                var up = PumpAsync(client.GetStream(), server.GetStream(), toServer: true);
                var down = PumpAsync(server.GetStream(), client.GetStream(), toServer: false);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // One side went away: the relay of this connection ends with it.
            }
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool toServer)
    {
        var buffer = new byte[65_536];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                if (toServer) Interlocked.Add(ref _toServer, read);
                else Interlocked.Add(ref _toClient, read);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection closed.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
