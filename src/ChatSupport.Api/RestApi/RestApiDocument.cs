using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ChatSupport.Api.RestApi;

/// <summary>
/// The machine-readable contract of REST API v1, generated from the endpoints at <c>/openapi/v1.json</c>, and Scalar's
/// interactive reference at <c>/api/docs</c> (its script is the package's own copy, served from here: no CDN). Both
/// are public, like every vendor's API reference: they describe the routes, and no route opens without a key.
/// </summary>
public static class RestApiDocument
{
    public const string Name = "v1";
    public const string DocsPath = "/api/docs";
    public const string SecurityScheme = "apiKey";

    public static void AddChatSupportRestApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RestCalls>();
        builder.Services.AddSingleton<ChatSupport.Api.Hubs.AgentCommands>();
        builder.Services.AddOpenApi(Name, o =>
        {
            o.ShouldInclude = d => d.GroupName == Name;
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info = new OpenApiInfo
                {
                    Title = "ChatSupport REST API", Version = "v1",
                    Description = "Chats, visitors, analytics, quick replies, knowledge and settings for servers holding an API key. See docs/protocol.md.",
                };
                doc.Components ??= new OpenApiComponents();
                doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                doc.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer",
                    Description = "An API key from the dashboard's API keys page: Authorization: Bearer csk.…",
                };
                doc.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, doc)] = [] }];
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
                if (context.Description.HttpMethod is "POST" or "PUT" or "DELETE")
                {
                    operation.Parameters ??= [];
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = RestCalls.IdempotencyHeader, In = ParameterLocation.Header, Required = false,
                        Description = "Makes the write safe to retry: the same key and body get the first answer again (for 24 h); the same key with another body is 409 idempotency_key_reused.",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Contracts.Idempotency.IdempotencyLimits.KeyMaxLength },
                    });
                }
                if (metadata.OfType<RestExample>().FirstOrDefault() is { } example)
                {
                    if (example.Request is not null && operation.RequestBody?.Content?.TryGetValue("application/json", out var request) == true)
                        request.Example = JsonSerializer.SerializeToNode(example.Request, example.Request.GetType(), json);
                    if (example.Response is not null && operation.Responses?.TryGetValue("200", out var ok) == true
                        && ok.Content?.TryGetValue("application/json", out var answer) == true)
                        answer.Example = JsonSerializer.SerializeToNode(example.Response, example.Response.GetType(), json);
                }
                return Task.CompletedTask;
            });
        });
    }

    public static void MapChatSupportRestApiDocs(this WebApplication app)
    {
        // One document, at a fixed path: the access matrix and clients name it as it is.
        app.MapOpenApi($"/openapi/{Name}.json");
        app.MapScalarApiReference(DocsPath, o => o
            .WithTitle("ChatSupport REST API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument(Name));
    }
}
