using System.Reflection;
using System.Runtime.Loader;

namespace StatelessMind.Runner;

/// <summary>
/// Loads one lab's assembly with its own dependencies (from its deps.json), while sharing every
/// assembly the runner itself carries — above all StatelessMind.Harness, so that the lab's
/// experiments implement the very IExperiment type the runner knows.
/// </summary>
internal sealed class LabLoadContext(string labAssemblyPath) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(labAssemblyPath))
{
    private static readonly HashSet<string> RunnerAssemblies = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private readonly AssemblyDependencyResolver _resolver = new(labAssemblyPath);

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && RunnerAssemblies.Contains(name)) return null; // shared with the runner
        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
