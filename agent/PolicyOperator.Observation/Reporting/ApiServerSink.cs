using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Kubernetes.Client;
using PolicyOperator.Kubernetes.Errors;
using PolicyOperator.Observation.Recording;

namespace PolicyOperator.Observation.Reporting;

/// <summary>
/// Writes ObservedTraffic to the API server with server-side apply (field manager
/// <see cref="FieldManager"/>, forced: the agent owns what it observes), then its status (merge
/// patch on the status subresource). An object is written only when its content changed since it
/// was last written; one that failed is written again next round. An object this node wrote that a
/// round no longer has (its workload saw nothing in the current observation window: it is gone, or
/// quiet) is deleted; with <c>node</c> given, so are such objects an earlier run of the agent on this
/// node left (found by their <see cref="TrafficRecorder.NodeLabel"/>). Other nodes' objects are
/// never touched. Counts its writes and bytes.
/// </summary>
public sealed class ApiServerSink(ResourceClient<ObservedTraffic> client, TimeProvider? time = null, string? node = null) : IObservedTrafficSink
{
    /// <summary>The field manager of the agent's applies.</summary>
    public const string FieldManager = "policy-agent";

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<(string? Namespace, string? Name), string> _written = [];
    private long _writes;
    private long _bytes;
    private readonly HashSet<(string? Namespace, string? Name)> _stale = [];
    private readonly HashSet<(string? Namespace, string? Name)> _otherNodes = [];
    private bool _listedEarlierRun;
    private long _unchanged;
    private long _deletes;

    /// <summary>API requests made (applies and status patches).</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Request bytes sent.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Objects skipped because they had not changed.</summary>
    public long Unchanged => Interlocked.Read(ref _unchanged);

    /// <summary>Objects deleted because their workload had no traffic in the current window.</summary>
    public long Deletes => Interlocked.Read(ref _deletes);

    /// <inheritdoc />
    /// <remarks>Writes every changed object it can and deletes the ones gone; then throws the first failure, if any.</remarks>
    public async Task WriteAsync(IReadOnlyList<ObservedTraffic> traffic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        Exception? failure = null;
        if (node is not null && !_listedEarlierRun)
        {
            try
            {
                await ListEarlierRunAsync(node, cancellationToken);
                _listedEarlierRun = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure = e; // listed again next round; this round's writes go ahead
            }
        }

        var current = traffic.Select(t => (t.Metadata.Namespace, t.Metadata.Name)).ToHashSet();
        _stale.UnionWith(_written.Keys.Where(k => !current.Contains(k) && !_otherNodes.Contains(k)));
        _stale.ExceptWith(current);
        foreach (var key in _stale.ToList())
        {
            try
            {
                await DeleteOneAsync(key, cancellationToken);
                _stale.Remove(key);
                _written.Remove(key);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure ??= e;
            }
        }

        foreach (var item in traffic)
        {
            var key = (item.Metadata.Namespace, item.Metadata.Name);
            var fingerprint = Fingerprint(item);
            if (_written.TryGetValue(key, out var known) && known == fingerprint)
            {
                Interlocked.Increment(ref _unchanged);
                continue;
            }

            try
            {
                await WriteOneAsync(item, cancellationToken);
                _written[key] = fingerprint;
                if (node is not null && item.Spec.Node != node)
                {
                    _otherNodes.Add(key); // written for another node (not what an agent does): never deleted here
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failure ??= e;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private async Task WriteOneAsync(ObservedTraffic item, CancellationToken cancellationToken)
    {
        var spec = item with { Status = null };
        Count(JsonSerializer.SerializeToUtf8Bytes(spec, ApiJson.Options).Length);
        await client.ApplyAsync(spec, new ApplyOptions(FieldManager, Force: true), cancellationToken);

        var status = (item.Status ?? new ObservedTrafficStatus()) with { LastReportTime = _time.GetUtcNow() };
        var patch = new JsonObject { ["status"] = JsonSerializer.SerializeToNode(status, ApiJson.Options) }.ToJsonString();
        Count(patch.Length);
        await client.PatchAsync(item.Metadata.Name!, item.Metadata.Namespace, patch, cancellationToken, status: true);
    }

    // Objects of this node from before this process started: deleted unless a round writes them.
    private async Task ListEarlierRunAsync(string nodeName, CancellationToken cancellationToken)
    {
        var selector = $"{TrafficRecorder.NodeLabel}={TrafficRecorder.LabelValue(nodeName)}";
        var existing = await client.ListAllAsync(null, new ListOptions { LabelSelector = selector }, cancellationToken);
        foreach (var item in existing.Items.Where(i => i.Spec.Node == nodeName))
        {
            var key = (item.Metadata.Namespace, item.Metadata.Name);
            if (!_written.ContainsKey(key))
            {
                _stale.Add(key);
            }
        }
    }

    private async Task DeleteOneAsync((string? Namespace, string? Name) key, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _writes);
        try
        {
            await client.DeleteAsync(key.Name!, key.Namespace, cancellationToken);
        }
        catch (NotFoundException)
        {
            // already gone: what the delete was for
        }

        Interlocked.Increment(ref _deletes);
    }

    private void Count(int bytes)
    {
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _bytes, bytes);
    }

    // What the object says, without the time it is written at.
    private static string Fingerprint(ObservedTraffic item) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(item, ApiJson.Options)));
}
