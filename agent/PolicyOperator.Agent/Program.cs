using System.CommandLine;
using PolicyOperator.Agent;
using PolicyOperator.Observation;

// The node agent: flags as the Helm chart passes them (charts/policy-operator/templates/agent-daemonset.yaml),
// plus standalone mode (--standalone --inventory FILE --out DIR|FILE) for a host without a cluster.
var node = new Option<string>("--node-name") { Description = "The node this agent runs on", DefaultValueFactory = _ => Environment.GetEnvironmentVariable("NODE_NAME") ?? Environment.MachineName };
var interval = new Option<string>("--batch-interval") { Description = "How often ObservedTraffic is written (30s, 1m)", DefaultValueFactory = _ => "30s" };
var window = new Option<string>("--window") { Description = "How long an observation window is (24h, 1h): entries not seen for a whole window age out, and objects left empty are deleted", DefaultValueFactory = _ => "24h" };
var metricsPort = new Option<int>("--metrics-port") { Description = "Port of /metrics (0: any free port)", DefaultValueFactory = _ => 8080 };
var healthPort = new Option<int>("--health-port") { Description = "Port of /healthz and /readyz (0: any free port)", DefaultValueFactory = _ => 8081 };
var logFormat = new Option<string>("--log-format") { Description = "json or text", DefaultValueFactory = _ => "json" };
logFormat.AcceptOnlyFromAmong("json", "text");
var hostProc = new Option<string>("--host-proc") { Description = "The host's /proc", DefaultValueFactory = _ => "/proc" };
var pinDir = new Option<string>("--pin-dir") { Description = "bpffs directory where the sensor pins its maps (counts survive restarts); empty: no pins", DefaultValueFactory = _ => "/sys/fs/bpf/policy-operator" };
var kubeconfig = new Option<string?>("--kubeconfig") { Description = "A kubeconfig (default: the in-cluster service account, else KUBECONFIG or ~/.kube/config)" };
var standalone = new Option<bool>("--standalone") { Description = "No cluster: attribute from --inventory (or network namespace and process names) and write files to --out" };
var inventory = new Option<string[]>("--inventory") { Description = "Standalone: kubectl get ... -o json output naming pods, Services and nodes", AllowMultipleArgumentsPerToken = true };
var output = new Option<string?>("--out") { Description = "Standalone: a file (multi-document YAML) or a directory (DIR/<namespace>/<name>.yaml)" };

var root = new RootCommand("policy-agent: records each workload's traffic on this node with eBPF and reports it as ObservedTraffic.")
{
    node, interval, window, metricsPort, healthPort, logFormat, hostProc, pinDir, kubeconfig, standalone, inventory, output,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var batch = DurationText.TryParse(parse.GetValue(interval));
    if (batch is null)
    {
        await Console.Error.WriteLineAsync($"policy-agent: error: --batch-interval '{parse.GetValue(interval)}' is not a duration (30s, 1m, or seconds)");
        return 2;
    }

    var windowLength = DurationText.TryParse(parse.GetValue(window));
    if (windowLength is null || windowLength.Value <= TimeSpan.Zero)
    {
        await Console.Error.WriteLineAsync($"policy-agent: error: --window '{parse.GetValue(window)}' is not a positive duration (1h, 30m, or seconds)");
        return 2;
    }

    if (parse.GetValue(standalone) && string.IsNullOrWhiteSpace(parse.GetValue(output)))
    {
        await Console.Error.WriteLineAsync("policy-agent: error: --standalone needs --out FILE|DIR");
        return 2;
    }

    return await AgentHost.RunAsync(
        new AgentOptions
        {
            NodeName = parse.GetValue(node)!,
            BatchInterval = batch.Value,
            Window = windowLength.Value,
            MetricsPort = parse.GetValue(metricsPort),
            HealthPort = parse.GetValue(healthPort),
            LogFormat = parse.GetValue(logFormat)!,
            HostProc = parse.GetValue(hostProc)!,
            PinDirectory = parse.GetValue(pinDir) is { Length: > 0 } pins ? pins : null,
            Kubeconfig = parse.GetValue(kubeconfig),
            Standalone = parse.GetValue(standalone),
            Inventory = parse.GetValue(inventory) ?? [],
            Output = parse.GetValue(output),
        },
        cancellationToken);
});

// The agent handles SIGTERM itself: its last round is written before it exits.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
