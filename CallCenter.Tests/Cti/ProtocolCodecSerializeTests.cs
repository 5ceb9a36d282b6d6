using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using CallCenter.Domain.Cti.Protocol;

namespace CallCenter.Tests.Cti;

/// <summary>Events on the wire (§5, digest P2.2): one flat object, messageId first, the source's exact key names.</summary>
public class ProtocolCodecSerializeTests
{
    private static readonly Events.AgentStatus Busy = new("10001_1000", ["10001_8000", "10001_8001"], 2, 3, 1, 10001, "1000");
    private static readonly Events.CallInfo Call = new("10001_1000", "18866666666", "b98171d8-95ad-11ea-a566-836ce3c48c2e", 3, 10001,
        "1000", "1000", "18866666666", "10001_1002", 3);

    /// <summary>One event per factory (by name), and the keys expected, in order, after messageId.</summary>
    public static IEnumerable<(string Factory, CtiEvent Event, int Id, string Keys)> Samples()
    {
        yield return ("AgentLoggedIn", Events.AgentLoggedIn(Busy), 580, "thisDN thisQueues state deviceState tenantID extension reasonCode");
        yield return ("AgentLoggedOut", Events.AgentLoggedOut(Busy with { State = 0 }), 581, "thisDN thisQueues state deviceState tenantID extension");
        yield return ("AgentReady", Events.AgentReady(Busy with { State = 1, ReasonCode = null }), 583, "thisDN thisQueues state deviceState tenantID extension");
        yield return ("AgentNotReady", Events.AgentNotReady(Busy), 582, "thisDN thisQueues state deviceState tenantID reasonCode extension");
        yield return ("AgentDialing", Events.AgentDialing(Call), 505, "thisDN otherDN callID callType tenantID extension ANI DNIS thirdDN thirdRole");
        yield return ("IncomingCall", Events.IncomingCall(Call with { CallType = 2 }, "/record/2024/a.wav"), 503,
            "thisDN otherDN callID tenantID extension callType ANI DNIS thirdDN thirdRole thisQueue attachDatas{fileNam fileName}");
        yield return ("CallEstablished", Events.CallEstablished("10001_1000", "18866666666", "c1", 10001, "1000", 3), 506,
            "thisDN otherDN callID tenantID extension callType");
        yield return ("CallReleased", Events.CallReleased("10001_1000", "18866666666", "c1", 10001, "1000", 3, "recv_bye"), 515,
            "thisDN otherDN callID tenantID extension callType attachDatas{hangupCause}");
        yield return ("RecordingStartedEvent", Events.RecordingStartedEvent("10001_1000", "18866666666", "c1", 10001, 3, "/record/c1.wav", "1000"), 589,
            "thisDN otherDN callID tenantID callType fileName extension");
        yield return ("RecordingStoppedEvent", Events.RecordingStoppedEvent("10001_1000", "18866666666", "c1", 10001, 3, 65, "1000", "/record/c1.wav"), 519,
            "thisDN otherDN callID tenantID callType duration extension fileName");
        yield return ("CallHeld", Events.CallHeld("10001_1000", "18866666666", "c1", 10001), 509, "thisDN otherDN callID tenantID");
        yield return ("CallRetrieved", Events.CallRetrieved("10001_1000", "18866666666", "c1", 10001), 513, "thisDN otherDN callID tenantID");
        yield return ("SoftphoneRegistered", Events.SoftphoneRegistered("10001_1000", 10001, "1000", "192.168.1.20"), 572,
            "thisDN tenantID extension sipIp");
        yield return ("SoftphoneUnregistered", Events.SoftphoneUnregistered("10001_1000", 10001, "1000"), 574, "thisDN tenantID extension");
        yield return ("AgentMonitorEvent", Events.AgentMonitorEvent("10001_1001", "1001", 2, 1, "c1", 3, "18866666666", 1, 10001, "10001_1000", "1000"), 588,
            "thisDN monitorExtension agentState reasonCode callID callType otherDN deviceState tenantID requestDN extension");
        yield return ("AcdMonitorEvent", Events.AcdMonitorEvent(new("10001_8000", 2, 1, 3), new(0, 12, 2, "10001_1001", "18866666666", "4008001000", "c1"),
            "10001_1000", "1000"), 520,
            "thisQueue queueNum queueSum callingNum thisDN agentReadyNum status holdTime callType callerID ani dnis extension callID");
        yield return ("IvrMonitorEvent", Events.IvrMonitorEvent(new("c1", 10001, "2024-06-07 10:00:00", null, "18866666666", "4008001000", 2,
                null, "get_digit", "welcome.wav", -4, "1", 3, "欢迎语", "1"), "10001_1000", "1000"), 605,
            "callId tenantId startTime endTime ani dnis callType thisQueue ivrStatus filename ivrDigitType ivrDtmfDigit ivrNode name eventSequence thisDN extension");
        yield return ("RequestFailed", Events.RequestFailed(203, 18, "10001_1000", "1000", "callID is required"), 9999,
            "errorMessageId errorCode errorMessage thisDN extension");
        yield return ("AgentDeregistered", Events.AgentDeregistered(1, "10001_1000", "1000"), 4500, "reason thisDN extension");
        yield return ("RequestPrompt", Events.RequestPrompt(215, 4, "10001_1000", "1000"), 8888, "succeeMessageId referenceID thisDN extension");
        yield return ("HeartbeatReply", Events.HeartbeatReply("10001_1000", "1000"), 3, "thisDN extension");
    }

