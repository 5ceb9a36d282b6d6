using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CallCenter.Domain.Cti.Protocol;

public static partial class ProtocolCodec
{
    /// <summary>Chinese (and every other) text is written as is, not as \uXXXX.</summary>
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    private static readonly JsonEncodedText MessageIdKey = JsonEncodedText.Encode("messageId");
    private static readonly JsonEncodedText SeqKey = JsonEncodedText.Encode("seq");
    private static readonly JsonEncodedText EventTimeKey = JsonEncodedText.Encode("eventTime");

    /// <summary>Buffers above this size are not kept for reuse after a call.</summary>
    private const int MaxCachedBuffer = 256 * 1024;

    /// <summary>Where an idle cached writer points; never written to.</summary>
    private static readonly ArrayBufferWriter<byte> NoOutput = new(1);

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// The event as JSON text: <c>messageId</c> first, the fields in order, then <c>seq</c> and <c>eventTime</c>
    /// (Unix milliseconds) when given. Field values may be string, int, long, bool, null, an enum (its number),
    /// string[] (any <see cref="IEnumerable{T}"/> of string) or a nested field list (attachDatas), which becomes an
    /// object. Throws <see cref="ArgumentException"/> for any other value type (a programming error).
    /// </summary>
    public static string Serialize(CtiEvent e, long? seq = null, long? eventTimeMs = null)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        try
        {
            WriteTo(buffer, e, seq, eventTimeMs);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            if (buffer.Capacity > MaxCachedBuffer) t_buffer = null;
            else buffer.ResetWrittenCount();
        }
    }

    /// <summary>The event as UTF-8 bytes (what the WebSocket sends).</summary>
    public static byte[] SerializeToUtf8Bytes(CtiEvent e, long? seq = null, long? eventTimeMs = null)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        try
        {
            WriteTo(buffer, e, seq, eventTimeMs);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > MaxCachedBuffer) t_buffer = null;
            else buffer.ResetWrittenCount();
        }
    }

    /// <summary>Writes the event as UTF-8 JSON into <paramref name="output"/> (no intermediate string).</summary>
    public static void WriteTo(IBufferWriter<byte> output, CtiEvent e, long? seq = null, long? eventTimeMs = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(e);
        var writer = t_writer;
        if (writer is null) t_writer = writer = new Utf8JsonWriter(output, WriterOptions);
        else writer.Reset(output);
        t_writer = null; // not reentrant: a nested call gets its own writer
        try
        {
            writer.WriteStartObject();
            writer.WriteNumber(MessageIdKey, e.MessageId);
            WriteFields(writer, e.Fields);
            if (seq is { } s) writer.WriteNumber(SeqKey, s);
            if (eventTimeMs is { } t) writer.WriteNumber(EventTimeKey, t);
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            writer.Reset(NoOutput); // let go of the caller's buffer
            t_writer = writer;
        }
    }

    private static void WriteFields(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> fields)
    {
        if (fields is IReadOnlyList<KeyValuePair<string, object?>> list)
        {
            // Indexing avoids the boxed enumerator of an array: an event costs no allocation but its output.
            for (var i = 0; i < list.Count; i++) WriteField(writer, list[i].Key, list[i].Value);
            return;
        }

        foreach (var (key, value) in fields) WriteField(writer, key, value);
    }

    private static void WriteField(Utf8JsonWriter writer, string key, object? value)
    {
        writer.WritePropertyName(key);
        WriteValue(writer, key, value);
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case Enum:
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case IEnumerable<KeyValuePair<string, object?>> nested:
                writer.WriteStartObject();
                WriteFields(writer, nested);
                writer.WriteEndObject();
                break;
            case IEnumerable<KeyValuePair<string, string>> map:
                writer.WriteStartObject();
                foreach (var (k, v) in map) writer.WriteString(k, v);
                writer.WriteEndObject();
                break;
            case IReadOnlyList<string> items:
                writer.WriteStartArray();
                for (var i = 0; i < items.Count; i++) writer.WriteStringValue(items[i]);
                writer.WriteEndArray();
                break;
            case IEnumerable<string> list:
                writer.WriteStartArray();
                foreach (var item in list) writer.WriteStringValue(item);
                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"field {key}: values of type {value.GetType().Name} cannot be serialized");
        }
    }
}
