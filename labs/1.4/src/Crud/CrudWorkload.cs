using System.Diagnostics;
using StatelessMind.Harness.Measurement;

namespace StatelessMind.Labs.Relational.Crud;

/// <summary>
/// The CRUD workload of the 1.4-3 comparison, identical for both repositories (same seed, same calls):
/// each round inserts a product, reads one, updates one, lists a category, places a 3-line order, reads it
/// back and deletes the product it inserted; every 25th round also places an order beyond the stock,
/// which must be refused and leave nothing behind.
/// </summary>
internal sealed class CrudWorkload
{
    public static IReadOnlyList<string> Operations { get; } =
        ["insert", "read by key", "update", "list category", "place order", "read order", "delete", "refused order"];

    private const int Categories = 5, Customers = 50, Products = 200;
    private readonly IShopRepository _repository;
    private readonly CommandCounter? _commands;
    private readonly Random _random;
    private readonly List<long> _categories = [], _customers = [], _products = [];
    private int _round;

    private CrudWorkload(IShopRepository repository, int seed, CommandCounter? commands)
    {
        _repository = repository;
        _random = new Random(seed);
        _commands = commands;
    }

    public Dictionary<string, LatencyRecorder> Latency { get; } = Operations.ToDictionary(o => o, _ => new LatencyRecorder());
    public Dictionary<string, long> CommandsSent { get; } = Operations.ToDictionary(o => o, _ => 0L);
    public LatencyRecorder All { get; } = new();
    public TimeSpan MeasuredTime { get; private set; }
    public long MeasuredOperations => All.Count;
    public int PlacedOrders { get; private set; }
    public int RefusedOrders { get; private set; }

    /// <summary>Orders beyond the stock that were not refused with <see cref="InsufficientStockException"/> (must stay 0).</summary>
    public int UnrefusedOrders { get; private set; }

    public static async Task<CrudWorkload> SetUpAsync(IShopRepository repository, int seed, CommandCounter? commands, CancellationToken cancellationToken)
    {
        var workload = new CrudWorkload(repository, seed, commands);
        for (var c = 0; c < Categories; c++) workload._categories.Add((await repository.AddCategoryAsync($"Category {c}", cancellationToken)).Id);
        for (var c = 0; c < Customers; c++)
            workload._customers.Add((await repository.AddCustomerAsync(new NewCustomer($"buyer{c}@example.org", $"Buyer {c}"), cancellationToken)).Id);
        var stocked = Enumerable.Range(0, Products)
            .Select(p => new NewProduct($"BASE-{p:D4}", $"Base product {p}", workload._categories[p % Categories], 10m + p, 1_000_000))
            .ToList();
        workload._products.AddRange((await repository.AddProductsAsync(stocked, cancellationToken)).Select(p => p.Id));
        return workload;
    }

    public async Task RunAsync(int rounds, bool record, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < rounds; i++) await RoundAsync(record, cancellationToken);
        if (record) MeasuredTime += Stopwatch.GetElapsedTime(start);
    }

    private async Task RoundAsync(bool record, CancellationToken ct)
    {
        var round = _round++;
        var category = _categories[round % Categories];
        var added = await TimeAsync("insert", record,
            () => _repository.AddProductAsync(new NewProduct($"W-{round:D6}", $"Workload product {round}", category, 5m + round % 50, 10), ct));
        var read = await TimeAsync("read by key", record, () => _repository.FindProductAsync(Pick(_products), ct))
                   ?? throw new InvalidOperationException("A base product disappeared.");
        await TimeAsync("update", record, () => _repository.UpdateProductAsync(read with { UnitPrice = read.UnitPrice + 0.01m }, ct));
        await TimeAsync("list category", record, () => _repository.ListProductsAsync(category, ct));
        var lines = _products.OrderBy(_ => _random.Next()).Take(3).Select(p => new OrderLineRequest(p, 1 + _random.Next(3))).ToList();
        var order = await TimeAsync("place order", record, () => _repository.PlaceOrderAsync(Pick(_customers), lines, ct));
        PlacedOrders++;
        await TimeAsync("read order", record, () => _repository.FindOrderAsync(order.Id, ct));
        await TimeAsync("delete", record, async () =>
        {
            await _repository.DeleteProductAsync(added.Id, added.Version, ct);
            return true;
        });
        if (round % 25 == 24)
        {
            await TimeAsync("refused order", record, async () =>
            {
                try
                {
                    await _repository.PlaceOrderAsync(Pick(_customers), [new OrderLineRequest(_products[0], 1), new OrderLineRequest(_products[1], 5_000_000)], ct);
                    UnrefusedOrders++;
                }
                catch (InsufficientStockException)
                {
                    RefusedOrders++;
                }
                return true;
            });
        }
    }

    private long Pick(List<long> ids) => ids[_random.Next(ids.Count)];

    private async Task<T> TimeAsync<T>(string operation, bool record, Func<Task<T>> call)
    {
        var commandsBefore = _commands?.Count ?? 0;
        var start = Stopwatch.GetTimestamp();
        var result = await call();
        if (record)
        {
            var elapsed = Stopwatch.GetElapsedTime(start);
            Latency[operation].Record(elapsed);
            All.Record(elapsed);
            CommandsSent[operation] += (_commands?.Count ?? 0) - commandsBefore;
        }
        return result;
    }
}
