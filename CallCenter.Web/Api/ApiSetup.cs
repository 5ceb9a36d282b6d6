using System.Threading.RateLimiting;
using CallCenter.Infrastructure;
using CallCenter.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.RateLimiting;

namespace CallCenter.Web.Api;

/// <summary>The <c>Api</c> section of configuration.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Accepted values of the <c>{version}</c> path segment.</summary>
    public string[] Versions { get; set; } = { "5.0.x.20210203_release", "2.0.5.20210514_release" };

    /// <summary>The source's "20 requests per minute", per key and endpoint, where the source states it.</summary>
    public int RateLimitPerMinute { get; set; } = 20;

    /// <summary>§6.34 <c>systemMaxConcurrent</c>: the system-wide channel limit; 0 = unlimited (answered as 0).</summary>
    public int SystemMaxConcurrent { get; set; }
}

/// <summary>The authenticated caller of one API request, and the tenant it tried to reach without the right.</summary>
public sealed class ApiCallerContext
{
    private const string ItemKey = "callcenter.api.caller";

    public required ApiCaller Caller { get; init; }
    public int? TenantId => Caller.TenantId;
    public TenantScope Scope => Caller.Scope;
    /// <summary>Set when the request named a tenant the key may not use.</summary>
    public int? ForbiddenTenant { get; set; }

    public static ApiCallerContext From(HttpContext http) =>
        http.Items[ItemKey] as ApiCallerContext
        ?? throw new InvalidOperationException("API endpoint reached without the API key filter.");

    public static void Set(HttpContext http, ApiCaller caller) => http.Items[ItemKey] = new ApiCallerContext { Caller = caller };
}

public static class ApiSetup
{
    public const string SpecRateLimit = "spec-20-per-minute";

    public static IServiceCollection AddCallCenterApi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
        services.AddSingleton(options);
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(SpecRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                $"{http.Request.Headers.Authorization}|{http.Request.Headers["X-Api-Key"]}|{http.Request.Path}",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, options.RateLimitPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (ctx, ct) =>
            {
                var result = ApiEnvelope.Error(StatusCodes.Status429TooManyRequests, null,
                    $"Too many requests: at most {options.RateLimitPerMinute} per minute for this interface.");
                await result.ExecuteAsync(ctx.HttpContext);
            };
        });
        return services;
    }

    /// <summary>
    /// The group every programmer's-guide endpoint hangs under: <c>/{version}</c> (a configured version), a valid
    /// API key (<c>Authorization: Bearer …</c> or <c>X-Api-Key</c>), JSON envelopes for every failure.
    /// </summary>
    public static RouteGroupBuilder MapCallCenterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/{version:regex(^[0-9]+\\.[0-9]+\\.[0-9a-z]+\\.[0-9]+_release$)}")
            .DisableAntiforgery()
            .AddEndpointFilter(async (ctx, next) =>
            {
                var http = ctx.HttpContext;
                var options = http.RequestServices.GetRequiredService<ApiOptions>();
                var version = http.Request.RouteValues["version"] as string;
                if (!options.Versions.Contains(version, StringComparer.Ordinal))
                    return ApiEnvelope.Error(StatusCodes.Status404NotFound, null,
                        $"Unknown interface version '{version}'. Supported: {string.Join(", ", options.Versions)}.");
                var presented = PresentedKey(http.Request);
                if (presented is null)
                    return ApiEnvelope.Error(StatusCodes.Status401Unauthorized, null,
                        "Missing API key: send 'Authorization: Bearer <key>'.");
                var caller = await http.RequestServices.GetRequiredService<ApiKeyService>().AuthenticateAsync(presented, http.RequestAborted);
                if (caller is null)
                    return ApiEnvelope.Error(StatusCodes.Status401Unauthorized, null, "Unknown or revoked API key.");
                ApiCallerContext.Set(http, caller);
                return await next(ctx);
            });
        return group;
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        if (auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return auth["Bearer ".Length..].Trim();
        var header = request.Headers["X-Api-Key"].ToString();
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }

    /// <summary>
    /// Maps one POST interface: reads the body tolerantly, answers 201 for an unreadable body, 403 for a tenant the key
    /// may not use, 201 for field errors found by the handler, otherwise the handler's answer.
    /// </summary>
    public static RouteHandlerBuilder MapInterface(this RouteGroupBuilder group, string pattern,
        Func<ApiRequest, IServiceProvider, CancellationToken, Task<IResult>> handler) =>
        group.MapPost(pattern, async (HttpContext http) =>
        {
            var request = await ApiRequest.ReadAsync(http);
            if (!request.Valid) return ApiEnvelope.Invalid(request.ActionId, request.Errors);
            return await handler(request, http.RequestServices, http.RequestAborted);
        });

    /// <summary>What to answer instead of data when the request's fields are not acceptable; null when they are.</summary>
    public static IResult? Refusal(this ApiRequest request)
    {
        if (request.Caller.ForbiddenTenant is int t)
            return ApiEnvelope.Error(StatusCodes.Status403Forbidden, request.ActionId, $"This API key may not access tenant {t}.");
        return request.Valid ? null : ApiEnvelope.Invalid(request.ActionId, request.Errors);
    }
}
