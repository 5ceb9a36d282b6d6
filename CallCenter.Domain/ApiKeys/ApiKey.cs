using System.Security.Cryptography;
using System.Text;
using CallCenter.Domain.Common;

namespace CallCenter.Domain.ApiKeys;

/// <summary>
/// A key a business system sends as <c>Authorization: Bearer cck_{prefix}_{secret}</c>. Only a SHA-256 hash of the
/// whole key is stored; the key itself is shown once, at creation. A key reads and writes only its tenant; a key
/// without a tenant (an admin key) spans all tenants.
/// </summary>
public class ApiKey
{
    public const string Scheme = "cck";

    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Public part used to find the key (8 characters), also shown in lists.</summary>
    public string Prefix { get; set; } = "";
    public string KeyHash { get; set; } = "";
    /// <summary>The only tenant this key may use; null = all tenants (admin key).</summary>
    public int? TenantId { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime CreatedTime { get; set; }
    public DateTime? LastUsedTime { get; set; }
    public DateTime? RevokedTime { get; set; }

    public bool Revoked => RevokedTime is not null;

    public IReadOnlyList<FieldError> Validate()
    {
        var v = new Validator();
        v.Required(nameof(Name), Name, "Name", 64);
        return v.Errors;
    }

    /// <summary>Makes a new key: returns the text to hand out once, and sets <see cref="Prefix"/> and <see cref="KeyHash"/>.</summary>
    public string Issue()
    {
        Prefix = RandomToken(8);
        var key = $"{Scheme}_{Prefix}_{RandomToken(32)}";
        KeyHash = Hash(key);
        return key;
    }

    /// <summary>The prefix of a presented key, or null when it is not of our form.</summary>
    public static string? PrefixOf(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 100) return null;
        var parts = presented.Split('_');
        return parts.Length == 3 && parts[0] == Scheme && parts[1].Length == 8 && parts[2].Length == 32 ? parts[1] : null;
    }

    public bool Matches(string presented) =>
        !Revoked && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(KeyHash));

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string RandomToken(int length)
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
