using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Configuration;

namespace PolicyOperator.Kubernetes.Tests.Client;

/// <summary>
/// A loopback Kestrel server that answers with a script (as kubernetes-client/csharp's tests do), and
/// records every request it received.
/// </summary>
public sealed class ScriptedApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Starts the server on 127.0.0.1 with a free port; HTTPS when <paramref name="certificate"/> is given.</summary>
    public static async Task<ScriptedApiServer> StartAsync(
        Func<HttpContext, RecordedRequest, Task> script,
        X509Certificate2? certificate = null,
        Func<X509Certificate2?, bool>? clientCertificateCheck = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateMode = clientCertificateCheck is null ? ClientCertificateMode.NoCertificate : ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = (client, _, _) => clientCertificateCheck?.Invoke(client) ?? true,
                });
            }
        }));
        var app = builder.Build();
        ScriptedApiServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.ContentType,
                body,
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null);
            server!.Requests.Enqueue(recorded);
            await script(context, recorded);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new ScriptedApiServer(app, new Uri(address));
        return server;
    }

    /// <summary>A client of this server with a bearer token and the given options.</summary>
    public KubernetesClient CreateClient(KubernetesClientOptions? options = null) =>
        new(new KubernetesClientConfiguration { Server = Address, BearerToken = "test-token" }, options ?? FastOptions());

    /// <summary>Options with short backoffs so that retry tests take milliseconds.</summary>
    public static KubernetesClientOptions FastOptions() => new()
    {
        Resilience = new()
        {
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromSeconds(2),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            RateLimitPerSecond = null,
        },
    };

    /// <summary>Writes a JSON body with a status code.</summary>
    public static async Task RespondAsync(HttpContext context, int statusCode, string json)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>A meta/v1 Status body.</summary>
    public static string StatusJson(int code, string reason, string message) =>
        $$"""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"{{message}}","reason":"{{reason}}","code":{{code}}}""";

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
