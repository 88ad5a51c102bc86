// SPDX-License-Identifier: GPL-2.0
/*
 * TCP flows from the sock/inet_sock_set_state tracepoint: connects (in the connecting process's
 * context: pid, tid, comm), accepts (cgroup and network namespace from the socket, the process
 * from the listener), and closes with the socket's byte and segment counts. A connection's flow
 * key is read from its socket at each of these, so nothing is stored per connection.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_tracing.h>
#include "flow_maps.h"
#include "tcp_socket_flow.h"

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
 * Set by user space when the sock_sendmsg/sock_recvmsg hooks run: they count bytes as they flow,
 * so a close adds none of its own.
 */
volatile __u32 bytes_counted_by_io_hooks;

/* The process that connects, kept from connect() to the connection's establishment, and only for a
 * connection whose flow is new (only a new flow needs a process to name it). */
struct connector {
    __u32 pid;
    __u32 tid;
    char comm[FLOW_COMM_LEN];
};

struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, 4096);
    __type(key, __u64); /* the socket's kernel address */
    __type(value, struct connector);
} connecting SEC(".maps");

/* One state change, from either flavour of the tracepoint. */
struct state_change {
    struct tcp_socket socket;
    int oldstate;
    int newstate;
};

/*
 * A close comes after the socket gave its port back (skc_num is 0 by now): the local port is read
 * from inet_sport, which keeps it (the classic tracepoint's record has it from there already).
 * Returns the socket as a tcp_sock for its counters; NULL when it is not one.
 */
static __always_inline const struct tcp_sock *closing_socket(struct tcp_socket *socket,
                                                             const int btf)
{
    if (!btf)
        return (const struct tcp_sock *)socket->sk; /* read with probe reads */
    /* The helper gives a pointer the verifier knows as a tcp_sock. */
    const struct tcp_sock *tp = bpf_skc_to_tcp_sock((void *)socket->sk);
    if (tp)
        socket->sport = bpf_ntohs(tp->inet_conn.icsk_inet.inet_sport);
    return tp;
}

static __always_inline void account_close(int oldstate, const struct tcp_socket *closing,
                                          const struct tcp_sock *tp, const int btf)
{
    __u64 acked, received, segs_out, segs_in;
    if (btf) {
        acked = tp->bytes_acked;
        received = tp->bytes_received;
        segs_out = tp->data_segs_out;
        segs_in = tp->data_segs_in;
    } else {
        acked = BPF_CORE_READ(tp, bytes_acked);
        received = BPF_CORE_READ(tp, bytes_received);
        segs_out = BPF_CORE_READ(tp, data_segs_out);
        segs_in = BPF_CORE_READ(tp, data_segs_in);
    }

    struct flow_key key = {};
    struct flow_value *value = tcp_socket_flow(&key, closing, btf);
    if (!value) {
        count_drop(DROP_UNTRACKED_CLOSE);
        return;
    }
    struct flow_delta delta = {.closes = 1};
    if (!bytes_counted_by_io_hooks) {
        /* Both counters count sequence space, not data: bytes_acked the active side's SYN and
         * our FIN once acknowledged, bytes_received the peer's FIN. The state left says which of
         * them happened: after FIN_WAIT2, TIME_WAIT, LAST_ACK or CLOSING both FINs are through
         * (a FIN_WAIT2 timeout is the rare exception); CLOSE_WAIT means the peer's FIN only. */
        int fins = oldstate == TCP_FIN_WAIT2 || oldstate == TCP_TIME_WAIT ||
                   oldstate == TCP_LAST_ACK || oldstate == TCP_CLOSING;
        int peer_fin = fins || oldstate == TCP_CLOSE_WAIT;
        __u64 sent_control = (key.direction == FLOW_DIR_EGRESS ? 1 : 0) + fins;
        delta.bytes_sent = acked > sent_control ? acked - sent_control : 0;
        delta.bytes_received = received > (__u64)peer_fin ? received - peer_fin : 0;
        delta.packets_sent = segs_out;
        delta.packets_received = segs_in;
    }
    flow_add(&key, value, &delta, bpf_ktime_get_ns());
}

/* A connection is established: one more connection of its flow, or a new flow announced. */
static __always_inline void account_established(const struct state_change *change, int initiated,
                                                const int btf)
{
    struct flow_key key = {};
    tcp_socket_key(&key, &change->socket, initiated ? FLOW_DIR_EGRESS : FLOW_DIR_INGRESS, btf);
    struct flow_value *value = bpf_map_lookup_elem(&flows, &key);
    if (value) {
        __sync_fetch_and_add(&value->connections, 1);
        return;
    }

    struct flow_delta delta = {.connections = 1};
    struct connector who = {};
    if (initiated) {
        __u64 sk_addr = (__u64)change->socket.sk;
        struct connector *connector = bpf_map_lookup_elem(&connecting, &sk_addr);
        if (connector)
            who = *connector;
        bpf_map_delete_elem(&connecting, &sk_addr);
    } else {
        /* Softirq context: the listener says which process accepts. */
        struct listener_key lkey = {
            .netns_ino = key.netns_ino, .port = key.port, .family = key.family};
        struct listener_value *listener = bpf_map_lookup_elem(&listeners, &lkey);
        if (listener) {
            who.pid = listener->pid;
            who.tid = listener->tid;
            __builtin_memcpy(who.comm, listener->comm, FLOW_COMM_LEN);
        }
    }
    flow_account(&key, &delta, who.pid, who.tid, who.comm);
}

