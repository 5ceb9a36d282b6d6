using Microsoft.AspNetCore.Identity;

namespace CallCenter.Web.Account;

/// <summary>
/// Why a password change failed, as short codes for the redirect back to the form (<c>?error=wrong,digit</c>) and the
/// messages the form shows for them: Identity's own descriptions for its password rules.
/// </summary>
public static class PasswordChangeErrors
{
    private static readonly Dictionary<string, string> ByIdentityCode = new()
    {
        [nameof(IdentityErrorDescriber.PasswordMismatch)] = "wrong",
        [nameof(IdentityErrorDescriber.PasswordTooShort)] = "short",
        [nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric)] = "symbol",
        [nameof(IdentityErrorDescriber.PasswordRequiresDigit)] = "digit",
        [nameof(IdentityErrorDescriber.PasswordRequiresLower)] = "lower",
        [nameof(IdentityErrorDescriber.PasswordRequiresUpper)] = "upper",
        [nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars)] = "unique",
    };

    /// <summary>Comma-separated short codes of Identity's errors; "failed" stands for any other error.</summary>
    public static string Codes(IEnumerable<IdentityError> errors) =>
        string.Join(',', errors.Select(e => ByIdentityCode.GetValueOrDefault(e.Code, "failed")).Distinct());

    /// <summary>The messages for a query's codes; unknown codes become one generic message.</summary>
    public static IReadOnlyList<string> Messages(string? codes, IdentityErrorDescriber describe, PasswordOptions options)
    {
        if (string.IsNullOrWhiteSpace(codes)) return Array.Empty<string>();
        return codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(code => code switch
        {
            "expired" => "The form expired. Please try again.",
            "missing" => "Enter your current password and the new one.",
            "confirm" => "The new password and its confirmation do not match.",
            "wrong" => "The current password is not correct.",
            "short" => describe.PasswordTooShort(options.RequiredLength).Description,
            "symbol" => describe.PasswordRequiresNonAlphanumeric().Description,
            "digit" => describe.PasswordRequiresDigit().Description,
            "lower" => describe.PasswordRequiresLower().Description,
            "upper" => describe.PasswordRequiresUpper().Description,
            "unique" => describe.PasswordRequiresUniqueChars(options.RequiredUniqueChars).Description,
            _ => "The password could not be changed.",
        }).Distinct().ToList();
    }
}
