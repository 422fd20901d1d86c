using ChatSupport.Contracts.Desk;
using ChatSupport.Contracts.Inbox;
using ChatSupport.Contracts.People;
using ChatSupport.Contracts.Pushes;
using ChatSupport.Contracts.Sessions;
using ChatSupport.Contracts.Settings;

namespace ChatSupport.Api.Pushes;

public enum PushChannelKind { Session, Desk, SignIn, Inbox, Settings }

/// <summary>One grain's live events, as this node watches them: the kind names the grain, the key is its grain key.</summary>
public readonly record struct PushChannel(PushChannelKind Kind, string Key)
{
    public IPushSource SourceIn(IGrainFactory grains) => Kind switch
    {
        PushChannelKind.Session => grains.GetGrain<IChatSessionGrain>(Key),
        PushChannelKind.Desk => grains.GetGrain<IDeskGrain>(Key),
        PushChannelKind.SignIn => grains.GetGrain<IOperatorGrain>(Key),
        PushChannelKind.Inbox => grains.GetGrain<IAgentInboxGrain>(Key),
        PushChannelKind.Settings => grains.GetGrain<ISettingsGrain>(Key),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    public override string ToString() => $"{Kind}:{Key}";
}
