using Bunit;
using Bunit.TestDoubles;
using CallCenter.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace CallCenter.Tests.Components;

/// <summary>
/// A bUnit context with MudBlazor, a signed-in all-tenants Admin, and the app's real TenantService over a migrated
/// SQLite file with the demo tenant. One per test (xunit creates a test class instance per test).
/// </summary>
public abstract class ComponentTestBase : IAsyncLifetime
{
    protected BunitContext Ctx { get; } = new();
    protected SqliteTestDatabase Db { get; private set; } = default!;
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    /// <summary>The signed-in test user (add claims, e.g. its user id, before rendering).</summary>
    protected BunitAuthorizationContext Auth { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Db = await SqliteTestDatabase.CreateAsync(seedDemo: true);
        SqliteTestDatabase.Register(Ctx.Services, Db.Folder);
        Ctx.Services.AddMudServices();
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Auth = Ctx.AddAuthorization();
        Auth.SetAuthorized("admin").SetRoles("Admin");
    }

    public async Task DisposeAsync()
    {
        await Ctx.DisposeAsync();
        await Db.DisposeAsync();
    }

    /// <summary>Renders <typeparamref name="T"/> after the providers MudBlazor's popovers, dialogs and snackbars need.</summary>
    protected IRenderedComponent<IComponent> RenderWithProviders<T>() where T : IComponent =>
        RenderWithProviders(Ctx, b =>
        {
            b.OpenComponent<T>(0);
            b.CloseComponent();
        });

    /// <summary>Renders the component type <paramref name="component"/> after the providers (for tests over several pages).</summary>
    protected IRenderedComponent<IComponent> RenderWithProviders(Type component) =>
        RenderWithProviders(Ctx, b =>
        {
            b.OpenComponent(0, component);
            b.CloseComponent();
        });

    /// <summary>Renders <paramref name="content"/> after the providers MudBlazor's popovers, dialogs and snackbars need.</summary>
    public static IRenderedComponent<IComponent> RenderWithProviders(BunitContext ctx, RenderFragment content) =>
        ctx.Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(2);
            b.CloseComponent();
            b.AddContent(3, content);
        });

    protected static string[] Column(IRenderedComponent<IComponent> cut, string label) =>
        cut.FindAll($"td[data-label='{label}']").Select(td => td.TextContent.Trim()).ToArray();
}
