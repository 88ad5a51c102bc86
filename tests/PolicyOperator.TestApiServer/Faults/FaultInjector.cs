using System.Text.Json.Nodes;
using PolicyOperator.Testing.ApiServer.Http;
using PolicyOperator.Testing.ApiServer.Storage;

namespace PolicyOperator.Testing.ApiServer.Faults;

/// <summary>
/// Faults a test (or the admin endpoint) injects into the API: latency, failing requests (500,
/// 429 with Retry-After, any code), an outage window (503 and every watch dropped), dropped
/// watches and compaction (old resourceVersions answer 410). Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly List<FailureRule> _rules = [];
    private TimeSpan _latency;
    private DateTimeOffset? _outageUntil;
    private long _injected;

    internal FaultInjector(ObjectStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>Delay added before every API request is served.</summary>
    public TimeSpan Latency
    {
        get
        {
            lock (_gate)
            {
                return _latency;
            }
        }

        set
        {
            lock (_gate)
            {
                _latency = value;
            }
        }
    }

    /// <summary>How many requests a fault has failed so far.</summary>
    public long InjectedFailures => Interlocked.Read(ref _injected);

    /// <summary>True while an outage window is open.</summary>
    public bool InOutage
    {
        get
        {
            lock (_gate)
            {
                return _outageUntil is { } until && _time.GetUtcNow() < until;
            }
        }
    }

    /// <summary>Fails the next <paramref name="count"/> matching requests with <paramref name="statusCode"/>.</summary>
    public void FailNext(int count, int statusCode = 500, TimeSpan? retryAfter = null, string? pathContains = null, string? method = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            _rules.Add(new FailureRule { Remaining = count, StatusCode = statusCode, RetryAfter = retryAfter, PathContains = pathContains, Method = method });
        }
    }

    /// <summary>Answers the next <paramref name="count"/> matching requests with 429 Too Many Requests and Retry-After.</summary>
    public void ThrottleNext(int count, TimeSpan retryAfter, string? pathContains = null) =>
        FailNext(count, 429, retryAfter, pathContains);

    /// <summary>Opens an outage window: every request gets 503 until it ends; open watches are dropped now.</summary>
    public void StartOutage(TimeSpan duration)
    {
        lock (_gate)
        {
            _outageUntil = _time.GetUtcNow() + duration;
        }

        _store.DropWatches();
    }

    /// <summary>Ends the outage window early.</summary>
    public void EndOutage()
    {
        lock (_gate)
        {
            _outageUntil = null;
        }
    }

    /// <summary>Ends every open watch now; with <paramref name="abortConnections"/> the TCP connection is reset instead of the response ending cleanly.</summary>
    public int DropWatches(bool abortConnections = false) => _store.DropWatches(abortConnections);

    /// <summary>Forgets the change history: watching or listing from an earlier resourceVersion gets 410 Gone.</summary>
    public void Compact() => _store.Compact();

    /// <summary>Removes every fault (latency, failures, outage).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _rules.Clear();
            _latency = TimeSpan.Zero;
            _outageUntil = null;
        }
    }

    /// <summary>The current settings, as the admin endpoint shows them.</summary>
    public JsonObject Describe()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["latencyMilliseconds"] = _latency.TotalMilliseconds,
                ["outageUntil"] = _outageUntil?.ToString("O"),
                ["pendingFailures"] = new JsonArray(_rules.Select(r => (JsonNode)new JsonObject
                {
                    ["remaining"] = r.Remaining,
                    ["code"] = r.StatusCode,
                    ["retryAfterSeconds"] = r.RetryAfter?.TotalSeconds,
                    ["pathContains"] = r.PathContains,
                    ["method"] = r.Method,
                }).ToArray()),
                ["injectedFailures"] = InjectedFailures,
                ["revision"] = _store.Revision,
                ["compactedRevision"] = _store.CompactedRevision,
                ["watches"] = _store.WatchCount,
            };
        }
    }

    /// <summary>Waits the injected latency, then throws the injected failure for this request, if any.</summary>
    internal async Task BeforeRequestAsync(string method, string path, CancellationToken cancellationToken)
    {
        var latency = Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, _time, cancellationToken).ConfigureAwait(false);
        }

        ApiException? failure = null;
        lock (_gate)
        {
            if (_outageUntil is { } until && _time.GetUtcNow() < until)
            {
                failure = new ApiException(503, "ServiceUnavailable", "the test API server is in an injected outage", retryAfter: until - _time.GetUtcNow());
            }
            else if (_rules.FirstOrDefault(r => r.Matches(method, path)) is { } rule)
            {
                rule.Remaining--;
                if (rule.Remaining == 0)
                {
                    _rules.Remove(rule);
                }

                failure = rule.StatusCode switch
                {
                    429 => new ApiException(429, "TooManyRequests", "injected fault: too many requests, please try again later", retryAfter: rule.RetryAfter),
                    503 => new ApiException(503, "ServiceUnavailable", "injected fault: service unavailable", retryAfter: rule.RetryAfter),
                    504 => new ApiException(504, "Timeout", "injected fault: timeout", retryAfter: rule.RetryAfter),
                    _ => new ApiException(rule.StatusCode, "InternalError", $"injected fault: HTTP {rule.StatusCode}", retryAfter: rule.RetryAfter),
                };
            }
        }

        if (failure is not null)
        {
            Interlocked.Increment(ref _injected);
            throw failure;
        }
    }
}
