/* exec: Syscall User Dispatch ends at exec, and the new program may have been
 * given an environment without the agent; the agent puts LD_PRELOAD and
 * SYSGATE_AGENT back (with the caller's tid, which names the call being finished)
 * into a copy of the environment. A static program cannot load the agent: that
 * is reported, and the program runs untraced. */
#include "agent.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>

static size_t str_len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static bool has_prefix(const char *s, const char *p)
{
	while (*p)
		if (*s++ != *p++)
			return false;
	return true;
}

static char *put(char *dst, const char *s)
{
	size_t n = str_len(s);

	memcpy(dst, s, n);
	return dst + n;
}

static char *put_num(char *dst, long v)
{
	char tmp[24];
	int n = 0;

	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	while (n)
		*dst++ = tmp[--n];
	return dst;
}

/* Why the program exec would run cannot load the agent (enum sg_untraced_why), or
 * 0: it is set-user/group-ID (the loader ignores LD_PRELOAD), or an ELF without
 * PT_INTERP (static). A script (#!) or an unreadable file counts as loadable: its
 * interpreter decides. */
static int no_agent_reason(long dirfd, uint64_t path)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	struct stat st;
	long fd = sg_raw_syscall6(SYS_openat, dirfd, (long)path,
				  O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0, 0, 0);
	bool is_static = false;

	if (fd < 0)
		return 0;
	if (sg_sys(SYS_fstat, fd, (long)&st, 0) == 0 && (st.st_mode & (S_ISUID | S_ISGID))) {
		sg_sys(SYS_close, fd, 0, 0);
		return SG_UNTRACED_SETID;
	}
	if (sg_raw_syscall6(SYS_pread64, fd, (long)&eh, sizeof(eh), 0, 0, 0) == sizeof(eh) &&
	    eh.e_ident[0] == ELFMAG0 && eh.e_ident[1] == ELFMAG1 && eh.e_ident[2] == ELFMAG2 &&
	    eh.e_ident[3] == ELFMAG3 && eh.e_phentsize == sizeof(ph)) {
		is_static = true;
		for (int i = 0; i < eh.e_phnum && i < 64; i++) {
			long off = (long)eh.e_phoff + i * (long)sizeof(ph);
			if (sg_raw_syscall6(SYS_pread64, fd, (long)&ph, sizeof(ph), off, 0, 0) !=
			    sizeof(ph))
				break;
			if (ph.p_type == PT_INTERP)
				is_static = false;
		}
	}
	sg_sys(SYS_close, fd, 0, 0);
	return is_static ? SG_UNTRACED_STATIC : 0;
}

static long count_env(uint64_t envp)
{
	uint64_t p = 1;
	long n = 0;

	while (envp && n < 1 << 20) {
		if (sg_safe_copy(&p, envp + 8 * (uint64_t)n, 8) != 8)
			return -1;
		if (!p)
			break;
		n++;
	}
	return n;
}

/* The agent's own path: the first element of the LD_PRELOAD it started with
 * (sysgate puts it first). */
static size_t agent_path_len(void)
{
	size_t n = 0;

	while (sg_agent.preload[n] && sg_agent.preload[n] != ':')
		n++;
	return n;
}

/* "LD_PRELOAD=" with the agent first (unless the program is let go: -b execve),
 * then what the program's own value has (up to the room there is); returns the
 * end, or text itself when there is nothing to set. */
static char *put_preload(char *text, uint64_t own, size_t room, bool with_agent)
{
	size_t n = agent_path_len();
	char value[1024];
	size_t got = own ? sg_safe_copy(value, own + 11, sizeof(value) - 1) : 0;

	value[got] = 0;
	/* The program's value, without the agent if it is already there. */
	const char *rest = value;
	size_t same = 0;
	while (same < n && rest[same] == sg_agent.preload[same])
		same++;
	if (same == n && (rest[n] == ':' || rest[n] == 0))
		rest += n + (rest[n] == ':');
	size_t len = 0;
	while (rest[len] && len < room)
		len++;
	if (!with_agent && !len)
		return text;
	text = put(text, "LD_PRELOAD=");
	if (with_agent) {
		memcpy(text, sg_agent.preload, n);
		text += n;
	}
	if (len) {
		if (with_agent)
			*text++ = ':';
		memcpy(text, rest, len);
		text += len;
	}
	*text++ = 0;
	return text;
}

