using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace ChatSupport.Testing;

/// <summary>
/// A bare TLS handshake with a silo or gateway port, as a process pretending to be a silo would start one: tells
/// whether the port speaks TLS at all and whether it then ended the connection on this client (no certificate, or
/// one it does not trust).
/// </summary>
public static class TlsProbe
{
    /// <returns>
    /// "refused" when the server showed a TLS certificate and then ended the connection; "not tls" when it never showed
    /// one (a plain Orleans port ends a TLS hello too); "kept open" when it neither refused nor sent anything.
    /// </returns>
    public static async Task<string> ConnectAsync(int port, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var serverShowedCertificate = false;
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, certificate, _, _) =>
        {
            serverShowedCertificate = certificate is not null;
            return true;
        });
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        };
        try
        {
            await tls.AuthenticateAsClientAsync(options);
            // TLS 1.3 finishes the client's side before the server has judged the client's certificate: the refusal
            // arrives as an alert or a close on the first read. The deadline only ends a probe the server kept open.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var read = await tls.ReadAsync(new byte[1], deadline.Token);
            return read == 0 ? "refused" : "the server sent data";
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return serverShowedCertificate ? "refused" : "not tls";
        }
        catch (OperationCanceledException)
        {
            return "kept open";
        }
    }
}
