/* Shared between probe.bpf.c and the C# side (PolicyOperator.Sensor.ProbeMaps). */
#ifndef POLICYOPERATOR_PROBE_H
#define POLICYOPERATOR_PROBE_H

/* TCP states as in include/net/tcp_states.h; the map is indexed by the new state. */
#define PROBE_TCP_STATE_MAX 16

#endif
