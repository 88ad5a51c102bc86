// SPDX-License-Identifier: GPL-2.0
/*
 * TCP flows from the sock/inet_sock_set_state tracepoint: connects (in the connecting process's
 * context: pid, tid, comm, cgroup), accepts (cgroup and network namespace from the socket, the
 * process from the listener), and closes with the socket's byte and segment counts.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "flow_maps.h"

#define TCP_ESTABLISHED 1
#define TCP_SYN_SENT 2
#define TCP_SYN_RECV 3
#define TCP_FIN_WAIT2 5
#define TCP_TIME_WAIT 6
#define TCP_CLOSE 7
#define TCP_CLOSE_WAIT 8
#define TCP_LAST_ACK 9
#define TCP_CLOSING 11
#define TCP_LISTEN 10
#define IPPROTO_TCP_NUM 6

static __always_inline __u32 sock_netns(const struct sock *sk)
{
    return BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
}

static __always_inline __u64 sock_cgroup_id(const struct sock *sk)
{
    return BPF_CORE_READ(sk, sk_cgrp_data.cgroup, kn, id);
}

static __always_inline void fill_addresses(struct flow_key *key,
                                           const struct trace_event_raw_inet_sock_set_state *ctx)
{
    __u16 family = ctx->family;
    key->family = family;
    if (family == FLOW_AF_INET) {
        bpf_core_read(key->local_addr, 4, &ctx->saddr);
        bpf_core_read(key->remote_addr, 4, &ctx->daddr);
    } else {
        bpf_core_read(key->local_addr, FLOW_ADDR_LEN, &ctx->saddr_v6);
        bpf_core_read(key->remote_addr, FLOW_ADDR_LEN, &ctx->daddr_v6);
    }
}

SEC("tracepoint/sock/inet_sock_set_state")
int tcp_state_change(struct trace_event_raw_inet_sock_set_state *ctx)
{
    /* The tracepoint's own fields are read directly: cheaper than probe reads, and most state
     * changes (FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK) need nothing more. */
    if (ctx->protocol != IPPROTO_TCP_NUM)
        return 0;

    int oldstate = ctx->oldstate;
    int newstate = ctx->newstate;
    if (newstate != TCP_SYN_SENT && newstate != TCP_LISTEN && newstate != TCP_ESTABLISHED &&
        newstate != TCP_CLOSE)
        return 0;
    const struct sock *sk = ctx->skaddr;
    __u64 sk_addr = (__u64)sk;

    if (oldstate == TCP_CLOSE && newstate == TCP_SYN_SENT) {
        /* connect(): the caller's context names the initiator. */
        struct sock_info info = {};
        __u64 pid_tgid = bpf_get_current_pid_tgid();
        info.pid = pid_tgid >> 32;
        info.tid = (__u32)pid_tgid;
        bpf_get_current_comm(info.comm, sizeof(info.comm));
        info.start_ns = bpf_ktime_get_ns();
        info.key.cgroup_id = bpf_get_current_cgroup_id();
        info.key.netns_ino = sock_netns(sk);
        info.key.protocol = FLOW_PROTO_TCP;
        info.key.direction = FLOW_DIR_EGRESS;
        info.key.port = ctx->dport;
        fill_addresses(&info.key, ctx);
        if (bpf_map_update_elem(&sockets, &sk_addr, &info, BPF_ANY) != 0)
            count_drop(DROP_SOCK_MAP_FULL);
        return 0;
    }

    if (newstate == TCP_LISTEN) {
        struct listener_key lkey = {
            .netns_ino = sock_netns(sk), .port = ctx->sport, .family = ctx->family};
        struct listener_value lvalue = {};
        __u64 pid_tgid = bpf_get_current_pid_tgid();
        lvalue.pid = pid_tgid >> 32;
        lvalue.tid = (__u32)pid_tgid;
        bpf_get_current_comm(lvalue.comm, sizeof(lvalue.comm));
        if (bpf_map_update_elem(&listeners, &lkey, &lvalue, BPF_ANY) != 0)
            count_drop(DROP_SOCK_MAP_FULL);
        return 0;
    }

    if (oldstate == TCP_LISTEN && newstate == TCP_CLOSE) {
        struct listener_key lkey = {
            .netns_ino = sock_netns(sk), .port = ctx->sport, .family = ctx->family};
        bpf_map_delete_elem(&listeners, &lkey);
        return 0;
    }

    if (newstate == TCP_ESTABLISHED && oldstate == TCP_SYN_SENT) {
        struct sock_info *info = bpf_map_lookup_elem(&sockets, &sk_addr);
        if (!info)
            return 0;
        /* The source address is final only now. */
        fill_addresses(&info->key, ctx);
        struct flow_delta delta = {.connections = 1};
        flow_account(&info->key, &delta, info->pid, info->tid, info->comm);
        return 0;
    }

    if (newstate == TCP_ESTABLISHED && oldstate == TCP_SYN_RECV) {
        /* accept: softirq context, so the socket and its listener say who this is. */
        struct sock_info info = {};
        info.start_ns = bpf_ktime_get_ns();
        info.key.cgroup_id = sock_cgroup_id(sk);
        info.key.netns_ino = sock_netns(sk);
        info.key.protocol = FLOW_PROTO_TCP;
        info.key.direction = FLOW_DIR_INGRESS;
        info.key.port = ctx->sport;
        fill_addresses(&info.key, ctx);
        struct listener_key lkey = {
            .netns_ino = info.key.netns_ino, .port = info.key.port, .family = info.key.family};
        struct listener_value *listener = bpf_map_lookup_elem(&listeners, &lkey);
        if (listener) {
            info.pid = listener->pid;
            info.tid = listener->tid;
            __builtin_memcpy(info.comm, listener->comm, FLOW_COMM_LEN);
        }
        if (bpf_map_update_elem(&sockets, &sk_addr, &info, BPF_ANY) != 0)
            count_drop(DROP_SOCK_MAP_FULL);
        struct flow_delta delta = {.connections = 1};
        flow_account(&info.key, &delta, info.pid, info.tid, info.comm);
        return 0;
    }

    if (newstate == TCP_CLOSE) {
        struct sock_info *info = bpf_map_lookup_elem(&sockets, &sk_addr);
        if (!info)
            return 0;
        if (oldstate != TCP_SYN_SENT) {
            struct flow_delta delta = {.closes = 1};
            if (!(info->flags & SOCK_BYTES_COUNTED)) {
                const struct tcp_sock *tp = (const struct tcp_sock *)sk;
                /* Both counters count sequence space, not data: bytes_acked the active side's
                 * SYN and our FIN once acknowledged, bytes_received the peer's FIN. The state
                 * left says which of them happened: after FIN_WAIT2, TIME_WAIT, LAST_ACK or
                 * CLOSING both FINs are through (a FIN_WAIT2 timeout is the rare exception);
                 * CLOSE_WAIT means the peer's FIN only. */
                __u64 acked = BPF_CORE_READ(tp, bytes_acked);
                __u64 received = BPF_CORE_READ(tp, bytes_received);
                int fins = oldstate == TCP_FIN_WAIT2 || oldstate == TCP_TIME_WAIT ||
                           oldstate == TCP_LAST_ACK || oldstate == TCP_CLOSING;
                int peer_fin = fins || oldstate == TCP_CLOSE_WAIT;
                __u64 sent_control = (info->key.direction == FLOW_DIR_EGRESS ? 1 : 0) + fins;
                delta.bytes_sent = acked > sent_control ? acked - sent_control : 0;
                delta.bytes_received = received > (__u64)peer_fin ? received - peer_fin : 0;
                delta.packets_sent = BPF_CORE_READ(tp, data_segs_out);
                delta.packets_received = BPF_CORE_READ(tp, data_segs_in);
            }
            struct sock_info copy = *info;
            flow_account(&copy.key, &delta, copy.pid, copy.tid, copy.comm);
        }
        bpf_map_delete_elem(&sockets, &sk_addr);
        return 0;
    }
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
