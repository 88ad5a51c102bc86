// SPDX-License-Identifier: GPL-2.0
/*
 * UDP flows of any port and DNS messages, from programs on the cgroup v2 root so that every
 * pod's sockets are covered. A socket's owner (process, network namespace) is remembered in socket
 * storage when it is created; its role (initiator or responder) is set by its first packet, never
 * guessed from port numbers. DNS (UDP or TCP on the DNS port) is copied to user space, bounded.
 * Observe only: both packet programs always return 1 (allow).
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "flow_maps.h"

#define ETH_P_IP_NUM 0x0800
#define ETH_P_IPV6_NUM 0x86DD
#define IPPROTO_TCP_NUM 6
#define IPPROTO_UDP_NUM 17

/* Who opened a UDP socket, and the flow it counts into (its role is set by its first packet). */
struct sock_info {
    struct flow_key key;
    __u32 pid;
    __u32 tid;
    char comm[FLOW_COMM_LEN];
};

/* Who created each socket and its role; kept by the kernel for the socket's life. */
struct {
    __uint(type, BPF_MAP_TYPE_SK_STORAGE);
    __uint(map_flags, BPF_F_NO_PREALLOC);
    __type(key, int);
    __type(value, struct sock_info);
} sock_owners SEC(".maps");

struct packet {
    __u16 family;
    __u8 protocol;
    __u8 l4_offset_ok;
    __u32 l4_offset;
    __u32 payload_offset;
    __u32 payload_length;
    __u16 src_port;
    __u16 dst_port;
    __u8 src[FLOW_ADDR_LEN];
    __u8 dst[FLOW_ADDR_LEN];
};

static __always_inline void fill_owner(struct sock_info *info)
{
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    struct task_struct *task = (struct task_struct *)bpf_get_current_task();
    info->pid = pid_tgid >> 32;
    info->tid = (__u32)pid_tgid;
    bpf_get_current_comm(info->comm, sizeof(info->comm));
    info->key.netns_ino = BPF_CORE_READ(task, nsproxy, net_ns, ns.inum);
}

