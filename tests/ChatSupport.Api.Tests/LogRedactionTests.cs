using System.Collections.Concurrent;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Api.Tests;

/// <summary>A visitor token carried in a WebSocket URL (as browsers must) never reaches the logs, whatever the log level.</summary>
public sealed class LogRedactionTests : IAsyncLifetime
{
    private readonly CapturingLoggerProvider _logs = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(
        ["Logging:LogLevel:Default=Trace", "Logging:LogLevel:Microsoft.AspNetCore=Trace", "Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Trace", "Logging:LogLevel:Orleans=Warning", "Logging:LogLevel:Polly=Warning"],
        builder => builder.Logging.AddProvider(_logs));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_token_in_a_websocket_query_string_is_never_logged()
    {
        var tenant = await _host.NewTenantAsync();
        var token = await _host.VisitorTokenAsync(tenant);
        await using (var connection = await _host.ConnectLikeBrowserAsync(token.Token, ApiHost.AllowedOrigin))
        {
            await connection.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata());
        }

        var lines = _logs.Lines;
        lines.Should().Contain(l => l.Contains("/hubs/visitor", StringComparison.Ordinal) || l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal),
            "the capture sees the request's logs, so the check below means something");
        var signature = token.Token[(token.Token.LastIndexOf('.') + 1)..];
        lines.Should().NotContain(l => l.Contains(signature, StringComparison.Ordinal) || l.Contains("access_token=", StringComparison.Ordinal));
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Capture(categoryName, _lines);

        public void Dispose() { }

        private sealed class Capture(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
