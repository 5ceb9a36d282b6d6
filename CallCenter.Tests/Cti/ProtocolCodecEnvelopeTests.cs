using System.Text;
using CallCenter.Domain.Cti.Protocol;
using static CallCenter.Tests.Cti.ProtocolFrames;

namespace CallCenter.Tests.Cti;

/// <summary>The outer frame {thisDN, type, message}, the messageId, the agent's DN, and what a failure carries.</summary>
public class ProtocolCodecEnvelopeTests
{
    [Fact]
    public void Message_may_be_an_already_parsed_object()
    {
        var frame = """{"thisDN":"10001_1000","type":"request","message":{"messageId":102,"thisDN":"10001_1000","reasonCode":"4"}}""";
        Assert.Equal(4, Accepted<NotReadyRequest>(frame).ReasonCode);
    }

    [Fact]
    public void Key_order_does_not_matter()
    {
        var frame = """{"message":"{\"reasonCode\":3,\"thisDN\":\"10001_1000\",\"messageId\":102}","type":"request","thisDN":"10001_1000"}""";
        Assert.Equal(3, Accepted<NotReadyRequest>(frame).ReasonCode);
    }

    [Theory]
    [InlineData("\"102\"")]
    [InlineData("102")]
    public void MessageId_may_be_a_number_or_a_numeric_string(string id)
    {
        Assert.Equal(102, Accepted(Wire($$"""{"messageId":{{id}},"thisDN":"10001_1000","reasonCode":1}""")).Request.MessageId);
    }

    [Theory]
    [InlineData("\"abc\"", "messageId must be a whole number")]
    [InlineData("\"\"", "messageId must be a whole number")]
    [InlineData("102.5", "messageId must be a whole number")]
    [InlineData("true", "messageId must be a whole number")]
    [InlineData("[102]", "messageId must be a whole number")]
    [InlineData("null", "messageId is required")]
    public void An_unreadable_messageId_is_refused_with_messageId_0(string id, string reason)
    {
        var failure = Refused(Wire($$"""{"messageId":{{id}},"thisDN":"10001_1000"}"""));
        Assert.Equal(reason, failure.Reason);
        Assert.Equal(0, failure.MessageId);
        Assert.Equal(Agent, failure.ThisDn);
    }

    [Fact]
    public void A_missing_messageId_is_refused()
    {
        Assert.Equal("messageId is required", Refused(Wire("""{"thisDN":"10001_1000"}""")).Reason);
    }

