using System.Diagnostics;
using FluentAssertions;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Kubernetes.Tests.Kubectl;

public sealed class ExecutableTests
{
    [Fact]
    public async Task Executable_applies_crds_writes_a_kubeconfig_kubectl_uses_and_stops_on_sigterm()
    {
        var dir = Directory.CreateTempSubdirectory("testapiserver-exe-");
        var kubeconfig = Path.Combine(dir.FullName, "kubeconfig");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "PolicyOperator.TestApiServer.dll"), "--port", "0", "--kubeconfig", kubeconfig, "--apply", RepositoryPaths.InRepository("crds") })
        {
            psi.ArgumentList.Add(arg);
        }

        using var server = Process.Start(psi)!;
        var errors = server.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? line;
            do
            {
                line = await server.StandardOutput.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.StartsWith("kubeconfig written", StringComparison.Ordinal));

            line.Should().NotBeNull("the server prints where it wrote the kubeconfig");
            var crds = await ProcessRunner.RunCheckedAsync("kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir.FullName, "cache"), "get", "crd", "-o", "name"]);
            await ProcessRunner.RunCheckedAsync("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await server.WaitForExitAsync(timeout.Token);

            crds.Should().Contain("customresourcedefinition.apiextensions.k8s.io/observedtraffics.policyoperator.io");
            server.ExitCode.Should().Be(0, await errors);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            dir.Delete(recursive: true);
        }
    }
}
