using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ChatSupport.Api.Hubs;
using ChatSupport.Contracts.Messages;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Refusals are answers, not failures: a burst of refused calls is counted and summed up in one line per interval,
/// with no stack trace, whatever the log level.
/// </summary>
public sealed class RefusalLoggingTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private ApiHost _host = null!;

    public async Task InitializeAsync() => _host = await ApiHost.StartAsync(
        [
            "Logging:LogLevel:Default=Trace", "Logging:LogLevel:Microsoft.AspNetCore=Trace", "Logging:LogLevel:Orleans=Warning", "Logging:LogLevel:Polly=Warning",
            "ChatSupport:Security:RateLimits:MessagesPerVisitor=3",
            "ChatSupport:Security:RateLimits:MessageWindow=00:05:00",
            "ChatSupport:Logging:RefusalSummaryInterval=00:00:01",
        ],
        builder => builder.Logging.AddProvider(_logs));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_burst_of_fifty_refused_calls_writes_one_summary_line_and_no_stack_trace()
    {
        var tenant = await _host.NewTenantAsync();
        var token = await _host.VisitorTokenAsync(tenant);
        await using var visitor = await _host.ConnectVisitorAsync(token.Token);
        var sessionId = (await visitor.InvokeAsync<VisitorStartChatResult>("StartChat", new VisitorMetadata())).Session.SessionId;
        for (var i = 0; i < 3; i++) await visitor.InvokeAsync<MessageAck>("SendMessage", sessionId, $"ok{i}", "hello");
        var mark = _logs.Count;

        var codes = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var call = i % 10 == 9
                ? visitor.InvokeAsync<VisitorMessagePage>("GetHistory", sessionId, 0L, 0) // invalid_input: a page of 0 messages
                : visitor.InvokeAsync<VisitorMessagePage>("SendMessage", sessionId, $"burst{i}", "hello"); // slow_down
            var refused = await call.Invoking(async c => await c).Should().ThrowAsync<HubException>();
            codes.Add(Outcome.CodeOf(refused.Which));
        }
        codes.Should().HaveCount(50).And.OnlyContain(c => c == "slow_down" || c == "invalid_input");

        // One line per interval: the burst is one line, or two when it straddles the end of an interval.
        static int Counted(IEnumerable<string> lines, string pattern) =>
            lines.Sum(l => Regex.Match(l, pattern) is { Success: true } m ? int.Parse(m.Groups[1].Value) : 0);
        var summary = await Testing.Eventually.GetAsync(
            () => Task.FromResult(_logs.Since(mark).Where(l => l.Contains("refused ", StringComparison.Ordinal)).ToList()),
            lines => Counted(lines, @"refused (\d+) calls") >= 50, what: "the refusal summary lines");
        summary.Should().HaveCountLessThanOrEqualTo(2).And.OnlyContain(l => l.Contains(" Information: ", StringComparison.Ordinal));
        Counted(summary, @"refused (\d+) calls").Should().Be(50);
        Counted(summary, @"slow_down (\d+)").Should().Be(45);
        Counted(summary, @"invalid_input (\d+)").Should().Be(5);

        var burst = _logs.Since(mark);
        burst.Where(l => l.Contains("slow_down", StringComparison.Ordinal) || l.Contains("invalid_input", StringComparison.Ordinal))
            .Should().HaveCountLessThanOrEqualTo(2, "a burst is summed up, not logged call by call");
        burst.Should().NotContain(l => l.Contains("HubException", StringComparison.Ordinal), "a refusal is not an exception to log");
        burst.Should().NotContain(l => l.Contains("\n   at ", StringComparison.Ordinal), "no stack trace is written for a refusal");
        burst.Should().NotContain(l => l.Contains(" Error: ", StringComparison.Ordinal) || l.Contains(" Critical: ", StringComparison.Ordinal));
    }

    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public int Count => _lines.Count;

        public IReadOnlyList<string> Since(int mark) => [.. _lines.Skip(mark)];

        public ILogger CreateLogger(string categoryName) => new Capture(categoryName, _lines);

        public void Dispose() { }

        private sealed class Capture(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
