namespace CallCenter.Infrastructure.Excel;

/// <summary>
/// A write-only view of a stream that reaches it only asynchronously. MiniExcel's zip writer makes a few small
/// synchronous writes (entry headers, the central directory: about 70 KB for a million rows); they are held here and go
/// out, in order, before the next asynchronous write or flush. That lets a workbook be written straight into an
/// ASP.NET Core response body, which refuses synchronous I/O. The inner stream is not disposed.
/// </summary>
public sealed class AsyncOnlyWriteStream(Stream inner) : Stream
{
    private readonly MemoryStream _pending = new();
    private long _position;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _position += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
    {
        await DrainAsync(ct);
        await inner.WriteAsync(buffer, ct);
        _position += buffer.Length;
    }

    /// <summary>A synchronous flush cannot reach the inner stream; the held bytes wait for the next asynchronous call.</summary>
    public override void Flush() { }

    public override async Task FlushAsync(CancellationToken ct)
    {
        await DrainAsync(ct);
        await inner.FlushAsync(ct);
    }

    private async ValueTask DrainAsync(CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        _pending.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
