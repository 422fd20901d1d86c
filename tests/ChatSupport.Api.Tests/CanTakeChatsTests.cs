using ChatSupport.Contracts.People;

namespace ChatSupport.Api.Tests;

/// <summary>Who is an agent: the one rule every check (sign-in policy, /me, AgentRef, the team list) asks.</summary>
public sealed class CanTakeChatsTests
{
    [Theory]
    [InlineData(new[] { Roles.SystemAdmin }, false, true)]
    [InlineData(new[] { Roles.Member, Roles.SystemAdmin }, false, true)]
    [InlineData(new[] { Roles.SystemAdmin }, true, false)]
    [InlineData(new[] { Roles.Member }, false, false)]
    [InlineData(new string[0], false, false)]
    public void An_agent_is_a_system_admin_who_is_not_disabled(string[] roles, bool disabled, bool agent)
    {
        var profile = new OperatorProfile { TenantId = "t", Username = "u", DisplayName = "U", Roles = roles, Disabled = disabled };
        profile.CanTakeChats.Should().Be(agent);
        OperatorProfile.CanTakeChatsWith(roles, disabled).Should().Be(agent);
    }
}
