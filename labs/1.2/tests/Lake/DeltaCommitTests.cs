using System.Text;
using StatelessMind.Labs.Lifecycle.Lake.Data;
using StatelessMind.Labs.Lifecycle.Lake.Delta;

namespace StatelessMind.Labs.Lifecycle.Tests.Lake;

/// <summary>Commits: the JSON log, create-if-absent of the next version, racing writers, and the planted overwrite.</summary>
[Goal("1.2-3")]
public sealed class DeltaCommitTests(S3Fixture s3, ITestOutputHelper output) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task A_commit_is_one_JSON_action_per_line_under_the_next_zero_padded_version()
    {
        var table = await LakeStores.CreateTableAsync(LakeStores.Open("local", s3));

        var result = await table.CommitAsync(0, [await LakeStores.AddAsync(table, LakeStores.Day(0, 10, 1))], "WRITE", null);

        Assert.Equal(new DeltaCommitResult(1, 1), result);
        var v0 = Encoding.UTF8.GetString((await table.Store.GetAsync("lakehouse/sales/_delta_log/00000000000000000000.json"))!).TrimEnd().Split('\n');
        var v1 = Encoding.UTF8.GetString((await table.Store.GetAsync("lakehouse/sales/_delta_log/00000000000000000001.json"))!).TrimEnd().Split('\n');
        Assert.Equal(["commitInfo", "protocol", "metaData"], v0.Select(l => l[2..l.IndexOf('"', 2)]));
        Assert.Equal(["commitInfo", "add"], v1.Select(l => l[2..l.IndexOf('"', 2)]));
        Assert.Contains("\"partitionValues\":{\"day\":\"2025-01-01\"}", v1[1], StringComparison.Ordinal);
        Assert.Contains("\"stats\":\"{\\u0022numRecords\\u0022:10}\"", v1[1], StringComparison.Ordinal);
        await Assert.ThrowsAsync<DeltaConflictException>(() => table.CreateAsync(LakeStores.Metadata()));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task A_blind_append_that_lost_its_version_retries_at_the_next_one_and_both_appends_are_in_the_table(string kind)
    {
        var table = await LakeStores.CreateTableAsync(LakeStores.Open(kind, s3));
        var first = await LakeStores.AddAsync(table, LakeStores.Day(0, 10, 1));
        var second = await LakeStores.AddAsync(table, LakeStores.Day(1, 10, 11));

        var winner = await table.CommitAsync(0, [first], "WRITE", null);
        var loser = await table.CommitAsync(0, [second], "WRITE", null); // read version 0 too: finds version 1 taken

        Assert.Equal(new DeltaCommitResult(1, 1), winner);
        Assert.Equal(new DeltaCommitResult(2, 2), loser);
        var snapshot = await table.SnapshotAsync();
        Assert.Equal(20, snapshot.RecordCount);
        Assert.Equal(ContentChecksum.Of([.. LakeStores.Day(0, 10, 1), .. LakeStores.Day(1, 10, 11)]), ContentChecksum.Of(await table.ReadRowsAsync(snapshot)));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Six_writers_appending_at_once_get_six_distinct_versions_and_lose_nothing(string kind)
    {
        var table = await LakeStores.CreateTableAsync(LakeStores.Open(kind, s3));
        var adds = new List<DeltaAction>();
        for (var w = 0; w < 6; w++) adds.Add(await LakeStores.AddAsync(table, LakeStores.Day(w, 5, w * 100L + 1)));

        var results = await Task.WhenAll(adds.Select(a => Task.Run(() => table.CommitAsync(0, [a], "WRITE", null))));

        output.WriteLine($"{kind}: attempts per writer {string.Join(", ", results.Select(r => r.Attempts))}");
        Assert.Equal([1L, 2, 3, 4, 5, 6], results.Select(r => r.Version).Order());
        Assert.Equal(6, (await table.SnapshotAsync()).Files.Count);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("s3")]
    public async Task Two_compactions_of_the_same_files_race_and_the_loser_fails_with_a_conflict_that_says_why(string kind)
    {
        var table = await LakeStores.CreateTableAsync(LakeStores.Open(kind, s3));
        var rows = LakeStores.Day(0, 20, 1);
        var a = await LakeStores.AddAsync(table, rows.Take(10).ToList());
        var b = await LakeStores.AddAsync(table, rows.Skip(10).ToList());
        await table.CommitAsync(0, [a, b], "WRITE", null);
        var read = new HashSet<string> { "day=2025-01-01" };
        var one = new List<DeltaAction> { DeltaAction.Of(await table.WriteDataFileAsync(rows[0].Day, rows, dataChange: false)), LakeStores.Remove(a.Add!), LakeStores.Remove(b.Add!) };
        var two = new List<DeltaAction> { DeltaAction.Of(await table.WriteDataFileAsync(rows[0].Day, rows, dataChange: false)), LakeStores.Remove(a.Add!), LakeStores.Remove(b.Add!) };

        await table.CommitAsync(1, one, "OPTIMIZE", read);
        var conflict = await Assert.ThrowsAsync<DeltaConflictException>(() => table.CommitAsync(1, two, "OPTIMIZE", read));

        output.WriteLine(conflict.Message);
        Assert.Equal(2, conflict.WinningVersion);
        Assert.Contains("concurrent delete", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(2, await table.LatestVersionAsync());
        Assert.Equal(20, (await table.SnapshotAsync()).RecordCount);
    }

    /// <summary>The audit a racing pair of writers must pass: every acknowledged commit's file is in the table.</summary>
    private static async Task<IReadOnlyList<string>> RaceAndAuditAsync(DeltaTable table)
    {
        var mine = await LakeStores.AddAsync(table, LakeStores.Day(0, 10, 1));
        var theirs = await LakeStores.AddAsync(table, LakeStores.Day(1, 10, 11));
        var acknowledged = new[] { (await table.CommitAsync(0, [mine], "WRITE", null), mine), (await table.CommitAsync(0, [theirs], "WRITE", null), theirs) };
        var live = (await table.SnapshotAsync()).Files.Select(f => f.Path).ToHashSet();
        return acknowledged.Where(c => !live.Contains(c.Item2.Add!.Path))
            .Select(c => $"the commit acknowledged as version {c.Item1.Version} is lost: {c.Item2.Add!.Path} is not in the table").ToList();
    }

    [Theory]
    [InlineData(DeltaBug.None)]
    [InlineData(DeltaBug.CommitOverwritesExistingVersion)]
    public async Task Planted_bug_a_commit_that_overwrites_an_existing_version_loses_an_acknowledged_commit(DeltaBug bug)
    {
        var table = await LakeStores.CreateTableAsync(LakeStores.Open("s3", s3), bug);

        var problems = await RaceAndAuditAsync(table);

        output.WriteLine($"{bug}: {(problems.Count == 0 ? "every acknowledged commit is in the table" : string.Join("; ", problems))}");
        if (bug == DeltaBug.None) Assert.Empty(problems);
        else Assert.Contains(problems, p => p.Contains("is lost", StringComparison.Ordinal));
    }
}
