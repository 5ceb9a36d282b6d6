namespace CallCenter.Domain.Common;

/// <summary>A validation failure tied to one input field, so every interface can show it by that field.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>Collects field errors with small helpers shared by every entity's validation.</summary>
public sealed class Validator
{
    private readonly List<FieldError> _errors = new();

    public IReadOnlyList<FieldError> Errors => _errors;

    public Validator Add(string field, string message)
    {
        _errors.Add(new FieldError(field, message));
        return this;
    }

    public Validator Required(string field, string? value, string label, int maxLength = 100)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"{label} is required.");
        if (value.Length > maxLength) Add(field, $"{label} must be at most {maxLength} characters.");
        return this;
    }

    public Validator Optional(string field, string? value, string label, int maxLength = 200)
    {
        if (value is not null && value.Length > maxLength) Add(field, $"{label} must be at most {maxLength} characters.");
        return this;
    }

    public Validator Digits(string field, string? value, string label, int minLength, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) return Add(field, $"{label} is required.");
        if (value.Length < minLength || value.Length > maxLength || !value.All(char.IsAsciiDigit))
            Add(field, minLength == maxLength
                ? $"{label} must be exactly {minLength} digits."
                : $"{label} must be {minLength} to {maxLength} digits.");
        return this;
    }

    public Validator Range(string field, decimal value, decimal min, decimal max, string label)
    {
        if (value < min || value > max) Add(field, $"{label} must be between {min} and {max}.");
        return this;
    }

    public Validator OneOf<T>(string field, T value, string label, params T[] allowed)
    {
        if (!allowed.Contains(value)) Add(field, $"{label} must be one of {string.Join(", ", allowed)}.");
        return this;
    }
}

/// <summary>Outcome of a command: success, or the field errors / refusal that explain why nothing changed.</summary>
public sealed class Result
{
    private Result(IReadOnlyList<FieldError> errors, string? refusal)
    {
        Errors = errors;
        Refusal = refusal;
    }

    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>A whole-request refusal (not tied to a field), e.g. "still referenced by 3 agents".</summary>
    public string? Refusal { get; }

    public bool Succeeded => Errors.Count == 0 && Refusal is null;

    public static Result Ok() => new(Array.Empty<FieldError>(), null);
    public static Result Invalid(IReadOnlyList<FieldError> errors) => new(errors, null);
    public static Result Invalid(string field, string message) => new(new[] { new FieldError(field, message) }, null);
    public static Result Refused(string reason) => new(Array.Empty<FieldError>(), reason);

    /// <summary>All messages in one line, for interfaces that show a single message.</summary>
    public string Describe() => Refusal ?? string.Join(" ", Errors.Select(e => e.Message));

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;
}

/// <summary>Outcome of a create: the new id on success.</summary>
public sealed record Created<TKey>(Result Result, TKey? Id);
