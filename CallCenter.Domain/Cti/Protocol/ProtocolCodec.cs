using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CallCenter.Domain.Common;

namespace CallCenter.Domain.Cti.Protocol;

/// <summary>
/// The wire codec of the agent WebSocket protocol (programmer's guide §3.5, §4, §5; digest Part 2).
/// <para>
/// <b>Requests</b> (<see cref="Parse(string?)"/>): a text frame <c>{"thisDN","type","message"}</c>; <c>type</c> is
/// "login" (messageId 100 only), "request" (every other messageId) or "ping" (the heartbeat, <c>message</c> ignored).
/// <c>message</c> is a JSON string holding the inner object (as the source's <c>JSON.stringify</c> sends it) or the
/// object itself. Every problem is a <see cref="ParseFailure"/> with error 18 and a reason naming the field; Parse
/// never throws.
/// </para>
/// <para>
/// <b>Events</b> (<see cref="Serialize(CtiEvent, long?, long?)"/>): one flat JSON object, <c>messageId</c> first, the
/// fields in order with the source's spellings, then <c>seq</c> and <c>eventTime</c> when given.
/// </para>
/// Decisions on the source's gaps (each pinned by a test in ProtocolCodecTests) are noted where they are applied.
/// </summary>
public static partial class ProtocolCodec
{
    /// <summary>Largest frame accepted (UTF-8 bytes). The WebSocket layer closes bigger frames; Parse refuses them.</summary>
    public const int MaxFrameBytes = 64 * 1024;

    /// <summary>Deepest JSON nesting accepted, in the frame and in the inner message (the protocol needs 3).</summary>
    public const int MaxDepth = 16;

