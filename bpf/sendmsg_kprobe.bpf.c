// SPDX-License-Identifier: GPL-2.0
/*
 * The seed design's hooks: sock_sendmsg/sock_recvmsg, as fexit programs or as kprobes. With them
 * TCP bytes are counted as they flow (periodic updates for long connections) instead of once at
 * close (a socket they counted is flagged, so its close adds no bytes). Many kernels refuse one or
 * both kinds; user space probes them at start-up, uses what loads and attaches, and reports the
 * rest with the kernel's reason.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include "flow_maps.h"

/* sock_recvmsg's socket, from entry to return, by thread. */
struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, 16384);
    __type(key, __u64);
    __type(value, __u64);
} recv_in_flight SEC(".maps");

static __always_inline void account_io(const struct socket *sock, long bytes, int sent)
{
    if (bytes <= 0)
        return;
    __u64 sk_addr = (__u64)BPF_CORE_READ(sock, sk);
    struct sock_info *info = bpf_map_lookup_elem(&sockets, &sk_addr);
    if (!info)
        return;
    struct flow_delta delta = {};
    if (sent) {
        delta.bytes_sent = bytes;
        delta.packets_sent = 1;
    } else {
        delta.bytes_received = bytes;
        delta.packets_received = 1;
    }
    info->flags |= SOCK_BYTES_COUNTED; /* the close then adds no bytes of its own */
    struct sock_info copy = *info;
    flow_account(&copy.key, &delta, copy.pid, copy.tid, copy.comm);
}

SEC("fexit/sock_sendmsg")
int BPF_PROG(fexit_sock_sendmsg, struct socket *sock, struct msghdr *msg, int ret)
{
    account_io(sock, ret, 1);
    return 0;
}

SEC("fexit/sock_recvmsg")
int BPF_PROG(fexit_sock_recvmsg, struct socket *sock, struct msghdr *msg, int flags, int ret)
{
    account_io(sock, ret, 0);
    return 0;
}

SEC("kprobe/sock_sendmsg")
int BPF_KPROBE(kprobe_sock_sendmsg, struct socket *sock, struct msghdr *msg)
{
    account_io(sock, BPF_CORE_READ(msg, msg_iter.count), 1);
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
    account_io(sock, ret, 0);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
