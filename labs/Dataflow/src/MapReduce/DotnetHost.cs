namespace StatelessMind.Dataflow.MapReduce;

/// <summary>Finds the <c>dotnet</c> host that runs the worker assembly.</summary>
public static class DotnetHost
{
    public static string Locate()
    {
        var candidates = new List<string?>
        {
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : null,
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } root ? Path.Combine(root, "dotnet") : null,
        };
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "dotnet")));
        candidates.AddRange(["/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/local/share/dotnet/dotnet"]);
        return candidates.FirstOrDefault(c => c is not null && File.Exists(c))
               ?? throw new FileNotFoundException("The dotnet host was not found (set DOTNET_ROOT or put dotnet on PATH); it runs the worker processes.");
    }
}
