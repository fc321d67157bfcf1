using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace StatelessMind.Labs.Orchestration.Alerts;

/// <summary>A local HTTP endpoint (loopback, free port) that receives webhook alerts and keeps their JSON bodies, so that
/// tests and experiments can assert what an alerting callback sent.</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<JsonElement> _received = new();

    public WebhookListener()
    {
        var port = StatelessMind.Harness.Services.FreePort.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port}/alerts/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>The bodies received so far, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Received => [.. _received];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using (var document = await JsonDocument.ParseAsync(context.Request.InputStream)) _received.Enqueue(document.RootElement.Clone());
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
