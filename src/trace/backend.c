/* Which backend observes the command: --backend, and what auto makes of it. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/util.h"
#include "trace_int.h"

#ifndef SG_AGENT_BUILT
#define SG_AGENT_BUILT ""
#endif
#define AGENT_NAME "libsysgate-agent.so"

const char *trace_backend_name(enum trace_backend b)
{
	static const char *const names[] = { "auto", "ptrace", "sud", "rewrite", "ebpf" };

	return names[b];
}

/* Beside the sysgate binary (an installed tree), else where the build put it;
 * looked up once (kept for the process's life). */
const char *trace_agent_path(void)
{
	static char *found;

	if (!found)
		found = sg_beside_self(AGENT_NAME, SG_AGENT_BUILT, R_OK);
	return found;
}

bool trace_is_agent_object(const char *path)
{
	const char *base = strrchr(path, '/');

	return strcmp(base ? base + 1 : path, AGENT_NAME) == 0;
}

/* A program the agent cannot enter: statically linked (no PT_INTERP, so no
 * LD_PRELOAD), or set-user/group-ID (the loader ignores LD_PRELOAD). */
static const char *why_not_inprocess(const char *path)
{
	Elf64_Ehdr eh;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	const char *why = NULL;
	struct stat st;

	if (fd < 0)
		return NULL; /* the start reports it */
	if (fstat(fd, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID)))
		why = "set-user-ID or set-group-ID program";
	else if (pread(fd, &eh, sizeof(eh), 0) == sizeof(eh) && memcmp(eh.e_ident, ELFMAG, SELFMAG) == 0) {
		why = "statically linked program";
		for (int i = 0; i < eh.e_phnum && i < 64; i++) {
			Elf64_Phdr ph;
			if (pread(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + (size_t)i * sizeof(ph))) !=
			    sizeof(ph))
				break;
			if (ph.p_type == PT_INTERP)
				why = NULL;
		}
	}
	close(fd);
	return why;
}

static bool sud_available(void)
{
	/* Switching dispatch off is allowed even when it was never on; EINVAL means the
	 * kernel has no Syscall User Dispatch. */
	return prctl(59 /* PR_SET_SYSCALL_USER_DISPATCH */, 0, 0, 0, 0) == 0;
}

static const char *inprocess_obstacle(const struct trace_opts *o, const char *path)
{
	if (o->nattach)
		return "-p attaches to running processes, which the agent cannot enter";
	if (o->daemonize)
		return "-D traces the command from outside, which only ptrace can do";
	if (o->dec.kvm_vcpu)
		return "-e kvm=vcpu reads the vcpu's struct kvm_run, which only ptrace can do";
	if (!trace_agent_path())
		return "the agent library " AGENT_NAME " is not beside sysgate (run make)";
	if (!sud_available())
		return "this kernel has no Syscall User Dispatch (Linux 5.11 or later)";
	return path ? why_not_inprocess(path) : NULL;
}

/* Where the agent cannot go, BPF observes from outside without a stop: for root
 * (the kernel refuses others BPF), when it can do what the options ask. Whether
 * the kernel loads the programs is known only by trying (ebpf.c falls back). */
static bool ebpf_may_serve(const struct trace_opts *o)
{
	return geteuid() == 0 && !ebpf_unsupported(o);
}

int trace_pick_backend(struct trace_opts *o, enum trace_backend *b)
{
	char *path = o->cmd ? sg_find_program(o->cmd[0]) : NULL;
	/* ptrace and BPF observe from outside: whatever the program is. */
	bool outside = o->backend == BACKEND_PTRACE || o->backend == BACKEND_EBPF;
	const char *why = outside ? NULL : inprocess_obstacle(o, path);

	free(path);
	*b = o->backend;
	if (*b == BACKEND_AUTO)
		*b = !why ? BACKEND_REWRITE : ebpf_may_serve(o) ? BACKEND_EBPF : BACKEND_PTRACE;
	else if (why && *b != BACKEND_PTRACE)
		return trace_fail(o, 1, "--backend %s cannot trace this: %s; use --backend ptrace "
				  "(or auto)", trace_backend_name(*b), why);
	if (o->backend == BACKEND_AUTO && why)
		fprintf(stderr, "sysgate: trace: backend %s (%s)\n", trace_backend_name(*b), why);
	return 0;
}
