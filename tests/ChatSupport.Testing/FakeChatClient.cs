using Microsoft.Extensions.AI;

namespace ChatSupport.Testing;

/// <summary>
/// The only fake of the AI path: a generative model that answers as the test says, and keeps what it was sent.
/// Retrieval and embeddings are always the real ones. By default it answers nothing, so no draft is written.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    public Func<IEnumerable<ChatMessage>, CancellationToken, Task<ChatResponse>> Answer { get; set; } =
        (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "")));
    public System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<ChatMessage>> Received { get; } = new();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Received.Enqueue(list);
        return Answer(list, cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The product asks for whole replies.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;
    public void Dispose() { }
}
