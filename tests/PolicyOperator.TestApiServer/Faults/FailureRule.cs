namespace PolicyOperator.Testing.ApiServer.Faults;

/// <summary>Fail the next <see cref="Remaining"/> requests that match with <see cref="StatusCode"/>.</summary>
internal sealed class FailureRule
{
    public required int Remaining { get; set; }

    public required int StatusCode { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Only requests whose path contains this (null: every request).</summary>
    public string? PathContains { get; init; }

    /// <summary>Only requests with this HTTP method (null: every method).</summary>
    public string? Method { get; init; }

    public bool Matches(string method, string path) =>
        (PathContains is null || path.Contains(PathContains, StringComparison.Ordinal))
        && (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase));
}
