using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace StatelessMind.Dataflow.MapReduce;

/// <summary>Loads a MapReduce application by assembly path and type name (the role of the classic lab's Go plugins).</summary>
public static class ApplicationLoader
{
    private static readonly ConcurrentDictionary<string, bool> ProbedDirectories = new();

    public static IMapReduceApplication Load(string assemblyPath, string typeName)
    {
        if (!File.Exists(assemblyPath)) throw new FileNotFoundException($"Application assembly '{assemblyPath}' does not exist.", assemblyPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(assemblyPath))!;
        if (ProbedDirectories.TryAdd(directory, true))
        {
            // The application's own dependencies sit beside it.
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                var candidate = Path.Combine(directory, name.Name + ".dll");
                return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
            };
        }
        var assembly = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => !a.IsDynamic && a.Location == Path.GetFullPath(assemblyPath))
                       ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath));
        var type = assembly.GetType(typeName)
                   ?? throw new TypeLoadException($"'{assemblyPath}' has no type '{typeName}'.");
        if (!typeof(IMapReduceApplication).IsAssignableFrom(type))
            throw new TypeLoadException($"'{typeName}' does not implement {nameof(IMapReduceApplication)}.");
        return (IMapReduceApplication)(Activator.CreateInstance(type)
            ?? throw new TypeLoadException($"'{typeName}' could not be created (it needs a public parameterless constructor)."));
    }

    /// <summary>The assembly an application type lives in, for <see cref="MapReduceJob"/>.</summary>
    public static string LocationOf(Type type) => (type ?? throw new ArgumentNullException(nameof(type))).Assembly.Location;
}