/* "SYSGATE_AGENT=" for the new program at text; returns text. */
static char *put_config(char *text, long exec_tid)
{
	char *cfg = text;

	text = put(text, "SYSGATE_AGENT=");
	text = put(text, sg_agent.config);
	*text++ = ':';
	text = put_num(text, exec_tid);
	text = put(text, sg_agent.follow ? ":0" : ":");
	if (!sg_agent.follow)
		text = put_num(text, sg_sys(SYS_getpid, 0, 0, 0));
	*text = 0;
	return cfg;
}

#define GUARD 4096

/* exec_tid: the thread whose execve the agent in the new program finishes in the
 * trace (0 when ptrace holds the thread and shows the execve itself). Let go
 * (-b execve), the program gets its environment without the agent. */
static long exec_env(long nr, const uint64_t *a, long exec_tid, bool let_go)
{
	bool at = nr == SYS_execveat;
	uint64_t envp = at ? a[3] : a[2], own_preload = 0;
	long n = count_env(envp);

	if (n < 0) /* the kernel fails it (EFAULT), and a tracer holding it sees it */
		return sg_raw_syscall6(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3],
				       (long)a[4], 0);
	size_t len = (size_t)(n + 3) * 8 + sizeof(sg_agent.preload) + 1024 +
		     sizeof(sg_agent.config) + 128;
	len = ((len + 4095) & ~(size_t)4095) + GUARD;
	long m = sg_raw_syscall6(SYS_mmap, 0, (long)len, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m < 0 && m >= -4095)
		return m;
	/* A guard page below the copy: an argv of the program's that runs off the end
	 * of its mapping must still fail with EFAULT, not run on into this one. */
	sg_sys(SYS_mprotect, m, GUARD, PROT_NONE);
	uint64_t *env = (uint64_t *)(m + GUARD);
	long k = 0;
	for (long i = 0; i < n; i++) {
		uint64_t p;
		char head[16] = { 0 };
		sg_safe_copy(&p, envp + 8 * (uint64_t)i, 8);
		sg_safe_copy(head, p, sizeof(head) - 1);
		if (has_prefix(head, "LD_PRELOAD="))
			own_preload = p;
		else if (!has_prefix(head, "SYSGATE_AGENT="))
			env[k++] = p;
	}
	char *text = (char *)(env + n + 3), *pre = text;
	text = put_preload(text, own_preload, 1000, !let_go);
	if (text != pre)
		env[k++] = (uint64_t)pre;
	if (!let_go)
		env[k++] = (uint64_t)put_config(text, exec_tid);
	env[k] = 0;
	long ret = at ? sg_raw_syscall6(nr, (long)a[0], (long)a[1], (long)a[2], (long)env,
					(long)a[4], 0)
		      : sg_raw_syscall6(nr, (long)a[0], (long)a[1], (long)env, 0, 0, 0);
	sg_sys(SYS_munmap, m, (long)len, 0);
	return ret;
}

/* Ask sysgate to hold this thread with ptrace before it execs; true once held. The
 * wait is bounded: a sysgate that does not answer in 5 s, or whose heartbeat
 * stops meanwhile (it was killed), leaves the exec to the agent alone. */
