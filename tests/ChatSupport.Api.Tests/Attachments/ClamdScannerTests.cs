using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatSupport.Api.Attachments;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Tests.Attachments;

/// <summary>The clamd scanner speaks INSTREAM to a daemon (here a stand-in on loopback that flags EICAR, as clamd does).</summary>
public sealed class ClamdScannerTests
{
    [Fact]
    public async Task Clamd_flags_eicar_passes_a_clean_file_and_an_unreachable_daemon_lets_nothing_through()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var daemon = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(stop.Token);
                await using var stream = client.GetStream();
                var command = new byte[10];
                await stream.ReadExactlyAsync(command, stop.Token);
                Encoding.ASCII.GetString(command).Should().Be("zINSTREAM\0");
                using var file = new MemoryStream();
                var length = new byte[4];
                while (true)
                {
                    await stream.ReadExactlyAsync(length, stop.Token);
                    var n = BinaryPrimitives.ReadInt32BigEndian(length);
                    if (n == 0) break;
                    var chunk = new byte[n];
                    await stream.ReadExactlyAsync(chunk, stop.Token);
                    file.Write(chunk);
                }
                var infected = Encoding.ASCII.GetString(file.ToArray()).Contains(EicarScanner.Eicar, StringComparison.Ordinal);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(infected ? "stream: Eicar-Test-Signature FOUND\0" : "stream: OK\0"), stop.Token);
            }
        });

        var scanner = new ClamdScanner(Options.Create(new AttachmentOptions { ClamdHost = "127.0.0.1", ClamdPort = port }), NullLogger<ClamdScanner>.Instance);
        (await scanner.ScanAsync(Encoding.ASCII.GetBytes(EicarScanner.Eicar), CancellationToken.None)).Should().Be(ScanVerdict.Infected);
        // Larger than one chunk, so it goes in several.
        (await scanner.ScanAsync(new byte[200_000], CancellationToken.None)).Should().Be(ScanVerdict.Clean);
        stop.Cancel();
        listener.Stop();
        try { await daemon; } catch (OperationCanceledException) { } catch (SocketException) { } catch (ObjectDisposedException) { }

        (await scanner.ScanAsync(Encoding.ASCII.GetBytes("hello"), CancellationToken.None)).Should().Be(ScanVerdict.Unavailable,
            "with clamd down a file is refused with try_again, never let through unscanned");
    }
}