    public static TheoryData<string> Factories => new(Samples().Select(s => s.Factory));

    [Fact]
    public void Every_Events_factory_has_a_sample()
    {
        var factories = typeof(Events).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(CtiEvent)).Select(m => m.Name).OrderBy(n => n);
        Assert.Equal(factories, Samples().Select(s => s.Factory).OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(Factories))]
    public void Each_event_is_one_flat_object_with_messageId_first_and_the_exact_keys(string factory)
    {
        var (_, e, id, keys) = Samples().Single(s => s.Factory == factory);
        var json = ProtocolCodec.Serialize(e);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
        var properties = doc.RootElement.EnumerateObject().ToList();
        Assert.Equal("messageId", properties[0].Name);
        Assert.Equal(id, properties[0].Value.GetInt32());
        Assert.Equal(id, e.MessageId);
        Assert.Equal(keys, Describe(properties.Skip(1)));
        AssertValues(e.Fields, doc.RootElement);
    }

    private static string Describe(IEnumerable<JsonProperty> properties) => string.Join(" ", properties.Select(p =>
        p.Value.ValueKind == JsonValueKind.Object ? $"{p.Name}{{{Describe(p.Value.EnumerateObject())}}}" : p.Name));

    /// <summary>Every field's JSON value is the field's value.</summary>
    private static void AssertValues(IReadOnlyList<KeyValuePair<string, object?>> fields, JsonElement json)
    {
        foreach (var (key, value) in fields)
        {
            var element = json.GetProperty(key);
            switch (value)
            {
                case null:
                    Assert.Equal(JsonValueKind.Null, element.ValueKind);
                    break;
                case string s:
                    Assert.Equal(s, element.GetString());
                    break;
                case int i:
                    Assert.Equal(i, element.GetInt32());
                    break;
                case long l:
                    Assert.Equal(l, element.GetInt64());
                    break;
                case bool b:
                    Assert.Equal(b, element.GetBoolean());
                    break;
                case string[] list:
                    Assert.Equal(list, element.EnumerateArray().Select(x => x.GetString()!));
                    break;
                case IReadOnlyList<KeyValuePair<string, object?>> nested:
                    Assert.Equal(JsonValueKind.Object, element.ValueKind);
                    AssertValues(nested, element);
                    break;
                default:
                    Assert.Fail($"unexpected value type {value.GetType()} in {key}");
                    break;
            }
        }
    }

    [Fact]
    public void Key_spellings_of_the_source_are_kept()
    {
        string Json(string factory) => ProtocolCodec.Serialize(Samples().Single(s => s.Factory == factory).Event);
        Assert.Contains("\"succeeMessageId\":215,\"referenceID\":4", Json("RequestPrompt"));
        Assert.Contains("\"errorMessageId\":203,\"errorCode\":18", Json("RequestFailed"));
        Assert.Contains("\"attachDatas\":{\"hangupCause\":\"recv_bye\"}", Json("CallReleased"));
        Assert.Contains("\"attachDatas\":{\"fileNam\":\"/record/2024/a.wav\"", Json("IncomingCall"));
        Assert.Contains("\"ANI\":\"1000\",\"DNIS\":\"18866666666\"", Json("AgentDialing"));
        Assert.Contains("\"callId\":\"c1\",\"tenantId\":\"10001\"", Json("IvrMonitorEvent"));
        Assert.Contains("\"filename\":\"welcome.wav\"", Json("IvrMonitorEvent"));
        Assert.Contains("\"tenantID\":\"10001\"", Json("CallHeld"));
        Assert.Contains("\"callID\":\"c1\"", Json("CallHeld"));
        Assert.Contains("\"thisQueues\":[\"10001_8000\",\"10001_8001\"]", Json("AgentLoggedIn"));
        Assert.Contains("\"ivrDigitType\":-4", Json("IvrMonitorEvent"));
    }

    [Fact]
    public void A_heartbeat_reply_is_exactly_this()
    {
        Assert.Equal("""{"messageId":3,"thisDN":"10001_1000","extension":"1000"}""", ProtocolCodec.Serialize(Events.HeartbeatReply("10001_1000", "1000")));
    }

    [Fact]
    public void Seq_and_eventTime_are_appended_last_when_given()
    {
        var e = Events.HeartbeatReply("10001_1000", "1000");
        Assert.Equal("""{"messageId":3,"thisDN":"10001_1000","extension":"1000","seq":42,"eventTime":1717725600123}""",
            ProtocolCodec.Serialize(e, seq: 42, eventTimeMs: 1717725600123));
        Assert.Equal("""{"messageId":3,"thisDN":"10001_1000","extension":"1000","seq":0}""", ProtocolCodec.Serialize(e, seq: 0));
        Assert.Equal("""{"messageId":3,"thisDN":"10001_1000","extension":"1000","eventTime":5}""", ProtocolCodec.Serialize(e, eventTimeMs: 5));
        Assert.Equal("""{"messageId":3,"thisDN":"10001_1000","extension":"1000"}""", ProtocolCodec.Serialize(e));
        Assert.EndsWith(",\"seq\":9223372036854775807}", ProtocolCodec.Serialize(e, long.MaxValue));
    }

    [Fact]
    public void Chinese_text_is_written_unescaped_and_round_trips()
    {
        const string text = "请求参数错误：坐席号不存在（10001_1000）";
        var json = ProtocolCodec.Serialize(Events.RequestFailed(102, 18, "10001_1000", null, text));
        Assert.Contains(text, json);
        Assert.DoesNotContain("\\u", json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("request parameter error: " + text, doc.RootElement.GetProperty("errorMessage").GetString());
        var ivr = ProtocolCodec.Serialize(Samples().Single(s => s.Factory == "IvrMonitorEvent").Event);
        Assert.Contains("\"name\":\"欢迎语\"", ivr);
    }

    [Fact]
    public void Quotes_backslashes_control_characters_and_emoji_are_valid_JSON()
    {
        const string nasty = "a\"b\\c\n\t\u0001</script>😀'&";
        var e = new CtiEvent(9999, [new("errorMessage", nasty), new("x", new[] { nasty })]);
        var json = ProtocolCodec.Serialize(e);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(nasty, doc.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal(nasty, doc.RootElement.GetProperty("x")[0].GetString());
    }

    [Fact]
    public void Every_supported_value_type_is_written()
    {
        var e = new CtiEvent(1, [
            new("s", "x"), new("i", -7), new("l", 5_000_000_000L), new("t", true), new("f", false), new("n", null),
            new("arr", new[] { "a", "b" }), new("list", new List<string> { "c" }), new("empty", Array.Empty<string>()),
            new("nested", new KeyValuePair<string, object?>[] { new("k", 1), new("deeper", new KeyValuePair<string, object?>[] { new("z", "y") }) }),
            new("map", new Dictionary<string, string> { ["orderNo"] = "A-17" }), new("enum", DayOfWeek.Friday), new("short", (short)3),
        ]);
        Assert.Equal(
            """{"messageId":1,"s":"x","i":-7,"l":5000000000,"t":true,"f":false,"n":null,"arr":["a","b"],"list":["c"],"empty":[],"nested":{"k":1,"deeper":{"z":"y"}},"map":{"orderNo":"A-17"},"enum":5,"short":3}""",
            ProtocolCodec.Serialize(e));
    }

    [Fact]
    public void An_unsupported_value_type_is_a_programming_error_and_the_next_call_still_works()
    {
        var bad = new CtiEvent(1, [new("when", DateTime.UnixEpoch)]);
        var error = Assert.Throws<ArgumentException>(() => ProtocolCodec.Serialize(bad));
        Assert.Contains("when", error.Message);
        Assert.Equal("""{"messageId":3,"thisDN":"10001_1000","extension":""}""", ProtocolCodec.Serialize(Events.HeartbeatReply("10001_1000", null)));
    }

    [Fact]
    public void The_UTF8_forms_equal_the_string_form()
    {
        foreach (var (_, e, _, _) in Samples())
        {
            var text = ProtocolCodec.Serialize(e, 7, 8);
            Assert.Equal(Encoding.UTF8.GetBytes(text), ProtocolCodec.SerializeToUtf8Bytes(e, 7, 8));
            var buffer = new ArrayBufferWriter<byte>();
            ProtocolCodec.WriteTo(buffer, e, 7, 8);
            ProtocolCodec.WriteTo(buffer, e); // appends
            Assert.Equal(text + ProtocolCodec.Serialize(e), Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    [Fact]
    public void A_large_event_and_then_a_small_one_are_both_right()
    {
        var big = new string('x', 600_000);
        var json = ProtocolCodec.Serialize(Events.RequestFailed(1, 18, "10001_1000", null, big));
        Assert.Contains(big, json);
        Assert.Equal("""{"messageId":3,"thisDN":"a","extension":""}""", ProtocolCodec.Serialize(Events.HeartbeatReply("a", null)));
    }

    /// <summary>The benchmark pushes thousands of events a second: serializing costs the output and nothing else.</summary>
    [Fact]
    public void Serializing_allocates_only_the_result()
    {
        var e = Samples().Single(s => s.Factory == "AgentLoggedIn").Event;
        var text = ProtocolCodec.Serialize(e, 1, 2); // warm up the thread's buffer and writer
        var buffer = new ArrayBufferWriter<byte>(4096);
        ProtocolCodec.WriteTo(buffer, e, 1, 2);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++) ProtocolCodec.Serialize(e, 1, 2);
        var perString = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.InRange(perString, 1, 2 * text.Length + 64); // UTF-16 chars plus the string's header

        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            buffer.ResetWrittenCount();
            ProtocolCodec.WriteTo(buffer, e, 1, 2);
        }

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 256); // nothing per event
    }

    [Fact]
    public void Serializing_from_many_threads_at_once_gives_the_same_text()
    {
        var samples = Samples().Select(s => s.Event).ToArray();
        var expected = samples.Select((e, i) => ProtocolCodec.Serialize(e, i)).ToArray();
        Parallel.For(0, 20_000, n =>
        {
            var i = n % samples.Length;
            Assert.Equal(expected[i], ProtocolCodec.Serialize(samples[i], i));
        });
    }

    [Fact]
    public void Requests_failures_round_trip_through_the_9999_event()
    {
        var failure = Assert.IsType<ParseFailure>(ProtocolCodec.Parse("""{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":99999,\"thisDN\":\"10001_1000\"}"}"""));
        Assert.Equal(
            """{"messageId":9999,"errorMessageId":99999,"errorCode":18,"errorMessage":"request parameter error: unknown messageId 99999","thisDN":"10001_1000","extension":"1000","seq":1}""",
            ProtocolCodec.Serialize(failure.ToEvent(extension: "1000"), seq: 1));
    }
}
