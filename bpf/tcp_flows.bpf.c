// SPDX-License-Identifier: GPL-2.0
/*
 * TCP flows from the sock/inet_sock_set_state tracepoint: connects (in the connecting process's
 * context: pid, tid, comm, cgroup), accepts (cgroup and network namespace from the socket, the
 * process from the listener), and closes with the socket's byte and segment counts.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_tracing.h>
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

/*
 * One state change, read either from the classic tracepoint's record (any kernel with the
 * tracepoint) or from the socket itself through BTF (tp_btf: no record is built, and the socket's
 * fields are plain loads). `btf` is a constant in each program, so each keeps only its own reads.
 */
struct state_change {
    const struct sock *sk;
    const struct trace_event_raw_inet_sock_set_state *ctx; /* classic tracepoint only */
    int oldstate;
    int newstate;
    __u16 family;
    __u16 sport; /* host order */
    __u16 dport; /* host order */
};

static __always_inline __u32 sock_netns(const struct sock *sk, const int btf)
{
    if (btf)
        return sk->__sk_common.skc_net.net->ns.inum;
    return BPF_CORE_READ(sk, __sk_common.skc_net.net, ns.inum);
}

static __always_inline __u64 sock_cgroup_id(const struct sock *sk, const int btf)
{
    if (btf)
        return sk->sk_cgrp_data.cgroup->kn->id;
    return BPF_CORE_READ(sk, sk_cgrp_data.cgroup, kn, id);
}

static __always_inline void fill_addresses(struct flow_key *key, const struct state_change *change,
                                           const int btf)
{
    key->family = change->family;
    if (btf) {
        const struct sock_common *common = &change->sk->__sk_common;
        if (change->family == FLOW_AF_INET) {
            __builtin_memcpy(key->local_addr, &common->skc_rcv_saddr, 4);
            __builtin_memcpy(key->remote_addr, &common->skc_daddr, 4);
        } else {
            __builtin_memcpy(key->local_addr, &common->skc_v6_rcv_saddr, FLOW_ADDR_LEN);
            __builtin_memcpy(key->remote_addr, &common->skc_v6_daddr, FLOW_ADDR_LEN);
        }
        return;
    }
    const struct trace_event_raw_inet_sock_set_state *ctx = change->ctx;
    if (change->family == FLOW_AF_INET) {
        bpf_core_read(key->local_addr, 4, &ctx->saddr);
        bpf_core_read(key->remote_addr, 4, &ctx->daddr);
    } else {
        bpf_core_read(key->local_addr, FLOW_ADDR_LEN, &ctx->saddr_v6);
        bpf_core_read(key->remote_addr, FLOW_ADDR_LEN, &ctx->daddr_v6);
    }
}

static __always_inline void account_close(const struct state_change *change, struct sock_info *info,
                                          const int btf)
{
    struct flow_delta delta = {.closes = 1};
    if (!(info->flags & SOCK_BYTES_COUNTED)) {
        int oldstate = change->oldstate;
        /* Both counters count sequence space, not data: bytes_acked the active side's SYN and
         * our FIN once acknowledged, bytes_received the peer's FIN. The state left says which of
         * them happened: after FIN_WAIT2, TIME_WAIT, LAST_ACK or CLOSING both FINs are through
         * (a FIN_WAIT2 timeout is the rare exception); CLOSE_WAIT means the peer's FIN only. */
        __u64 acked, received;
        if (btf) {
            /* The helper gives a pointer the verifier knows as a tcp_sock. */
            const struct tcp_sock *tp = bpf_skc_to_tcp_sock((void *)change->sk);
            if (!tp)
                return;
            acked = tp->bytes_acked;
            received = tp->bytes_received;
            delta.packets_sent = tp->data_segs_out;
            delta.packets_received = tp->data_segs_in;
        } else {
            const struct tcp_sock *tp = (const struct tcp_sock *)change->sk;
            acked = BPF_CORE_READ(tp, bytes_acked);
            received = BPF_CORE_READ(tp, bytes_received);
            delta.packets_sent = BPF_CORE_READ(tp, data_segs_out);
            delta.packets_received = BPF_CORE_READ(tp, data_segs_in);
        }
        int fins = oldstate == TCP_FIN_WAIT2 || oldstate == TCP_TIME_WAIT ||
                   oldstate == TCP_LAST_ACK || oldstate == TCP_CLOSING;
        int peer_fin = fins || oldstate == TCP_CLOSE_WAIT;
        __u64 sent_control = (info->key.direction == FLOW_DIR_EGRESS ? 1 : 0) + fins;
        delta.bytes_sent = acked > sent_control ? acked - sent_control : 0;
        delta.bytes_received = received > (__u64)peer_fin ? received - peer_fin : 0;
    }
    struct sock_info copy = *info;
    flow_account(&copy.key, &delta, copy.pid, copy.tid, copy.comm);
}

