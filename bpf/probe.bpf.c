// SPDX-License-Identifier: GPL-2.0
/*
 * The smallest program the agent loads: it counts TCP state changes by new
 * state. The agent loads it at start-up to prove that the kernel accepts a
 * tracepoint program and a map read, before it picks its other hooks.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include "probe.h"

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, PROBE_TCP_STATE_MAX);
    __type(key, __u32);
    __type(value, __u64);
} state_counts SEC(".maps");

SEC("tracepoint/sock/inet_sock_set_state")
int probe_inet_sock_set_state(struct trace_event_raw_inet_sock_set_state *ctx)
{
    __u32 state = (__u32)BPF_CORE_READ(ctx, newstate);
    if (state >= PROBE_TCP_STATE_MAX)
        return 0;

    __u64 *count = bpf_map_lookup_elem(&state_counts, &state);
    if (count)
        __sync_fetch_and_add(count, 1);
    return 0;
}

char LICENSE[] SEC("license") = "GPL";