static __always_inline int handle_state_change(const struct state_change *change, const int btf)
{
    int oldstate = change->oldstate;
    int newstate = change->newstate;
    const struct tcp_socket *socket = &change->socket;

    if (oldstate == TCP_CLOSE && newstate == TCP_SYN_SENT) {
        /* connect(): the caller's context names the initiator, needed only if the flow is new.
         * The addresses and the remote port are set by now; the local port does not matter. */
        struct flow_key key = {};
        tcp_socket_key(&key, socket, FLOW_DIR_EGRESS, btf);
        if (bpf_map_lookup_elem(&flows, &key))
            return 0;
        struct connector who = {};
        __u64 pid_tgid = bpf_get_current_pid_tgid();
        who.pid = pid_tgid >> 32;
        who.tid = (__u32)pid_tgid;
        bpf_get_current_comm(who.comm, sizeof(who.comm));
        __u64 sk_addr = (__u64)socket->sk;
        if (bpf_map_update_elem(&connecting, &sk_addr, &who, BPF_ANY) != 0)
            count_drop(DROP_SOCK_MAP_FULL);
        return 0;
    }

    if (newstate == TCP_LISTEN) {
        struct listener_key lkey = {.netns_ino = sock_netns(socket->sk, btf),
                                    .port = socket->sport,
                                    .family = socket->family};
        struct listener_value lvalue = {};
        __u64 pid_tgid = bpf_get_current_pid_tgid();
        lvalue.pid = pid_tgid >> 32;
        lvalue.tid = (__u32)pid_tgid;
        bpf_get_current_comm(lvalue.comm, sizeof(lvalue.comm));
        if (bpf_map_update_elem(&listeners, &lkey, &lvalue, BPF_ANY) != 0)
            count_drop(DROP_SOCK_MAP_FULL);
        return 0;
    }

    if (newstate == TCP_ESTABLISHED && (oldstate == TCP_SYN_SENT || oldstate == TCP_SYN_RECV)) {
        account_established(change, oldstate == TCP_SYN_SENT, btf);
        return 0;
    }

    if (newstate == TCP_CLOSE) {
        if (oldstate == TCP_SYN_SENT) {
            /* A connect that failed: never established, never counted. */
            __u64 sk_addr = (__u64)socket->sk;
            bpf_map_delete_elem(&connecting, &sk_addr);
            return 0;
        }
        if (oldstate == TCP_SYN_RECV)
            return 0;
        struct tcp_socket closing = *socket;
        const struct tcp_sock *tp = closing_socket(&closing, btf);
        if (!tp)
            return 0;
        if (oldstate == TCP_LISTEN) {
            struct listener_key lkey = {.netns_ino = sock_netns(closing.sk, btf),
                                        .port = closing.sport,
                                        .family = closing.family};
            bpf_map_delete_elem(&listeners, &lkey);
        } else {
            account_close(oldstate, &closing, tp, btf);
        }
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

/* The BTF flavour of the tracepoint (kernel 5.9 and later): the sensor's first choice. */
SEC("tp_btf/inet_sock_set_state")
int BPF_PROG(tcp_state_change_btf, const struct sock *sk, const int oldstate, const int newstate)
{
    if (!state_matters(newstate) || BPF_CORE_READ_BITFIELD(sk, sk_protocol) != IPPROTO_TCP_NUM)
        return 0;
    struct state_change change = {
        .socket = {.sk = sk,
                   .family = sk->__sk_common.skc_family,
                   .sport = sk->__sk_common.skc_num,
                   .dport = bpf_ntohs(sk->__sk_common.skc_dport)},
        .oldstate = oldstate,
        .newstate = newstate,
    };
    return handle_state_change(&change, 1);
}

/* The classic tracepoint: where tp_btf is refused. The record has the state change and the
 * socket's ports; the rest is read from the socket with probe reads. */
SEC("tracepoint/sock/inet_sock_set_state")
int tcp_state_change(struct trace_event_raw_inet_sock_set_state *ctx)
{
    /* The record's own fields are read directly: cheaper than probe reads. */
    if (ctx->protocol != IPPROTO_TCP_NUM || !state_matters(ctx->newstate))
        return 0;
    struct state_change change = {
        .socket = {.sk = ctx->skaddr,
                   .family = ctx->family,
                   .sport = ctx->sport,
                   .dport = ctx->dport},
        .oldstate = ctx->oldstate,
        .newstate = ctx->newstate,
    };
    return handle_state_change(&change, 0);
}

char LICENSE[] SEC("license") = "GPL";
