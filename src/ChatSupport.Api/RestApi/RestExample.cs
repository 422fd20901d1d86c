namespace ChatSupport.Api.RestApi;

/// <summary>
/// A route's example request body and answer for the OpenAPI document (<see cref="RestApiDocument"/>); a test reads
/// each back into the route's types and writes it again, so an example can never drift from what the route accepts.
/// </summary>
public sealed record RestExample(object? Request, object? Response);
