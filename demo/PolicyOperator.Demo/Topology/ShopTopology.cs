using System.Net;
using PolicyOperator.Api.Core;
using PolicyOperator.Api.Meta;

namespace PolicyOperator.Demo.Topology;

/// <summary>
/// The demo application: a small Online Boutique (the shop of GoogleCloudPlatform/microservices-demo,
/// whose names and ports it borrows) spread over four namespaces. Services use ports that differ from
/// the target ports, one by name; the payment service calls a payment provider outside the cluster by
/// its DNS name.
/// </summary>
internal sealed record ShopTopology(
    IReadOnlyList<DemoWorkload> Workloads,
    IReadOnlyList<DemoService> Services,
    ExternalEndpoint External)
{
    /// <summary>The DNS domain of Services.</summary>
    public const string ClusterDomain = "cluster.local";

    /// <summary>The node every pod runs on.</summary>
    public const string NodeName = "demo-node";

    /// <summary>The Online Boutique-like application.</summary>
    public static ShopTopology Default { get; } = Create();

    /// <summary>The namespaces, sorted.</summary>
    public IReadOnlyList<string> Namespaces =>
        Workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The Services whose backends are <paramref name="workload"/>.</summary>
    public IEnumerable<DemoService> ServicesOf(DemoWorkload workload) =>
        Services.Where(s => s.Namespace == workload.Namespace && s.Workload == workload.Name);

    /// <summary>The workload behind a Service.</summary>
    public DemoWorkload BackendOf(DemoService service) =>
        Workloads.Single(w => w.Namespace == service.Namespace && w.Name == service.Workload);

    /// <summary>The port a Service's target port stands for on its backend pods (named ports resolved).</summary>
    public int TargetPortOf(DemoService service)
    {
        if (service.TargetPort.Number is { } number)
        {
            return number;
        }

        var backend = BackendOf(service);
        return backend.Ports.SingleOrDefault(p => p.Name == service.TargetPort.Name)?.Number
            ?? throw new InvalidOperationException($"Service {service.Namespace}/{service.Name}: no container port named '{service.TargetPort.Name}' on {backend.Key}");
    }

    private static ShopTopology Create()
    {
        var external = new ExternalEndpoint("api.payments-provider.example", IPAddress.Parse("203.0.113.10"), 443);
        var frontend = new DemoService("frontend", "frontend", "frontend", "http", 80, IntOrString.FromNumber(8080));
        var catalog = new DemoService("shop", "productcatalog", "productcatalog", "grpc", 3550, IntOrString.FromName("grpc"));
        var cart = new DemoService("shop", "cart", "cart", "grpc", 7070, IntOrString.FromNumber(7070));
        var redis = new DemoService("shop", "redis-cart", "redis-cart", "tcp-redis", 6379, IntOrString.FromNumber(6379));
        var checkout = new DemoService("shop", "checkout", "checkout", "grpc", 5050, IntOrString.FromNumber(8085));
        var payment = new DemoService("payments", "payment", "payment", "grpc", 50051, IntOrString.FromNumber(9090));
        var dns = new DemoService("kube-system", "kube-dns", "coredns", "dns", 53, IntOrString.FromName("dns"), "UDP");

        DemoWorkload[] workloads =
        [
            new("frontend", "loadgenerator", "Deployment", 1, [], [frontend.Call]),
            new("frontend", "frontend", "Deployment", 2, [Tcp("http", 8080)], [catalog.Call, cart.Call, checkout.Call]),
            new("shop", "productcatalog", "Deployment", 1, [Tcp("grpc", 8550)], []),
            new("shop", "cart", "Deployment", 1, [Tcp("grpc", 7070)], [redis.Call]),
            new("shop", "redis-cart", "StatefulSet", 1, [Tcp("redis", 6379)], []),
            new("shop", "checkout", "Deployment", 1, [Tcp("grpc", 8085)], [catalog.Call, cart.Call, payment.Call]),
            new("payments", "payment", "Deployment", 1, [Tcp("grpc", 9090)], [new DemoCall(external.DnsName, external.Port)]),
            new("kube-system", "coredns", "Deployment", 1, [new ContainerPort { Name = "dns", Number = 53, Protocol = "UDP" }], [], ServesDns: true,
                SelectorLabel: "k8s-app", SelectorValue: "kube-dns"),
        ];
        return new ShopTopology(workloads, [frontend, catalog, cart, redis, checkout, payment, dns], external);
    }

    private static ContainerPort Tcp(string name, int number) => new() { Name = name, Number = number, Protocol = "TCP" };
}
