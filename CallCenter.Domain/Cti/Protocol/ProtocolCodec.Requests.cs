using CallCenter.Domain.Common;
using static CallCenter.Domain.Cti.Protocol.FieldReader.Scope;

namespace CallCenter.Domain.Cti.Protocol;

/// <summary>
/// The fields of each request (digest Part 3). Required fields (Y, Cond) are checked; fields missing from the source's
/// own examples (Y*) get a default; unknown fields are ignored; field names are case-sensitive.
/// </summary>
public static partial class ProtocolCodec
{
    private static readonly int[] ZeroOne = [0, 1];
    private static readonly int[] TransferModes = [0, 1, 2];
    private static readonly int[] PlayFlags = [1, 2, 4];

    /// <summary>Largest busy reason: 0–8 are built in, a tenant's custom reasons take 9–999 (decision D4).</summary>
    public const int MaxReasonCode = 999;

    private static AgentRequest? BuildRequest(int messageId, string dn, FieldReader r) => messageId switch
    {
        MessageIds.Login => Login(dn, r),
        MessageIds.Ready => new ReadyRequest(dn),
        MessageIds.NotReady => NotReady(dn, r),
        MessageIds.Logout => new LogoutRequest(dn, r.OptionalText(Root, "extension")), // Y*: not in the example
        MessageIds.MakeCall => MakeCall(dn, r),
        MessageIds.Release => new ReleaseRequest(dn, CallId(r), r.RequiredText(Root, "otherDN")),
        // 204: the table spells the party oterDN, the scenario otherDN (A7); Y*: the example has neither.
        MessageIds.Hold => new HoldRequest(dn, CallId(r), r.OptionalText(Root, "oterDN", "otherDN")),
        MessageIds.Retrieve => new RetrieveRequest(dn, CallId(r), r.OptionalText(Root, "otherDN")), // Y*
        MessageIds.Transfer => Transfer(dn, r),
        MessageIds.TransferToIvr => TransferToIvr(dn, r),
        MessageIds.Conference => new ConferenceRequest(dn, CallId(r), r.RequiredText(Root, "otherDN"), r.OptionalText(Root, "phoneNumber")),
        MessageIds.Listen => new ListenRequest(dn, CallId(r), r.RequiredText(Root, "otherDN")),
        MessageIds.Mute => new MuteRequest(dn, CallId(r), r.RequiredText(Root, "otherDN"), Mute: true),
        MessageIds.Unmute => new MuteRequest(dn, CallId(r), r.RequiredText(Root, "otherDN"), Mute: false),
        MessageIds.StartRecording => new RecordingRequest(dn, CallId(r), r.RequiredText(Root, "path"),
            Seconds(r, "limit") ?? RequiredMissing(r, "attachDatas.limit is required"), Start: true),
        MessageIds.StopRecording => new RecordingRequest(dn, CallId(r), r.RequiredText(Root, "path"), null, Start: false),
        MessageIds.StartAgentMonitor => Monitor(messageId, dn, r, MonitorKind.Agent, true),
        MessageIds.StopAgentMonitor => Monitor(messageId, dn, r, MonitorKind.Agent, false),
        MessageIds.StartAcdMonitor => Monitor(messageId, dn, r, MonitorKind.Acd, true),
        MessageIds.StopAcdMonitor => Monitor(messageId, dn, r, MonitorKind.Acd, false),
        MessageIds.StartIvrMonitor => Monitor(messageId, dn, r, MonitorKind.Ivr, true),
        MessageIds.StopIvrMonitor => Monitor(messageId, dn, r, MonitorKind.Ivr, false),
        MessageIds.AttachData => AttachData(dn, r),
        MessageIds.AcceptIncoming => new AcceptIncomingRequest(dn, r.Choice(Root, "isReject", ZeroOne, fallback: null) == 1),
        MessageIds.SendDtmf => SendDtmf(dn, r),
        // 274: flag is Y* (the example omits it): absent means 4, play to everyone. The example's otherDN is ignored.
        MessageIds.Play => new PlayRequest(dn, CallId(r), r.RequiredText(Root, "path"), r.Choice(Root, "flag", PlayFlags, fallback: 4)),
        _ => null,
    };

    /// <summary>
    /// callID must be present (a string, or a number taken as text). Decision: an empty callID is let through, because
    /// the source's own examples send <c>callID:""</c> as a placeholder; the call lookup then answers error 4.
    /// </summary>
    private static string CallId(FieldReader r) => r.RequiredText(Root, "callID", allowEmpty: true);

