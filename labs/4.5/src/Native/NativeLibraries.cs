using System.Reflection;
using System.Runtime.InteropServices;
using StatelessMind.Harness;

namespace StatelessMind.Labs.SystemsProgramming.Native;

/// <summary>One resolver for the lab's two C libraries (an assembly can register only one).</summary>
internal static class NativeLibraries
{
    public const string CacheSim = "sm_cachesim";
    public const string Allocator = "sm_alloc";
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, string> Paths = [];
    private static bool _registered;

    /// <summary>Checks the library is built (throwing with how to build it) and lets P/Invoke find it.</summary>
    public static void EnsureLoaded(string name)
    {
        lock (Gate)
        {
            if (Paths.ContainsKey(name)) return;
            Paths[name] = NativeArtifacts.CLibrary(name);
            if (!_registered)
            {
                NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
                _registered = true;
            }
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        string? path;
        lock (Gate) Paths.TryGetValue(name, out path);
        return path is null ? IntPtr.Zero : NativeLibrary.Load(path);
    }
}
