using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Contracts.Desk;
using ChatSupport.Testing;
using ChatSupport.Api;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSupport.Cluster.Tests;

/// <summary>
/// Real processes: one silo, two Api nodes. An operator signs out on node A while their agent socket is open on node B,
/// making no call: node B hears the sign-in's end (SignInEnded on the operator's stream) and closes the socket.
/// </summary>
public sealed class SignOutAcrossNodesTests
{
    [Fact]
    public async Task Signing_out_on_one_api_node_closes_the_agent_socket_on_the_other()
    {
        await using var cluster = await LocalCluster.StartAsync(silos: 1, apis: 2);
        Uri nodeA = cluster.ApiUrls[0], nodeB = cluster.ApiUrls[1];
        var cookies = new CookieContainer(); // cookies ignore the port: one jar serves both nodes on 127.0.0.1
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = nodeA };
        var csrf = (await http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery")).GetProperty("token").GetString();
        var signIn = new HttpRequestMessage(HttpMethod.Post, "api/auth/sign-in")
        {
            Content = JsonContent.Create(new { tenant = LocalCluster.Tenant, username = "agent0", password = LocalCluster.Password }),
        };
        signIn.Headers.Add("X-CSRF-TOKEN", csrf);
        using var signedIn = await http.SendAsync(signIn);
        signedIn.EnsureSuccessStatusCode();
        csrf = (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString();

        await using var onB = new HubConnectionBuilder().WithUrl(new Uri(nodeB, "hubs/agent"), o => o.Cookies = cookies)
            .AddJsonProtocol(o => ChatSupportHost.ConfigureJson(o.PayloadSerializerOptions)).Build();
        var closed = new TaskCompletionSource();
        onB.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await onB.StartAsync();
        await onB.InvokeAsync<DeskSnapshot>("GetDesk");

        var signOut = new HttpRequestMessage(HttpMethod.Post, "api/auth/sign-out") { Content = JsonContent.Create(new { }) };
        signOut.Headers.Add("X-CSRF-TOKEN", csrf);
        (await http.SendAsync(signOut)).EnsureSuccessStatusCode();

        await closed.Task.WaitAsync(Eventually.DefaultTimeout);
        onB.State.Should().Be(HubConnectionState.Disconnected);
    }
}
