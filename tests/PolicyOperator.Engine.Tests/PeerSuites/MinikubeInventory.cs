using PolicyOperator.Api.Core;
using PolicyOperator.Api.Discovery;
using PolicyOperator.Api.Meta;
using PolicyOperator.Engine.Inventory;

namespace PolicyOperator.Engine.Tests.PeerSuites;

/// <summary>
/// What a minikube cluster holds for Inspektor Gadget's latest advisor cases: the test pod (labelled, as
/// <c>kubectl run</c> does), kube-dns with its CoreDNS pod, and the API server Service with its endpoint.
/// </summary>
internal static class MinikubeInventory
{
    public const string TestNamespace = "test-networkpolicy-8485776873410829123";

    public static ClusterInventory Create() => new()
    {
        Namespaces = [Ns("default"), Ns("kube-system"), Ns(TestNamespace)],
        Pods =
        [
            new Pod
            {
                Metadata = new() { Name = "test-pod", Namespace = TestNamespace, Labels = new Dictionary<string, string> { ["run"] = "test-pod" } },
                Spec = new PodSpec { NodeName = "minikube" },
                Status = new PodStatus { PodIP = "10.244.0.5" },
            },
            new Pod
            {
                Metadata = new() { Name = "coredns-5dd5756b68-x7k2p", Namespace = "kube-system", Labels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns", ["pod-template-hash"] = "5dd5756b68" } },
                Spec = new PodSpec { NodeName = "minikube", Containers = [new Container { Name = "coredns", Ports = [new ContainerPort { Name = "dns", Number = 53, Protocol = "UDP" }, new ContainerPort { Name = "dns-tcp", Number = 53, Protocol = "TCP" }] }] },
                Status = new PodStatus { PodIP = "10.244.0.2" },
            },
        ],
        Services =
        [
            new Service
            {
                Metadata = new() { Name = "kube-dns", Namespace = "kube-system", Labels = new Dictionary<string, string> { ["k8s-app"] = "kube-dns", ["kubernetes.io/name"] = "CoreDNS" } },
                Spec = new ServiceSpec { Selector = new Dictionary<string, string> { ["k8s-app"] = "kube-dns" }, ClusterIP = "10.96.0.10", Ports = [new ServicePort { Name = "dns", Port = 53, Protocol = "UDP", TargetPort = IntOrString.FromName("dns") }] },
            },
            new Service
            {
                Metadata = new() { Name = "kubernetes", Namespace = "default", Labels = new Dictionary<string, string> { ["component"] = "apiserver" } },
                Spec = new ServiceSpec { ClusterIP = "10.96.0.1", Ports = [new ServicePort { Name = "https", Port = 443, Protocol = "TCP", TargetPort = IntOrString.FromNumber(8443) }] },
            },
        ],
        EndpointSlices =
        [
            new EndpointSlice
            {
                Metadata = new() { Name = "kubernetes", Namespace = "default", Labels = new Dictionary<string, string> { [EndpointSlice.ServiceNameLabel] = "kubernetes" } },
                Endpoints = [new Endpoint { Addresses = ["192.168.49.2"] }],
                Ports = [new EndpointPort { Name = "https", Port = 8443, Protocol = "TCP" }],
            },
        ],
    };

    private static Namespace Ns(string name) => new() { Metadata = new() { Name = name, Labels = new Dictionary<string, string> { [Namespace.NameLabel] = name } } };
}
