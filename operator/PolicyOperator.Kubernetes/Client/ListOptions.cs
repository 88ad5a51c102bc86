using System.Globalization;
using System.Text;

namespace PolicyOperator.Kubernetes.Client;

/// <summary>Query of a list or watch: selectors, paging, and the resourceVersion to start from.</summary>
public sealed record ListOptions
{
    /// <summary>For example <c>app=web,tier!=db</c> or <c>env in (a,b)</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>For example <c>metadata.name=x</c> or <c>spec.nodeName=n1</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Page size of a list; null lists everything at once.</summary>
    public int? Limit { get; init; }

    /// <summary>The token of the next page.</summary>
    public string? Continue { get; init; }

    /// <summary>Where a watch starts (the list's resourceVersion), or how fresh a list must be.</summary>
    public string? ResourceVersion { get; init; }

    /// <summary>Asks the server for BOOKMARK events during a watch.</summary>
    public bool AllowWatchBookmarks { get; init; }

    /// <summary>The server ends the watch after this many seconds.</summary>
    public int? TimeoutSeconds { get; init; }

    internal string ToQuery(bool watch)
    {
        var query = new StringBuilder();
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
            }
        }

        Add("watch", watch ? "true" : null);
        Add("labelSelector", LabelSelector);
        Add("fieldSelector", FieldSelector);
        Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
        Add("continue", Continue);
        Add("resourceVersion", ResourceVersion);
        Add("allowWatchBookmarks", watch && AllowWatchBookmarks ? "true" : null);
        Add("timeoutSeconds", TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        return query.ToString();
    }
}
