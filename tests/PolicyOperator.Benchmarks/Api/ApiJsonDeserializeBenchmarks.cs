using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using PolicyOperator.Api;
using PolicyOperator.Api.V1Alpha1;

namespace PolicyOperator.Benchmarks.Api;

/// <summary>
/// What keeping property defaults costs when deserializing (ApiJson.Options with the
/// InitializerDefaults modifier) against the plain source-generated contract, which loses them:
/// the sample ObservedTraffic of config/samples, one object per operation.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ApiJsonDeserializeBenchmarks
{
    private const string Sample = """
        {"apiVersion":"policyoperator.io/v1alpha1","kind":"ObservedTraffic","metadata":{"name":"frontend-worker-1","namespace":"default","labels":{"app.kubernetes.io/managed-by":"policy-agent"}},"spec":{"node":"worker-1","workload":{"kind":"Deployment","name":"frontend","namespace":"default","selector":{"matchLabels":{"app":"frontend"}},"serviceAccount":"frontend"},"window":{"start":"2026-11-20T10:00:00Z","end":"2026-11-20T10:05:00Z"},"ingress":[{"peer":{"type":"Node","node":{"name":"worker-1","addresses":["10.0.0.11"],"isLocal":true}},"protocol":"TCP","port":8080,"portName":"http","connections":10,"bytesSent":1200,"bytesReceived":900,"firstSeen":"2026-11-20T10:00:03Z","lastSeen":"2026-11-20T10:04:53Z","processes":[{"comm":"server","container":"server"}]}],"egress":[{"peer":{"type":"Service","service":{"name":"cartservice","namespace":"default","selector":{"app":"cartservice"},"clusterIp":"10.96.12.7","backend":{"kind":"Deployment","name":"cartservice","namespace":"default","selector":{"matchLabels":{"app":"cartservice"}}}}},"protocol":"TCP","port":7070,"servicePort":7070,"connections":42,"bytesSent":52000,"bytesReceived":310000,"firstSeen":"2026-11-20T10:00:01Z","lastSeen":"2026-11-20T10:04:59Z","processes":[{"comm":"server","container":"server"}],"samples":[{"sourceIp":"10.244.1.15","sourcePort":43122,"destinationIp":"10.244.2.9","destinationPort":7070,"originalDestinationIp":"10.96.12.7","originalDestinationPort":7070,"time":"2026-11-20T10:04:59Z"}]},{"peer":{"type":"External","external":{"cidr":"203.0.113.7/32","dnsNames":["api.example.com"]}},"protocol":"TCP","port":443,"connections":3,"firstSeen":"2026-11-20T10:01:00Z","lastSeen":"2026-11-20T10:03:00Z"}],"dnsQueries":[{"name":"api.example.com","queryType":"A","queries":3,"responses":{"NOERROR":3},"answers":["203.0.113.7"]}]}}
        """;

    private readonly JsonTypeInfo _withDefaults = ApiJson.Options.GetTypeInfo(typeof(ObservedTraffic));
    private readonly JsonTypeInfo _sourceGenerated = PolicyOperatorJsonContext.Default.ObservedTraffic;

    [Benchmark(Baseline = true)]
    public object? SourceGeneratedOnly() => JsonSerializer.Deserialize(Sample, _sourceGenerated);

    [Benchmark]
    public object? WithInitializerDefaults() => JsonSerializer.Deserialize(Sample, _withDefaults);
}