static bool handoff(void)
{
	struct sg_ring_ctl *c = sg_agent.ring.ctl;
	int32_t tid = agent_rec_tid();

	if (!sg_ring_consumer_alive(c))
		return false;
	for (int i = 0; i < SG_RING_HANDOFFS; i++) {
		struct sg_ring_handoff *h = &c->handoff[i];
		int32_t free_tid = 0;
		if (!atomic_compare_exchange_strong(&h->tid, &free_tid, tid))
			continue;
		atomic_store(&h->state, SG_HANDOFF_ASKED);
		agent_wake_consumer();
		for (int k = 0; k < 500 && atomic_load(&h->state) == SG_HANDOFF_ASKED &&
				sg_ring_consumer_alive(c);
		     k++) {
			struct timespec pause = { 0, 10000000 };
			sg_raw_syscall6(SYS_futex, (long)&h->state, FUTEX_WAIT, SG_HANDOFF_ASKED,
					(long)&pause, 0, 0);
		}
		bool held = atomic_load(&h->state) == SG_HANDOFF_HELD;
		atomic_store(&h->state, SG_HANDOFF_FREE);
		atomic_store(&h->tid, 0);
		return held;
	}
	return false;
}

static void note_no_agent(long nr, const uint64_t *a, int why)
{
	char shown[256];
	uint64_t path = nr == SYS_execveat ? a[1] : a[0];
	size_t got = sg_safe_copy(shown, path, sizeof(shown) - 1);

	shown[got] = 0;
	agent_record_plain(SG_REC_UNTRACED, why, 0, shown);
}

/* -b execve: the call's entry is shown, which sysgate ends with "<detached ...>"
 * as ptrace does, and the program runs on without the agent (Syscall User
 * Dispatch does not outlive exec). A failed exec leaves this thread untraced:
 * ptrace would have let it go too. */
static long exec_let_go(const struct sg_regs *r, const uint64_t *a, bool shown)
{
	long nr = (long)r->rax;

	if (shown && !sg_agent.summary)
		agent_record_entry(nr, a, r);
	agent_record_plain(SG_REC_DETACH, 0, 0, "");
	agent_wait_read();
	long ret = exec_env(nr, a, 0, true);
	agent_let_go_thread();
	return ret;
}

long agent_exec(const struct sg_regs *r, const uint64_t *a, bool quiet, bool shown)
{
	long nr = (long)r->rax;
	bool at = nr == SYS_execveat;

	if (quiet) /* a thread let go execs without the agent, as it would have */
		return exec_env(nr, a, 0, agent_thread_let_go());
	if (sg_agent.detach_on_exec)
		return exec_let_go(r, a, shown);
	int why = no_agent_reason(at ? (long)a[0] : AT_FDCWD, at ? a[1] : a[0]);
	bool hybrid = sg_agent.ring.ctl->flags & SG_RING_HYBRID;
	/* -k: ptrace would see this call made by the agent: sysgate takes the
	 * program's stack from here. And what was recorded in this program is
	 * unwound before it goes. */
	if (hybrid && shown && sg_agent.stacks)
		stacks_record_entry(SG_REC_EXEC_STACK, nr, a, r, r->rip);
	else if (hybrid && shown && sg_agent.ip) /* -i: the same for its call site */
		agent_record_bytes(SG_REC_EXEC_IP, (long)r->rip, 0, "", 1);
	agent_wait_read();
	agent_inject_carry_out();
	/* Handed over, ptrace shows this execve, the loader's calls, and, for a program
	 * that cannot load the agent, everything after. */
	if (hybrid && handoff()) {
		if (why)
			note_no_agent(nr, a, why);
		long ret = exec_env(nr, a, 0, false);
		agent_inject_carry_back(); /* it failed: this program counts on */
		return ret;
	}
	if (why)
		note_no_agent(nr, a, why);
	if (shown && !sg_agent.summary) {
		agent_record_entry(nr, a, r);
		agent_wait_read();
	}
	long ret = exec_env(nr, a, shown ? agent_rec_tid() : 0, false);
	agent_inject_carry_back();
	if (shown && !sg_agent.summary)
		agent_record_exit(nr, a, ret);
	if (shown && sg_agent.summary)
		agent_count(nr, ret, 0);
	return ret;
}