    private static int? RequiredMissing(FieldReader r, string reason)
    {
        r.Fail(reason);
        return null;
    }

    /// <summary><c>attachDatas.{key}</c> as a whole number of seconds ≥ 1 (number or numeric string); null when absent.</summary>
    private static int? Seconds(FieldReader r, string key)
    {
        var value = r.Int(Attach, key, 1, int.MaxValue);
        r.Restate("attachDatas." + key, $"attachDatas.{key} must be a whole number of seconds, at least 1");
        return value;
    }

    /// <summary>
    /// 100. Decision (A30): a missing or blank <c>extension</c> is not a parameter error here; Extension is null and
    /// the session answers error 31 "login did not specify an extension", the code the source has for it.
    /// <c>thisQueues</c> is required (an empty list is allowed: an agent in no ACD can still dial out).
    /// </summary>
    private static AgentRequest Login(string dn, FieldReader r)
    {
        var extension = r.OptionalText(Root, "extension");
        var queues = r.List(Root, "thisQueues", null, FieldReader.Items.Dn);
        if (queues is null && !r.Failed) r.Fail("thisQueues is required");
        var typeCode = r.OptionalText(Attach, "typeCode");
        var typeText = r.OptionalText(Attach, "typeText");
        return new LoginRequest(dn, extension, queues ?? [], typeCode, typeText);
    }

    /// <summary>102: reasonCode 0–999 (number or numeric string); attachDatas.limit optional, seconds ≥ 1.</summary>
    private static AgentRequest NotReady(string dn, FieldReader r)
    {
        var reason = r.Int(Root, "reasonCode", 0, MaxReasonCode);
        if (reason is null && !r.Failed) r.Fail("reasonCode is required");
        var limit = Seconds(r, "limit");
        return new NotReadyRequest(dn, reason ?? 0, limit);
    }

    /// <summary>
    /// 200 (§3.5 = §4.6): otherDN and attachDatas.cti-tenant-id required; the tenant must be thisDN's tenant.
    /// holdCall is Y* (absent = 0); holdCall 1 requires attachDatas.callID (the held call). ivr_id (ivrID accepted)
    /// and voice_tts are optional.
    /// </summary>
    private static AgentRequest MakeCall(string dn, FieldReader r)
    {
        var other = r.RequiredText(Root, "otherDN");
        var tenant = Tenant(dn, r);
        var ivr = r.OptionalText(Attach, "ivr_id", "ivrID");
        var tts = r.OptionalText(Attach, "voice_tts");
        var holdCall = r.Choice(Attach, "holdCall", ZeroOne, fallback: 0) == 1;
        var held = holdCall
            ? r.RequiredText(Attach, "callID", missing: "attachDatas.callID is required when holdCall is 1")
            : r.OptionalText(Attach, "callID");
        return new MakeCallRequest(dn, other, tenant, ivr, tts, holdCall, held);
    }

    /// <summary><c>attachDatas.cti-tenant-id</c>: required, a tenant number, and the tenant of thisDN.</summary>
    private static string Tenant(string dn, FieldReader r)
    {
        var tenant = r.RequiredText(Attach, "cti-tenant-id", missing: "attachDatas.cti-tenant-id is required");
        if (r.Failed) return tenant;
        if (!FieldReader.IsTenantNumber(tenant)) r.Fail("attachDatas.cti-tenant-id must be a tenant number like 10001");
        else if (Dn.TryParse(dn, out var dnTenant, out _) && int.Parse(tenant, System.Globalization.CultureInfo.InvariantCulture) != dnTenant)
            r.Fail("attachDatas.cti-tenant-id must be the tenant of thisDN");
        return tenant;
    }

    /// <summary>
    /// 215: callID and otherDN required. Decision (A11): attachDatas.isHold absent means 0 (the agent's leg is dropped),
    /// which is what intercept and transfer-to-ACD — whose scenarios send no isHold — do. phoneNumber is required when
    /// isHold is 1 or 2 (the table gives it a meaning only there), optional for 0.
    /// </summary>
    private static AgentRequest Transfer(string dn, FieldReader r)
    {
        var callId = CallId(r);
        var other = r.RequiredText(Root, "otherDN");
        var isHold = r.Choice(Attach, "isHold", TransferModes, fallback: 0);
        var phone = isHold is 1 or 2
            ? r.RequiredText(Root, "phoneNumber", missing: "phoneNumber is required when attachDatas.isHold is 1 or 2")
            : r.OptionalText(Root, "phoneNumber");
        return new TransferRequest(dn, callId, other, phone, isHold);
    }

