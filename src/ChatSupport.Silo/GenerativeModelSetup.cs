using System.ClientModel;
using ChatSupport.Knowledge.Generation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OllamaSharp;
using OpenAI;

namespace ChatSupport.Silo;

/// <summary>
/// The optional generative model (docs/operations.md, "A generative model"): ChatSupport:Ai:Model:Provider "ollama" or
/// "openai" with an Endpoint and a Model makes an <see cref="IChatClient"/>; "none", the default, makes none, and then
/// nothing of a chat leaves the server. A host (or a test) that registers its own IChatClient first keeps it.
/// </summary>
public static class GenerativeModelSetup
{
    public static IServiceCollection AddGenerativeModel(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(GenerativeModelOptions.Section).Get<GenerativeModelOptions>() ?? new GenerativeModelOptions();
        var provider = (options.Provider ?? "none").Trim().ToLowerInvariant();
        if (provider is not ("none" or "ollama" or "openai"))
            throw new InvalidOperationException($"{GenerativeModelOptions.Section}:Provider is none, ollama or openai.");
        if (provider != "none")
        {
            if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || string.IsNullOrWhiteSpace(options.Model))
                throw new InvalidOperationException($"{GenerativeModelOptions.Section}: a provider needs an absolute Endpoint and a Model.");
            var model = options.Model;
            services.TryAddSingleton<IChatClient>(_ => provider == "ollama"
                ? new OllamaApiClient(endpoint, model)
                : new OpenAIClient(new ApiKeyCredential(options.ApiKey ?? "none"), new OpenAIClientOptions { Endpoint = endpoint })
                    .GetChatClient(model).AsIChatClient());
        }
        services.TryAddSingleton(sp => new GroundedReplyWriter(sp.GetService<IChatClient>(), options));
        return services;
    }
}