static __always_inline int handle_state_change(const struct state_change *change, const int btf)
{
    int oldstate = change->oldstate;
    int newstate = change->newstate;
    const struct sock *sk = change->sk;
    __u64 sk_addr = (__u64)sk;

    if (oldstate == TCP_CLOSE && newstate == TCP_SYN_SENT) {
        /* connect(): the caller's context names the initiator. */
        struct sock_info info = {};
        __u64 pid_tgid = bpf_get_current_pid_tgid();
        info.pid = pid_tgid >> 32;
        info.tid = (__u32)pid_tgid;
        bpf_get_current_comm(info.comm, sizeof(info.comm));
        info.key.cgroup_id = bpf_get_current_cgroup_id();
        info.key.netns_ino = sock_netns(sk, btf);
        info.key.protocol = FLOW_PROTO_TCP;
        info.key.direction = FLOW_DIR_EGRESS;
        info.key.port = change->dport;
        if (bpf_map_update_elem(&sockets, &sk_addr, &info, BPF_ANY) != 0)
            count_drop(DROP_SOCK_MAP_FULL);
        return 0;
    }

    if (newstate == TCP_LISTEN) {
        struct listener_key lkey = {
            .netns_ino = sock_netns(sk, btf), .port = change->sport, .family = change->family};
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
            .netns_ino = sock_netns(sk, btf), .port = change->sport, .family = change->family};
        bpf_map_delete_elem(&listeners, &lkey);
        return 0;
    }

    if (newstate == TCP_ESTABLISHED && oldstate == TCP_SYN_SENT) {
        struct sock_info *info = bpf_map_lookup_elem(&sockets, &sk_addr);
        if (!info)
            return 0;
        /* The addresses are read now, when the connection has them all. */
        fill_addresses(&info->key, change, btf);
        flow_count_connection(&info->key, info->pid, info->tid, info->comm);
        return 0;
    }

    if (newstate == TCP_ESTABLISHED && oldstate == TCP_SYN_RECV) {
        /* accept: softirq context, so the socket and its listener say who this is. */
        struct sock_info info = {};
        info.key.cgroup_id = sock_cgroup_id(sk, btf);
        info.key.netns_ino = sock_netns(sk, btf);
        info.key.protocol = FLOW_PROTO_TCP;
        info.key.direction = FLOW_DIR_INGRESS;
        info.key.port = change->sport;
        fill_addresses(&info.key, change, btf);
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
        flow_count_connection(&info.key, info.pid, info.tid, info.comm);
        return 0;
    }

    if (newstate == TCP_CLOSE) {
        struct sock_info *info = bpf_map_lookup_elem(&sockets, &sk_addr);
        if (!info)
            return 0;
        if (oldstate != TCP_SYN_SENT)
            account_close(change, info, btf);
        bpf_map_delete_elem(&sockets, &sk_addr);
        return 0;
    }
    return 0;
}

/* Most state changes (FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK, TIME_WAIT) need nothing. */
static __always_inline int state_matters(int newstate)
{
    return newstate == TCP_SYN_SENT || newstate == TCP_LISTEN || newstate == TCP_ESTABLISHED ||
           newstate == TCP_CLOSE;
}

/* The BTF flavour of the tracepoint (kernel 5.5 and later): the sensor's first choice. */
SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(tcp_state_change_btf, const struct sock *sk, const int oldstate, const int newstate)
{
    if (!state_matters(newstate) || BPF_CORE_READ_BITFIELD(sk, sk_protocol) != IPPROTO_TCP_NUM)
        return 0;
    struct state_change change = {
        .sk = sk,
        .oldstate = oldstate,
        .newstate = newstate,
        .family = sk->__sk_common.skc_family,
        .sport = sk->__sk_common.skc_num,
        .dport = bpf_ntohs(sk->__sk_common.skc_dport),
    };
    return handle_state_change(&change, 1);
}

/* The classic tracepoint: where tp_btf is refused, its record carries what the sensor needs. */
SEC("tracepoint/sock/inet_sock_set_state")
int tcp_state_change(struct trace_event_raw_inet_sock_set_state *ctx)
{
    /* The record's own fields are read directly: cheaper than probe reads. */
    if (ctx->protocol != IPPROTO_TCP_NUM || !state_matters(ctx->newstate))
        return 0;
    struct state_change change = {
        .sk = ctx->skaddr,
        .ctx = ctx,
        .oldstate = ctx->oldstate,
        .newstate = ctx->newstate,
        .family = ctx->family,
        .sport = ctx->sport,
        .dport = ctx->dport,
    };
    return handle_state_change(&change, 0);
}

char LICENSE[] SEC("license") = "GPL";
