namespace PolicyOperator.Kubernetes.Resilience;

/// <summary>How the client retries, breaks the circuit, times out and limits its own request rate.</summary>
public sealed record KubernetesResilienceOptions
{
    /// <summary>Retries after the first attempt for 429, 5xx, timeouts and connection failures; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; init; } = 5;

    /// <summary>The first backoff delay; it doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest backoff delay, and the longest Retry-After honoured.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of one attempt until the response headers arrive (a watch's stream is not limited).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the circuit breaker runs: after too many failures, calls fail fast for <see cref="BreakDuration"/>.</summary>
    public bool CircuitBreakerEnabled { get; init; } = true;

    /// <summary>The share of failed attempts in <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>The fewest attempts in <see cref="SamplingDuration"/> before the circuit may open.</summary>
    public int MinimumThroughput { get; init; } = 20;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Requests per second the client allows itself (client-go's QPS); null turns the limit off.</summary>
    public double? RateLimitPerSecond { get; init; } = 50;

    /// <summary>Requests the client may send at once above the rate (client-go's Burst).</summary>
    public int RateLimitBurst { get; init; } = 100;
}
