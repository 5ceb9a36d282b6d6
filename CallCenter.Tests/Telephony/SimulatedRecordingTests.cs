using System.Buffers.Binary;
using System.Text;
using CallCenter.Domain.Telephony;
using static CallCenter.Tests.Telephony.SwitchHarness;

namespace CallCenter.Tests.Telephony;

public class SimulatedRecordingTests
{
    [Fact]
    public void Recording_writes_a_small_valid_wav_and_reports_its_duration()
    {
        using var h = new SwitchHarness();
        var caller = h.AnsweredInboundChannel();
        h.Switch.StartRecording(caller, "10001/2026/call-1.wav", null);
        Assert.Equal(new RecordingStarted(Tenant, h.Start, caller, "10001/2026/call-1.wav"), h.Events.All[^1]);
        Assert.Equal(1, h.Switch.Snapshot().ActiveRecordings);

        h.Advance(7.5);
        h.Switch.StopRecording(caller, "10001/2026/call-1.wav");
        Assert.Equal(new RecordingStopped(Tenant, h.Start.AddSeconds(7.5), caller, "10001/2026/call-1.wav", 7), h.Events.All[^1]);
        Assert.Equal(0, h.Switch.Snapshot().ActiveRecordings);

        var path = Path.Combine(h.RecordingsFolder, "10001", "2026", "call-1.wav");
        var wav = ReadWav(path);
        Assert.True(wav.Size <= h.Options.MaxRecordingFileBytes, $"{wav.Size} bytes");
        Assert.Equal(8000, wav.SampleRate);
        Assert.Equal(16, wav.BitsPerSample);
        Assert.Equal(1, wav.Channels);
        Assert.True(wav.DataBytes > 0);
        // A soft 440 Hz beep in the first quarter of each second, silence in the rest.
        var samples = Enumerable.Range(0, wav.Data.Length / 2).Select(i => BinaryPrimitives.ReadInt16LittleEndian(wav.Data.AsSpan(i * 2))).ToArray();
        Assert.Equal(7 * 8000, samples.Length);
        Assert.InRange(samples.Take(2000).Max(), 3900, 4000);
        Assert.All(samples.Skip(2000).Take(6000), v => Assert.Equal(0, v));
        Assert.InRange(samples.Skip(8000).Take(2000).Max(), 3900, 4000);
        Assert.Contains(caller, wav.Comment);
        Assert.Contains(" 7 s", wav.Comment);
    }

    [Fact]
    public void Below_the_size_cap_the_wav_holds_the_whole_duration()
    {
        using var h = new SwitchHarness(o => o.MaxRecordingFileBytes = 100_000);
        var caller = h.AnsweredInboundChannel();
        h.Switch.StartRecording(caller, "short.wav", null);
        h.Advance(2);
        h.Switch.StopRecording(caller, "short.wav");
        Assert.Equal(2 * 16_000, ReadWav(Path.Combine(h.RecordingsFolder, "short.wav")).DataBytes);
    }

    [Fact]
    public void The_limit_stops_a_recording_by_itself()
    {
        using var h = new SwitchHarness();
        var caller = h.AnsweredInboundChannel();
        h.Switch.StartRecording(caller, "limited.wav", 5);
        h.Advance(4.9);
        Assert.Empty(h.Events.Of<RecordingStopped>());
        h.Advance(0.1);
        Assert.Equal(new RecordingStopped(Tenant, h.Start.AddSeconds(5), caller, "limited.wav", 5), h.Events.All[^1]);
        Assert.True(File.Exists(Path.Combine(h.RecordingsFolder, "limited.wav")));

        h.Switch.StopRecording(caller, "limited.wav"); // already stopped: nothing
        Assert.Single(h.Events.Of<RecordingStopped>());
    }

    [Fact]
    public void Hanging_up_stops_the_channel_recordings_first()
    {
        using var h = new SwitchHarness();
        var caller = h.AnsweredInboundChannel();
        h.Switch.StartRecording(caller, "a.wav", 60);
        h.Switch.StartRecording(caller, "b.wav", null);
        h.Switch.StartRecording(caller, "b.wav", null); // already recording it: ignored
        h.Advance(3);
        h.Switch.Hangup(caller, HangupCauses.SendBye);

        var tail = h.Events.For(caller).TakeLast(3).ToList();
        Assert.Equal(new RecordingStopped(Tenant, h.Start.AddSeconds(3), caller, "a.wav", 3), tail[0]);
        Assert.Equal(new RecordingStopped(Tenant, h.Start.AddSeconds(3), caller, "b.wav", 3), tail[1]);
        Assert.IsType<ChannelHungUp>(tail[2]);
        Assert.Equal(2, h.Events.Of<RecordingStarted>().Count);
        h.Advance(100); // the limit of a.wav does not fire on a channel that is gone
        Assert.Equal(2, h.Events.Of<RecordingStopped>().Count);
    }

    [Fact]
    public void Stop_all_stops_every_recording_of_the_channel()
    {
        using var h = new SwitchHarness();
        var caller = h.AnsweredInboundChannel();
        h.Switch.StartRecording(caller, "a.wav", null);
        h.Switch.StartRecording(caller, Path.Combine(h.RecordingsFolder, "abs", "b.wav"), null);
        h.Advance(1);
        h.Switch.StopRecording(caller, "all");
        Assert.Equal(2, h.Events.Of<RecordingStopped>().Count);
        Assert.True(File.Exists(Path.Combine(h.RecordingsFolder, "abs", "b.wav")));
    }

    private sealed record Wav(int Size, int Channels, int SampleRate, int BitsPerSample, int DataBytes, byte[] Data, string Comment);

    /// <summary>A strict little RIFF reader: the chunk sizes must add up to the file.</summary>
    private static Wav ReadWav(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var s = bytes.AsSpan();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(s[4..]));
        Assert.Equal("WAVE", Encoding.ASCII.GetString(bytes, 8, 4));
        int channels = 0, rate = 0, bits = 0;
        byte[]? data = null;
        var comment = "";
        var at = 12;
        while (at < bytes.Length)
        {
            var id = Encoding.ASCII.GetString(bytes, at, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(s[(at + 4)..]);
            var body = s.Slice(at + 8, size);
            switch (id)
            {
                case "fmt ":
                    Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(body)); // PCM
                    channels = BinaryPrimitives.ReadInt16LittleEndian(body[2..]);
                    rate = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                    Assert.Equal(rate * channels * 2, BinaryPrimitives.ReadInt32LittleEndian(body[8..]));
                    bits = BinaryPrimitives.ReadInt16LittleEndian(body[14..]);
                    break;
                case "LIST":
                    Assert.Equal("INFO", Encoding.ASCII.GetString(body[..4]));
                    var i = 4;
                    while (i < body.Length)
                    {
                        var sub = Encoding.ASCII.GetString(body.Slice(i, 4));
                        var len = BinaryPrimitives.ReadInt32LittleEndian(body[(i + 4)..]);
                        if (sub == "ICMT") comment = Encoding.UTF8.GetString(body.Slice(i + 8, len)).TrimEnd('\0');
                        i += 8 + len + (len % 2);
                    }
                    break;
                case "data":
                    data = body.ToArray();
                    break;
            }
            at += 8 + size + (size % 2);
        }
        Assert.Equal(bytes.Length, at);
        Assert.NotNull(data);
        return new Wav(bytes.Length, channels, rate, bits, data.Length, data, comment);
    }
}
