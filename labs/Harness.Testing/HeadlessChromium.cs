using PuppeteerSharp;
using StatelessMind.Harness.Services;

namespace StatelessMind.Harness;

/// <summary>
/// Debian's <c>chromium</c>, started headless and driven over the DevTools protocol by PuppeteerSharp, for the tests
/// that open a page the code generated (documentation, reports, an interactive API page), look into its DOM and take
/// a screenshot. The system browser is used as it is: PuppeteerSharp never downloads one. Like the other embedded
/// services it lives in a folder of <see cref="ServiceWorkspace"/> (its profile), recorded so that no browser outlives
/// the test process, and the folder is removed on dispose.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>The browser executable to use instead of the one found on PATH.</summary>
    public const string OverrideVariable = "SM_CHROMIUM";

    private static readonly string[] Candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    private readonly string _folder;
    private bool _disposed;

    private HeadlessChromium(IBrowser browser, string folder)
    {
        Browser = browser;
        _folder = folder;
    }

    public IBrowser Browser { get; }

    /// <summary><see cref="OverrideVariable"/> when it names a file, else the first browser on PATH; null when there is none.</summary>
    public static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } path)
            return File.Exists(path) ? path : null;
        return Candidates.Select(HostCommands.FindOnPath).FirstOrDefault(p => p is not null);
    }

    public static async Task<HeadlessChromium> LaunchAsync(string? executable = null)
    {
        var path = executable ?? FindExecutable();
        if (path is null || !File.Exists(path))
            throw new ServiceUnavailableException(
                $"No headless browser{(path is null ? "" : $" at {path}")}: install the Debian package 'chromium' (make setup), " +
                $"or set {OverrideVariable} to a Chromium or Chrome executable.");
        var folder = ServiceWorkspace.CreateInstanceDirectory("chromium");
        var options = new LaunchOptions
        {
            Headless = true,
            ExecutablePath = path,
            UserDataDir = Path.Combine(folder, "profile"),
            // As root (CI) Chromium refuses to start with its sandbox; no GPU and no /dev/shm in containers.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars"],
            Timeout = 60_000,
        };
        IBrowser browser;
        try
        {
            browser = await Puppeteer.LaunchAsync(options);
        }
        catch (Exception e) when (e is ProcessException or PuppeteerException)
        {
            HostCommands.DeleteDirectory(folder);
            throw new ServiceUnavailableException($"{path} did not start as a headless browser: {e.Message}", e);
        }
        if (browser.Process is { } process) ServiceWorkspace.RecordServerPid(folder, process.Id);
        var chromium = new HeadlessChromium(browser, folder);
        ServiceWorkspace.Register(folder, chromium.DisposeAsync);
        return chromium;
    }

    /// <summary>A new page (tab) with the given viewport.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var page = await Browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = width, Height = height });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            await Browser.CloseAsync();
        }
        finally
        {
            Browser.Dispose();
            ServiceWorkspace.Unregister(_folder);
            await ServiceWorkspace.StopServersAsync(_folder);
            HostCommands.DeleteDirectory(_folder);
        }
    }
}
