// SPDX-License-Identifier: GPL-2.0
/*
 * The seed design's hooks: sock_sendmsg/sock_recvmsg, as fexit programs or as kprobes. With them
 * TCP bytes are counted as they flow (periodic updates for long connections) instead of once at
 * close (user space tells the TCP program, and closes then add no bytes). Many kernels refuse one
 * or both kinds; user space probes them at start-up, uses what loads and attaches, and reports the
 * rest with the kernel's reason.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_endian.h>
#include "flow_maps.h"
#include "tcp_socket_flow.h"

#define IPPROTO_TCP_NUM 6

/* sock_recvmsg's socket, from entry to return, by thread. */
struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, 16384);
    __type(key, __u64);
    __type(value, __u64);
} recv_in_flight SEC(".maps");

/* Bytes a TCP socket sent or received, added to its connection's flow. */
static __always_inline void account_io(const struct sock *sk, long bytes, int sent, const int btf)
{
    if (bytes <= 0 || !sk)
        return;
    struct tcp_socket socket = {.sk = sk};
    if (btf) {
        if (sk->sk_protocol != IPPROTO_TCP_NUM)
            return;
        socket.family = sk->__sk_common.skc_family;
        socket.sport = sk->__sk_common.skc_num;
        socket.dport = bpf_ntohs(sk->__sk_common.skc_dport);
    } else {
        if (BPF_CORE_READ_BITFIELD_PROBED(sk, sk_protocol) != IPPROTO_TCP_NUM)
            return;
        socket.family = BPF_CORE_READ(sk, __sk_common.skc_family);
        socket.sport = BPF_CORE_READ(sk, __sk_common.skc_num);
        socket.dport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
    }
    if (socket.family != FLOW_AF_INET && socket.family != FLOW_AF_INET6)
        return;
    struct flow_key key = {};
    struct flow_value *value = tcp_socket_flow(&key, &socket, btf);
    if (!value)
        return;
    struct flow_delta delta = {};
    if (sent) {
        delta.bytes_sent = bytes;
        delta.packets_sent = 1;
    } else {
        delta.bytes_received = bytes;
        delta.packets_received = 1;
    }
    flow_add(&key, value, &delta, bpf_ktime_get_ns());
}

SEC("fexit/sock_sendmsg")
int BPF_PROG(fexit_sock_sendmsg, struct socket *sock, struct msghdr *msg, int ret)
{
    account_io(sock->sk, ret, 1, 1);
    return 0;
}

SEC("fexit/sock_recvmsg")
int BPF_PROG(fexit_sock_recvmsg, struct socket *sock, struct msghdr *msg, int flags, int ret)
{
    account_io(sock->sk, ret, 0, 1);
    return 0;
}

SEC("kprobe/sock_sendmsg")
int BPF_KPROBE(kprobe_sock_sendmsg, struct socket *sock, struct msghdr *msg)
{
    account_io(BPF_CORE_READ(sock, sk), BPF_CORE_READ(msg, msg_iter.count), 1, 0);
    return 0;
}

SEC("kprobe/sock_recvmsg")
int BPF_KPROBE(kprobe_sock_recvmsg, struct socket *sock)
{
    __u64 id = bpf_get_current_pid_tgid();
    __u64 sock_addr = (__u64)sock;
    bpf_map_update_elem(&recv_in_flight, &id, &sock_addr, BPF_ANY);
    return 0;
}

SEC("kretprobe/sock_recvmsg")
int BPF_KRETPROBE(kretprobe_sock_recvmsg, int ret)
{
    __u64 id = bpf_get_current_pid_tgid();
    __u64 *sock_addr = bpf_map_lookup_elem(&recv_in_flight, &id);
    if (!sock_addr)
        return 0;
    const struct socket *sock = (const struct socket *)*sock_addr;
    bpf_map_delete_elem(&recv_in_flight, &id);
    account_io(BPF_CORE_READ(sock, sk), ret, 0, 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
