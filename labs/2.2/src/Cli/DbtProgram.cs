namespace StatelessMind.Labs.Transformation.Cli;

/// <summary>
/// <c>dotnet run --project labs/2.2/src -- build --project-dir labs/2.2/dbt --select +fct_sales</c>: the runner as a
/// command, like the <c>dbt</c> executable (see <see cref="DbtCli"/>).
/// </summary>
public static class DbtProgram
{
    public static Task<int> Main(string[] args) => DbtCli.RunAsync(args, Console.Out);
}
