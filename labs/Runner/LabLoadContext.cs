using System.Reflection;
using System.Runtime.Loader;

namespace StatelessMind.Runner;

/// <summary>
/// Loads one lab's assembly with its own dependencies (from its deps.json), while sharing every
/// assembly the runner itself carries — above all StatelessMind.Harness, so that the lab's
/// experiments implement the very IExperiment type the runner knows. An assembly whose native library can live only
/// once in a process (<see cref="OncePerProcess"/>) is loaded by the first lab that needs it and shared with the others.
/// </summary>
internal sealed class LabLoadContext(string labAssemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(labAssemblyPath))
{
    private static readonly HashSet<string> RunnerAssemblies = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// TorchSharp: each lab's bin has its own copy of libtorch, and a second copy loaded from another path registers
    /// libtorch's operators again, which aborts the process ("Tried to register multiple backend fallbacks"). The labs
    /// reference the same version (Directory.Packages.props), so they can share the first lab's.
    /// </summary>
    internal static readonly IReadOnlySet<string> OncePerProcess = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "TorchSharp" };

    private static readonly Dictionary<string, Assembly> SharedOnce = new(StringComparer.OrdinalIgnoreCase);

    private readonly AssemblyDependencyResolver _resolver = new(labAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is not { } name) return null;
        if (RunnerAssemblies.Contains(name)) return null; // shared with the runner
        if (!OncePerProcess.Contains(name))
            return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
        lock (SharedOnce)
        {
            if (SharedOnce.TryGetValue(name, out var loaded)) return loaded;
            if (_resolver.ResolveAssemblyToPath(assemblyName) is not { } first) return null;
            return SharedOnce[name] = LoadFromAssemblyPath(first);
        }
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
