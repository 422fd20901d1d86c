namespace ChatSupport.Contracts.Sessions;

/// <summary>
/// The life of a chat session. On the wire, in storage and on screen the names are the snake_case
/// forms (<c>waiting_for_agent</c>, <c>assigned_to_agent</c>, <c>active_chat</c>, <c>resolved</c>);
/// see <see cref="ChatStatusNames"/>.
/// </summary>
[GenerateSerializer]
public enum ChatStatus
{
    WaitingForAgent = 0,
    AssignedToAgent = 1,
    ActiveChat = 2,
    Resolved = 3,
}

public static class ChatStatusNames
{
    public static string ToWireName(this ChatStatus status) => status switch
    {
        ChatStatus.WaitingForAgent => "waiting_for_agent",
        ChatStatus.AssignedToAgent => "assigned_to_agent",
        ChatStatus.ActiveChat => "active_chat",
        ChatStatus.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool IsOpen(this ChatStatus status) => status != ChatStatus.Resolved;
}