SEC("cgroup/sock_create")
int sock_create(struct bpf_sock *sk)
{
    /* UDP only: TCP flows come from the state tracepoint, and a TCP socket that carries DNS gets
     * its owner from its first DNS packet (sent in the owner's context). */
    if (sk->protocol != IPPROTO_UDP_NUM)
        return 1;
    struct sock_info *info = bpf_sk_storage_get(&sock_owners, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
    if (!info) {
        count_drop(DROP_SOCK_MAP_FULL);
        return 1;
    }
    fill_owner(info);
    return 1;
}

static __always_inline int parse(struct __sk_buff *skb, struct packet *pkt)
{
    __u32 offset;
    if (skb->protocol == bpf_htons(ETH_P_IP_NUM)) {
        struct iphdr ip;
        if (bpf_skb_load_bytes(skb, 0, &ip, sizeof(ip)) < 0)
            return -1;
        if (ip.frag_off & bpf_htons(0x1fff)) /* a later fragment has no L4 header */
            return -1;
        pkt->family = FLOW_AF_INET;
        pkt->protocol = ip.protocol;
        __builtin_memcpy(pkt->src, &ip.saddr, 4);
        __builtin_memcpy(pkt->dst, &ip.daddr, 4);
        offset = ip.ihl * 4;
    } else if (skb->protocol == bpf_htons(ETH_P_IPV6_NUM)) {
        struct ipv6hdr ip6;
        if (bpf_skb_load_bytes(skb, 0, &ip6, sizeof(ip6)) < 0)
            return -1;
        pkt->family = FLOW_AF_INET6;
        pkt->protocol = ip6.nexthdr; /* extension headers are not followed */
        __builtin_memcpy(pkt->src, &ip6.saddr, 16);
        __builtin_memcpy(pkt->dst, &ip6.daddr, 16);
        offset = sizeof(ip6);
    } else {
        return -1;
    }

    pkt->l4_offset = offset;
    if (pkt->protocol == IPPROTO_UDP_NUM) {
        struct udphdr udp;
        if (bpf_skb_load_bytes(skb, offset, &udp, sizeof(udp)) < 0)
            return -1;
        pkt->src_port = bpf_ntohs(udp.source);
        pkt->dst_port = bpf_ntohs(udp.dest);
        pkt->payload_offset = offset + sizeof(udp);
    } else if (pkt->protocol == IPPROTO_TCP_NUM) {
        struct tcphdr tcp;
        if (bpf_skb_load_bytes(skb, offset, &tcp, sizeof(tcp)) < 0)
            return -1;
        pkt->src_port = bpf_ntohs(tcp.source);
        pkt->dst_port = bpf_ntohs(tcp.dest);
        pkt->payload_offset = offset + tcp.doff * 4;
    } else {
        return -1;
    }
    pkt->payload_length = skb->len > pkt->payload_offset ? skb->len - pkt->payload_offset : 0;
    return 0;
}

static __always_inline void copy_dns(struct __sk_buff *skb, const struct packet *pkt,
                                     __u8 direction, const struct sock_info *owner)
{
    __u64 length = pkt->payload_length;
    if (length == 0)
        return;
    struct dns_event *event = bpf_ringbuf_reserve(&dns_events, sizeof(*event), 0);
    if (!event) {
        count_drop(DROP_DNS_RINGBUF_FULL);
        return;
    }
    event->timestamp_ns = bpf_ktime_get_ns();
    event->cgroup_id = bpf_skb_cgroup_id(skb);
    event->netns_ino = owner ? owner->key.netns_ino : 0;
    event->pid = owner ? owner->pid : 0;
    event->family = pkt->family;
    event->protocol = pkt->protocol;
    event->direction = direction;
    event->original = length > 0xffff ? 0xffff : length;
    event->pad32 = 0;
    int egress = direction == FLOW_DIR_EGRESS;
    event->local_port = egress ? pkt->src_port : pkt->dst_port;
    event->remote_port = egress ? pkt->dst_port : pkt->src_port;
    __builtin_memcpy(event->local_addr, egress ? pkt->src : pkt->dst, FLOW_ADDR_LEN);
    __builtin_memcpy(event->remote_addr, egress ? pkt->dst : pkt->src, FLOW_ADDR_LEN);
    if (length > FLOW_DNS_MAX) {
        count_drop(DROP_DNS_TRUNCATED);
        length = FLOW_DNS_MAX;
    }
    event->length = length;
    /* The verifier needs a size it can bound: re-check on the very register passed. */
    barrier_var(length);
    if (length < 1 || length > FLOW_DNS_MAX ||
        bpf_skb_load_bytes(skb, pkt->payload_offset, event->payload, length) < 0) {
        event->length = 0;
    }
    bpf_ringbuf_submit(event, 0);
}

/* The packet's transport protocol from its IP header, read in place; 0 when the header is not in
 * the linear part (the caller then takes the full path). */
static __always_inline __u8 transport_protocol(const struct __sk_buff *skb)
{
    void *data = (void *)(long)skb->data;
    void *end = (void *)(long)skb->data_end;
    if (skb->protocol == bpf_htons(ETH_P_IP_NUM)) {
        const struct iphdr *ip = data;
        return (void *)(ip + 1) <= end ? ip->protocol : 0;
    }
    const struct ipv6hdr *ip6 = data;
    return (void *)(ip6 + 1) <= end ? ip6->nexthdr : 0;
}

static __always_inline int handle(struct __sk_buff *skb, __u8 direction)
{
    struct bpf_sock *sk = skb->sk;
    if (!sk)
        return 1;

    /* TCP packets matter only for DNS, and this runs for every packet of every pod: the IP header
     * and the socket's ports (readable without the full socket) decide it with no helper call. */
    if (transport_protocol(skb) == IPPROTO_TCP_NUM && sk->src_port != sensor_config.dns_port &&
        bpf_ntohs(sk->dst_port) != sensor_config.dns_port)
        return 1;

    sk = bpf_sk_fullsock(sk);
    if (!sk)
        return 1;

    struct packet pkt = {};
    if (parse(skb, &pkt) < 0)
        return 1;

    int egress = direction == FLOW_DIR_EGRESS;
    __u16 local_port = egress ? pkt.src_port : pkt.dst_port;
    __u16 remote_port = egress ? pkt.dst_port : pkt.src_port;

    struct sock_info *owner = bpf_sk_storage_get(&sock_owners, sk, 0, 0);
    if (!owner) {
        /* A socket created before the agent (or a TCP socket). A UDP socket that receives first is
         * a server already running (CoreDNS when the agent restarts): it is a responder, and only
         * its first reply, sent in its own context, can name its process and namespace. */
        if (!egress && sk->protocol != IPPROTO_UDP_NUM)
            return 1;
        owner = bpf_sk_storage_get(&sock_owners, sk, 0, BPF_SK_STORAGE_GET_F_CREATE);
        if (!owner) {
            count_drop(DROP_SOCK_MAP_FULL);
            return 1;
        }
        if (egress)
            fill_owner(owner);
    } else if (egress && owner->pid == 0) {
        fill_owner(owner); /* named on ingress: the first reply says who the server is */
    }

    if (pkt.protocol == IPPROTO_TCP_NUM) {
        if (local_port == sensor_config.dns_port || remote_port == sensor_config.dns_port)
            copy_dns(skb, &pkt, direction, owner);
        return 1; /* TCP flows come from the state tracepoint */
    }

    struct flow_delta delta = {};
    if (owner->key.direction == 0) {
        /* The first packet sets the role: sent first = initiator, received first = responder. */
        owner->key.direction = direction;
        delta.connections = 1;
    }
    if (local_port == sensor_config.dns_port || remote_port == sensor_config.dns_port)
        copy_dns(skb, &pkt, direction, owner);

    struct flow_key key = {};
    key.cgroup_id = bpf_skb_cgroup_id(skb);
    key.netns_ino = owner->key.netns_ino;
    key.family = pkt.family;
    key.protocol = FLOW_PROTO_UDP;
    key.direction = owner->key.direction;
    key.port = key.direction == FLOW_DIR_EGRESS ? remote_port : local_port;
    __builtin_memcpy(key.local_addr, egress ? pkt.src : pkt.dst, FLOW_ADDR_LEN);
    __builtin_memcpy(key.remote_addr, egress ? pkt.dst : pkt.src, FLOW_ADDR_LEN);
    if (egress) {
        delta.bytes_sent = pkt.payload_length;
        delta.packets_sent = 1;
    } else {
        delta.bytes_received = pkt.payload_length;
        delta.packets_received = 1;
    }
    flow_account(&key, &delta, owner->pid, owner->tid, owner->comm);
    return 1;
}

SEC("cgroup_skb/egress")
int packet_egress(struct __sk_buff *skb)
{
    return handle(skb, FLOW_DIR_EGRESS);
}

SEC("cgroup_skb/ingress")
int packet_ingress(struct __sk_buff *skb)
{
    return handle(skb, FLOW_DIR_INGRESS);
}

char LICENSE[] SEC("license") = "GPL";
