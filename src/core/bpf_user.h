/* sysgate's side of its BPF programs (stat's counter, trace's ebpf backend): what
 * both loaders do alike with libbpf. */
#ifndef SG_CORE_BPF_USER_H
#define SG_CORE_BPF_USER_H

#include <stdbool.h>
#include <stdint.h>

/* libbpf's messages (the verifier's log among them) on stderr when verbose (-d),
 * else nowhere: a refusal is told once, by the caller, from the error code. */
void sg_bpf_log(bool verbose);
/* The sum over every possible CPU of a per-CPU array's u64 at key: 0 and *sum,
 * or -errno. */
int sg_bpf_percpu_sum(int map_fd, uint32_t key, uint64_t *sum);

#endif
