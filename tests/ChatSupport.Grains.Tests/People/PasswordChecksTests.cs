using ChatSupport.Grains.People;
using FluentAssertions;
using Microsoft.Extensions.Options;
using Xunit;

namespace ChatSupport.Grains.Tests.People;

/// <summary>A sign-in storm: password checks run at most N at once, M wait, and the rest are refused at once.</summary>
public sealed class PasswordChecksTests
{
    private static PasswordChecks Checks(int concurrency, int waiting) =>
        new(Options.Create(new PasswordCheckOptions { Concurrency = concurrency, Waiting = waiting }));

    [Fact]
    public async Task Beyond_the_running_and_waiting_checks_a_check_is_refused_at_once_and_the_admitted_ones_all_finish()
    {
        var checks = Checks(concurrency: 1, waiting: 1);
        using var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource();

        var running = checks.RunAsync(() => { started.TrySetResult(); gate.Wait(TimeSpan.FromSeconds(30)); return 1; });
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var waiting = checks.RunAsync(() => 2);
        var refused = await checks.RunAsync(() => 3).WaitAsync(TimeSpan.FromSeconds(10));

        refused.Admitted.Should().BeFalse("one runs and one waits, so a third is over the limit");
        waiting.IsCompleted.Should().BeFalse("it waits for the running check's slot");
        gate.Set();
        (await running.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(new PasswordCheck<int>(true, 1));
        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(new PasswordCheck<int>(true, 2));
        (await checks.RunAsync(() => 4).WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(new PasswordCheck<int>(true, 4),
            "the slots are free again once the storm has passed");
    }

    [Fact]
    public async Task A_hashed_password_verifies_and_a_wrong_one_does_not()
    {
        var checks = Checks(concurrency: 2, waiting: 0);
        var hash = await checks.HashAsync("correct horse battery staple");
        hash.Admitted.Should().BeTrue();
        (await checks.VerifyAsync(hash.Result, "correct horse battery staple")).Result.Should().BeTrue();
        (await checks.VerifyAsync(hash.Result, "wrong horse battery staple")).Result.Should().BeFalse();
    }
}
