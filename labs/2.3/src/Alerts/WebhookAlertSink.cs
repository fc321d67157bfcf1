using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Polly.Retry;

namespace StatelessMind.Labs.Orchestration.Alerts;

/// <summary>Posts each alert as JSON (snake_case fields) to a webhook; a failed delivery is retried by Polly with
/// exponential backoff whose delays run on the given clock.</summary>
public sealed class WebhookAlertSink : IAlertSink
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly ResiliencePipeline _delivery;

    public WebhookAlertSink(HttpClient http, Uri endpoint, TimeProvider? clock = null, int retries = 3)
    {
        _http = http;
        _endpoint = endpoint;
        _delivery = new ResiliencePipelineBuilder { TimeProvider = clock ?? TimeProvider.System }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = false,
            })
            .Build();
    }

    public async Task SendAsync(Alert alert, CancellationToken cancellationToken) =>
        await _delivery.ExecuteAsync(async token =>
        {
            using var response = await _http.PostAsJsonAsync(_endpoint, alert, Json, token);
            response.EnsureSuccessStatusCode();
        }, cancellationToken);
}
