namespace CallCenter.Infrastructure.Records;

/// <summary>The <c>Records</c> section of configuration: how <see cref="BatchingRecordWriter"/> queues and batches.</summary>
public sealed class RecordWriterOptions
{
    public const string Section = "Records";

    /// <summary>Most records written in one SaveChanges (one transaction).</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Longest a batch waits for more records after its first one arrived, in milliseconds.</summary>
    public int FlushIntervalMs { get; set; } = 500;

    /// <summary>Records the queue holds before <see cref="BatchingRecordWriter.Write"/> starts dropping.</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>Retries of a failed batch before it is given up (logged and counted as failed).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Wait before the first retry, in milliseconds; doubled for each further retry.</summary>
    public int RetryDelayMs { get; set; } = 500;

    public TimeSpan FlushInterval => TimeSpan.FromMilliseconds(FlushIntervalMs);

    /// <summary>Throws when a value cannot work, so a bad configuration stops the start rather than the history.</summary>
    public RecordWriterOptions Validate()
    {
        if (BatchSize < 1) throw Invalid(nameof(BatchSize), BatchSize, "at least 1");
        if (FlushIntervalMs < 1) throw Invalid(nameof(FlushIntervalMs), FlushIntervalMs, "at least 1");
        if (Capacity < 1) throw Invalid(nameof(Capacity), Capacity, "at least 1");
        if (MaxRetries < 0) throw Invalid(nameof(MaxRetries), MaxRetries, "0 or more");
        if (RetryDelayMs < 0) throw Invalid(nameof(RetryDelayMs), RetryDelayMs, "0 or more");
        return this;
    }

    private static InvalidOperationException Invalid(string name, int value, string rule) =>
        new($"{Section}:{name} is {value}; it must be {rule}.");
}
