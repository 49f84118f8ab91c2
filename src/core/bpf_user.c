/* What the loaders of sysgate's BPF programs share. */
#include "bpf_user.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "util.h"

static int no_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0;
}

static int to_stderr(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	return vfprintf(stderr, fmt, ap);
}

void sg_bpf_log(bool verbose)
{
	libbpf_set_print(verbose ? to_stderr : no_print);
}

int sg_bpf_percpu_sum(int map_fd, uint32_t key, uint64_t *sum)
{
	int ncpus = libbpf_num_possible_cpus();

	if (ncpus <= 0)
		return ncpus < 0 ? ncpus : -EINVAL;
	uint64_t *v = sg_xcalloc((size_t)ncpus, sizeof(*v));
	int rc = bpf_map_lookup_elem(map_fd, &key, v) == 0 ? 0 : -errno;
	*sum = 0;
	for (int i = 0; rc == 0 && i < ncpus; i++)
		*sum += v[i];
	free(v);
	return rc;
}
