using System.Globalization;
using PolicyOperator.Api.V1Alpha1;
using PolicyOperator.Controllers.Generators;

namespace PolicyOperator.Operator;

/// <summary>
/// The flags the Helm chart and the kustomize base pass (<c>--name=value</c> or <c>--name value</c>), with
/// controller-runtime's defaults. A bad value is an error naming the flag.
/// </summary>
public sealed record OperatorFlags
{
    public GeneratorMode Mode { get; init; } = GeneratorMode.Propose;

    public bool LeaderElect { get; init; }

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public string LeaseName { get; init; } = "policy-operator";

    /// <summary>0 picks a free port (tests).</summary>
    public int MetricsPort { get; init; } = 8080;

    public int HealthPort { get; init; } = 8081;

    /// <summary><c>json</c> (one JSON object per line) or <c>text</c>.</summary>
    public string LogFormat { get; init; } = "text";

    public string? Kubeconfig { get; init; }

    public int Workers { get; init; } = 2;

    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests per second to the API server (the client's token bucket); 0 turns the limit off.</summary>
    public double KubeApiQps { get; init; } = 50;

    /// <summary>Where the listening addresses are written once bound (tests read the chosen ports).</summary>
    public string? AddressFile { get; init; }

    public const string Usage = """
        usage: policy-operator [flags]
          --mode=Observe|Propose|Enforce   the most any PolicyGenerator may do (default Propose; Enforce writes NetworkPolicies)
          --leader-elect=true|false        elect one leader among replicas through a Lease (default false)
          --lease-duration=15s --renew-deadline=10s --retry-period=2s   leader election timings
          --lease-name=policy-operator     the Lease, in $POD_NAMESPACE
          --metrics-port=8080              /metrics
          --health-port=8081               /healthz and /readyz
          --log-format=json|text           (default text)
          --kubeconfig=PATH                else $KUBECONFIG, ~/.kube/config, or the in-cluster service account
          --workers=2                      reconciles at once
          --resync-period=5m               how often every proposal is reconciled without a change
          --kube-api-qps=50                requests per second to the API server; 0 for no limit
        """;

    /// <exception cref="ArgumentException">An unknown flag or a bad value; the message names it.</exception>
    public static OperatorFlags Parse(IReadOnlyList<string> args)
    {
        var flags = new OperatorFlags();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }

            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[2..eq] : arg[2..];
            string Value()
            {
                if (eq > 0)
                {
                    return arg[(eq + 1)..];
                }

                if (name == "leader-elect")
                {
                    return "true";
                }

                return i + 1 < args.Count ? args[++i] : throw new ArgumentException($"--{name}: missing value");
            }

            flags = name switch
            {
                "mode" => flags with { Mode = Enum.TryParse<GeneratorMode>(Value(), ignoreCase: true, out var mode) && Enum.IsDefined(mode) ? mode : throw Bad(name, "Observe, Propose or Enforce") },
                "leader-elect" => flags with { LeaderElect = bool.TryParse(Value(), out var elect) ? elect : throw Bad(name, "true or false") },
                "lease-duration" => flags with { LeaseDuration = Duration(name, Value()) },
                "renew-deadline" => flags with { RenewDeadline = Duration(name, Value()) },
                "retry-period" => flags with { RetryPeriod = Duration(name, Value()) },
                "resync-period" => flags with { ResyncPeriod = Duration(name, Value()) },
                "lease-name" => flags with { LeaseName = Value() },
                "metrics-port" => flags with { MetricsPort = Port(name, Value()) },
                "health-port" => flags with { HealthPort = Port(name, Value()) },
                "log-format" => flags with { LogFormat = Value() is var format && format is "json" or "text" ? format : throw Bad(name, "json or text") },
                "kubeconfig" => flags with { Kubeconfig = Value() },
                "workers" => flags with { Workers = int.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) && w > 0 ? w : throw Bad(name, "a positive number") },
                "kube-api-qps" => flags with { KubeApiQps = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var qps) && qps >= 0 ? qps : throw Bad(name, "a number of requests per second, 0 for no limit") },
                "address-file" => flags with { AddressFile = Value() },
                _ => throw new ArgumentException($"unknown flag --{name}"),
            };
        }

        return flags;
    }

    private static ArgumentException Bad(string name, string expected) => new($"--{name}: expected {expected}");

    private static TimeSpan Duration(string name, string value)
    {
        try
        {
            return GoDuration.Parse(value, $"--{name}");
        }
        catch (FormatException e)
        {
            throw new ArgumentException(e.Message, e);
        }
    }

    private static int Port(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535 ? port : throw Bad(name, "a port 0-65535");
}
