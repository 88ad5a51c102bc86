using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PolicyOperator.Testing.ApiServer.Faults;
using PolicyOperator.Testing.ApiServer.Hosting;
using PolicyOperator.Testing.ApiServer.Http;
using PolicyOperator.Testing.ApiServer.Resources;
using PolicyOperator.Testing.ApiServer.Schema;
using PolicyOperator.Testing.ApiServer.Storage;
using PolicyOperator.Testing.ApiServer.Yaml;

namespace PolicyOperator.Testing.ApiServer;

/// <summary>
/// A Kubernetes API server for tests, on a real loopback port (Kestrel): discovery, OpenAPI v3, CRDs,
/// generic storage of built-in and custom resources with resourceVersions, list/watch, the status
/// subresource, patches, selectors, schema validation, and fault injection. The real kubectl works
/// against it with the kubeconfig from <see cref="WriteKubeconfig"/>.
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2? _certificate;

    private TestApiServer(WebApplication app, Uri baseAddress, ObjectStore store, ResourceRegistry registry, FaultInjector faults, X509Certificate2? certificate)
    {
        _app = app;
        BaseAddress = baseAddress;
        Store = store;
        Resources = registry;
        Faults = faults;
        _certificate = certificate;
    }

    /// <summary>Where the server listens, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Fault injection: latency, failures, outages, dropped watches, compaction.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The objects, for assertions that do not go through HTTP.</summary>
    public ObjectStore Store { get; }

    /// <summary>The resources being served (built-ins and established CRDs).</summary>
    public ResourceRegistry Resources { get; }

    /// <summary>Starts a server on 127.0.0.1 and applies <see cref="TestApiServerOptions.Manifests"/>.</summary>
    public static async Task<TestApiServer> StartAsync(TestApiServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestApiServerOptions();
        var certificate = options.UseHttps ? SelfSignedCertificate.Create(options.Time) : null;
        var store = new ObjectStore(options.Time, options.HistoryLimit);
        var registry = new ResourceRegistry();
        var faults = new FaultInjector(store, options.Time);
        var watch = new WatchEndpoint(store, options);
        var router = new ApiRouter(
            faults,
            new AdminEndpoints(faults),
            new DiscoveryEndpoints(registry),
            new OpenApiEndpoints(registry),
            new ResourceEndpoints(store, registry, watch, options),
            options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(TestApiServer).Assembly.GetName().Name, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address");
        var server = new TestApiServer(app, new Uri(address.TrimEnd('/') + "/"), store, registry, faults, certificate);
        foreach (var ns in options.Namespaces)
        {
            server.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        foreach (var manifest in options.Manifests)
        {
            await server.ApplyAsync(manifest, cancellationToken).ConfigureAwait(false);
        }

        return server;
    }

    /// <summary>Writes a kubeconfig for this server (context <c>testapiserver</c>) and returns its path.</summary>
    public string WriteKubeconfig(string path, string defaultNamespace = "default")
    {
        File.WriteAllText(path, Kubeconfig.Render(BaseAddress, _certificate, defaultNamespace));
        return path;
    }

    /// <summary>An HttpClient for this server (trusting its certificate when it serves HTTPS).</summary>
    public HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler();
        if (_certificate is not null)
        {
            var trusted = X509CertificateLoader.LoadCertificate(_certificate.RawData);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && cert.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData);
        }

        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>
    /// Creates or replaces every object in a YAML file or a directory of them, through the HTTP API,
    /// as <c>kubectl apply</c> would (CRDs first in a directory). Fails naming the file and the Status.
    /// </summary>
    public async Task ApplyAsync(string fileOrDirectory, CancellationToken cancellationToken = default)
    {
        var files = Directory.Exists(fileOrDirectory)
            ? Directory.EnumerateFiles(fileOrDirectory).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [fileOrDirectory];
        using var client = CreateHttpClient();
        var documents = new List<(string File, JsonObject Object)>();
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
            documents.AddRange(YamlJson.ParseDocuments(text, file).Select(d => (file, d as JsonObject ?? throw new FormatException($"{file}: a document is not an object"))));
        }

        foreach (var (file, obj) in documents.OrderBy(d => JsonNodes.AsString(d.Object["kind"]) == "CustomResourceDefinition" ? 0 : 1))
        {
            await PutOrPostAsync(client, file, obj, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Store.DropWatches();
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _certificate?.Dispose();
    }

    private async Task PutOrPostAsync(HttpClient client, string file, JsonObject obj, CancellationToken cancellationToken)
    {
        var apiVersion = JsonNodes.AsString(obj["apiVersion"]) ?? string.Empty;
        var kind = JsonNodes.AsString(obj["kind"]) ?? string.Empty;
        var (group, version) = apiVersion.Contains('/', StringComparison.Ordinal) ? (apiVersion.Split('/')[0], apiVersion.Split('/')[1]) : (string.Empty, apiVersion);
        var resource = Resources.All.FirstOrDefault(r => r.Group == group && r.Version == version && r.Kind == kind)
            ?? throw new InvalidOperationException($"{file}: no resource serves {apiVersion} {kind}");
        var name = JsonNodes.AsString(obj["metadata"]?["name"]) ?? throw new InvalidOperationException($"{file}: {kind} without metadata.name");
        var ns = resource.Namespaced ? JsonNodes.AsString(obj["metadata"]?["namespace"]) ?? "default" : null;
        var collection = ns is null ? $"{resource.PathPrefix}/{resource.Plural}" : $"{resource.PathPrefix}/namespaces/{ns}/{resource.Plural}";
        using var body = new StringContent(obj.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/apply-patch+yaml"));
        using var response = await client.PatchAsync($"{collection.TrimStart('/')}/{name}?fieldManager=testapiserver&fieldValidation=Strict", body, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"{file}: applying {kind} {name} failed with {(int)response.StatusCode}: {status}");
        }
    }

    private void Seed(JsonObject obj)
    {
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        Store.Write("namespaces", string.Empty, name, _ =>
        {
            var copy = obj.DeepClone().AsObject();
            copy["metadata"]!["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name };
            copy["status"] = new JsonObject { ["phase"] = "Active" };
            return copy;
        });
    }
}
