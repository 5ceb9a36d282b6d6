namespace CallCenter.Domain.Cti.Protocol;

/// <summary>The outer <c>type</c> of a request frame (§P2.1): "login", "request" or "ping".</summary>
public enum FrameType
{
    Login,
    Request,
    Ping,
}

/// <summary>What <see cref="ProtocolCodec.Parse(string?)"/> made of one frame: a <see cref="ParsedRequest"/> or a
/// <see cref="ParseFailure"/>.</summary>
public abstract record ParseResult
{
    private protected ParseResult()
    {
    }

    public abstract bool IsSuccess { get; }
}

/// <summary>
/// A well-formed request. <paramref name="ThisDn"/> is the requesting agent (the outer <c>thisDN</c>, which the inner
/// one must equal), also found as <see cref="AgentRequest.ThisDn"/>.
/// </summary>
public sealed record ParsedRequest(string ThisDn, FrameType Type, AgentRequest Request) : ParseResult
{
    public override bool IsSuccess => true;
}

/// <summary>
/// A refused frame. <paramref name="MessageId"/> is the inner messageId when it could be read (else 0), so that the
/// 9999 answer can echo it in <c>errorMessageId</c>; <paramref name="ThisDn"/> is the outer <c>thisDN</c> when it was
/// a string (not necessarily a valid DN), else the inner one, else null. <paramref name="Reason"/> is short English
/// naming the field ("callID is required").
/// </summary>
public sealed record ParseFailure(int MessageId, string? ThisDn, int ErrorCode, string Reason) : ParseResult
{
    public override bool IsSuccess => false;

    /// <summary>The 9999 answer: <c>errorCode</c> 18 and <c>errorMessage</c> "request parameter error: {reason}".</summary>
    public CtiEvent ToEvent(string? thisDn = null, string? extension = null) =>
        Events.RequestFailed(MessageId, ErrorCode, thisDn ?? ThisDn ?? "", extension, Reason);
}
