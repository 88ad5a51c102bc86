using System.Net;
using System.Net.Sockets;
using FluentAssertions;
using PolicyOperator.LibBpf;
using PolicyOperator.Sensor;
using PolicyOperator.Testing;
using Xunit;

namespace PolicyOperator.Agent.Tests.LibBpf;

public sealed class BpfObjectTests
{
    [PrivilegedFact]
    public async Task Probe_program_counts_a_real_loopback_tcp_connection()
    {
        PrivilegedEnvironment.Require();
        using var bpf = BpfObject.Open(BpfObjectFiles.PathOf(BpfObjectFiles.Probe));
        bpf.Load();
        var counts = bpf.Map(ProbeMaps.StateCounts);
        counts.TryLookup(ProbeMaps.TcpEstablished, out ulong before).Should().BeTrue();

        using (bpf.Program(ProbeMaps.Program).Attach())
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
            using var accepted = await listener.AcceptTcpClientAsync();
        }

        counts.TryLookup(ProbeMaps.TcpEstablished, out ulong after).Should().BeTrue();
        // Both ends of the connection enter ESTABLISHED: the connect and the accept.
        (after - before).Should().BeGreaterThanOrEqualTo(2);
    }

    [PrivilegedFact]
    public void Map_reports_its_declared_shape()
    {
        PrivilegedEnvironment.Require();
        using var bpf = BpfObject.Open(BpfObjectFiles.PathOf(BpfObjectFiles.Probe));
        bpf.Load();
        var map = bpf.Map(ProbeMaps.StateCounts);

        map.KeySize.Should().Be(sizeof(uint));
        map.ValueSize.Should().Be(sizeof(ulong));
        map.MaxEntries.Should().Be(ProbeMaps.StateMax);
        bpf.Programs.Select(p => p.Name).Should().Contain(ProbeMaps.Program);
    }

    [Fact]
    public void Opening_a_missing_object_names_the_path()
    {
        var act = () => BpfObject.Open("/nonexistent/missing.bpf.o");

        act.Should().Throw<FileNotFoundException>().WithMessage("*/nonexistent/missing.bpf.o*");
    }

    [Fact]
    public void Opening_a_file_that_is_not_an_elf_object_reports_the_libbpf_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not an ELF file");
            var act = () => BpfObject.Open(path);

            act.Should().Throw<LibBpfException>()
                .Where(e => e.Errno > 0 && e.Message.Contains("bpf_object__open_file", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Looking_up_with_a_wrongly_sized_key_is_refused_before_reaching_the_kernel()
    {
        using var bpf = BpfObject.Open(BpfObjectFiles.PathOf(BpfObjectFiles.Probe));
        var map = bpf.Map(ProbeMaps.StateCounts);

        var act = () => map.TryLookup<ulong, ulong>(1UL, out _);

        act.Should().Throw<ArgumentException>().WithMessage("*state_counts*key*");
    }
}
