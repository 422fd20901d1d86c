using System.Net;
using System.Net.Sockets;

namespace ChatSupport.Bench.Hosting;

public static class FreePorts
{
    /// <summary>A loopback port nobody listens on now: the OS picks it (port 0), so parallel test runs do not collide.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<bool> hasExited)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (hasExited()) throw new InvalidOperationException($"The process meant to listen on 127.0.0.1:{port} exited.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
