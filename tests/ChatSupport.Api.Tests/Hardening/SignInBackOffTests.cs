using ChatSupport.Testing;

namespace ChatSupport.Api.Tests.Hardening;

/// <summary>
/// Guessing one account's password from any number of addresses is slowed per account: after 3 wrong passwords the
/// account answers <c>429 slow_down</c> (with Retry-After) without checking the password, the wait doubling up to a
/// cap (3 s here, 2 minutes by default), so the real operator is kept out at most that long. An unknown username
/// backs off exactly like a known one, and other accounts are untouched.
/// </summary>
[Collection(ShortSignInCollection.Name)]
public sealed class SignInBackOffTests(ShortSignInHostFixture fixture)
{
    private ApiHost host => fixture.Host;

    [Fact]
    public async Task Wrong_passwords_back_off_the_account_alike_for_known_and_unknown_names_and_only_for_a_while()
    {
        var tenant = await host.NewTenantAsync();
        await host.EnsureOperatorAsync(tenant, "alex", "Alex");
        await host.EnsureOperatorAsync(tenant, "sam", "Sam");
        using var attacker = new OperatorBrowser(host.BaseAddress);

        foreach (var username in new[] { "alex", "ghost" })
        {
            for (var i = 0; i < 3; i++)
                (await Outcome.OfAsync(await attacker.SignInAsync(tenant, username, "wrong-password-" + i))).Should().Be("401 sign_in_failed");
            using var backingOff = await attacker.SignInAsync(tenant, username, ApiHost.OperatorPassword);
            (await Outcome.OfAsync(backingOff)).Should().Be("429 slow_down", $"{username} backs off, even for the right password");
            backingOff.Headers.RetryAfter.Should().NotBeNull();
        }

        // Sam, from the same address, is not affected; Alex gets in once the back-off has passed.
        using var sam = await host.SignInAsync(tenant, "sam");
        using var alex = new OperatorBrowser(host.BaseAddress);
        await Eventually.GetAsync(async () => await Outcome.OfAsync(await alex.SignInAsync(tenant, "alex", ApiHost.OperatorPassword)),
            outcome => outcome == "ok", what: "Alex's sign-in after the back-off");
    }
}
