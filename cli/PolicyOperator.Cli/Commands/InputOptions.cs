using System.CommandLine;

namespace PolicyOperator.Cli.Commands;

/// <summary>The input options the commands share, so that every command names and accepts them alike.</summary>
internal static class InputOptions
{
    /// <summary><c>--traffic/-t</c>: required, repeatable, several paths per token.</summary>
    public static Option<string[]> Traffic() => new("--traffic", "-t")
    {
        Description = "Observed traffic: ObservedTraffic resources (YAML or JSON), Hubble flows (hubble observe -o json) or Inspektor Gadget advisor events; files, directories or - for stdin; repeatable",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary><c>--inventory/-i</c>, with what the command uses it for.</summary>
    public static Option<string[]> Inventory(string purpose, bool required = false) => new("--inventory", "-i")
    {
        Description = $"Inventory (kubectl get ... -A -o json|yaml output, or manifests; files, directories or -): {purpose}",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
    };

    /// <summary><c>--policies/-p</c>, with what the command does with them.</summary>
    public static Option<string[]> Policies(string purpose, bool required) => new("--policies", "-p")
    {
        Description = $"NetworkPolicies (files, directories or -): {purpose}",
        Required = required,
        AllowMultipleArgumentsPerToken = true,
    };
}
