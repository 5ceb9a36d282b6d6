using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Data;

/// <summary>Hands out the provider's context as the common <see cref="CallCenterDbContext"/>.</summary>
public sealed class CallCenterDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CallCenterDbContext>
    where TContext : CallCenterDbContext
{
    public CallCenterDbContext CreateDbContext() => inner.CreateDbContext();
}
