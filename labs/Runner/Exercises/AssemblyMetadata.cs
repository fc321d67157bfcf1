using System.Reflection;
using System.Runtime.InteropServices;

namespace StatelessMind.Runner.Exercises;

/// <summary>
/// Opens a built assembly for reading only (MetadataLoadContext): its own folder's assemblies and the newest shared
/// frameworks resolve its references, the folder's copy winning over the framework's.
/// </summary>
public static class AssemblyMetadata
{
    public static MetadataLoadContext Open(string assemblyPath, out Assembly assembly)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        var candidates = Directory.EnumerateFiles(folder, "*.dll")
            .Concat(SharedFrameworkAssemblies())
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First())
            .ToList();
        var context = new MetadataLoadContext(new PathAssemblyResolver(candidates), "System.Private.CoreLib");
        try
        {
            assembly = context.LoadFromAssemblyPath(assemblyPath);
            return context;
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>The assembly's types; those whose references cannot be resolved are left out.</summary>
    public static IReadOnlyList<Type> TypesOf(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>().ToArray();
        }
    }

    /// <summary>The newest version of each shared framework (Microsoft.NETCore.App, Microsoft.AspNetCore.App …) an assembly may reference.</summary>
    private static IEnumerable<string> SharedFrameworkAssemblies()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var shared = Path.GetDirectoryName(Path.GetDirectoryName(runtime));
        var own = Directory.EnumerateFiles(runtime, "*.dll");
        if (shared is null || !Directory.Exists(shared)) return own;
        var others = Directory.EnumerateDirectories(shared)
            .Where(f => !string.Equals(f, Path.GetDirectoryName(runtime), StringComparison.Ordinal))
            .Select(f => Directory.EnumerateDirectories(f).OrderByDescending(v => Version.TryParse(Path.GetFileName(v).Split('-')[0], out var ver) ? ver : new Version()).FirstOrDefault())
            .OfType<string>()
            .SelectMany(v => Directory.EnumerateFiles(v, "*.dll"));
        return own.Concat(others);
    }
}
