using System.Buffers.Binary;
using System.Text;

namespace CallCenter.Infrastructure.Telephony.Simulated;

/// <summary>
/// The file a simulated recording leaves: a valid 8 kHz 16-bit mono PCM WAV as long as the recording up to a size cap,
/// holding a soft 440 Hz beep in the first quarter of every second (so a person playing it hears that it plays), with a
/// LIST/INFO chunk naming the channel and the true duration (ICMT) and the date (ICRD).
/// </summary>
internal static class WavFile
{
    public const int SampleRate = 8000;
    public const int BytesPerSecond = SampleRate * 2;

    /// <summary>Room for the headers and a short comment; smaller caps are refused by the options.</summary>
    public const int MinimumSize = 512;

    public static byte[] Build(int durationSeconds, string comment, DateTimeOffset createdAt, int maxBytes)
    {
        var info = new MemoryStream();
        WriteInfo(info, "ICMT", comment);
        WriteInfo(info, "ICRD", createdAt.UtcDateTime.ToString("yyyy-MM-dd"));
        WriteInfo(info, "ISFT", "CallCenter simulated switch");
        var list = info.ToArray();

        const int fmtChunk = 8 + 16;
        var listChunk = 8 + 4 + list.Length;
        var header = 12 + fmtChunk + listChunk + 8;
        if (header > maxBytes) // an absurdly long comment: drop it rather than exceed the cap
        {
            list = [];
            listChunk = 8 + 4;
            header = 12 + fmtChunk + listChunk + 8;
        }
        var data = (int)Math.Min((long)Math.Max(0, durationSeconds) * BytesPerSecond, Math.Max(0, maxBytes - header));
        data &= ~1; // whole 16-bit samples

        var bytes = new byte[header + data];
        var s = bytes.AsSpan();
        Ascii(s, 0, "RIFF");
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], bytes.Length - 8);
        Ascii(s, 8, "WAVE");
        Ascii(s, 12, "fmt ");
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], BytesPerSecond);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], 2); // block align
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16); // bits per sample
        var at = 36;
        Ascii(s, at, "LIST");
        BinaryPrimitives.WriteInt32LittleEndian(s[(at + 4)..], 4 + list.Length);
        Ascii(s, at + 8, "INFO");
        list.CopyTo(s[(at + 12)..]);
        at += listChunk;
        Ascii(s, at, "data");
        BinaryPrimitives.WriteInt32LittleEndian(s[(at + 4)..], data);
        WriteBeeps(s.Slice(at + 8, data));
        return bytes;
    }

    /// <summary>Peak amplitude of the beeps: about -18 dBFS, audible and not loud.</summary>
    public const short BeepAmplitude = 4000;

    /// <summary>A 440 Hz beep in the first 250 ms of every second, silence in between.</summary>
    private static void WriteBeeps(Span<byte> samples)
    {
        for (var i = 0; i < samples.Length / 2; i++)
        {
            var inSecond = i % SampleRate;
            if (inSecond >= SampleRate / 4) continue;
            var value = (short)(BeepAmplitude * Math.Sin(2 * Math.PI * 440 * inSecond / SampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(samples[(i * 2)..], value);
        }
    }

    private static void WriteInfo(Stream to, string id, string text)
    {
        var value = Encoding.UTF8.GetBytes(text + "\0");
        to.Write(Encoding.ASCII.GetBytes(id));
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(size, value.Length);
        to.Write(size);
        to.Write(value);
        if (value.Length % 2 == 1) to.WriteByte(0); // chunks are word-aligned
    }

    private static void Ascii(Span<byte> s, int at, string text) => Encoding.ASCII.GetBytes(text, s[at..]);
}
