using ChatSupport.Contracts;
using ChatSupport.Contracts.People;
using ChatSupport.Grains.People;
using ChatSupport.Grains.Storage;
using FluentAssertions;
using Microsoft.Extensions.Options;
using Xunit;
using static ChatSupport.Grains.Tests.ClusterTestData;

namespace ChatSupport.Grains.Tests.People;

/// <summary>
/// The storage client retries a write whose answer was lost. When the first attempt had landed, the retry meets its
/// own row with a new ETag (412): the operator's change happened and must not be reported as a failure.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OperatorRetriedWriteTests(ClusterFixture fixture)
{
    private OperatorStore Store => new(new ChatTables(Options.Create(new ChatStorageOptions { ConnectionString = fixture.Azurite.ConnectionString })));

    [Fact]
    public async Task A_sign_out_whose_write_already_landed_succeeds_and_a_real_concurrent_change_is_still_refused()
    {
        var tenant = NewTenant();
        var op = fixture.Client.GetGrain<IOperatorGrain>(GrainKeys.Compose(tenant, "robin"));
        await op.EnsureCreated(new NewOperator { DisplayName = "Robin", Password = "correct horse battery", Roles = [Roles.SystemAdmin] });
        var rules = new SignInRules { Lifetime = TimeSpan.FromHours(1) };
        var first = (await op.SignIn("correct horse battery", rules)).SignIn!;
        var second = (await op.SignIn("correct horse battery", rules)).SignIn!;

        // The sign-out's first attempt landed (the row holds exactly what the grain is about to write); its answer was lost.
        var row = (await Store.LoadAsync(tenant, "robin"))!;
        await Store.SaveAsync(tenant, "robin", row with { SignIns = row.SignIns.Where(s => s.Id != first.SignInId).ToList() }, isNew: false);

        await op.Invoking(o => o.SignOut(first.SignInId)).Should().NotThrowAsync();
        (await op.IsSignedIn(first.SignInId)).Should().BeFalse();
        (await op.IsSignedIn(second.SignInId)).Should().BeTrue();

        // Another writer's different change (a twin activation during failover) is still a conflict: the caller retries.
        row = (await Store.LoadAsync(tenant, "robin"))!;
        await Store.SaveAsync(tenant, "robin", row with { DisplayName = "Robin (renamed elsewhere)" }, isNew: false);
        await op.Invoking(o => o.SignOut(second.SignInId)).Should().ThrowAsync<Exception>();
    }
}
