using StatelessMind.Labs.Relational.Management;

namespace StatelessMind.Labs.Relational.Tests.Management;

/// <summary>
/// One cluster made by the scripts (pg-init.sh with scram-sha-256, pg-ctl.sh start), with an application
/// database and role made by pg-create-app.sh, shared by the tests of one class.
/// </summary>
public sealed class ScriptedClusterFixture : IAsyncLifetime
{
    public const string SuperuserPassword = "superuser-secret";
    public const string AppPassword = "app-secret";
    private ScriptedCluster? _cluster;

    public ScriptedCluster Cluster => _cluster ?? throw new InvalidOperationException("The fixture has not been initialised.");

    public static IReadOnlyDictionary<string, string> AppEnvironment { get; } = new Dictionary<string, string> { ["APP_PASSWORD"] = AppPassword };

    public async Task InitializeAsync()
    {
        _cluster = await ScriptedCluster.CreateAsync(new ScriptedClusterOptions { Name = "scripts", SuperuserPassword = SuperuserPassword });
        (await Cluster.RunAsync("pg-create-app.sh", ["-d", "shop", "-r", "shop_app"], extraEnvironment: AppEnvironment)).EnsureSuccess();
        (await Cluster.RunAsync("pg-create-app.sh", ["-d", "crm", "-r", "crm_app"], extraEnvironment: AppEnvironment)).EnsureSuccess();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
