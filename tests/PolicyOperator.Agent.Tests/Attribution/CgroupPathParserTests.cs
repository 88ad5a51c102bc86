using FluentAssertions;
using PolicyOperator.Observation.Attribution;
using Xunit;

namespace PolicyOperator.Agent.Tests.Attribution;

public sealed class CgroupPathParserTests
{
    private const string Uid = "0d7a6e2c-51f3-4b8e-9a0e-2a1c3b4d5e6f";
    private const string UidUnderscored = "0d7a6e2c_51f3_4b8e_9a0e_2a1c3b4d5e6f";
    private const string Id = "4f1c0e9d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e";

    [Theory]
    [InlineData($"/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{UidUnderscored}.slice/cri-containerd-{Id}.scope", "containerd", "Burstable")]
    [InlineData($"/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod{UidUnderscored}.slice/crio-{Id}.scope", "cri-o", "BestEffort")]
    [InlineData($"/kubepods.slice/kubepods-pod{UidUnderscored}.slice/docker-{Id}.scope", "docker", "Guaranteed")]
    [InlineData($"/kubepods/burstable/pod{Uid}/{Id}", null, "Burstable")]
    [InlineData($"/kubepods/pod{Uid}/{Id}", null, "Guaranteed")]
    [InlineData($"/kubepods/besteffort/pod{Uid}/{Id}", null, "BestEffort")]
    public void Kubelet_cgroup_names_give_the_pod_uid_and_container_id(string path, string? runtime, string qos)
    {
        CgroupPathParser.Parse(path).Should().Be(new CgroupIdentity(Uid, Id, runtime, qos));
    }

    // Shapes seen on real nodes (public issue reports and tests of other cgroup readers), with this
    // test's pod UID and container id.
    [Theory]
    [InlineData($"/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-pod{UidUnderscored}.slice/cri-containerd-{Id}.scope", "containerd", "BestEffort")] // kind, inside the node
    [InlineData($"/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-burstable.slice/kubelet-kubepods-burstable-pod{UidUnderscored}.slice/cri-containerd-{Id}.scope", "containerd", "Burstable")]
    [InlineData($"/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-pod{UidUnderscored}.slice/cri-containerd-{Id}.scope", "containerd", "Guaranteed")]
    [InlineData($"/system.slice/docker-3350ade4226f0adcd9e4e9545d7c2a16a5aa362d12315f2a88e2024cea1246cf.scope/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-pod{UidUnderscored}.slice/cri-containerd-{Id}.scope", "containerd", "BestEffort")] // kind, from the host
    [InlineData($"/docker/65a1b6ad09655b3f1475ede1aa0061a97c0d1ada9f2b2acac959afbc92094463/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-pod{UidUnderscored}.slice/cri-containerd-{Id}.scope", "containerd", "BestEffort")]
    [InlineData($"/docker/65a1b6ad09655b3f1475ede1aa0061a97c0d1ada9f2b2acac959afbc92094463/kubepods/besteffort/pod{Uid}/{Id}", null, "BestEffort")] // minikube (docker driver, cgroupfs)
    [InlineData($"/kubepods/burstable/pod{Uid}/crio-{Id}", "cri-o", "Burstable")] // CRI-O with cgroupfs
    [InlineData($"/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{UidUnderscored}.slice/crio-conmon-{Id}.scope", "cri-o", "Burstable")] // CRI-O's conmon
    [InlineData($"/kubepods-burstable-pod{UidUnderscored}.slice/cri-containerd-{Id}.scope", "containerd", "Burstable")] // in a cgroup namespace
    [InlineData($"/kubepods-pod{UidUnderscored}.slice/docker-{Id}.scope", "docker", "Guaranteed")]
    public void Kind_minikube_cri_o_and_namespaced_cgroup_names_give_the_pod_uid_and_container_id(string path, string? runtime, string qos)
    {
        CgroupPathParser.Parse(path).Should().Be(new CgroupIdentity(Uid, Id, runtime, qos));
    }

    [Fact]
    public void A_kind_nodes_own_container_is_the_host_until_a_pod_slice()
    {
        CgroupPathParser.Parse("/system.slice/docker-3350ade4226f0adcd9e4e9545d7c2a16a5aa362d12315f2a88e2024cea1246cf.scope/kubelet.slice/kubelet.service")
            .Should().Be(CgroupIdentity.Host);
        CgroupPathParser.Parse("/system.slice/docker-3350ade4226f0adcd9e4e9545d7c2a16a5aa362d12315f2a88e2024cea1246cf.scope/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice")
            .Should().Be(CgroupIdentity.Host);
    }

    [Fact]
    public void Nested_kubepods_under_a_runtime_prefix_is_still_a_pod()
    {
        var identity = CgroupPathParser.Parse($"/kubelet.slice/kubelet-kubepods.slice/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{UidUnderscored}.slice/cri-containerd-{Id}.scope");

        identity.PodUid.Should().Be(Uid);
        identity.ContainerId.Should().Be(Id);
    }

    [Fact]
    public void Pod_level_cgroup_has_a_pod_but_no_container()
    {
        CgroupPathParser.Parse($"/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{UidUnderscored}.slice")
            .Should().Be(new CgroupIdentity(Uid, null, null, "Burstable"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/system.slice/sshd.service")]
    [InlineData("/user.slice/user-0.slice/session-1.scope")]
    [InlineData("/kubepods.slice/not-a-pod.slice")]
    [InlineData("")]
    public void Anything_else_is_the_host(string path)
    {
        CgroupPathParser.Parse(path).Should().Be(CgroupIdentity.Host);
    }
}
