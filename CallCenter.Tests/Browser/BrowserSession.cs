using CallCenter.Tests.Support;
using Microsoft.Playwright;

namespace CallCenter.Tests.Browser;

/// <summary>
/// A real Kestrel host over a fresh SQLite database, and Debian's Chromium driven by Playwright. One per test class.
/// Screenshots go to test-artifacts/browser/ beside the test binaries. A derived fixture may add host settings
/// (<see cref="Configure"/>).
/// </summary>
public class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    };

    public CallCenterAppFactory App { get; } = new();
    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    public static string ArtifactsFolder
    {
        get
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "test-artifacts", "browser");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public virtual async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: ./test.sh installs Debian's chromium.");
        Configure(App.Settings);
        BaseUrl = App.StartKestrelServer();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>Settings of the host, applied before it starts.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    /// <summary>A new browser context (its own cookies) with one page at a desktop size.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        Playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>How a person works the MudBlazor console: sign in, open a list, fill a dialog, pick from a select.</summary>
public static class ConsolePage
{
    public static async Task SignInAsync(IPage page, string path, string user, string password)
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync("**/account/login**");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync("**" + path);
        await WaitInteractiveAsync(page);
    }

    /// <summary>Waits until the Blazor circuit has taken over the prerendered page, so clicks reach their handlers.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-testid=interactive][data-ready=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>Waits until the list's Export button runs export jobs (export.js attached) rather than a plain download.</summary>
    public static Task WaitExportReadyAsync(IPage page) =>
        page.Locator("[data-export-ready=true] [data-testid=export]").WaitForAsync();

    /// <summary>Navigates within the console and waits for the list's heading.</summary>
    public static async Task OpenListAsync(IPage page, string path, string heading)
    {
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1.page-title").First).ToHaveTextAsync(heading);
    }

    public static async Task OpenCreateDialogAsync(IPage page)
    {
        await page.ClickAsync("[data-testid=create]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
    }

    /// <summary>Opens a MudSelect by its test id and clicks the option containing <paramref name="optionText"/>.</summary>
    public static async Task SelectAsync(IPage page, string testId, string optionText)
    {
        await page.Locator($".mud-dialog [data-testid={testId}]").ClickAsync();
        var option = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = optionText }).First;
        await option.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    public static async Task SaveDialogAndWaitClosedAsync(IPage page)
    {
        await page.ClickAsync(".mud-dialog [data-testid=save]");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    public static ILocator Cell(IPage page, string text) =>
        page.GetByRole(AriaRole.Cell, new PageGetByRoleOptions { Name = text, Exact = true });

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserSession.ArtifactsFolder, name + ".png"), FullPage = true });
}