    [Theory]
    [InlineData(99999)]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(505)]
    [InlineData(-200)]
    public void An_unknown_messageId_is_refused_and_echoed(int id)
    {
        var failure = Refused(Wire($$"""{"messageId":{{id}},"thisDN":"10001_1000"}"""));
        Assert.Equal($"unknown messageId {id}", failure.Reason);
        Assert.Equal(id, failure.MessageId);
    }

    /// <summary>Decision: type "login" goes with messageId 100 only, and 100 with "login" only (L513).</summary>
    [Fact]
    public void Type_login_with_another_messageId_is_refused()
    {
        var failure = Refused(Wire(Valid[101], type: "login"));
        Assert.Equal("type login must carry messageId 100", failure.Reason);
        Assert.Equal(101, failure.MessageId);
    }

    [Fact]
    public void MessageId_100_with_type_request_is_refused()
    {
        var failure = Refused(Wire(Valid[100], type: "request"));
        Assert.Equal("messageId 100 must be sent with type login", failure.Reason);
        Assert.Equal(100, failure.MessageId);
        Assert.Equal(Agent, failure.ThisDn);
    }

    /// <summary>Decision: the type is matched ignoring case.</summary>
    [Theory]
    [InlineData("LOGIN", 100, FrameType.Login)]
    [InlineData("Request", 101, FrameType.Request)]
    [InlineData("PING", 0, FrameType.Ping)]
    public void Type_ignores_case(string type, int id, FrameType expected)
    {
        var frame = expected == FrameType.Ping ? Wire("ping", type) : Wire(Valid[id], type);
        Assert.Equal(expected, Accepted(frame).Type);
    }

    [Theory]
    [InlineData("\"hello\"", "type must be login, request or ping")]
    [InlineData("\"\"", "type must be login, request or ping")]
    [InlineData("5", "type must be a string")]
    [InlineData("[\"request\"]", "type must be a string")]
    [InlineData("null", "type is required")]
    public void A_bad_type_is_refused_but_the_messageId_is_still_echoed(string type, string reason)
    {
        var frame = $$"""{"thisDN":"10001_1000","type":{{type}},"message":{{Quote(Valid[203])}}}""";
        var failure = Refused(frame);
        Assert.Equal(reason, failure.Reason);
        Assert.Equal(203, failure.MessageId);
        Assert.Equal(Agent, failure.ThisDn);
    }

    [Fact]
    public void A_missing_type_is_refused()
    {
        var failure = Refused($$"""{"thisDN":"10001_1000","message":{{Quote(Valid[203])}}}""");
        Assert.Equal("type is required", failure.Reason);
        Assert.Equal(203, failure.MessageId);
    }

    [Theory]
    [InlineData("\"not json\"", "message is not valid JSON")]
    [InlineData("\"ping\"", "message is not valid JSON")]
    [InlineData("\"[1,2]\"", "message must be a JSON object")]
    [InlineData("\"42\"", "message must be a JSON object")]
    [InlineData("[1,2]", "message must be a JSON object")]
    [InlineData("42", "message must be a JSON object")]
    [InlineData("true", "message must be a JSON object")]
    [InlineData("null", "message is required")]
    public void A_request_message_must_hold_an_object(string message, string reason)
    {
        var failure = Refused($$"""{"thisDN":"10001_1000","type":"request","message":{{message}}}""");
        Assert.Equal(reason, failure.Reason);
        Assert.Equal(Agent, failure.ThisDn);
        Assert.Equal(0, failure.MessageId);
    }

    /// <summary>Decision (A8–A10): the inner thisDN is the requesting agent and must equal the outer one.</summary>
    [Fact]
    public void Inner_thisDN_must_equal_the_outer_thisDN()
    {
        var failure = Refused(Wire(Valid[215], thisDn: "10001_1001"));
        Assert.Equal("message.thisDN must equal the outer thisDN", failure.Reason);
        Assert.Equal(215, failure.MessageId);
        Assert.Equal("10001_1001", failure.ThisDn);
    }

    [Fact]
    public void Either_thisDN_alone_is_enough()
    {
        var innerOnly = $$"""{"type":"request","message":{{Quote(Valid[101])}}}""";
        Assert.Equal(Agent, Accepted(innerOnly).ThisDn);
        var outerOnly = Wire(Without(Valid[203], "thisDN"));
        var parsed = Accepted(outerOnly);
        Assert.Equal(Agent, parsed.ThisDn);
        Assert.Equal(Agent, parsed.Request.ThisDn);
    }

    [Fact]
    public void Without_any_thisDN_the_request_is_refused()
    {
        var failure = Refused($$"""{"type":"request","message":{{Quote(Without(Valid[101], "thisDN"))}}}""");
        Assert.Equal("thisDN is required", failure.Reason);
        Assert.Equal(101, failure.MessageId);
        Assert.Null(failure.ThisDn);
    }

    [Theory]
    [InlineData("nounderscore")]
    [InlineData("")]
    [InlineData("abc_1000")]
    [InlineData("10001_")]
    [InlineData("_1000")]
    public void The_outer_thisDN_must_be_a_DN(string dn)
    {
        var failure = Refused(Wire(With(Valid[101], "thisDN", Quote(dn)), thisDn: dn));
        Assert.Equal("thisDN must be a DN like 10001_1000", failure.Reason);
        Assert.Equal(dn, failure.ThisDn); // readable, so echoed even though malformed
        Assert.Equal(101, failure.MessageId);
    }

    [Fact]
    public void The_inner_thisDN_must_be_a_DN_string()
    {
        Assert.Equal("message.thisDN must be a DN like 10001_1000", Refused(Wire(With(Valid[101], "thisDN", "\"x\""))).Reason);
        Assert.Equal("message.thisDN must be a string", Refused(Wire(With(Valid[101], "thisDN", "10001"))).Reason);
    }

    [Theory]
    [InlineData("10001")]
    [InlineData("[\"10001_1000\"]")]
    [InlineData("{}")]
    public void A_non_string_outer_thisDN_is_refused_and_not_echoed(string dn)
    {
        var failure = Refused($$"""{"thisDN":{{dn}},"type":"request","message":{{Quote(Valid[101])}}}""");
        Assert.Equal("thisDN must be a string", failure.Reason);
        Assert.Equal(101, failure.MessageId);
        Assert.Equal(Agent, failure.ThisDn); // the inner one
    }

    [Theory]
    [InlineData("\"ping\"")]
    [InlineData("\"\"")]
    [InlineData("{\"anything\":1}")]
    [InlineData("null")]
    [InlineData("[1]")]
    public void Ping_accepts_anything_as_message(string message)
    {
        var parsed = Accepted($$"""{"thisDN":"10001_1000","type":"ping","message":{{message}}}""");
        Assert.IsType<PingRequest>(parsed.Request);
    }

    [Fact]
    public void Ping_without_a_message_is_accepted()
    {
        Assert.IsType<PingRequest>(Accepted("""{"thisDN":"10001_1000","type":"ping"}""").Request);
    }

    [Fact]
    public void Ping_needs_a_valid_thisDN()
    {
        Assert.Equal("thisDN is required", Refused("""{"type":"ping","message":"ping"}""").Reason);
        var bad = Refused("""{"thisDN":"nounderscore","type":"ping","message":"ping"}""");
        Assert.Equal("thisDN must be a DN like 10001_1000", bad.Reason);
        Assert.Equal("nounderscore", bad.ThisDn);
        Assert.Equal(0, bad.MessageId);
    }

    /// <summary>Decision: a key given twice is refused rather than guessing which copy counts.</summary>
    [Fact]
    public void Duplicate_keys_are_refused()
    {
        Assert.Equal("frame is not valid JSON", Refused("""{"thisDN":"10001_1000","thisDN":"10001_1001","type":"ping"}""").Reason);
        var inner = """{"messageId":203,"thisDN":"10001_1000","callID":"a","callID":"b","otherDN":"1"}""";
        Assert.Equal("message is not valid JSON", Refused(Wire(inner, "request")).Reason);
    }

    [Fact]
    public void A_failure_becomes_the_9999_event_echoing_the_request()
    {
        var failure = Refused(Wire(Without(Valid[203], "callID")));
        var e = failure.ToEvent(extension: "1000");
        Assert.Equal(Events.Failed, e.MessageId);
        Assert.Equal(203, e["errorMessageId"]);
        Assert.Equal(18, e["errorCode"]);
        Assert.Equal("request parameter error: callID is required", e["errorMessage"]);
        Assert.Equal(Agent, e["thisDN"]);
        Assert.Equal("1000", e["extension"]);
        Assert.Equal("10001_1009", failure.ToEvent(thisDn: "10001_1009")["thisDN"]);
        Assert.Equal("", Refused("not json").ToEvent()["thisDN"]);
    }

    [Fact]
    public void The_UTF8_overload_refuses_invalid_UTF8_and_oversized_frames()
    {
        var bytes = Encoding.UTF8.GetBytes(Wire(Valid[101])).ToList();
        bytes.InsertRange(bytes.Count - 2, [0xC3, 0x28]); // invalid sequence inside a string
        Assert.IsType<ParseFailure>(ProtocolCodec.Parse(bytes.ToArray().AsMemory()));
        Assert.Equal("frame larger than 65536 bytes",
            Assert.IsType<ParseFailure>(ProtocolCodec.Parse(new byte[ProtocolCodec.MaxFrameBytes + 1].AsMemory())).Reason);
        Assert.Equal("empty frame", Assert.IsType<ParseFailure>(ProtocolCodec.Parse(ReadOnlyMemory<byte>.Empty)).Reason);
    }
}
