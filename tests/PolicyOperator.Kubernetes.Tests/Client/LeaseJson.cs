namespace PolicyOperator.Kubernetes.Tests.Client;

/// <summary>Lease bodies as the API server writes them.</summary>
public static class LeaseJson
{
    public static string Lease(string name, string resourceVersion, string holder = "a") =>
        $$$"""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"{{{name}}}","namespace":"ns","resourceVersion":"{{{resourceVersion}}}"},"spec":{"holderIdentity":"{{{holder}}}","leaseDurationSeconds":15,"renewTime":"2026-01-02T03:04:05.123456Z"}}""";

    public static string List(string resourceVersion, string? continueToken, params string[] items) =>
        $$"""{"apiVersion":"coordination.k8s.io/v1","kind":"LeaseList","metadata":{"resourceVersion":"{{resourceVersion}}"{{(continueToken is null ? "" : $",\"continue\":\"{continueToken}\"")}}},"items":[{{string.Join(",", items)}}]}""";

    public static string Event(string type, string name, string resourceVersion) =>
        $$"""{"type":"{{type}}","object":{{Lease(name, resourceVersion)}}}""";
}
