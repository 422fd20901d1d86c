using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Attachments;

/// <summary>The verdict on a file before it becomes visible: only a clean one is stored.</summary>
public enum ScanVerdict
{
    Clean,
    Infected,
    /// <summary>The scanner could not be asked: the upload is refused with try_again (a file is never let through unscanned).</summary>
    Unavailable,
}

/// <summary>Checks a file's bytes before anything is stored (docs/security.md, "Attachments").</summary>
public interface IAttachmentScanner
{
    Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> file, CancellationToken ct);
}

/// <summary>The default: every file passes (the type allow-list is the defence then). Configure clamd to scan.</summary>
public sealed class AcceptingScanner : IAttachmentScanner
{
    public Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> file, CancellationToken ct) => Task.FromResult(ScanVerdict.Clean);
}

/// <summary>
/// ClamAV's daemon over TCP (<c>ChatSupport:Attachments:Scanner=clamd</c>): the INSTREAM command, the file in chunks
/// each preceded by its length (4 bytes, big-endian), a zero length to end; clamd answers "stream: OK" or
/// "stream: NAME FOUND". Its StreamMaxLength must be at least the largest file a tenant may send (25 MB).
/// </summary>
public sealed class ClamdScanner(IOptions<AttachmentOptions> options, ILogger<ClamdScanner> logger) : IAttachmentScanner
{
    private const int Chunk = 64 * 1024;

    public async Task<ScanVerdict> ScanAsync(ReadOnlyMemory<byte> file, CancellationToken ct)
    {
        var o = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.ClamdTimeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(o.ClamdHost, o.ClamdPort, timeout.Token);
            await using var stream = client.GetStream();
            await stream.WriteAsync("zINSTREAM\0"u8.ToArray(), timeout.Token);
            var length = new byte[4];
            for (var at = 0; at < file.Length; at += Chunk)
            {
                var part = file.Slice(at, Math.Min(Chunk, file.Length - at));
                BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
                await stream.WriteAsync(length, timeout.Token);
                await stream.WriteAsync(part, timeout.Token);
            }
            BinaryPrimitives.WriteInt32BigEndian(length, 0);
            await stream.WriteAsync(length, timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            var answer = (await reader.ReadToEndAsync(timeout.Token)).TrimEnd('\0', '\n');
            if (answer.EndsWith("OK", StringComparison.Ordinal)) return ScanVerdict.Clean;
            if (answer.EndsWith("FOUND", StringComparison.Ordinal)) return ScanVerdict.Infected;
            logger.LogWarning("clamd answered {Answer}", answer);
            return ScanVerdict.Unavailable;
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            logger.LogWarning(e, "clamd at {Host}:{Port} could not scan a file", o.ClamdHost, o.ClamdPort);
            return ScanVerdict.Unavailable;
        }
    }
}
