using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StatelessMind.Harness.Measurement;
using StatelessMind.Labs.SystemsProgramming.Native;

namespace StatelessMind.Labs.SystemsProgramming.Allocation;

/// <summary>
/// Small-object churn driven from C#: the same loop (10 000 live slots, each step frees a random slot and
/// allocates 16–256 bytes into it) once with NativeMemory.Alloc/Free — .NET's own route to the C library's
/// malloc — and once with sm_malloc/sm_free through P/Invoke. Both pay one managed-to-native transition per
/// call, so the ratio compares the allocators as a C# program sees them. Timed in CPU time of the thread.
/// </summary>
public static unsafe class ManagedChurn
{
    public sealed record Result(double GlibcNsPerOp, double SmNsPerOp)
    {
        public double SpeedUp => GlibcNsPerOp / SmNsPerOp;
    }

    public static Result Measure(long operations, int repetitions, int seed)
    {
        AllocatorNative.EnsureLoaded();
        double glibc = double.MaxValue, sm = double.MaxValue;
        for (var rep = 0; rep < repetitions + 1; rep++) // the first round also warms up the JIT and both heaps
        {
            glibc = Math.Min(glibc, Run(operations, seed, useSm: false));
            sm = Math.Min(sm, Run(operations, seed, useSm: true));
        }
        return new Result(glibc, sm);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Run(long operations, int seed, bool useSm)
    {
        const int Slots = 10_000;
        var slots = new IntPtr[Slots];
        var rng = new Random(seed);
        var start = ThreadCpuClock.NowNanoseconds();
        for (long i = 0; i < operations; i++)
        {
            var k = rng.Next(Slots);
            var size = (nuint)(16 + rng.Next(241));
            if (useSm)
            {
                AllocatorNative.Free(slots[k]);
                slots[k] = AllocatorNative.Malloc(size);
            }
            else
            {
                NativeMemory.Free((void*)slots[k]);
                slots[k] = (IntPtr)NativeMemory.Alloc(size);
            }
            *(byte*)slots[k] = 1;
        }
        var elapsed = ThreadCpuClock.NowNanoseconds() - start;
        foreach (var p in slots)
        {
            if (useSm) AllocatorNative.Free(p);
            else NativeMemory.Free((void*)p);
        }
        return elapsed / operations;
    }
}
