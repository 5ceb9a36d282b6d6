using CallCenter.Domain.Cti.Protocol;
using CallCenter.Domain.Telephony;

namespace CallCenter.Tests.Cti;

/// <summary>
/// Every request in every agent/call state has a defined answer: a documented event, or 9999 with a documented code,
/// or (for the requests the source gives no answer) a documented silence — and the engine never fails inside.
/// </summary>
public sealed class RequestStateMatrixTests
{
    private const string Me = AgentSituations.Me;
    private const string Other = AgentSituations.Other;

    private static readonly int[] DocumentedEvents =
    {
        505, 572, 574, 580, 581, 582, 583, 503, 506, 515, 589, 519, 509, 513, 588, 520, 605, 9999, 4500, 8888, 3,
    };

    private static readonly int[] DocumentedErrors = { 4, 14, 18, 27, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 300 };

    /// <summary>Requests with no documented answer on success (250, 274, 279, 290, 267/276/302 stop monitors).</summary>
    private static readonly int[] SilentOnSuccess = { 250, 274, 279, 290, 267, 276, 301, 302 };

    /// <summary>
    /// Requests whose answer follows the switch's report, not the request itself: 214 (8888 ref 9 / 9999 40 when the third
    /// party answers or not), 215 with isHold 1/2 (8888 ref 4 / 9999 35), 277/278 (589 / 519). Their later answers are
    /// pinned by the scenario tests in CallEngineTests.
    /// </summary>
    private static readonly int[] AnsweredLater = { 214, 215, 277, 278 };

    public static IEnumerable<object[]> Cases()
    {
        foreach (var situation in Enum.GetValues<AgentSituation>())
            foreach (var request in RequestNames)
                yield return new object[] { situation, request };
    }

    private static readonly string[] RequestNames =
    {
        "login", "ready", "notReady3", "rest", "notReadySystem1", "logout", "makeCallNumber", "makeCallAgent", "holdCall",
        "release", "hold", "retrieve", "transferAgent", "transferAcd", "transferIvr", "conference", "listen", "mute", "unmute",
        "startRecording", "stopRecording", "monitorAgents", "unmonitorAgents", "monitorAcd", "unmonitorAcd", "monitorIvr",
        "unmonitorIvr", "attachData", "refuse", "accept", "dtmf", "play", "ping", "unknownCall",
    };

    private static AgentRequest Build(string name, string callId) => name switch
    {
        "login" => new LoginRequest(Me, "1000", new[] { "10001_8000" }, null, null),
        "ready" => new ReadyRequest(Me),
        "notReady3" => new NotReadyRequest(Me, 3, null),
        "rest" => new NotReadyRequest(Me, 5, 300),
        "notReadySystem1" => new NotReadyRequest(Me, 1, null),
        "logout" => new LogoutRequest(Me, "1000"),
        "makeCallNumber" => new MakeCallRequest(Me, "18866666666", "10001", null, null, false, null),
        "makeCallAgent" => new MakeCallRequest(Me, Other, "10001", null, null, false, null),
        "holdCall" => new MakeCallRequest(Me, "18866666667", "10001", null, null, true, callId),
        "release" => new ReleaseRequest(Me, callId, "13900000001"),
        "hold" => new HoldRequest(Me, callId, "13900000001"),
        "retrieve" => new RetrieveRequest(Me, callId, "13900000001"),
        "transferAgent" => new TransferRequest(Me, callId, Other, "13900000001", 2),
        "transferAcd" => new TransferRequest(Me, callId, "10001_8001", null, 0),
        "transferIvr" => new TransferToIvrRequest(Me, callId, "13900000001", "1", false),
        "conference" => new ConferenceRequest(Me, callId, "18866666668", null),
        "listen" => new ListenRequest(Me, callId, Other),
        "mute" => new MuteRequest(Me, callId, "13900000001", true),
        "unmute" => new MuteRequest(Me, callId, "13900000001", false),
        "startRecording" => new RecordingRequest(Me, callId, "/record/", 60, true),
        "stopRecording" => new RecordingRequest(Me, callId, "/record/", null, false),
        "monitorAgents" => new MonitorRequest(266, Me, MonitorKind.Agent, true, new[] { Other }),
        "unmonitorAgents" => new MonitorRequest(267, Me, MonitorKind.Agent, false, new[] { Other }),
        "monitorAcd" => new MonitorRequest(275, Me, MonitorKind.Acd, true, new[] { "10001_8000" }),
        "unmonitorAcd" => new MonitorRequest(276, Me, MonitorKind.Acd, false, new[] { "10001_8000" }),
        "monitorIvr" => new MonitorRequest(301, Me, MonitorKind.Ivr, true, new[] { "10001" }),
        "unmonitorIvr" => new MonitorRequest(302, Me, MonitorKind.Ivr, false, new[] { "10001" }),
        "attachData" => new AttachDataRequest(Me, callId, new Dictionary<string, string> { ["k"] = "v" }),
        "refuse" => new AcceptIncomingRequest(Me, true),
        "accept" => new AcceptIncomingRequest(Me, false),
        "dtmf" => new SendDtmfRequest(Me, callId, "13900000001", "1"),
        "play" => new PlayRequest(Me, callId, "/records/x.wav", 4),
        "ping" => new PingRequest(Me),
        "unknownCall" => new HoldRequest(Me, "no-such-call", null),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_request_in_every_situation_gets_a_documented_answer(AgentSituation situation, string requestName)
    {
        await using var h = new EngineHarness();
        var callId = await AgentSituations.ArrangeAsync(h, situation);
        await h.AdvanceAsync(TimeSpan.FromSeconds(3)); // out of the duplicate window of the arrangement
        h.Connection(Me).Drain();
        var request = Build(requestName, callId);
        var events = await h.SendAsync(Me, request);

        Assert.Empty(h.Errors);
        Assert.All(events, e => Assert.Contains(e.MessageId, DocumentedEvents));
        foreach (var failure in events.Where(e => e.MessageId == Events.Failed))
        {
            Assert.Contains((int)failure["errorCode"]!, DocumentedErrors);
            Assert.Equal(request.MessageId, failure["errorMessageId"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)failure["errorMessage"]));
        }
        var answered = events.Count > 0;
        if (situation == AgentSituation.LoggedOut && request is not (PingRequest or LoginRequest))
        {
            var failure = Assert.Single(events);
            Assert.Equal(Events.Failed, failure.MessageId);
            Assert.Equal(ErrorCodes.UnknownAgent, failure["errorCode"]);
        }
        else if (!answered)
        {
            // Silence is only for the requests the source documents no answer to, and only when they succeeded.
            Assert.True(SilentOnSuccess.Contains(request.MessageId)
                        || (AnsweredLater.Contains(request.MessageId) && situation is AgentSituation.Talking or AgentSituation.Holding),
                $"no answer to {request.MessageId} while {situation}");
        }
    }
}
