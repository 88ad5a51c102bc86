using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using PolicyOperator.Api.Meta;
using PolicyOperator.Kubernetes.Errors;
using PolicyOperator.Kubernetes.Watch;

namespace PolicyOperator.Kubernetes.Client;

/// <summary>
/// The calls on one resource type: get, list (with paging), watch, create, update, status update,
/// JSON merge patch, server-side apply, delete. Failures throw <see cref="KubernetesApiException"/>
/// (typed: <see cref="NotFoundException"/>, <see cref="ConflictException"/>, ...).
/// </summary>
/// <typeparam name="T">The object type; serializable through the client's JSON options.</typeparam>
public sealed class ResourceClient<T>
    where T : class, IKubernetesObject<ObjectMeta>
{
    /// <summary>The page size of <see cref="ListAllAsync"/>.</summary>
    public const int DefaultPageSize = 500;

    private const string MergePatchContentType = "application/merge-patch+json";
    private const string ApplyPatchContentType = "application/apply-patch+yaml";

    private readonly ApiConnection _connection;
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly ILogger _logger;

    internal ResourceClient(ApiConnection connection, ResourceDescriptor resource, JsonSerializerOptions json, ILogger logger)
    {
        _connection = connection;
        Resource = resource;
        _logger = logger;
        _typeInfo = json.TryGetTypeInfo(typeof(T), out var info) && info is JsonTypeInfo<T> typed
            ? typed
            : throw new ArgumentException($"{typeof(T).Name} is not registered with the client's JSON options (add its JsonSerializerContext)", nameof(json));
    }

    public ResourceDescriptor Resource { get; }

    /// <exception cref="NotFoundException">No such object.</exception>
    public Task<T> GetAsync(string name, string? ns, CancellationToken cancellationToken) =>
        SendForObjectAsync(HttpMethod.Get, Resource.ObjectPath(ns, name), null, null, cancellationToken);

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> FindAsync(string name, string? ns, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync(name, ns, cancellationToken).ConfigureAwait(false);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>One page (or everything when <see cref="ListOptions.Limit"/> is unset); <paramref name="ns"/> null lists all namespaces.</summary>
    public async Task<KubernetesList<T>> ListAsync(string? ns, ListOptions? options, CancellationToken cancellationToken)
    {
        var path = Resource.CollectionPath(ns) + (options ?? new ListOptions()).ToQuery(watch: false);
        using var response = await _connection.SendAsync(HttpMethod.Get, path, null, null, streaming: false, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = document.RootElement;
        var metadata = root.TryGetProperty("metadata", out var meta) ? meta.Deserialize(MetaJsonContext.Default.ListMeta) : null;
        var items = new List<T>();
        if (root.TryGetProperty("items", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                items.Add(DeserializeItem(element, $"GET {path}: items[{index++}]"));
            }
        }

        return new KubernetesList<T>
        {
            ApiVersion = root.TryGetProperty("apiVersion", out var apiVersion) ? apiVersion.GetString() ?? string.Empty : string.Empty,
            Kind = root.TryGetProperty("kind", out var kind) ? kind.GetString() ?? string.Empty : string.Empty,
            Metadata = metadata ?? new ListMeta(),
            Items = items,
        };
    }

    /// <summary>
    /// Everything, fetched page by page (<see cref="DefaultPageSize"/> unless <see cref="ListOptions.Limit"/> says otherwise);
    /// the result's resourceVersion is the snapshot's, to watch from.
    /// </summary>
    public async Task<KubernetesList<T>> ListAllAsync(string? ns, ListOptions? options, CancellationToken cancellationToken)
    {
        var query = (options ?? new ListOptions()) with { Continue = null };
        query = query with { Limit = query.Limit ?? DefaultPageSize };
        var items = new List<T>();
        while (true)
        {
            var page = await ListAsync(ns, query, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items);
            if (string.IsNullOrEmpty(page.Metadata.Continue))
            {
                return page with { Items = items, Metadata = page.Metadata with { Continue = null, RemainingItemCount = null } };
            }

            // The continue token pins the snapshot; a resourceVersion must not be sent with it.
            query = query with { Continue = page.Metadata.Continue, ResourceVersion = null };
        }
    }

    /// <summary>
    /// Watches from <see cref="ListOptions.ResourceVersion"/> until the server ends the stream or the token is cancelled.
    /// A malformed line is logged and skipped; an ERROR event throws (410 Gone: <see cref="ResourceExpiredException"/>, relist then).
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? ns, ListOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = Resource.CollectionPath(ns) + (options ?? new ListOptions()).ToQuery(watch: true);
        var call = $"GET {path}";
        using var response = await _connection.SendAsync(HttpMethod.Get, path, null, null, streaming: true, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        while (await ReadLineAsync(reader, cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            WatchEvent<T> watchEvent;
            try
            {
                watchEvent = WatchLineParser.Parse(line, _typeInfo, call);
            }
            catch (JsonException e)
            {
                LogMalformed(_logger, call, e.Message, line.Length > 200 ? line[..200] : line);
                continue;
            }

            yield return watchEvent;
        }
    }

    /// <summary>Creates the object in its <c>metadata.namespace</c>.</summary>
    /// <exception cref="AlreadyExistsException">An object of that name exists.</exception>
    public Task<T> CreateAsync(T value, CancellationToken cancellationToken) =>
        SendForObjectAsync(HttpMethod.Post, Resource.CollectionPath(NamespaceOf(value)), Serialize(value), "application/json", cancellationToken);

    /// <summary>Replaces the object; its resourceVersion must be current.</summary>
    /// <exception cref="ConflictException">The object changed since it was read.</exception>
    public Task<T> UpdateAsync(T value, CancellationToken cancellationToken) =>
        SendForObjectAsync(HttpMethod.Put, Resource.ObjectPath(NamespaceOf(value), NameOf(value)), Serialize(value), "application/json", cancellationToken);

    /// <summary>Replaces the object's status through the status subresource.</summary>
    /// <exception cref="ConflictException">The object changed since it was read.</exception>
    public Task<T> UpdateStatusAsync(T value, CancellationToken cancellationToken) =>
        SendForObjectAsync(HttpMethod.Put, Resource.ObjectPath(NamespaceOf(value), NameOf(value), "status"), Serialize(value), "application/json", cancellationToken);

    /// <summary>Applies a JSON merge patch (RFC 7386) to the object, or to its status when <paramref name="status"/> is true.</summary>
    public Task<T> PatchAsync(string name, string? ns, string mergePatch, CancellationToken cancellationToken, bool status = false) =>
        SendForObjectAsync(HttpMethod.Patch, Resource.ObjectPath(ns, name, status ? "status" : null), System.Text.Encoding.UTF8.GetBytes(mergePatch), MergePatchContentType, cancellationToken);

    /// <summary>Server-side apply: the server merges the fields of <paramref name="value"/> owned by the field manager.</summary>
    public Task<T> ApplyAsync(T value, ApplyOptions options, CancellationToken cancellationToken)
    {
        var path = Resource.ObjectPath(NamespaceOf(value), NameOf(value))
            + $"?fieldManager={Uri.EscapeDataString(options.FieldManager)}" + (options.Force ? "&force=true" : string.Empty);
        // JSON is YAML, and the apply content type takes either.
        return SendForObjectAsync(HttpMethod.Patch, path, Serialize(value), ApplyPatchContentType, cancellationToken);
    }

    /// <exception cref="NotFoundException">No such object.</exception>
    public async Task DeleteAsync(string name, string? ns, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(HttpMethod.Delete, Resource.ObjectPath(ns, name), null, null, streaming: false, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            // The server or a proxy cut the stream: the watch ends, the caller resumes from the last resourceVersion.
            return null;
        }
        catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<T> SendForObjectAsync(HttpMethod method, string path, byte[]? body, string? contentType, CancellationToken cancellationToken)
    {
        using var response = await _connection.SendAsync(method, path, body, contentType, streaming: false, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await JsonSerializer.DeserializeAsync(stream, _typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("the response body is null");
        }
        catch (JsonException e)
        {
            throw new JsonException($"{method} {path}: the response is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    private T DeserializeItem(JsonElement element, string where)
    {
        try
        {
            return element.Deserialize(_typeInfo) ?? throw new JsonException("the item is null");
        }
        catch (JsonException e)
        {
            throw new JsonException($"{where}: not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    private byte[] Serialize(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _typeInfo);

    private string? NamespaceOf(T value) => Resource.Namespaced
        ? value.Metadata.Namespace ?? throw new ArgumentException($"{Resource.Plural} '{value.Metadata.Name}' needs metadata.namespace", nameof(value))
        : null;

    private static string NameOf(T value) =>
        value.Metadata.Name ?? throw new ArgumentException("metadata.name is required", nameof(value));

    private static void LogMalformed(ILogger logger, string call, string problem, string line) =>
        logger.LogWarning("{Call}: skipped a malformed watch event ({Problem}): {Line}", call, problem, line);
}
