/*
 * Shared between the flow programs (tcp_flows, udp_dns, sendmsg_kprobe) and their C# mirrors
 * in PolicyOperator.Sensor/Events. Fixed-width types only; every struct is padded explicitly so
 * that both sides agree on sizes and offsets (a test compiles offsetof() against the mirrors).
 */
#ifndef POLICYOPERATOR_FLOW_H
#define POLICYOPERATOR_FLOW_H

#define FLOW_COMM_LEN 16
#define FLOW_ADDR_LEN 16
#define FLOW_DNS_MAX 512

/* Direction as seen from the socket's owner: it initiated (egress) or accepted (ingress). */
#define FLOW_DIR_EGRESS 1
#define FLOW_DIR_INGRESS 2

#define FLOW_PROTO_TCP 6
#define FLOW_PROTO_UDP 17

/* Event kinds on the flow ring buffer. Counters in events are cumulative since first_seen. */
#define FLOW_EVENT_NEW 1
#define FLOW_EVENT_UPDATE 2

/* Indexes of the per-CPU drop counters: every loss is counted, none is silent. */
#define DROP_RINGBUF_FULL 0
#define DROP_FLOW_MAP_FULL 1
#define DROP_SOCK_MAP_FULL 2
#define DROP_DNS_RINGBUF_FULL 3
#define DROP_DNS_TRUNCATED 4
/* Not a drop: flows created, so that user space can tell LRU evictions (created - live). */
#define STAT_FLOWS_CREATED 5
/* TCP closes whose flow was not in the map (opened before the sensor, or evicted): bytes lost. */
#define DROP_UNTRACKED_CLOSE 6
#define DROP_MAX 8

/* The aggregation key: the ephemeral port is left out, so repeated connections share a flow. */
struct flow_key {
    __u64 cgroup_id;
    __u32 netns_ino;
    __u16 family; /* AF_INET or AF_INET6 */
    __u8 protocol;
    __u8 direction;
    __u8 local_addr[FLOW_ADDR_LEN]; /* IPv4 in the first 4 bytes */
    __u8 remote_addr[FLOW_ADDR_LEN];
    __u16 port; /* the service port: remote for egress, local for ingress (host order) */
    __u16 pad16;
    __u32 pad32;
};

/* Per-flow counters, cumulative since first_seen_ns; the process is the first one seen. */
struct flow_value {
    __u64 first_seen_ns;
    __u64 last_seen_ns;
    __u64 last_report_ns;
    __u64 bytes_sent;
    __u64 bytes_received;
    __u64 packets_sent;
    __u64 packets_received;
    __u64 connections;
    __u64 closes; /* TCP connections of the flow that closed (their bytes are counted) */
    __u32 pid;    /* tgid */
    __u32 tid;
    char comm[FLOW_COMM_LEN];
};

struct flow_event {
    __u8 kind;
    __u8 pad[7];
    struct flow_key key;
    struct flow_value value;
};

/* A listening TCP port in a network namespace, and the process that listens. */
struct listener_key {
    __u32 netns_ino;
    __u16 port;
    __u16 family;
};

struct listener_value {
    __u32 pid;
    __u32 tid;
    char comm[FLOW_COMM_LEN];
};

/* A DNS message (UDP payload, or TCP payload with its 2-byte length prefix) copied to user space.
 */
struct dns_event {
    __u64 timestamp_ns;
    __u64 cgroup_id;
    __u32 netns_ino;
    __u32 pid;
    __u16 family;
    __u8 protocol;
    __u8 direction; /* FLOW_DIR_EGRESS: leaving the socket; FLOW_DIR_INGRESS: arriving */
    __u16 local_port;
    __u16 remote_port;
    __u8 local_addr[FLOW_ADDR_LEN];
    __u8 remote_addr[FLOW_ADDR_LEN];
    __u16 length;   /* bytes copied into payload */
    __u16 original; /* payload length on the wire */
    __u32 pad32;
    __u8 payload[FLOW_DNS_MAX];
};

/* Knobs set from user space before load (const volatile in .rodata). */
struct sensor_config {
    __u64 report_interval_ns; /* least time between two UPDATE events of one flow */
    __u16 dns_port;
    __u16 pad16;
    __u32 pad32;
};

#endif
