using System.Text.RegularExpressions;
using ChatSupport.Api.Errors;
using ChatSupport.Contracts.Sessions;
using Microsoft.AspNetCore.SignalR;

namespace ChatSupport.Api.RestApi;

/// <summary>
/// The chat core's refusals as HTTP: the same codes and sentences the hubs send (the shared commands throw them as
/// <see cref="HubException"/>s that start with the code), each with the status a REST client expects.
/// </summary>
public static partial class RestRefusals
{
    public static int StatusOf(string code) => code switch
    {
        "invalid_input" => StatusCodes.Status400BadRequest,
        "unknown_session" or "unknown_agent" or "unknown_label" or "unknown_api_key" => StatusCodes.Status404NotFound,
        "not_assigned_agent" or "agents_only" or "not_your_session" => StatusCodes.Status403Forbidden,
        "already_assigned" or "not_assigned" or "same_agent" or "chat_resolved" or "not_resolved" or "already_rated"
            or "visitor_has_open_chat" or "version_conflict" or "idempotency_key_reused" or "idempotency_key_in_use" => StatusCodes.Status409Conflict,
        "body_too_large" => StatusCodes.Status413PayloadTooLarge,
        "try_again" => StatusCodes.Status503ServiceUnavailable,
        ServerErrors.Code => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };

    public static IResult AsRestResult(this ChatError error, string? field = null) =>
        Results.Json(error.AsRestError(field), statusCode: StatusOf(error.Code));

    public static RestError AsRestError(this ChatError error, string? field = null) => new(error.Code, error.Message, field ?? FieldOf(error));

    /// <summary>A shared command's refusal back as the <see cref="ChatError"/> it was ("code: message").</summary>
    public static ChatError FromHub(HubException e)
    {
        var colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 ? new ChatError(e.Message[..colon], e.Message[(colon + 2)..]) : ServerErrors.Unexpected();
    }

    /// <summary>The field an invalid_input sentence names first ("agentId is required."), so a client can point at it.</summary>
    private static string? FieldOf(ChatError error) =>
        error.Code == "invalid_input" && LeadingField().Match(error.Message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex(@"^([a-z][A-Za-z]+) (is|can|may|must)\b")]
    private static partial Regex LeadingField();
}
