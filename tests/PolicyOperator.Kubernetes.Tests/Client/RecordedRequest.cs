namespace PolicyOperator.Kubernetes.Tests.Client;

/// <summary>What the scripted server received.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, string? ContentType, string Body, string? Authorization);
