using CallCenter.Domain.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace CallCenter.Infrastructure.Data;

public static class DbContextExtensions
{
    /// <summary>
    /// Saves; a unique-index violation that slipped past the service's own check (two saves racing) becomes the given
    /// field error instead of an exception, and nothing is written.
    /// </summary>
    public static async Task<Result> SaveUniqueAsync(this CallCenterDbContext db, CancellationToken ct, (string Field, string Message) onDuplicate)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return Result.Invalid(onDuplicate.Field, onDuplicate.Message);
        }
    }

    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
        SqlException s => s.Number is 2601 or 2627,
        _ => false,
    };
}
