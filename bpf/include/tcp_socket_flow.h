/*
 * The flow a TCP socket belongs to, read from the socket itself. The same key comes out at
 * connect, accept, close and every send, so the sensor keeps no map entry per connection (an
 * insert and a delete per connection cost more than all the rest of the TCP program).
 * Two ways to read: plain loads through BTF pointers (tp_btf, fexit) or probe reads (classic
 * tracepoint, kprobes). Include after flow_maps.h.
 */
#ifndef POLICYOPERATOR_TCP_SOCKET_FLOW_H
#define POLICYOPERATOR_TCP_SOCKET_FLOW_H

/* What a program knows of a TCP socket before it reads more of it. */
struct tcp_socket {
    const struct sock *sk;
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

/* The cgroup the socket was created in (an accepted socket: its listener's). */
static __always_inline __u64 sock_cgroup_id(const struct sock *sk, const int btf)
{
    if (btf)
        return sk->sk_cgrp_data.cgroup->kn->id;
    return BPF_CORE_READ(sk, sk_cgrp_data.cgroup, kn, id);
}

static __always_inline __u32 sock_ipv4_source(const struct sock *sk, const int btf)
{
    if (btf)
        return sk->__sk_common.skc_rcv_saddr;
    return BPF_CORE_READ(sk, __sk_common.skc_rcv_saddr);
}

/*
 * The local and remote addresses. An IPv6 socket that connects to an IPv4-mapped address gets its
 * IPv6 source only after the IPv4 connect returns, so its mapped source is built from the IPv4
 * one, which is set from the connect's state change to the close.
 */
static __always_inline void sock_addresses(struct flow_key *key, const struct sock *sk,
                                           __u16 family, const int btf)
{
    if (family == FLOW_AF_INET) {
        __u32 local = sock_ipv4_source(sk, btf);
        __u32 remote = btf ? sk->__sk_common.skc_daddr : BPF_CORE_READ(sk, __sk_common.skc_daddr);
        __builtin_memcpy(key->local_addr, &local, 4);
        __builtin_memcpy(key->remote_addr, &remote, 4);
        return;
    }
    if (btf) {
        __builtin_memcpy(key->local_addr, &sk->__sk_common.skc_v6_rcv_saddr, FLOW_ADDR_LEN);
        __builtin_memcpy(key->remote_addr, &sk->__sk_common.skc_v6_daddr, FLOW_ADDR_LEN);
    } else {
        bpf_core_read(key->local_addr, FLOW_ADDR_LEN, &sk->__sk_common.skc_v6_rcv_saddr);
        bpf_core_read(key->remote_addr, FLOW_ADDR_LEN, &sk->__sk_common.skc_v6_daddr);
    }
    __u32 *remote = (__u32 *)key->remote_addr;
    if (remote[0] == 0 && remote[1] == 0 && remote[2] == bpf_htonl(0xffff)) {
        __u32 *local = (__u32 *)key->local_addr;
        local[0] = 0;
        local[1] = 0;
        local[2] = bpf_htonl(0xffff);
        local[3] = sock_ipv4_source(sk, btf);
    }
}

/* The port that names the flow: the remote one for the initiator, the local one for the acceptor.
 */
static __always_inline void tcp_socket_role(struct flow_key *key, const struct tcp_socket *socket,
                                            __u8 direction)
{
    key->direction = direction;
    key->port = direction == FLOW_DIR_EGRESS ? socket->dport : socket->sport;
}

/* The socket's flow key as initiator (FLOW_DIR_EGRESS) or acceptor (FLOW_DIR_INGRESS). */
static __always_inline void tcp_socket_key(struct flow_key *key, const struct tcp_socket *socket,
                                           __u8 direction, const int btf)
{
    key->cgroup_id = sock_cgroup_id(socket->sk, btf);
    key->netns_ino = sock_netns(socket->sk, btf);
    key->family = socket->family;
    key->protocol = FLOW_PROTO_TCP;
    tcp_socket_role(key, socket, direction);
    sock_addresses(key, socket->sk, socket->family, btf);
}

/*
 * The flow of an open connection, whichever side opened it. The socket does not say which, so the
 * likelier role is tried first (a service port is lower than an ephemeral one), then the other.
 * A wrong match would need this socket's owner to have accepted connections from the same peer
 * on the very port it now connects from. NULL: the connection was opened before the sensor, or
 * its flow was evicted.
 */
static __always_inline struct flow_value *
tcp_socket_flow(struct flow_key *key, const struct tcp_socket *socket, const int btf)
{
    __u8 likely = socket->sport < socket->dport ? FLOW_DIR_INGRESS : FLOW_DIR_EGRESS;
    tcp_socket_key(key, socket, likely, btf);
    struct flow_value *value = bpf_map_lookup_elem(&flows, key);
    if (value)
        return value;
    tcp_socket_role(key, socket, likely == FLOW_DIR_INGRESS ? FLOW_DIR_EGRESS : FLOW_DIR_INGRESS);
    return bpf_map_lookup_elem(&flows, key);
}

#endif