    /// <summary>
    /// 290 (A12): callID; the customer's number as phoneNumber (table) or otherDN (scenario); attachDatas.ivrID
    /// (table) or attachDatas.ivr_id (scenario); attachDatas.isHold 0/1 — all required.
    /// </summary>
    private static AgentRequest TransferToIvr(string dn, FieldReader r)
    {
        var callId = CallId(r);
        var phone = r.RequiredText(Root, "phoneNumber", "otherDN");
        var ivr = r.RequiredText(Attach, "ivrID", "ivr_id", missing: "attachDatas.ivrID is required");
        var isHold = r.Choice(Attach, "isHold", ZeroOne, fallback: null);
        return new TransferToIvrRequest(dn, callId, phone, ivr, isHold == 1);
    }

    /// <summary>
    /// 266/267 agentDNS (agent DNs), 275/276 queueDNS (ACD DNs), 301/302 tenantIDS or queueDNS (A14; tenant numbers).
    /// Arrays or comma-separated strings. Decision: the list must not be empty; for 301/302 (Y*) an absent list means
    /// the requesting agent's own tenant.
    /// </summary>
    private static AgentRequest Monitor(int messageId, string dn, FieldReader r, MonitorKind kind, bool start)
    {
        var (key, alias, items) = kind switch
        {
            MonitorKind.Agent => ("agentDNS", (string?)null, FieldReader.Items.Dn),
            MonitorKind.Acd => ("queueDNS", null, FieldReader.Items.Dn),
            _ => ("tenantIDS", "queueDNS", FieldReader.Items.Tenant),
        };
        var targets = r.List(Root, key, alias, items);
        if (!r.Failed)
        {
            if (targets is null && kind == MonitorKind.Ivr && Dn.TryParse(dn, out var tenant, out _))
                targets = [tenant.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            else if (targets is null) r.Fail($"{key} is required");
            else if (targets.Count == 0) r.Fail($"{key} must not be empty");
        }

        return new MonitorRequest(messageId, dn, kind, start, targets ?? []);
    }

    /// <summary>
    /// 279: attachDatas.cti-tenant-id required (and thisDN's tenant); callID is Y* (absent → null). Every other
    /// attachDatas entry is collected as text; values must be strings or numbers.
    /// </summary>
    private static AgentRequest AttachData(string dn, FieldReader r)
    {
        var callId = r.OptionalText(Root, "callID");
        Tenant(dn, r);
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!r.Failed && r.TryGetAttach(out var attach))
        {
            foreach (var p in attach.EnumerateObject())
            {
                if (!FieldReader.TryGetName(p, out var key))
                {
                    r.Fail("attachDatas holds a key that is not valid text");
                    break;
                }

                if (key == "cti-tenant-id") continue;
                switch (p.Value.ValueKind)
                {
                    case System.Text.Json.JsonValueKind.String when FieldReader.TryGetString(p.Value, out var text):
                        data[key] = text;
                        break;
                    case System.Text.Json.JsonValueKind.String:
                        r.Fail($"attachDatas.{Shorten(key)} is not valid text");
                        break;
                    case System.Text.Json.JsonValueKind.Number:
                        data[key] = p.Value.GetRawText();
                        break;
                    default:
                        r.Fail($"attachDatas.{Shorten(key)} must be a string or number");
                        break;
                }

                if (r.Failed) break;
            }
        }

        return new AttachDataRequest(dn, callId, data);
    }

    private static string Shorten(string key) => key.Length <= 40 ? key : key[..40] + "…";

    /// <summary>250: callID, otherDN and dtmfDigit required; dtmfDigit holds only 0-9, *, #, A-D.</summary>
    private static AgentRequest SendDtmf(string dn, FieldReader r)
    {
        var callId = CallId(r);
        var other = r.RequiredText(Root, "otherDN");
        var digits = r.RequiredText(Root, "dtmfDigit");
        if (!r.Failed && !digits.All(IsDtmf)) r.Fail("dtmfDigit must hold only 0-9, *, #, A-D");
        return new SendDtmfRequest(dn, callId, other, digits);
    }

    private static bool IsDtmf(char c) => char.IsAsciiDigit(c) || c is '*' or '#' || c is >= 'A' and <= 'D' || c is >= 'a' and <= 'd';
}
