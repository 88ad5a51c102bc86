namespace PolicyOperator.Testing.ApiServer.Http;

/// <summary>
/// What a resource URL names: <c>/api/v1/namespaces/{ns}/pods/{name}/status</c> or
/// <c>/apis/{group}/{version}/[watch/]{resource}...</c>, split as the API server's RequestInfoFactory does.
/// </summary>
public sealed record RequestInfo(string Group, string Version, string? Namespace, string Resource, string? Name, string? Subresource, bool LegacyWatch)
{
    /// <summary>Parses a resource path; null when the path is not a resource request.</summary>
    public static RequestInfo? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        string group;
        string version;
        int rest;
        if (parts is ["api", var coreVersion, _, ..])
        {
            (group, version, rest) = (string.Empty, coreVersion, 2);
        }
        else if (parts is ["apis", var g, var v, _, ..])
        {
            (group, version, rest) = (g, v, 3);
        }
        else
        {
            return null;
        }

        var segments = parts[rest..];
        var watch = false;
        if (segments is ["watch", _, ..])
        {
            watch = true;
            segments = segments[1..];
        }

        string? ns = null;
        if (segments.Length > 1 && segments[0] == "namespaces")
        {
            if (segments.Length == 2 || (segments.Length == 3 && segments[2] is "status" or "finalize"))
            {
                return new RequestInfo(group, version, null, "namespaces", segments[1], segments.Length == 3 ? segments[2] : null, watch);
            }

            ns = segments[1];
            segments = segments[2..];
        }

        return segments.Length switch
        {
            1 => new RequestInfo(group, version, ns, segments[0], null, null, watch),
            2 => new RequestInfo(group, version, ns, segments[0], segments[1], null, watch),
            3 => new RequestInfo(group, version, ns, segments[0], segments[1], segments[2], watch),
            _ => null,
        };
    }
}
