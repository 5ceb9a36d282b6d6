using CallCenter.Domain.Telephony;
using Microsoft.Extensions.Logging;

namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>
/// Recording: a recording is a start instant; when it stops (command, limit, or the channel's end) a small WAV of
/// silence is written (see <see cref="WavFile"/>) and <see cref="RecordingStopped"/> reports the whole seconds recorded.
/// </summary>
public sealed partial class SimulatedSwitch
{
    /// <summary>Pass as the file path of <see cref="StopRecording"/> (or pass an empty path) to stop all of a channel's recordings.</summary>
    public const string AllRecordings = "all";

    /// <summary>
    /// Starts recording the channel to <paramref name="filePath"/> (relative to <see cref="RecordingsRoot"/>, or
    /// absolute): <see cref="RecordingStarted"/> with the path as given. <paramref name="limitSeconds"/> &gt; 0 stops it
    /// by itself after that long.
    /// </summary>
    public void StartRecording(string channelId, string filePath, int? limitSeconds) => Command(now =>
    {
        if (!TryGetChannel(channelId, nameof(StartRecording), out var channel)) return;
        if (string.IsNullOrWhiteSpace(filePath) || channel.Recordings.Any(r => r.FilePath == filePath))
        {
            _log.LogWarning("Simulated switch: recording {Path} on {Channel} ignored: empty path or already recording it.", filePath, channelId);
            return;
        }
        var recording = new SimRecording(filePath, ResolveRecordingPath(filePath), now);
        channel.Recordings.Add(recording);
        if (limitSeconds is > 0)
            recording.LimitJob = After(now, limitSeconds.Value, at => StopRecording(channel, recording, at));
        Emit(new RecordingStarted(channel.TenantId, now, channel.Id, filePath));
    });

    /// <summary>Stops the recording to <paramref name="filePath"/> (or all, see <see cref="AllRecordings"/>): the file is written, then <see cref="RecordingStopped"/>.</summary>
    public void StopRecording(string channelId, string filePath) => Command(now =>
    {
        if (!TryGetChannel(channelId, nameof(StopRecording), out var channel)) return;
        var all = string.IsNullOrEmpty(filePath) || filePath == AllRecordings;
        var stopping = channel.Recordings.Where(r => all || r.FilePath == filePath).ToList();
        if (stopping.Count == 0)
            _log.LogWarning("Simulated switch: {Channel} is not recording {Path}.", channelId, filePath);
        foreach (var recording in stopping) StopRecording(channel, recording, now);
    });

    private string ResolveRecordingPath(string filePath) =>
        Path.IsPathRooted(filePath) ? Path.GetFullPath(filePath) : Path.GetFullPath(Path.Combine(_recordingsRoot, filePath));

    private void StopRecording(SimChannel channel, SimRecording recording, DateTimeOffset at)
    {
        if (!channel.Recordings.Remove(recording)) return;
        recording.LimitJob?.Cancel();
        var seconds = (int)Math.Max(0, Math.Floor((at - recording.StartedAt).TotalSeconds));
        var comment = $"Simulated recording of channel {channel.Id} (tenant {channel.TenantId}), {seconds} s, " +
                      $"from {recording.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z to {at.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z.";
        var path = recording.FullPath;
        var max = _options.MaxRecordingFileBytes;
        Defer(() => WriteRecording(path, seconds, comment, at, max));
        Emit(new RecordingStopped(channel.TenantId, at, channel.Id, recording.FilePath, seconds));
    }

    private void WriteRecording(string path, int seconds, string comment, DateTimeOffset at, int maxBytes)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, WavFile.Build(seconds, comment, at, maxBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _log.LogWarning(ex, "Simulated switch: could not write the recording {Path}.", path);
        }
    }
}
