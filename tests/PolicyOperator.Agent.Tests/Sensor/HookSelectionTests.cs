using FluentAssertions;
using PolicyOperator.LibBpf;
using PolicyOperator.Sensor;
using PolicyOperator.Sensor.Events;
using PolicyOperator.Sensor.Hooks;
using PolicyOperator.Sensor.Loading;
using PolicyOperator.Testing;
using Xunit;
using Xunit.Abstractions;

namespace PolicyOperator.Agent.Tests.Sensor;

public sealed class HookSelectionTests(ITestOutputHelper output)
{
    [PrivilegedFact]
    public void Sensor_reports_every_hook_it_tried_and_runs_the_required_ones()
    {
        PrivilegedEnvironment.Require();
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });
        var report = sensor.Hooks;
        output.WriteLine(report.ToString()); // which path ran on this kernel, with the kernel's reasons

        (report.IsActive(TcpStateHooks.Btf.Hook) ^ report.IsActive(TcpStateHooks.Classic.Hook)).Should().BeTrue("one flavour of the TCP state tracepoint runs");
        report.IsActive("cgroup/sock_create").Should().BeTrue();
        report.IsActive("cgroup_skb/egress").Should().BeTrue();
        report.IsActive("cgroup_skb/ingress").Should().BeTrue();
        report.Hooks.Select(h => h.Hook).Should().Contain(SendmsgHooks.Fexit.Concat(SendmsgHooks.Kprobe).Select(h => h.Hook));
        report.Hooks.Where(h => !h.Active).Should().OnlyContain(h => h.Reason.StartsWith("refused by the kernel: ") || h.Reason.StartsWith("not needed"));
        report.Hooks.Select(h => h.Hook).Should().Contain([TcpStateHooks.Btf.Hook, TcpStateHooks.Classic.Hook], "both flavours are reported, the one not run with why");
        report.Hooks.Where(h => h.Hook.Contains("sock_sendmsg")).Count(h => h.Active).Should().BeLessThanOrEqualTo(1, "one sendmsg family at most");
    }

    [PrivilegedFact]
    public void When_the_kernel_refuses_fentry_and_kprobes_the_tracepoint_path_runs_and_says_why()
    {
        PrivilegedEnvironment.Require();
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false });
        var sendmsg = sensor.Hooks.Hooks.Where(h => h.Hook.Contains("sock_", StringComparison.Ordinal) && h.Hook.Contains("msg", StringComparison.Ordinal)).ToList();
        output.WriteLine(sensor.Hooks.ToString());

        if (sendmsg.Any(h => h.Active))
        {
            // A kernel that allows them: bytes then flow through them, the fallback is not needed.
            sendmsg.Should().Contain(h => h.Active && h.Reason == "loaded and attached");
            return;
        }

        // The development kernel: both families refused with the kernel's own error text, and the
        // tracepoint (bytes at close) and cgroup programs carry the sensor.
        sendmsg.Should().HaveCount(SendmsgHooks.Fexit.Count + SendmsgHooks.Kprobe.Count);
        sendmsg.Should().OnlyContain(h => h.Reason.Contains("errno", StringComparison.Ordinal));
        sensor.Hooks.Active.Select(h => h.Hook).Should().BeEquivalentTo(
            [TcpStateHooks.Btf.Hook, "cgroup/sock_create", "cgroup_skb/egress", "cgroup_skb/ingress"]);
    }

    [PrivilegedFact]
    public void With_tp_btf_turned_off_the_classic_tracepoint_runs_and_the_report_says_so()
    {
        PrivilegedEnvironment.Require();
        using var sensor = FlowSensor.Start(new SensorOptions { ScanExistingConnections = false, PreferBtfTracepoint = false });

        sensor.Hooks.IsActive(TcpStateHooks.Classic.Hook).Should().BeTrue();
        sensor.Hooks.Hooks.Should().ContainSingle(h => h.Hook == TcpStateHooks.Btf.Hook)
            .Which.Should().Match<HookStatus>(h => !h.Active && h.Reason == "not tried: disabled by configuration");
    }

    [PrivilegedFact]
    public void Kernel_feature_probe_answers_for_the_program_types_the_sensor_needs()
    {
        PrivilegedEnvironment.Require();

        BpfFeatures.IsProgramTypeSupported(BpfProgramType.Tracepoint).Should().BeTrue();
        BpfFeatures.IsProgramTypeSupported(BpfProgramType.CgroupSkb).Should().BeTrue();
        BpfFeatures.IsProgramTypeSupported(BpfProgramType.CgroupSock).Should().BeTrue();
    }

    // Where the sendmsg/recvmsg hooks run (not on this kernel), the sensor tells the TCP program
    // through its .bss that closes must add no bytes: that write must work after the load.
    [PrivilegedFact]
    public void The_tcp_programs_io_hooks_flag_is_one_word_of_bss_that_can_be_set_after_load()
    {
        PrivilegedEnvironment.Require();
        using var tcp = BpfObject.Open(BpfObjectFiles.PathOf(FlowNames.TcpObject));
        tcp.Load();
        var bss = tcp.Maps.Should().ContainSingle(m => m.Name.EndsWith(".bss", StringComparison.Ordinal)).Subject;
        bss.ValueSize.Should().Be(sizeof(uint), "the sensor writes the flag as the whole section");

        bss.TryLookup(0u, out uint before).Should().BeTrue();
        bss.Update(0u, 1u);
        bss.TryLookup(0u, out uint after).Should().BeTrue();

        before.Should().Be(0u, "closes count bytes unless told otherwise");
        after.Should().Be(1u);
    }
}
