/* While ptrace holds a program until its agent starts (the dynamic loader's
 * calls), the loader also loads the agent itself: an openat of the library, a read,
 * an fstat, its mappings, a close, and later an mprotect of its relocated data.
 * Those calls are the agent's, not the program's, and are left out of the trace. */
#include <string.h>
#include <sys/syscall.h>

#include "core/decode.h"
#include "tracer.h"

static bool in_agent(const struct tracee *t, uint64_t addr)
{
	return t->agent_hi && addr >= t->agent_lo && addr < t->agent_hi;
}

static bool opens_agent(const struct tracee *t, const uint64_t *a)
{
	const char *agent = trace_agent_path();
	char path[4096];
	bool complete;
	struct sg_call c = { .pid = t->tid };

	if (!agent)
		return false;
	ssize_t n = sg_call_read_str(&c, a[1], path, sizeof(path) - 1, &complete);
	return n > 0 && complete && strcmp(path, agent) == 0;
}

bool hide_agent_call(const struct tracee *t, long nr, const uint64_t *a)
{
	if (!t->until_agent)
		return false;
	switch (nr) {
	case SYS_openat:
		return opens_agent(t, a);
	case SYS_read:
	case SYS_pread64:
	case SYS_newfstatat:
	case SYS_fstat:
	case SYS_close:
		return t->agent_fd && (int)a[0] == t->agent_fd - 1;
	case SYS_mmap:
		return (t->agent_fd && (int)a[4] == t->agent_fd - 1) || in_agent(t, a[0]);
	case SYS_mprotect:
	case SYS_munmap:
		return in_agent(t, a[0]);
	default:
		return false;
	}
}

void hide_agent_result(struct tracee *t, long nr, const uint64_t *a, int64_t ret)
{
	if (ret < 0)
		return;
	if (nr == SYS_openat)
		t->agent_fd = (int)ret + 1;
	else if (nr == SYS_close)
		t->agent_fd = 0;
	else if (nr == SYS_mmap && !a[0] && !t->agent_hi) {
		/* The first mapping reserves the library's whole extent. */
		t->agent_lo = (uint64_t)ret;
		t->agent_hi = (uint64_t)ret + a[1];
	}
}
