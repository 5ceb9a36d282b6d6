using CallCenter.Domain.Tenants;
using CallCenter.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Tests.Support;

/// <summary>Small direct writes and reads for service tests: arranging rows a service is not under test for, and counting.</summary>
public static class TestData
{
    /// <summary>A second tenant for cross-tenant cases (the demo tenant is 10001).</summary>
    public const int OtherTenant = 20001;

    /// <summary>Adds an empty tenant straight to the database.</summary>
    public static async Task AddTenantAsync(this SqliteTestDatabase db, int id = OtherTenant, string? name = null)
    {
        await using var ctx = db.NewContext();
        ctx.Tenants.Add(new Tenant { Id = id, Name = name ?? $"Tenant {id}", CreatedTime = db.Clock.Now.UtcDateTime });
        await ctx.SaveChangesAsync();
    }

    /// <summary>Adds rows straight to the database (bypassing the services) and returns them with their ids.</summary>
    public static async Task<T> AddAsync<T>(this SqliteTestDatabase db, T row) where T : class
    {
        await using var ctx = db.NewContext();
        ctx.Add(row);
        await ctx.SaveChangesAsync();
        return row;
    }

    /// <summary>Runs a query on a fresh context, e.g. <c>db.QueryAsync(c => c.Agents.CountAsync())</c>.</summary>
    public static async Task<TResult> QueryAsync<TResult>(this SqliteTestDatabase db, Func<CallCenterDbContext, Task<TResult>> query)
    {
        await using var ctx = db.NewContext();
        return await query(ctx);
    }

    /// <summary>Rows of <typeparamref name="T"/> in the whole database.</summary>
    public static Task<int> CountAsync<T>(this SqliteTestDatabase db) where T : class =>
        db.QueryAsync(c => c.Set<T>().CountAsync());
}
