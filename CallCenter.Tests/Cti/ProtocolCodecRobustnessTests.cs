using System.Text;
using System.Text.Json.Nodes;
using CallCenter.Domain.Cti.Protocol;
using static CallCenter.Tests.Cti.ProtocolFrames;

namespace CallCenter.Tests.Cti;

/// <summary>Malformed, hostile and mutated frames: always a result, never an exception.</summary>
public class ProtocolCodecRobustnessTests
{
    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    public static TheoryData<string, string> MalformedFrames => new()
    {
        { "", "empty frame" },
        { "not json", "frame is not valid JSON" },
        { "[]", "frame must be a JSON object" },
        { "null", "frame must be a JSON object" },
        { "42", "frame must be a JSON object" },
        { "\"frame\"", "frame must be a JSON object" },
        { "{", "frame is not valid JSON" },
        { "{}", "type is required" },
        { """{"type":"request"}""", "message is required" },
        { """{"thisDN":"10001_1000","type":"request","message":"{messageId:101}"}""", "message is not valid JSON" },
        { """{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":101"}""", "message is not valid JSON" },
        { """{"thisDN":"10001_1000","type":"request","message":["{\"messageId\":101}"]}""", "message must be a JSON object" },
        { """{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":\"abc\",\"thisDN\":\"10001_1000\"}"}""", "messageId must be a whole number" },
        { """{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":99999,\"thisDN\":\"10001_1000\"}"}""", "unknown messageId 99999" },
        { """{"thisDN":"nounderscore","type":"request","message":"{\"messageId\":101,\"thisDN\":\"nounderscore\"}"}""", "thisDN must be a DN like 10001_1000" },
        { """{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":101,\"thisDN\":\"10001_1000\"}"} trailing""", "frame is not valid JSON" },
        { """{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":101,\"thisDN\":\"10001_1000\",}"}""", "message is not valid JSON" },
        { """{"thisDN":"10001_1000","type":"request",/*c*/"message":"{}"}""", "frame is not valid JSON" },
        { "{\"thisDN\":\"10001_1000\",\"type\":\"ping\",\"message\":" + Deep(100) + "}", "frame is not valid JSON" },
        { "{\"thisDN\":\"10001_1000\",\"type\":\"request\",\"message\":" + Quote("{\"messageId\":101,\"x\":" + Deep(100) + "}") + "}", "message is not valid JSON" },
        { Deep(100), "frame is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(MalformedFrames))]
    public void Malformed_frames_are_refused_with_18(string frame, string reason)
    {
        var result = ProtocolCodec.Parse(frame);
        var failure = Assert.IsType<ParseFailure>(result);
        Assert.Equal(ErrorCodes.BadParameter, failure.ErrorCode);
        Assert.Equal(reason, failure.Reason);
    }

    [Fact]
    public void A_huge_unbalanced_frame_is_refused_by_size()
    {
        Assert.Equal("frame larger than 65536 bytes", Refused(new string('{', 100_000)).Reason);
        Assert.Equal("frame larger than 65536 bytes", Refused(new string('[', 65_537)).Reason);
    }

    [Fact]
    public void A_lone_surrogate_does_not_throw()
    {
        Assert.Equal("frame is not valid JSON", Refused("{\"thisDN\":\"\uD800_1000\",\"type\":\"ping\"}").Reason);
        AssertAnswered("{\"thisDN\":\"10001_1000\",\"type\":\"request\",\"message\":\"{\\\"messageId\\\":101\uDC00}\"}");
        AssertAnswered("\uD800");
    }

    [Fact]
    public void Escaped_lone_surrogates_are_refused()
    {
        Assert.Equal("thisDN is not valid text", Refused("""{"thisDN":"\uD800","type":"ping"}""").Reason);
        Assert.Equal("type is not valid text", Refused("""{"thisDN":"10001_1000","type":"\uDC00"}""").Reason);
        Assert.Equal("message is not valid JSON", Refused("""{"thisDN":"10001_1000","type":"request","message":"{\"messageId\":101,\"x\":\"\uD800\"}"}""").Reason);
        Assert.Equal("callID is not valid text", Refused(Wire(With(Valid[203], "callID", "\"\\uD800\""))).Reason);
        Assert.Equal("agentDNS is not valid text", Refused(Wire(With(Valid[266], "agentDNS", "[\"\\uD800\"]"))).Reason);
        Assert.Equal("attachDatas.note is not valid text", Refused(Wire(With(Valid[279], "attachDatas.note", "\"\\uD800\""))).Reason);
        var badKey = """{"thisDN":"10001_1000","type":"request","message":{"messageId":279,"thisDN":"10001_1000","attachDatas":{"cti-tenant-id":"10001","\uD800":"x"}}}""";
        // Keys are decoded by the duplicate-key check while parsing, so a bad key makes the document unreadable.
        Assert.Equal("frame is not valid JSON", Refused(badKey).Reason);
        Assert.Equal("frame is not valid JSON", Refused("""{"thisDN":"10001_1000","type":"ping","\uD800":1}""").Reason);
        var badInnerKey = """{"thisDN":"10001_1000","type":"request","message":{"messageId":101,"thisDN":"10001_1000","x\uDC00":1}}""";
        Assert.Equal("frame is not valid JSON", Refused(badInnerKey).Reason);
        Assert.Equal("message is not valid JSON", Refused(Wire("""{"messageId":101,"thisDN":"10001_1000","x\uDC00":1}""", "request")).Reason);
        Assert.Equal(101, Accepted(badInnerKey.Replace("x\\uDC00", "x\\uD83D\\uDE00")).Request.MessageId); // a valid pair is fine
    }

    [Fact]
    public void Null_is_an_empty_frame()
    {
        Assert.Equal("empty frame", Assert.IsType<ParseFailure>(ProtocolCodec.Parse((string?)null)).Reason);
    }

    [Fact]
    public void A_70_KiB_frame_is_refused_even_if_well_formed()
    {
        var frame = Wire(With(Valid[279], "attachDatas.note", Quote(new string('x', 70 * 1024))));
        var failure = Refused(frame);
        Assert.Equal("frame larger than 65536 bytes", failure.Reason);
        Assert.Equal(0, failure.MessageId);
    }

    [Fact]
    public void The_limit_counts_UTF8_bytes_not_characters()
    {
        var chinese = new string('中', 25_000); // 25,000 chars, 75,000 UTF-8 bytes
        Assert.Equal("frame larger than 65536 bytes", Refused(Wire(With(Valid[279], "attachDatas.note", Quote(chinese)))).Reason);
        var fits = new string('中', 20_000); // 60,000 bytes
        Assert.Equal(fits, Accepted<AttachDataRequest>(Wire(With(Valid[279], "attachDatas.note", Quote(fits)))).Data["note"]);
    }

    [Fact]
    public void A_frame_just_under_the_limit_is_parsed()
    {
        var frame = Wire(With(Valid[279], "attachDatas.note", Quote(new string('x', 60 * 1024))));
        Assert.True(Encoding.UTF8.GetByteCount(frame) < ProtocolCodec.MaxFrameBytes);
        Assert.Equal(60 * 1024, Accepted<AttachDataRequest>(frame).Data["note"].Length);
    }

    [Fact]
    public void Nesting_up_to_the_maximum_depth_is_read_and_ignored()
    {
        // The unknown field's array sits at depth 2 inside the inner message; 14 more levels still fit in 16.
        var frame = Wire(With(Valid[101], "extra", Deep(ProtocolCodec.MaxDepth - 1)));
        Assert.IsType<ReadyRequest>(Accepted(frame).Request);
        Assert.Equal("message is not valid JSON", Refused(Wire(With(Valid[101], "extra", Deep(ProtocolCodec.MaxDepth)))).Reason);
    }

    [Fact]
    public void Many_list_items_and_long_values_do_not_break_anything()
    {
        var many = "[" + string.Join(",", Enumerable.Range(1, 3000).Select(i => $"\"10001_{i}\"")) + "]";
        Assert.Equal(3000, Accepted<MonitorRequest>(Wire(With(Valid[266], "agentDNS", many))).Targets.Count);
    }

    /// <summary>Every frame the fuzzers produce: valid samples, verbatim examples and malformed frames.</summary>
    private static IEnumerable<string> Seeds() =>
        Valid.Values.Select(v => Wire(v))
            .Append("""{"thisDN":"10001_1000","message":"ping","type":"ping"}""")
            .Append("""{"thisDN":"10001_1000","type":"request","message":{"messageId":215,"thisDN":"10001_1000","callID":"c","otherDN":"1","phoneNumber":"2","attachDatas":{"isHold":2}}}""");

    private static void AssertAnswered(string frame)
    {
        ParseResult result;
        try
        {
            result = ProtocolCodec.Parse(frame);
        }
        catch (Exception e)
        {
            Assert.Fail($"threw {e.GetType().Name} on: {frame}");
            return;
        }

        switch (result)
        {
            case ParseFailure f:
                Assert.Equal(ErrorCodes.BadParameter, f.ErrorCode);
                Assert.False(string.IsNullOrWhiteSpace(f.Reason));
                // The codec's last-resort catch must not be what answered: every input has a planned answer.
                Assert.NotEqual("frame could not be read", f.Reason);
                break;
            case ParsedRequest p:
                Assert.NotNull(p.Request);
                Assert.Equal(p.ThisDn, p.Request.ThisDn);
                break;
            default:
                Assert.Fail("neither a request nor a failure");
                break;
        }
    }

    private const string Alphabet = "{}[]\":,\\ 0123456789-+.eEtrufalsn_xyz中\u0000\u001f\uD800\uDC00";

    [Fact]
    public void Random_character_mutations_never_throw()
    {
        var random = new Random(20240607);
        var seeds = Seeds().ToArray();
        var failures = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new StringBuilder(seeds[random.Next(seeds.Length)]);
            for (var m = random.Next(1, 4); m > 0 && chars.Length > 1; m--)
            {
                var at = random.Next(chars.Length);
                switch (random.Next(4))
                {
                    case 0:
                        chars.Remove(at, 1);
                        break;
                    case 1:
                        chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    case 2:
                        var other = random.Next(chars.Length);
                        (chars[at], chars[other]) = (chars[other], chars[at]);
                        break;
                    default:
                        chars[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                }
            }

            var frame = chars.ToString();
            AssertAnswered(frame);
            if (ProtocolCodec.Parse(frame) is ParseFailure) failures++;
        }

        Assert.InRange(failures, 1, 20_000); // the mutations do break frames
    }

    private static readonly string[] Replacements =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "99999999999999999999", "\"\"", "\" \"", "\"x\"", "\"中文\"",
        "\"0\"", "\"1\"", "\"4\"", "\"10001\"", "\"10001_1000\"", "\"10001_1000,\"", "[]", "[null]", "[1,\"2\"]", "[[]]",
        """["10001_8000"]""", "{}", """{"a":{"b":[1]}}""", "\"\\u0000\"", "\"\\uD800\"", "\"x\\uDC00\"", "[\"\\uD800\"]",
        """{"\uD800":"x"}""",
    ];

    /// <summary>Every field of every sample (and of its attachDatas) swapped for every JSON kind.</summary>
    [Fact]
    public void Swapping_the_type_of_any_field_never_throws()
    {
        var count = 0;
        foreach (var inner in Valid.Values)
        {
            var root = JsonNode.Parse(inner)!.AsObject();
            var paths = root.Select(p => p.Key).ToList();
            if (root["attachDatas"] is JsonObject attach) paths.AddRange(attach.Select(p => "attachDatas." + p.Key));
            paths.Add("attachDatas.extra");
            paths.Add("extra");
            foreach (var path in paths)
            {
                foreach (var value in Replacements)
                {
                    var mutated = With(inner, path, value);
                    AssertAnswered(Wire(mutated));
                    AssertAnswered($$"""{"thisDN":"10001_1000","type":"request","message":{{mutated}}}""");
                    count += 2;
                }

                AssertAnswered(Wire(Without(inner, path)));
                count++;
            }
        }

        Assert.True(count > 2000, $"only {count} frames");
    }

    [Fact]
    public void Swapping_the_type_of_any_outer_key_never_throws()
    {
        foreach (var value in Replacements)
        {
            foreach (var key in new[] { "thisDN", "type", "message" })
            {
                var frame = JsonNode.Parse(Wire(Valid[200]))!.AsObject();
                frame[key] = "\u0001";
                AssertAnswered(frame.ToJsonString().Replace("\"\\u0001\"", value, StringComparison.Ordinal));
                frame.Remove(key);
                AssertAnswered(frame.ToJsonString());
            }
        }
    }

    [Fact]
    public void Parsing_from_many_threads_at_once_gives_the_same_answers()
    {
        var frames = Seeds().ToArray();
        var expected = frames.Select(f => Describe(ProtocolCodec.Parse(f))).ToArray();
        Parallel.For(0, 4000, i =>
        {
            var k = i % frames.Length;
            Assert.Equal(expected[k], Describe(ProtocolCodec.Parse(frames[k])));
        });
    }
}
