using System.Runtime.InteropServices;
using StatelessMind.Labs.SystemsProgramming.Allocation;

namespace StatelessMind.Labs.SystemsProgramming.Tests;

/// <summary>The C allocator used from C#. Its statistics are process-wide, so everything that allocates with
/// it runs in one collection, one test at a time.</summary>
[Collection(AllocatorCollection.Name)]
public sealed class AllocatorInteropTests(ITestOutputHelper output)
{
    [Fact]
    [Goal("4.5-2")]
    public void NativeBuffers_are_aligned_writable_and_freed_on_dispose()
    {
        var before = SmAllocator.Statistics.LiveBlocks;
        var errorsBefore = SmAllocator.ErrorCount(AllocatorStatus.DoubleFree) + SmAllocator.ErrorCount(AllocatorStatus.InvalidFree);
        int[] sizes = [1, 16, 100, 1024, 1025, 5000, 300_000, 2 << 20];
        var buffers = sizes.Select((s, i) => new NativeBuffer(s)).ToList();
        foreach (var (b, i) in buffers.Select((b, i) => (b, i)))
        {
            Assert.Equal(0, b.Address % 16);
            Assert.True(b.Capacity >= b.Length);
            b.Span.Fill((byte)(i + 1));
        }
        Assert.Equal(before + sizes.Length, SmAllocator.Statistics.LiveBlocks);
        Assert.All(buffers.Select((b, i) => (b, i)), x => Assert.True(x.b.Span.ToArray().All(v => v == x.i + 1)));
        foreach (var b in buffers) b.Dispose();
        foreach (var b in buffers) b.Dispose(); // a second Dispose is a no-op, never a second free
        Assert.Equal(before, SmAllocator.Statistics.LiveBlocks);
        Assert.Equal(errorsBefore, SmAllocator.ErrorCount(AllocatorStatus.DoubleFree) + SmAllocator.ErrorCount(AllocatorStatus.InvalidFree)); // nothing reported
        Assert.True(SmAllocator.CheckHeap().Ok);
    }

    [Fact]
    [Goal("4.5-2")]
    public void Resize_keeps_the_contents_through_every_size_range()
    {
        using var b = new NativeBuffer(40, zeroed: true);
        Assert.All(b.Span.ToArray(), v => Assert.Equal(0, v));
        for (var i = 0; i < 40; i++) b.Span[i] = (byte)i;
        foreach (var size in new[] { 500, 3000, 70_000, 600_000, 9 << 20, 1000 })
        {
            b.Resize(size);
            Assert.Equal(size, b.Length);
            for (var i = 0; i < 40; i++) Assert.Equal((byte)i, b.Span[i]);
        }
        var check = SmAllocator.CheckHeap();
        Assert.True(check.Ok, check.Message);
    }

    [Fact]
    [Goal("4.5-2")]
    public unsafe void Double_and_invalid_frees_are_detected_reported_and_harmless()
    {
        var doubles = SmAllocator.ErrorCount(AllocatorStatus.DoubleFree);
        var invalids = SmAllocator.ErrorCount(AllocatorStatus.InvalidFree);
        var small = SmAllocator.Allocate(64);
        var medium = SmAllocator.Allocate(5000);
        Assert.Equal(AllocatorStatus.Ok, SmAllocator.Free(small));
        Assert.Equal(AllocatorStatus.DoubleFree, SmAllocator.Free(small));
        Assert.Equal(AllocatorStatus.Ok, SmAllocator.Free(medium));
        Assert.Equal(AllocatorStatus.DoubleFree, SmAllocator.Free(medium));

        var fromLibc = (IntPtr)NativeMemory.Alloc(64);
        using var buffer = new NativeBuffer(256);
        Assert.Equal(AllocatorStatus.InvalidFree, SmAllocator.Free(fromLibc));
        Assert.Equal(AllocatorStatus.InvalidFree, SmAllocator.Free(buffer.Address + 16));
        NativeMemory.Free((void*)fromLibc);

        Assert.Equal(doubles + 2, SmAllocator.ErrorCount(AllocatorStatus.DoubleFree));
        Assert.Equal(invalids + 2, SmAllocator.ErrorCount(AllocatorStatus.InvalidFree));
        buffer.Span.Fill(7); // the real block was not touched
        var check = SmAllocator.CheckHeap();
        output.WriteLine($"heap check: {check.BlocksChecked} blocks, {check.FreeBlocksChecked} free blocks; {check.Message}");
        Assert.True(check.Ok, check.Message);
    }

    [Fact]
    [Goal("4.5-2")]
    public async Task Buffers_allocated_on_one_thread_and_freed_on_others_leave_a_consistent_heap()
    {
        var before = SmAllocator.Statistics.LiveBlocks;
        var queue = new System.Collections.Concurrent.BlockingCollection<NativeBuffer>(boundedCapacity: 1024);
        var producer = Task.Run(() =>
        {
            var rng = new Random(1);
            for (var i = 0; i < 20_000; i++)
            {
                var b = new NativeBuffer(rng.Next(1, 2048));
                b.Span[0] = (byte)i;
                queue.Add(b);
            }
            queue.CompleteAdding();
        });
        var consumers = Enumerable.Range(0, 3).Select(_ => Task.Run(() =>
        {
            foreach (var b in queue.GetConsumingEnumerable()) b.Dispose();
        })).ToArray();
        await Task.WhenAll([producer, .. consumers]).WaitAsync(TimeSpan.FromMinutes(1));
        var stats = SmAllocator.Statistics;
        output.WriteLine($"live blocks {stats.LiveBlocks}, cached in thread caches {stats.CachedBlocks}, segments {stats.Segments}");
        Assert.Equal(before, stats.LiveBlocks);
        var check = SmAllocator.CheckHeap();
        Assert.True(check.Ok, check.Message);
    }
}
