using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using PolicyOperator.LibBpf;
using PolicyOperator.Sensor;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Agent.Tests.LibBpf;

public sealed class BpfProgramInfoTests
{
    [PrivilegedFact]
    public async Task Program_info_counts_runs_and_time_while_statistics_are_on()
    {
        PrivilegedEnvironment.Require();
        using var bpf = BpfObject.Open(BpfObjectFiles.PathOf(BpfObjectFiles.Probe));
        bpf.Load();
        var program = bpf.Program(ProbeMaps.Program);

        using (BpfStatistics.Enable())
        using (program.Attach())
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            using var accepted = await listener.AcceptTcpClientAsync();
        }

        var info = program.ReadInfo();
        info.Id.Should().BeGreaterThan(0);
        info.Name.Should().Be(ProbeMaps.Program[..15], "the kernel keeps 15 characters of the name");
        info.RunCount.Should().BeGreaterThanOrEqualTo(2, "the connect and the accept each change TCP state");
        info.RunTimeNanoseconds.Should().BeGreaterThan(0);
    }
}