    public const string TypeLogin = "login", TypeRequest = "request", TypePing = "ping";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        // Decision: a key given twice ({"callID":"a","callID":"b"}) is refused rather than guessing which one counts.
        AllowDuplicateProperties = false,
    };

    /// <summary>Strict UTF-8: a lone surrogate in the frame is an error, not a silent U+FFFD.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses one text frame. Never throws.</summary>
    public static ParseResult Parse(string? frame)
    {
        if (string.IsNullOrEmpty(frame)) return Failure(0, null, "empty frame");
        if (frame.Length > MaxFrameBytes) return TooLarge();
        int length;
        try
        {
            length = StrictUtf8.GetByteCount(frame);
        }
        catch (ArgumentException)
        {
            return Failure(0, null, "frame is not valid JSON");
        }

        if (length > MaxFrameBytes) return TooLarge();
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = StrictUtf8.GetBytes(frame, buffer);
            return ParseUtf8(buffer.AsMemory(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses one frame given as UTF-8 bytes (what the WebSocket receives). Never throws.</summary>
    public static ParseResult Parse(ReadOnlyMemory<byte> utf8Frame)
    {
        if (utf8Frame.IsEmpty) return Failure(0, null, "empty frame");
        if (utf8Frame.Length > MaxFrameBytes) return TooLarge();
        return ParseUtf8(utf8Frame);
    }

    private static ParseResult ParseUtf8(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (Exception ex) when (IsBadJson(ex))
        {
            return Failure(0, null, "frame is not valid JSON");
        }

        try
        {
            using (doc) return ParseFrame(doc.RootElement);
        }
        catch (Exception)
        {
            // Last resort: no input is expected to get here (the fuzz tests check it), but a frame must never end the
            // session with an exception.
            return Failure(0, null, "frame could not be read");
        }
    }

    /// <summary>
    /// What JsonDocument.Parse throws on bad input: JsonException, and InvalidOperationException when the duplicate-key
    /// check meets a key whose escapes are not valid UTF-16 (a lone "\uD800").
    /// </summary>
    private static bool IsBadJson(Exception ex) => ex is JsonException or InvalidOperationException or ArgumentException;

    private static ParseFailure TooLarge() => Failure(0, null, $"frame larger than {MaxFrameBytes} bytes");

    private static ParseFailure Failure(int messageId, string? thisDn, string reason) =>
        new(messageId, thisDn, ErrorCodes.BadParameter, reason);

    private static ParseResult ParseFrame(JsonElement frame)
    {
        if (frame.ValueKind != JsonValueKind.Object) return Failure(0, null, "frame must be a JSON object");

        // Read what can be echoed first (thisDN, messageId), then report the first problem in frame order.
        string? error = null;
        string? outerDn = null;
        var hasOuterDn = false;
        if (frame.TryGetProperty("thisDN", out var dnElement) && dnElement.ValueKind != JsonValueKind.Null)
        {
            hasOuterDn = true;
            if (dnElement.ValueKind != JsonValueKind.String) error = "thisDN must be a string";
            else if (FieldReader.TryGetString(dnElement, out var text)) outerDn = text;
            else error = "thisDN is not valid text";
        }

        FrameType? type = null;
        if (!frame.TryGetProperty("type", out var typeElement) || typeElement.ValueKind == JsonValueKind.Null)
            error ??= "type is required";
        else if (typeElement.ValueKind != JsonValueKind.String)
            error ??= "type must be a string";
        else if (!FieldReader.TryGetString(typeElement, out var typeText))
            error ??= "type is not valid text";
        else
            type = ReadType(typeText);

        if (type is null) error ??= "type must be login, request or ping";

        if (type == FrameType.Ping)
        {
            // 4.25: message is the plain string "ping"; anything there is accepted.
            if (error is not null) return Failure(0, outerDn, error);
            if (!hasOuterDn) return Failure(0, null, "thisDN is required");
            if (!Dn.TryParse(outerDn, out _, out _)) return Failure(0, outerDn, "thisDN must be a DN like 10001_1000");
            return new ParsedRequest(outerDn!, FrameType.Ping, new PingRequest(outerDn!));
        }

        if (!frame.TryGetProperty("message", out var message) || message.ValueKind == JsonValueKind.Null)
            return Failure(0, outerDn, error ?? "message is required");

        switch (message.ValueKind)
        {
            case JsonValueKind.Object:
                return ParseInner(message, type, outerDn, hasOuterDn, error);
            case JsonValueKind.String:
                JsonDocument inner;
                try
                {
                    if (!FieldReader.TryGetString(message, out var text)) return Failure(0, outerDn, error ?? "message is not valid JSON");
                    inner = JsonDocument.Parse(text, DocumentOptions);
                }
                catch (Exception ex) when (IsBadJson(ex))
                {
                    return Failure(0, outerDn, error ?? "message is not valid JSON");
                }

                using (inner)
                {
                    if (inner.RootElement.ValueKind != JsonValueKind.Object)
                        return Failure(0, outerDn, error ?? "message must be a JSON object");
                    return ParseInner(inner.RootElement, type, outerDn, hasOuterDn, error);
                }
            default:
                return Failure(0, outerDn, error ?? "message must be a JSON object");
        }
    }

    /// <summary>Decision: the type is matched ignoring case ("Login" is login); anything else is refused.</summary>
    private static FrameType? ReadType(string? type) =>
        string.Equals(type, TypeLogin, StringComparison.OrdinalIgnoreCase) ? FrameType.Login
        : string.Equals(type, TypeRequest, StringComparison.OrdinalIgnoreCase) ? FrameType.Request
        : string.Equals(type, TypePing, StringComparison.OrdinalIgnoreCase) ? FrameType.Ping
        : null;

    private static ParseResult ParseInner(JsonElement inner, FrameType? type, string? outerDn, bool hasOuterDn, string? error)
    {
        // messageId: a whole number, as a JSON number or a numeric string.
        var messageId = 0;
        string? idError = null;
        if (!inner.TryGetProperty("messageId", out var idElement) || idElement.ValueKind == JsonValueKind.Null)
            idError = "messageId is required";
        else if (!TryReadMessageId(idElement, out messageId))
            idError = "messageId must be a whole number";

        // Inner thisDN (read before failing, so a failure can name the agent when the outer one is missing).
        string? innerDn = null;
        var hasInnerDn = false;
        if (inner.TryGetProperty("thisDN", out var innerDnElement) && innerDnElement.ValueKind != JsonValueKind.Null)
        {
            hasInnerDn = true;
            if (innerDnElement.ValueKind != JsonValueKind.String) error ??= "message.thisDN must be a string";
            else if (FieldReader.TryGetString(innerDnElement, out var text)) innerDn = text;
            else error ??= "message.thisDN is not valid text";
        }

        var echoDn = outerDn ?? innerDn;
        if (error is not null) return Failure(messageId, echoDn, error);
        if (idError is not null) return Failure(0, echoDn, idError);
        if (!MessageIds.All.Contains(messageId)) return Failure(messageId, echoDn, $"unknown messageId {messageId.ToString(CultureInfo.InvariantCulture)}");

        // Decision: login and messageId 100 go together; any other pairing is refused.
        if (type == FrameType.Login && messageId != MessageIds.Login)
            return Failure(messageId, echoDn, "type login must carry messageId 100");
        if (type == FrameType.Request && messageId == MessageIds.Login)
            return Failure(messageId, echoDn, "messageId 100 must be sent with type login");

        // Decision (A8–A10): the inner thisDN is the requesting agent, as in every scenario; targets go in otherDN.
        // Either copy alone is enough; when both are present they must be equal.
        if (!hasOuterDn && !hasInnerDn) return Failure(messageId, null, "thisDN is required");
        if (hasOuterDn && !Dn.TryParse(outerDn, out _, out _)) return Failure(messageId, echoDn, "thisDN must be a DN like 10001_1000");
        if (hasInnerDn && !Dn.TryParse(innerDn, out _, out _)) return Failure(messageId, echoDn, "message.thisDN must be a DN like 10001_1000");
        if (hasOuterDn && hasInnerDn && !string.Equals(outerDn, innerDn, StringComparison.Ordinal))
            return Failure(messageId, echoDn, "message.thisDN must equal the outer thisDN");

        var dn = (outerDn ?? innerDn)!;
        var reader = new FieldReader(inner);
        var request = BuildRequest(messageId, dn, reader);
        if (reader.Failed || request is null) return Failure(messageId, echoDn, reader.Error ?? "request parameter error");
        return new ParsedRequest(dn, type!.Value, request);
    }

    private static bool TryReadMessageId(JsonElement e, out int id)
    {
        id = 0;
        return e.ValueKind switch
        {
            JsonValueKind.Number => e.TryGetInt32(out id),
            JsonValueKind.String => FieldReader.TryGetString(e, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id),
            _ => false,
        };
    }
}
