using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using PolicyOperator.Sensor.Aggregation;
using PolicyOperator.Sensor.Events;

namespace PolicyOperator.Benchmarks.Sensor;

/// <summary>
/// User-space capacity with the in-kernel aggregation bypassed: every ring buffer record decoded
/// and folded into the flow table on one core. Result: ns per event (1e9 / ns = events per second;
/// target at least 1M events/s, i.e. at most 1,000 ns).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcessConfig))]
public class FlowDecodeBenchmarks
{
    private const int Events = 1_000_000;
    private byte[] _records = [];

    /// <summary>Distinct flows among the events.</summary>
    [Params(1_000, 50_000)]
    public int Flows { get; set; }

    [GlobalSetup]
    public unsafe void Setup()
    {
        var size = FlowEventDecoder.RecordSize;
        _records = new byte[Flows * size];
        for (var i = 0; i < Flows; i++)
        {
            var record = new FlowEventRaw
            {
                Kind = FlowNames.EventUpdate,
                Key = new FlowKeyRaw
                {
                    CgroupId = (ulong)(i % 97) + 1,
                    NetnsInode = 4026531840,
                    Family = FlowNames.AfInet,
                    Protocol = (byte)FlowProtocol.Udp,
                    Direction = (byte)FlowDirection.Egress,
                    Port = (ushort)(1024 + (i % 50_000)),
                },
                Value = new FlowValueRaw { FirstSeenNs = 1, LastSeenNs = (ulong)i, BytesSent = (ulong)i, PacketsSent = 1, Connections = 1 },
            };
            record.Key.RemoteAddress[0] = 10;
            record.Key.RemoteAddress[2] = (byte)(i >> 8);
            record.Key.RemoteAddress[3] = (byte)i;
            MemoryMarshal.Write(_records.AsSpan(i * size), in record);
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int DecodeAndAggregate()
    {
        var aggregator = new FlowAggregator();
        var size = FlowEventDecoder.RecordSize;
        var records = _records.AsSpan();
        for (var i = 0; i < Events; i++)
        {
            if (FlowEventDecoder.TryDecode(records.Slice(i % Flows * size, size), out var flowEvent))
            {
                aggregator.Apply(flowEvent);
            }
        }

        return aggregator.Count;
    }
}
