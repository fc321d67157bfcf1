using System.Text;
using StatelessMind.Labs.Lifecycle.Lake.Storage;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>The object-store interface on a local folder and over the S3 REST API (S3_ENDPOINT, else the embedded s3rver).</summary>
[Goal("1.2-3")]
public sealed class ObjectStoreTests(S3Fixture s3, ITestOutputHelper output) : IClassFixture<S3Fixture>
{
    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Put_if_absent_creates_the_object_once_and_leaves_it_as_the_first_writer_wrote_it(string kind)
    {
        var store = LakeStores.Open(kind, s3);

        Assert.True(await store.PutIfAbsentAsync("log/00001.json", "first"u8.ToArray()));
        Assert.False(await store.PutIfAbsentAsync("log/00001.json", "second"u8.ToArray()));

        Assert.Equal("first", Encoding.UTF8.GetString((await store.GetAsync("log/00001.json"))!));
        Assert.Null(await store.GetAsync("log/00002.json"));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Eight_writers_racing_to_create_one_key_produce_exactly_one_winner(string kind)
    {
        var store = LakeStores.Open(kind, s3);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => store.PutIfAbsentAsync("race/key", Encoding.UTF8.GetBytes($"writer {i}")))));

        Assert.Equal(1, results.Count(r => r));
        var winner = Array.IndexOf(results, true);
        Assert.Equal($"writer {winner}", Encoding.UTF8.GetString((await store.GetAsync("race/key"))!));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Listing_returns_the_keys_under_a_prefix_in_order_and_after_a_start_key(string kind)
    {
        var store = LakeStores.Open(kind, s3, listPageSize: 2);
        foreach (var key in new[] { "t/_log/003.json", "t/_log/001.json", "t/_log/002.json", "t/data/a.parquet", "u/x" })
            await store.PutAsync(key, "x"u8.ToArray());

        var log = await store.ListAsync("t/_log/");
        var after = await store.ListAsync("t/_log/", startAfter: "t/_log/001.json");

        Assert.Equal(["t/_log/001.json", "t/_log/002.json", "t/_log/003.json"], log.Select(e => e.Key));
        Assert.Equal(["t/_log/002.json", "t/_log/003.json"], after.Select(e => e.Key));
        Assert.All(log, e => Assert.Equal(1, e.Size));
        if (store is S3ObjectStore s) Assert.True(s.ListPages >= 3, $"three keys at two per page take two pages (pages: {s.ListPages})");
        await store.DeleteAsync("t/_log/002.json");
        Assert.Equal(2, (await store.ListAsync("t/_log/")).Count);
    }

    [Fact]
    public async Task A_large_object_goes_up_as_a_multipart_upload_and_comes_back_byte_for_byte()
    {
        using var store = new S3ObjectStore(s3.Server.Endpoint, $"tests/{Guid.NewGuid():N}", multipartThreshold: 6 << 20, partSize: 5 << 20);
        var data = new byte[12 << 20];
        new Random(7).NextBytes(data);

        await store.PutAsync("big/blob.bin", data);

        Assert.Equal(1, store.MultipartUploads);
        Assert.Equal(data, await store.GetAsync("big/blob.bin"));
        Assert.Equal(data.Length, (await store.ListAsync("big/")).Single().Size);
    }

    [Fact]
    public async Task The_conditional_put_probe_reports_what_the_server_does_with_If_None_Match()
    {
        using var store = new S3ObjectStore(s3.Server.Endpoint, $"tests/{Guid.NewGuid():N}");

        var honoured = await store.ProbeConditionalPutAsync();

        output.WriteLine($"{s3.Server.Description}: If-None-Match: * on PUT {(honoured ? "honoured (412 on an existing key)" : "ignored (the second PUT overwrote)")}");
        if (!s3.Server.IsExternal) Assert.False(honoured, "s3rver 3.7 ignores If-None-Match on PUT; the store must know and fall back");
        Assert.Contains(honoured ? "honoured" : "per-key lock fallback", store.Description, StringComparison.Ordinal);
    }
}
