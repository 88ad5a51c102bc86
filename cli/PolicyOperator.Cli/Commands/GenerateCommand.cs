using System.CommandLine;
using PolicyOperator.Cli.Output;
using PolicyOperator.Engine.Inventory;
using PolicyOperator.Engine.Synthesis;
using PolicyOperator.Ingest.Documents;
using PolicyOperator.Ingest.Generation;
using PolicyOperator.Ingest.Inventory;
using PolicyOperator.Ingest.Traffic;

namespace PolicyOperator.Cli.Commands;

/// <summary>
/// <c>policyctl generate --traffic T [--inventory I] [--config C] [--format networkpolicy|cilium] --out DIR|-</c>:
/// one least-privilege policy per observed workload. What could not be attributed or resolved is said on stderr.
/// </summary>
public static class GenerateCommand
{
    public static Command Create(TextReader stdin)
    {
        var traffic = InputOptions.Traffic();
        var inventory = InputOptions.Inventory("optional when the traffic carries labels");
        var config = new Option<string?>("--config", "-c") { Description = "A PolicyGenerator resource with the synthesis options (flags override it)" };
        var format = new Option<string?>("--format", "-f") { Description = "networkpolicy (default) or cilium (CiliumNetworkPolicy with toFQDNs)" };
        var output = new Option<string>("--out", "-o") { Description = "Output directory (DIR/<namespace>/<name>.yaml plus kustomization.yaml files), or - for one YAML stream on stdout", Required = true };
        var evidence = new Option<string?>("--evidence") { Description = "Also write the evidence behind every rule to this YAML file" };
        var dns = new Option<string?>("--dns") { Description = $"DNS strategy: {string.Join(", ", Enum.GetNames<DnsStrategy>().Where(n => n != nameof(DnsStrategy.Custom)))} (Custom via --config)" };
        var servicePorts = new Option<bool>("--service-ports") { Description = "Also allow Service ports, for CNIs that enforce before DNAT" };
        var policyTypes = new Option<string?>("--policy-types") { Description = "evidence (default: only directions with traffic) or both" };
        var group = new Option<int?>("--group-externals") { Description = "Group external addresses into prefixes above this many per workload and direction (default 16)" };
        var volatileLabels = new Option<string[]>("--volatile-label") { Description = "A label key never to select on, in addition to the built-in ones; repeatable" };

        var command = new Command("generate", "Generate least-privilege NetworkPolicies from observed traffic.")
        {
            traffic, inventory, config, format, output, evidence, dns, servicePorts, policyTypes, group, volatileLabels,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            return InputErrors.GuardAsync(stderr, async () =>
            {
                var documents = new KubernetesDocumentReader(stdin);
                var settings = parse.GetValue(config) is { } configPath ? await ReadConfigAsync(documents, configPath, cancellationToken) : GeneratorSettings.Default;
                settings = Override(settings, parse.GetValue(format), parse.GetValue(dns), parse.GetValue(servicePorts), parse.GetValue(policyTypes), parse.GetValue(group), parse.GetValue(volatileLabels));

                var inventoryPaths = parse.GetValue(inventory) ?? [];
                var cluster = await new ClusterInputs(stdin, stderr).ReadInventoryAsync(inventoryPaths, cancellationToken);
                var index = inventoryPaths.Length > 0 ? new InventoryIndex(cluster, settings.Options.ExtraVolatileLabels) : null;
                var observed = await new TrafficReader(index, stdin).ReadAsync(parse.GetValue(traffic) ?? [], cancellationToken);
                var result = new PolicySynthesizer(settings.Options).Synthesize(observed.Traffic, cluster);

                var rendered = GeneratedPolicies.Render(result.Policies, settings.Format);
                var target = parse.GetValue(output)!;
                if (target == "-")
                {
                    await stdout.WriteAsync(GeneratedPolicies.ToStream(rendered));
                }
                else
                {
                    await GeneratedPolicies.WriteDirectoryAsync(target, rendered, cancellationToken);
                }

                if (parse.GetValue(evidence) is { } evidencePath)
                {
                    await File.WriteAllTextAsync(evidencePath, EvidenceDocument.Write(result.Policies), cancellationToken);
                }

                await ReportAsync(stderr, observed, result, inventoryPaths.Length > 0);
                return PolicyCtl.ExitOk;
            });
        });
        return command;
    }

    private static async Task<GeneratorSettings> ReadConfigAsync(KubernetesDocumentReader documents, string path, CancellationToken cancellationToken)
    {
        var read = await documents.ReadAsync([path], cancellationToken);
        return read.Count == 1
            ? GeneratorSettings.FromDocument(read[0])
            : throw new InvalidInputException(new DocumentSource(path), $"expected one {GeneratorSettings.Kind}, found {read.Count} documents");
    }

    private static GeneratorSettings Override(GeneratorSettings settings, string? format, string? dns, bool servicePorts, string? policyTypes, int? group, string[]? volatileLabels)
    {
        var options = settings.Options;
        if (dns is not null)
        {
            var strategy = Enum.TryParse<DnsStrategy>(dns, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && parsed != DnsStrategy.Custom
                ? parsed
                : throw Flag("--dns", $"'{dns}' is not one of {string.Join(", ", Enum.GetNames<DnsStrategy>().Where(n => n != nameof(DnsStrategy.Custom)))}");
            options = options with { Dns = options.Dns with { Strategy = strategy } };
        }

        if (policyTypes is not null)
        {
            options = options with
            {
                PolicyTypes = Enum.TryParse<PolicyTypesMode>(policyTypes, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                    ? mode
                    : throw Flag("--policy-types", $"'{policyTypes}' is not evidence or both"),
            };
        }

        options = options with
        {
            IncludeServicePorts = options.IncludeServicePorts || servicePorts,
            ExternalGroupingThreshold = group ?? options.ExternalGroupingThreshold,
            ExtraVolatileLabels = options.ExtraVolatileLabels.Concat(volatileLabels ?? []).ToHashSet(StringComparer.Ordinal),
        };
        var outputFormat = format is null
            ? settings.Format
            : GeneratorSettings.TryParseFormat(format) ?? throw Flag("--format", $"'{format}' is not networkpolicy or cilium");
        return new GeneratorSettings(options, outputFormat);
    }

    private static InvalidInputException Flag(string flag, string problem) => new(new DocumentSource(flag), problem);

    private static async Task ReportAsync(TextWriter stderr, TrafficReadResult observed, SynthesisResult result, bool hadInventory)
    {
        await stderr.WriteLineAsync(
            $"policyctl generate: {result.Policies.Count} policies from {observed.Traffic.Count} traffic object(s); " +
            $"{result.Findings.Count} unresolved, {observed.Notes.Count} flow note(s), {observed.Skipped.Sum(s => s.Count)} flow(s) skipped" +
            (hadInventory ? string.Empty : " (no inventory: workloads attributed from the traffic's own labels)"));
        foreach (var note in observed.Notes)
        {
            await stderr.WriteLineAsync($"  note: {note}");
        }

        foreach (var skipped in observed.Skipped)
        {
            await stderr.WriteLineAsync($"  {skipped}");
        }

        foreach (var finding in result.Findings)
        {
            await stderr.WriteLineAsync($"  unresolved: {finding}");
        }
    }
}
