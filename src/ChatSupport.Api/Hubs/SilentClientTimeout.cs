using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ChatSupport.Api.Hubs;

/// <summary>
/// SignalR starts a connection's silence timer (ClientTimeoutInterval) only when the first message after the handshake
/// arrives, so a client that completes the handshake and then sends nothing, not even a ping, would be kept forever:
/// free visitor tokens would buy unlimited idle sockets. This connection middleware starts the timer at the handshake:
/// a connection that sends nothing within ClientTimeoutInterval of it is closed. After the first message SignalR's own
/// timer takes over. <see cref="MapChatHub{THub}"/> maps a hub as <c>MapHub</c> does, with this in front.
/// </summary>
public static class SilentClientTimeout
{
    /// <summary>The handshake (JSON for every protocol) ends with the record separator.</summary>
    private const byte RecordSeparator = 0x1e;

    public static IEndpointConventionBuilder MapChatHub<THub>(this IEndpointRouteBuilder endpoints, string pattern) where THub : Hub
    {
        var timeout = endpoints.ServiceProvider.GetRequiredService<IOptions<HubOptions>>().Value.ClientTimeoutInterval ?? TimeSpan.FromSeconds(30);
        var clock = endpoints.ServiceProvider.GetRequiredService<TimeProvider>();
        var attributes = typeof(THub).GetCustomAttributes(inherit: true);
        // What MapHub<THub> does (the hub's attributes, [Authorize] among them, and its HubMetadata), with the watcher first.
        var builder = endpoints.MapConnections(pattern, new(), connection => connection
            .Use(next => context => WatchAsync(context, next, timeout, clock))
            .UseHub<THub>());
        builder.Add(endpoint =>
        {
            foreach (var attribute in attributes) endpoint.Metadata.Add(attribute);
            endpoint.Metadata.Add(new HubMetadata(typeof(THub)));
        });
        return builder;
    }

    private static async Task WatchAsync(ConnectionContext connection, ConnectionDelegate next, TimeSpan timeout, TimeProvider clock)
    {
        var transport = connection.Transport;
        using var watcher = new SilenceWatcher(connection, timeout, clock);
        connection.Transport = new DuplexPipe(new WatchedReader(transport.Input, watcher), transport.Output);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = transport;
        }
    }

    private sealed class SilenceWatcher(ConnectionContext connection, TimeSpan timeout, TimeProvider clock) : IDisposable
    {
        private readonly Lock _gate = new();
        private bool _handshakeDone;
        private bool _spoken;
        private ITimer? _timer;

        /// <summary>Sees each buffer the hub reads: the handshake starts the timer, the first byte after it stops it.</summary>
        public void Saw(ReadOnlySequence<byte> buffer)
        {
            if (buffer.IsEmpty) return;
            lock (_gate)
            {
                if (_spoken) return;
                if (_handshakeDone)
                {
                    Stop();
                    return;
                }
                if (buffer.PositionOf(RecordSeparator) is not { } end) return;
                _handshakeDone = true;
                if (buffer.Slice(buffer.GetPosition(1, end)).Length > 0) Stop();
                else _timer = clock.CreateTimer(_ => connection.Abort(), null, timeout, Timeout.InfiniteTimeSpan);
            }
        }

        private void Stop()
        {
            _spoken = true;
            _timer?.Dispose();
        }

        public void Dispose()
        {
            lock (_gate) _timer?.Dispose();
        }
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    /// <summary>Passes every read through unchanged, showing each buffer to the watcher.</summary>
    private sealed class WatchedReader(PipeReader inner, SilenceWatcher watcher) : PipeReader
    {
        public override async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
        {
            var result = await inner.ReadAsync(cancellationToken);
            watcher.Saw(result.Buffer);
            return result;
        }

        public override bool TryRead(out ReadResult result)
        {
            if (!inner.TryRead(out result)) return false;
            watcher.Saw(result.Buffer);
            return true;
        }

        public override void AdvanceTo(SequencePosition consumed) => inner.AdvanceTo(consumed);
        public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => inner.AdvanceTo(consumed, examined);
        public override void CancelPendingRead() => inner.CancelPendingRead();
        public override void Complete(Exception? exception = null) => inner.Complete(exception);
    }
}
