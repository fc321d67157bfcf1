using StatelessMind.Harness;
using StatelessMind.Harness.Services;

namespace StatelessMind.Labs.Reliability.Journal;

/// <summary>Finds the built C journal program (native/c/journal → native/build/bin/journal).</summary>
public static class JournalProgram
{
    public static string Locate()
    {
        var path = Path.Combine(RepositoryLayout.Locate().NativeDirectory, "build", "bin", "journal");
        if (!File.Exists(path))
            throw new ServiceUnavailableException(
                $"The journal program is not built: {path} is missing. Run `make native` " +
                "(or: cmake -S native/c -B native/build && cmake --build native/build -j2).");
        return path;
    }
}
