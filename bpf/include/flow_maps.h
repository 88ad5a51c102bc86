/*
 * The maps every flow program shares (user space loads them once and hands the same maps to
 * each object, or pins them so that a restarted agent finds them) and the accounting helpers.
 * Include after vmlinux.h and the libbpf headers.
 */
#ifndef POLICYOPERATOR_FLOW_MAPS_H
#define POLICYOPERATOR_FLOW_MAPS_H

#include "flow.h"

#define FLOW_EEXIST 17
#define FLOW_AF_INET 2
#define FLOW_AF_INET6 10
#define FLOW_WAKEUP_BYTES (64 * 1024)

const volatile struct sensor_config sensor_config = {
    .report_interval_ns = 1000000000ULL,
    .dns_port = 53,
};

/* Per-flow aggregation: only new flows and periodic updates cross the ring buffer. */
struct {
    __uint(type, BPF_MAP_TYPE_LRU_HASH);
    __uint(max_entries, 65536);
    __type(key, struct flow_key);
    __type(value, struct flow_value);
} flows SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 16384);
    __type(key, struct listener_key);
    __type(value, struct listener_value);
} listeners SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, DROP_MAX);
    __type(key, __u32);
    __type(value, __u64);
} drops SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 1 << 20);
} flow_events SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 1 << 18);
} dns_events SEC(".maps");

/* What one observation adds to a flow. */
struct flow_delta {
    __u64 bytes_sent;
    __u64 bytes_received;
    __u64 packets_sent;
    __u64 packets_received;
    __u64 connections;
    __u64 closes;
};

static __always_inline void count_drop(__u32 reason)
{
    __u64 *counter = bpf_map_lookup_elem(&drops, &reason);
    if (counter)
        *counter += 1; /* per-CPU: no atomics needed */
}

static __always_inline void flow_emit(__u8 kind, const struct flow_key *key,
                                      const struct flow_value *value)
{
    struct flow_event *event = bpf_ringbuf_reserve(&flow_events, sizeof(*event), 0);
    if (!event) {
        count_drop(DROP_RINGBUF_FULL);
        return;
    }
    __builtin_memset(event, 0, sizeof(event->kind) + sizeof(event->pad));
    event->kind = kind;
    __builtin_memcpy(&event->key, key, sizeof(*key));
    __builtin_memcpy(&event->value, value, sizeof(*value));
    /* Waking the reader for every event costs more than the event: user space drains the ring
     * on its own schedule, and is woken only when the ring is filling up. */
    __u64 wakeup = bpf_ringbuf_query(&flow_events, BPF_RB_AVAIL_DATA) > FLOW_WAKEUP_BYTES
                       ? BPF_RB_FORCE_WAKEUP
                       : BPF_RB_NO_WAKEUP;
    bpf_ringbuf_submit(event, wakeup);
}

/* Adds a delta to a flow the caller found, and reports the flow when a report is due. */
static __always_inline void flow_add(const struct flow_key *key, struct flow_value *value,
                                     const struct flow_delta *delta, __u64 now)
{
    if (delta->bytes_sent)
        __sync_fetch_and_add(&value->bytes_sent, delta->bytes_sent);
    if (delta->bytes_received)
        __sync_fetch_and_add(&value->bytes_received, delta->bytes_received);
    if (delta->packets_sent)
        __sync_fetch_and_add(&value->packets_sent, delta->packets_sent);
    if (delta->packets_received)
        __sync_fetch_and_add(&value->packets_received, delta->packets_received);
    if (delta->connections)
        __sync_fetch_and_add(&value->connections, delta->connections);
    if (delta->closes)
        __sync_fetch_and_add(&value->closes, delta->closes);
    value->last_seen_ns = now;

    if (now - value->last_report_ns >= sensor_config.report_interval_ns) {
        value->last_report_ns = now;
        flow_emit(FLOW_EVENT_UPDATE, key, value);
    }
}

/*
 * Adds a delta to a flow. A new flow is announced at once; later changes at most once per
 * report interval. Events carry cumulative counters, so a lost event is made good by the next
 * one or by user space reading the map.
 */
static __always_inline void flow_account(const struct flow_key *key, const struct flow_delta *delta,
                                         __u32 pid, __u32 tid, const char *comm)
{
    __u64 now = bpf_ktime_get_ns();
    struct flow_value *value = bpf_map_lookup_elem(&flows, key);
    if (!value) {
        struct flow_value fresh = {};
        fresh.first_seen_ns = now;
        fresh.last_seen_ns = now;
        fresh.last_report_ns = now;
        fresh.bytes_sent = delta->bytes_sent;
        fresh.bytes_received = delta->bytes_received;
        fresh.packets_sent = delta->packets_sent;
        fresh.packets_received = delta->packets_received;
        fresh.connections = delta->connections;
        fresh.closes = delta->closes;
        fresh.pid = pid;
        fresh.tid = tid;
        __builtin_memcpy(fresh.comm, comm, FLOW_COMM_LEN);
        long err = bpf_map_update_elem(&flows, key, &fresh, BPF_NOEXIST);
        if (err == 0) {
            count_drop(STAT_FLOWS_CREATED);
            flow_emit(FLOW_EVENT_NEW, key, &fresh);
            return;
        }
        if (err != -FLOW_EEXIST) {
            /* Not aggregated, but still reported: the event carries this observation. */
            count_drop(DROP_FLOW_MAP_FULL);
            flow_emit(FLOW_EVENT_NEW, key, &fresh);
            return;
        }
        value = bpf_map_lookup_elem(&flows, key);
        if (!value) {
            count_drop(DROP_FLOW_MAP_FULL);
            return;
        }
    }

    if (value->pid == 0 && pid != 0) {
        value->pid = pid;
        value->tid = tid;
        __builtin_memcpy(value->comm, comm, FLOW_COMM_LEN);
    }
    flow_add(key, value, delta, now);
}

#endif
