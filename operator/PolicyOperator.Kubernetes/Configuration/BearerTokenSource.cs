namespace PolicyOperator.Kubernetes.Configuration;

/// <summary>
/// The bearer token of each request: a fixed one, or a token file re-read every minute because
/// projected service-account tokens rotate.
/// </summary>
internal sealed class BearerTokenSource(string? token, string? tokenFile, TimeProvider timeProvider)
{
    private static readonly TimeSpan RereadInterval = TimeSpan.FromMinutes(1);
    private readonly Lock _lock = new();
    private string? _cached = token;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public string? Current()
    {
        if (tokenFile is null)
        {
            return _cached;
        }

        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (now - _readAt >= RereadInterval)
            {
                _cached = File.ReadAllText(tokenFile).Trim();
                _readAt = now;
            }

            return _cached;
        }
    }
}
