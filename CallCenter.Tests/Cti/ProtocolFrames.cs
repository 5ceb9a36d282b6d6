using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CallCenter.Domain.Cti.Protocol;

namespace CallCenter.Tests.Cti;

/// <summary>Builds request frames the way the source's clients do (<c>JSON.stringify</c> of the inner object) and
/// reads the codec's answer.</summary>
internal static class ProtocolFrames
{
    public const string Agent = "10001_1000";

    private static readonly JsonSerializerOptions Js = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>{"thisDN":…,"type":…,"message":"&lt;inner as a JSON string&gt;"}</c>; type is login for messageId 100.</summary>
    public static string Wire(string inner, string? type = null, string thisDn = Agent)
    {
        type ??= System.Text.RegularExpressions.Regex.IsMatch(inner, "\"messageId\":\\s*100\\b") ? "login" : "request";
        return $"{{\"thisDN\":{Quote(thisDn)},\"type\":{Quote(type)},\"message\":{Quote(inner)}}}";
    }

    public static string Quote(string s) => JsonSerializer.Serialize(s, Js);

    /// <summary>Valid inner messages, one per messageId, with every field the codec reads.</summary>
    public static readonly IReadOnlyDictionary<int, string> Valid = new Dictionary<int, string>
    {
        [100] = """{"messageId":100,"thisDN":"10001_1000","extension":"1000","thisQueues":["10001_8000"],"attachDatas":{"typeCode":"1","typeText":"售后"}}""",
        [101] = """{"messageId":101,"thisDN":"10001_1000"}""",
        [102] = """{"messageId":102,"thisDN":"10001_1000","reasonCode":5,"attachDatas":{"limit":"600"}}""",
        [103] = """{"messageId":103,"thisDN":"10001_1000","extension":"1000"}""",
        [200] = """{"messageId":200,"thisDN":"10001_1000","otherDN":"18866666666","attachDatas":{"cti-tenant-id":"10001","holdCall":"1","callID":"held-1","ivr_id":"1","voice_tts":"您好"}}""",
        [203] = """{"messageId":203,"thisDN":"10001_1000","callID":"c1","otherDN":"18888888888"}""",
        [204] = """{"messageId":204,"thisDN":"10001_1000","callID":"c1","oterDN":"18888888888"}""",
        [214] = """{"messageId":214,"thisDN":"10001_1000","callID":"c1","otherDN":"18300000000","phoneNumber":"18200000000"}""",
        [215] = """{"messageId":215,"thisDN":"10001_1000","callID":"c1","otherDN":"18300000000","phoneNumber":"18200000000","attachDatas":{"isHold":"1"}}""",
        [217] = """{"messageId":217,"thisDN":"10001_1000","callID":"c1","otherDN":"18888888888"}""",
        [250] = """{"messageId":250,"thisDN":"10001_1000","callID":"c1","otherDN":"18888888888","dtmfDigit":"1"}""",
        [265] = """{"messageId":265,"thisDN":"10001_1000","callID":"c1","otherDN":"18200000000"}""",
        [266] = """{"messageId":266,"thisDN":"10001_1000","agentDNS":["10001_1001","10001_1002"]}""",
        [267] = """{"messageId":267,"thisDN":"10001_1000","agentDNS":["10001_1001","10001_1002"]}""",
        [274] = """{"messageId":274,"thisDN":"10001_1000","callID":"c1","path":"/records/xxx.wav","flag":"1"}""",
        [275] = """{"messageId":275,"thisDN":"10001_1000","queueDNS":["10001_8000","10001_8001"]}""",
        [276] = """{"messageId":276,"thisDN":"10001_1000","queueDNS":["10001_8000","10001_8001"]}""",
        [277] = """{"messageId":277,"thisDN":"10001_1000","callID":"c1","path":"/record/","attachDatas":{"limit":"60"}}""",
        [278] = """{"messageId":278,"thisDN":"10001_1000","callID":"c1","path":"/record/"}""",
        [279] = """{"messageId":279,"thisDN":"10001_1000","callID":"c1","attachDatas":{"cti-tenant-id":"10001","orderNo":"A-17"}}""",
        [290] = """{"messageId":290,"thisDN":"10001_1000","callID":"c1","phoneNumber":"18200000000","attachDatas":{"ivrID":"12","isHold":"1"}}""",
        [292] = """{"messageId":292,"thisDN":"10001_1000","callID":"c1","otherDN":"10001_1001"}""",
        [293] = """{"messageId":293,"thisDN":"10001_1000","callID":"c1","otherDN":"10001_1001"}""",
        [294] = """{"messageId":294,"thisDN":"10001_1000","isReject":"1"}""",
        [301] = """{"messageId":301,"thisDN":"10001_1000","tenantIDS":["10001"]}""",
        [302] = """{"messageId":302,"thisDN":"10001_1000","tenantIDS":["10001"]}""",
    };

    /// <summary>The inner message with <paramref name="path"/> ("callID", "attachDatas.limit") removed.</summary>
    public static string Without(string inner, string path)
    {
        var root = JsonNode.Parse(inner)!.AsObject();
        var (container, key) = Locate(root, path);
        container.Remove(key);
        return root.ToJsonString(Js);
    }

    private const string Placeholder = "\u0001value\u0001";

    /// <summary>The inner message with <paramref name="path"/> set to the JSON <paramref name="value"/>.</summary>
    public static string With(string inner, string path, string value)
    {
        var root = JsonNode.Parse(inner)!.AsObject();
        var (container, key) = Locate(root, path);
        container[key] = Placeholder; // spliced as text, so that values JsonNode cannot write (a lone "\uD800") go in as they are
        return root.ToJsonString(Js).Replace(Quote(Placeholder), value, StringComparison.Ordinal);
    }

    private static (JsonObject Container, string Key) Locate(JsonObject root, string path)
    {
        if (!path.StartsWith("attachDatas.", StringComparison.Ordinal)) return (root, path);
        if (root["attachDatas"] is not JsonObject attach) root["attachDatas"] = attach = new JsonObject();
        return (attach, path["attachDatas.".Length..]);
    }

    /// <summary>A comparable text of a result (records holding lists compare by reference, so compare this).</summary>
    public static string Describe(ParseResult result) => result switch
    {
        ParsedRequest p => $"ParsedRequest {p.ThisDn} {p.Type} {p.Request.GetType().Name} {JsonSerializer.Serialize(p.Request, p.Request.GetType(), Js)}",
        _ => result.ToString()!,
    };

    public static ParsedRequest Accepted(string frame)
    {
        var result = ProtocolCodec.Parse(frame);
        if (result is ParseFailure f) Assert.Fail($"refused ({f.Reason}): {frame}");
        return Assert.IsType<ParsedRequest>(result);
    }

    public static T Accepted<T>(string frame) where T : AgentRequest => Assert.IsType<T>(Accepted(frame).Request);

    public static ParseFailure Refused(string frame)
    {
        var result = ProtocolCodec.Parse(frame);
        if (result is ParsedRequest p) Assert.Fail($"accepted as {p.Request}: {frame}");
        var failure = Assert.IsType<ParseFailure>(result);
        Assert.Equal(ErrorCodes.BadParameter, failure.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(failure.Reason));
        return failure;
    }
}
