using System.ComponentModel;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Prometheus;
using Scalar.AspNetCore;

namespace StatelessMind.Labs.Lifecycle.Serving;

/// <summary>
/// The data serving layer (FastAPI's role, in ASP.NET Core minimal APIs) over the marts, on Kestrel on loopback:
/// <c>GET /api/daily-sales</c> (filters, keyset pagination, ETag), <c>GET /api/stores</c>, <c>/health/live</c>,
/// <c>/health/ready</c>, <c>/metrics</c> (Prometheus), <c>/openapi/v1.json</c> and Scalar's interactive page at
/// <c>/scalar</c>, its script served from the package (no internet needed). <c>/api</c> is rate limited per client address.
/// </summary>
public sealed class ServingHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    private ServingHost(WebApplication app, NpgsqlDataSource dataSource, Uri baseAddress)
    {
        _app = app;
        _dataSource = dataSource;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ServingHost> StartAsync(ServingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy("per-client", context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RequestsPerWindow, Window = options.Window, QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, token) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests",
                    detail: $"at most {options.RequestsPerWindow} requests per {options.Window.TotalSeconds:0.#} s from one client").ExecuteAsync(rejected.HttpContext);
            };
        });
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        var pool = new NpgsqlDataSourceBuilder(options.ConnectionString);
        pool.ConnectionStringBuilder.MaxPoolSize = options.MaxConnections;
        var dataSource = pool.Build();
        var reader = new MartReader(dataSource, options.Schema, options.Bug);
        var app = builder.Build();
        app.UseHttpMetrics();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapScalarApiReference(scalar => scalar.WithTitle("Retail marts API").DisableDefaultFonts());
        app.MapMetrics();
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).WithTags("health");
        app.MapGet("/health/ready", async (CancellationToken token) => await reader.ReadyAsync(token)
                ? Results.Ok(new { status = "ready" })
                : Results.Problem(statusCode: 503, title: "Not ready", detail: "the warehouse does not answer or the marts are missing"))
            .WithTags("health");
        var api = app.MapGroup("/api").RequireRateLimiting("per-client").WithTags("marts");
        api.MapGet("/daily-sales", async (HttpContext context,
                    [FromQuery, Description("store key (32 hex digits, from /api/stores)")] string? store,
                    [FromQuery, Description("first day, yyyy-MM-dd")] string? from,
                    [FromQuery, Description("last day, yyyy-MM-dd")] string? to,
                    [FromQuery(Name = "min_revenue_cents"), Description("only days with at least this revenue")] string? minRevenueCents,
                    [FromQuery, Description("page size, 1 to 500 (100)")] string? limit,
                    [FromQuery, Description("the 'next' cursor of the previous page")] string? after) =>
            {
                var (query, errors) = QueryValidation.Parse(context.Request.Query);
                if (query is null)
                {
                    await Results.ValidationProblem(errors, title: "Invalid query", detail: string.Join(" ", errors.Values.SelectMany(v => v))).ExecuteAsync(context);
                    return;
                }
                var page = await reader.DailySalesAsync(query, context.RequestAborted);
                await EntityTag.WriteAsync(context, JsonSerializer.SerializeToUtf8Bytes(page, JsonSerializerOptions.Web), options.Bug);
            })
            .WithName("DailySales").WithSummary("Daily sales per store, filtered, in pages ordered by (date, store)")
            .Produces<DailySalesPage>().Produces(StatusCodes.Status304NotModified).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/stores", async (HttpContext context, [FromQuery, Description("region name, e.g. North")] string? region) =>
            {
                if (region is not null && (region.Length is 0 or > 128 || context.Request.Query["region"].Count > 1))
                {
                    await Results.ValidationProblem(new Dictionary<string, string[]> { ["region"] = ["'region' must be given once, 1 to 128 characters"] },
                        title: "Invalid query").ExecuteAsync(context);
                    return;
                }
                var stores = await reader.StoresAsync(region, context.RequestAborted);
                await EntityTag.WriteAsync(context, JsonSerializer.SerializeToUtf8Bytes(stores, JsonSerializerOptions.Web), options.Bug);
            })
            .WithName("Stores").WithSummary("The stores, optionally of one region")
            .Produces<IReadOnlyList<StoreRow>>().Produces(StatusCodes.Status304NotModified).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServingHost(app, dataSource, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
