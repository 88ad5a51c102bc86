using System.Runtime.InteropServices;
using System.Text;
using FluentAssertions;
using PolicyOperator.Sensor.Events;
using PolicyOperator.Testing;
using PolicyOperator.Testing.Netns;
using Xunit;

namespace PolicyOperator.Agent.Tests.Events;

/// <summary>The C# mirrors must have the C structs' sizes and offsets: compiled here against bpf/include/flow.h.</summary>
public sealed class EventLayoutTests
{
    private static readonly (string CStruct, Type Mirror, string[] Fields)[] Structs =
    [
        ("flow_key", typeof(FlowKeyRaw), ["cgroup_id", "netns_ino", "family", "protocol", "direction", "local_addr", "remote_addr", "port"]),
        ("flow_value", typeof(FlowValueRaw), ["first_seen_ns", "last_seen_ns", "last_report_ns", "bytes_sent", "bytes_received", "packets_sent", "packets_received", "connections", "closes", "pid", "tid", "comm"]),
        ("flow_event", typeof(FlowEventRaw), ["kind", "key", "value"]),
        ("dns_event", typeof(DnsEventRaw), ["timestamp_ns", "cgroup_id", "netns_ino", "pid", "family", "protocol", "direction", "local_port", "remote_port", "local_addr", "remote_addr", "length", "original", "payload"]),
        ("sensor_config", typeof(SensorConfigRaw), ["report_interval_ns", "dns_port"]),
        ("listener_key", typeof(ListenerKeyRaw), ["netns_ino", "port", "family"]),
        ("listener_value", typeof(ListenerValueRaw), ["pid", "tid", "comm"]),
    ];

    [Fact]
    public async Task Mirrors_have_the_c_structs_sizes_and_offsets()
    {
        var expected = await CompileAndRunAsync();
        var actual = new StringBuilder();
        foreach (var (cStruct, mirror, fields) in Structs)
        {
            actual.Append(cStruct).Append(" size ").Append(Marshal.SizeOf(mirror)).Append('\n');
            foreach (var field in fields)
            {
                actual.Append(cStruct).Append('.').Append(field).Append(' ')
                    .Append(Marshal.OffsetOf(mirror, ToPascal(field)).ToInt32()).Append('\n');
            }
        }

        actual.ToString().Should().Be(expected);
    }

    private static async Task<string> CompileAndRunAsync()
    {
        var dir = Directory.CreateTempSubdirectory("po-layout-");
        try
        {
            var program = new StringBuilder("#include <stdio.h>\n#include <stddef.h>\n#include <linux/types.h>\n#include \"flow.h\"\nint main(void) {\n");
            foreach (var (cStruct, _, fields) in Structs)
            {
                program.Append($"    printf(\"{cStruct} size %zu\\n\", sizeof(struct {cStruct}));\n");
                foreach (var field in fields)
                {
                    program.Append($"    printf(\"{cStruct}.{field} %zu\\n\", offsetof(struct {cStruct}, {field}));\n");
                }
            }

            program.Append("    return 0;\n}\n");
            var source = Path.Combine(dir.FullName, "layout.c");
            var binary = Path.Combine(dir.FullName, "layout");
            await File.WriteAllTextAsync(source, program.ToString());
            await ProcessRunner.RunCheckedAsync("clang", ["-I", RepositoryPaths.InRepository("bpf", "include"), "-o", binary, source]);
            return await ProcessRunner.RunCheckedAsync(binary, []);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string ToPascal(string cField) => cField switch
    {
        "netns_ino" => "NetnsInode",
        "local_addr" => "LocalAddress",
        "remote_addr" => "RemoteAddress",
        "first_seen_ns" => "FirstSeenNs",
        _ => string.Concat(cField.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..])),
    };
}
