using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using StatelessMind.Labs.SystemsProgramming.Allocation;

namespace StatelessMind.Bench.Systems;

/// <summary>
/// 4.5-2: allocating native memory from C#. A batch of 1,024 blocks of one size is allocated, then freed, with
/// NativeMemory.Alloc/Free (the baseline: .NET's route to glibc malloc) and with sm_malloc/sm_free through
/// P/Invoke (labs/4.5 SmAllocator). Both pay one managed-to-native call per operation. 16 and 256 bytes take
/// sm_alloc's small path (thread cache, no lock), 4,096 bytes its boundary-tag heap (one lock per call).
/// The mean is per allocation + free pair.
/// glibc's trim threshold is pinned for the run: left to itself, glibc hands the freed 4 MiB at the top of its
/// heap back to the kernel after each batch and faults it in again on the next (≈17 µs per 4 KiB pair here),
/// or not — its threshold grows with the process's history (earlier large frees), so the same benchmark
/// measured 60 ns in one process and 17 µs in another. Pinned, both allocators keep their memory between
/// batches and the comparison is of allocation work alone (sm_alloc keeps up to two empty 4 MiB arenas).
/// </summary>
[WarmupCount(3)]
[IterationCount(10)]
public class NativeAllocationBenchmarks
{
    private const int Batch = 1024;
    private readonly IntPtr[] _blocks = new IntPtr[Batch];

    [Params(16, 256, 4096)]
    public int Size { get; set; }

    private const int MTrimThreshold = -1;     // mallopt parameter numbers from glibc's malloc.h
    private const int GlibcDefaultTrimThreshold = 128 * 1024;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    [GlobalSetup]
    public void Setup()
    {
        MallOpt(MTrimThreshold, 64 * 1024 * 1024);
        SmAllocator.Free(SmAllocator.Allocate(Size)); // loads the library before timing
    }

    [GlobalCleanup]
    public void Cleanup() => MallOpt(MTrimThreshold, GlibcDefaultTrimThreshold);

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public unsafe void GlibcViaNativeMemory()
    {
        for (var i = 0; i < Batch; i++) _blocks[i] = (IntPtr)NativeMemory.Alloc((nuint)Size);
        for (var i = 0; i < Batch; i++) NativeMemory.Free((void*)_blocks[i]);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public void SmAllocViaPInvoke()
    {
        for (var i = 0; i < Batch; i++) _blocks[i] = SmAllocator.Allocate(Size);
        for (var i = 0; i < Batch; i++) SmAllocator.Free(_blocks[i]);
    }
}
