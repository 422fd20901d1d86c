using ChatSupport.Contracts.Sessions;

namespace ChatSupport.Api.Errors;

/// <summary>
/// What a client is told about a failure that is not a refusal: one code and one sentence for hubs and routes alike,
/// and nothing of the cause (storage, cluster, stack), which stays in the server log.
/// </summary>
public static class ServerErrors
{
    public const string Code = "server_error";

    public static ChatError Unexpected() => new(Code, "Something went wrong on our side and nothing changed. Please try again.");
}
