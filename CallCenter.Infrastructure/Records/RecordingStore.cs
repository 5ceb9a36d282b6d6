namespace CallCenter.Infrastructure.Records;

/// <summary>
/// The folder the recordings are written to (the engine's <c>RecordingFolder</c>: the simulated switch writes a small
/// WAV there when a recording stops) and the files in it, named as the recording records name them (relative paths such
/// as <c>10001/20260101/&lt;callId&gt;-1.wav</c>). A name that would leave the folder is never resolved.
/// </summary>
public sealed class RecordingStore(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The full path of <paramref name="filename"/> inside <see cref="Root"/>, or null when it is empty or escapes it.</summary>
    public string? PathOf(string? filename)
    {
        if (string.IsNullOrWhiteSpace(filename) || Path.IsPathRooted(filename)) return null;
        var full = Path.GetFullPath(Path.Combine(Root, filename));
        var inside = Root.EndsWith(Path.DirectorySeparatorChar) ? Root : Root + Path.DirectorySeparatorChar;
        return full.StartsWith(inside, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>The full path when the file exists, else null.</summary>
    public string? ExistingPath(string? filename) => PathOf(filename) is { } path && File.Exists(path) ? path : null;

    /// <summary>Deletes the file if it is there; false when it could not be deleted.</summary>
    public bool Delete(string? filename)
    {
        if (PathOf(filename) is not { } path) return true;
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
