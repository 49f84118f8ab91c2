/* Decoders for process arguments: clone flags, exec vectors, wait status, limits. */
#include "decode_int.h"

#include <asm/prctl.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>

#include "core/util.h"

void sg_kind_clone_flags(struct sg_dctx *d)
{
	static const struct sg_flag flags[] = {
		SG_FLAG(CLONE_VM),	      SG_FLAG(CLONE_FS),	     SG_FLAG(CLONE_FILES),
		SG_FLAG(CLONE_SIGHAND),	      SG_FLAG(CLONE_PIDFD),	     SG_FLAG(CLONE_PTRACE),
		SG_FLAG(CLONE_VFORK),	      SG_FLAG(CLONE_PARENT),	     SG_FLAG(CLONE_THREAD),
		SG_FLAG(CLONE_NEWNS),	      SG_FLAG(CLONE_SYSVSEM),	     SG_FLAG(CLONE_SETTLS),
		SG_FLAG(CLONE_PARENT_SETTID), SG_FLAG(CLONE_CHILD_CLEARTID), SG_FLAG(CLONE_DETACHED),
		SG_FLAG(CLONE_UNTRACED),      SG_FLAG(CLONE_CHILD_SETTID),   SG_FLAG(CLONE_NEWCGROUP),
		SG_FLAG(CLONE_NEWUTS),	      SG_FLAG(CLONE_NEWIPC),	     SG_FLAG(CLONE_NEWUSER),
		SG_FLAG(CLONE_NEWPID),	      SG_FLAG(CLONE_NEWNET),	     SG_FLAG(CLONE_IO),
		SG_FLAG_END,
	};
	unsigned long long v = sg_arg(d, d->idx);
	unsigned long long sig = v & 0xff;

	sg_print_flags(d->out, flags, v & ~0xffull, NULL);
	/* The low byte of clone's flags is the signal sent to the parent at exit. */
	if (sig) {
		if (v & ~0xffull)
			sg_str_addc(d->out, '|');
		sg_print_signo(d->out, (int)sig);
	} else if (!(v & ~0xffull)) {
		sg_str_add(d->out, "0");
	}
}

/* clone(2) in strace's notation: the stack first, then the flags, then only the
 * pointers the flags make the kernel use. */
void sg_kind_clone_args(struct sg_dctx *d)
{
	sg_str_add(d->out, "child_stack=");
	sg_print_ptr(d->out, sg_arg(d, 1));
	sg_str_add(d->out, ", flags=");
	sg_kind_clone_flags(d);
}

static void clone_pointer(struct sg_dctx *d, unsigned long long flags, const char *name)
{
	if (!(sg_arg(d, 0) & flags))
		return;
	sg_str_addf(d->out, "%s=", name);
	sg_print_ptr(d->out, sg_arg(d, d->idx));
}

void sg_kind_clone_ptid(struct sg_dctx *d)
{
	clone_pointer(d, CLONE_PARENT_SETTID, "parent_tid");
}

void sg_kind_clone_ctid(struct sg_dctx *d)
{
	clone_pointer(d, CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID, "child_tidptr");
}

void sg_kind_clone_tls(struct sg_dctx *d)
{
	clone_pointer(d, CLONE_SETTLS, "tls");
}

/* For JSON: the strings just printed, gathered as an array value. */
static void array_add(struct sg_argval *v, const struct sg_argval *one)
{
	size_t n = one->raw ? one->rawlen : 0;

	v->raw = sg_xrealloc(v->raw, v->rawlen + n + 1);
	if (n)
		memcpy(v->raw + v->rawlen, one->raw, n);
	v->raw[v->rawlen + n] = '\0';
	v->rawlen += n + 1;
	v->num++;
	v->truncated |= one->truncated;
}

static void print_string_array(struct sg_dctx *d, bool abbreviate)
{
	uint64_t addr = sg_arg(d, d->idx);
	struct sg_str *out = d->out;
	struct sg_argval scratch = { 0 };
	struct sg_argval *saved = d->v;
	int n;

	if (!addr) {
		sg_str_add(out, "NULL");
		return;
	}
	uint64_t first;
	if (sg_call_read(d->c, addr, &first, 8) != 8) { /* not even the array: its address */
		sg_print_ptr(out, addr);
		return;
	}
	if (abbreviate) {
		/* strace: the environment shows as its address and a count. */
		for (n = 0; n < 4096; n++) {
			uint64_t p;
			if (sg_call_read(d->c, addr + 8u * (unsigned)n, &p, 8) != 8 || !p)
				break;
		}
		sg_str_addf(out, "%#llx /* %d var%s */", (unsigned long long)addr, n,
			    n == 1 ? "" : "s");
		return;
	}
	sg_str_addc(out, '[');
	d->v = &scratch;
	if (!d->o->text_only) {
		free(saved->raw);
		*saved = (struct sg_argval){ .type = SG_VAL_ARRAY };
	}
	for (n = 0; n < 4096; n++) {
		uint64_t p, at = addr + 8u * (unsigned)n;
		if (sg_call_read(d->c, at, &p, 8) != 8) {
			/* no NULL before unreadable memory: where it stops, as strace */
			sg_str_addf(out, "%s... /* %#llx */", n ? ", " : "", (unsigned long long)at);
			break;
		}
		if (!p)
			break;
		if (n)
			sg_str_add(out, ", ");
		free(scratch.raw);
		scratch = (struct sg_argval){ 0 };
		sg_print_tracee_str(d, p);
		if (!d->o->text_only)
			array_add(saved, &scratch);
	}
	sg_str_addc(out, ']');
	free(scratch.raw);
	d->v = saved;
}

void sg_kind_argv(struct sg_dctx *d)
{
	print_string_array(d, false);
}

void sg_kind_envp(struct sg_dctx *d)
{
	print_string_array(d, !sg_unabbreviated(d));
}

static void print_status(struct sg_str *out, int s)
{
	if (WIFEXITED(s))
		sg_str_addf(out, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", WEXITSTATUS(s));
	else if (WIFSIGNALED(s)) {
		sg_str_add(out, "[{WIFSIGNALED(s) && WTERMSIG(s) == ");
		sg_print_signo(out, WTERMSIG(s));
		sg_str_add(out, WCOREDUMP(s) ? " && WCOREDUMP(s)}]" : "}]");
	} else if (WIFSTOPPED(s)) {
		sg_str_add(out, "[{WIFSTOPPED(s) && WSTOPSIG(s) == ");
		sg_print_signo(out, WSTOPSIG(s));
		sg_str_add(out, "}]");
	} else {
		sg_str_addf(out, "[%#x]", (unsigned)s);
	}
}

void sg_kind_wait_status(struct sg_dctx *d)
{
	int s;
	uint64_t addr = sg_arg(d, d->idx);

	if (!addr || d->c->ret <= 0) {
		sg_print_ptr(d->out, addr);
		return;
	}
	if (sg_fetch(d, addr, &s, sizeof(s)) == 0)
		print_status(d->out, s);
}

void sg_kind_wait_options(struct sg_dctx *d)
{
	static const struct sg_flag opts[] = {
		SG_FLAG(WNOHANG), SG_FLAG(WUNTRACED), SG_FLAG(WCONTINUED), SG_FLAG(__WNOTHREAD),
		SG_FLAG(__WALL),  SG_FLAG(__WCLONE),  SG_FLAG_END,
	};
	sg_print_flags_as(d->out, opts, sg_arg(d, d->idx) & 0xffffffffu, "0", "W???");
}

static const struct sg_flag rlimits[] = {
	SG_FLAG(RLIMIT_CPU),	SG_FLAG(RLIMIT_FSIZE),	 SG_FLAG(RLIMIT_DATA),
	SG_FLAG(RLIMIT_STACK),	SG_FLAG(RLIMIT_CORE),	 SG_FLAG(RLIMIT_RSS),
	SG_FLAG(RLIMIT_NPROC),	SG_FLAG(RLIMIT_NOFILE),	 SG_FLAG(RLIMIT_MEMLOCK),
	SG_FLAG(RLIMIT_AS),	SG_FLAG(RLIMIT_LOCKS),	 SG_FLAG(RLIMIT_SIGPENDING),
	SG_FLAG(RLIMIT_MSGQUEUE), SG_FLAG(RLIMIT_NICE),	 SG_FLAG(RLIMIT_RTPRIO),
	SG_FLAG(RLIMIT_RTTIME), SG_FLAG_END,
};

void sg_kind_rlimit_resource(struct sg_dctx *d)
{
	sg_print_xlat(d->out, rlimits, (int)sg_arg(d, d->idx));
}

static void print_rlim_value(struct sg_str *out, unsigned long long v)
{
	char number[24], names[32];

	snprintf(number, sizeof(number), "%llu", v);
	if (v == (unsigned long long)RLIM_INFINITY)
		sg_print_named(out, number, "RLIM64_INFINITY");
	else if (v && v % 1024 == 0) {
		snprintf(names, sizeof(names), "%llu*1024", v / 1024);
		sg_print_named(out, number, names);
	} else
		sg_str_add(out, number);
}

void sg_kind_rlimit(struct sg_dctx *d)
{
	struct { unsigned long long cur, max; } rl;
	uint64_t addr = sg_arg(d, d->idx);

	if (sg_fetch(d, addr, &rl, sizeof(rl)) < 0)
		return;
	sg_str_add(d->out, "{rlim_cur=");
	print_rlim_value(d->out, rl.cur);
	sg_str_add(d->out, ", rlim_max=");
	print_rlim_value(d->out, rl.max);
	sg_str_addc(d->out, '}');
}

void sg_kind_arch_prctl(struct sg_dctx *d)
{
	static const struct sg_flag codes[] = {
		SG_FLAG(ARCH_SET_GS),	 SG_FLAG(ARCH_SET_FS),	  SG_FLAG(ARCH_GET_FS),
		SG_FLAG(ARCH_GET_GS),	 SG_FLAG(ARCH_GET_CPUID), SG_FLAG(ARCH_SET_CPUID),
		{ 0x3001, "ARCH_CET_STATUS" }, SG_FLAG_END,
	};
	sg_print_xlat(d->out, codes, (int)sg_arg(d, d->idx));
}

void sg_kind_futex_op(struct sg_dctx *d)
{
	static const struct sg_flag ops[] = {
		SG_FLAG(FUTEX_WAIT),	     SG_FLAG(FUTEX_WAKE),	  SG_FLAG(FUTEX_FD),
		SG_FLAG(FUTEX_REQUEUE),	     SG_FLAG(FUTEX_CMP_REQUEUE), SG_FLAG(FUTEX_WAKE_OP),
		SG_FLAG(FUTEX_LOCK_PI),	     SG_FLAG(FUTEX_UNLOCK_PI),	  SG_FLAG(FUTEX_TRYLOCK_PI),
		SG_FLAG(FUTEX_WAIT_BITSET),  SG_FLAG(FUTEX_WAKE_BITSET),  SG_FLAG(FUTEX_WAIT_REQUEUE_PI),
		SG_FLAG(FUTEX_CMP_REQUEUE_PI), SG_FLAG(FUTEX_LOCK_PI2),	  SG_FLAG_END,
	};
	int op = (int)sg_arg(d, d->idx);

	sg_print_xlat(d->out, ops, op & FUTEX_CMD_MASK);
	if (op & FUTEX_PRIVATE_FLAG)
		sg_str_add(d->out, "_PRIVATE");
	if (op & FUTEX_CLOCK_REALTIME)
		sg_str_add(d->out, "|FUTEX_CLOCK_REALTIME");
}

/* futex's last three arguments mean something, or nothing, depending on the op;
 * like strace, print only those the op uses. */
static int futex_cmd(const struct sg_dctx *d)
{
	return (int)sg_arg(d, 1) & FUTEX_CMD_MASK;
}

static bool futex_waits(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

static bool futex_requeues(int cmd)
{
	return cmd == FUTEX_REQUEUE || cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_CMP_REQUEUE_PI ||
	       cmd == FUTEX_WAKE_OP;
}

static bool futex_bitset(int cmd)
{
	return cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAKE_BITSET;
}

void sg_kind_futex_timeout(struct sg_dctx *d)
{
	int cmd = futex_cmd(d);

	if (futex_waits(cmd))
		sg_kind_timespec(d);
	else if (futex_requeues(cmd))
		sg_str_addf(d->out, "%u", (unsigned)sg_arg(d, d->idx)); /* val2 */
	else if (cmd == FUTEX_WAKE_BITSET)
		sg_print_ptr(d->out, sg_arg(d, d->idx));
}

void sg_kind_futex_uaddr2(struct sg_dctx *d)
{
	int cmd = futex_cmd(d);

	if (futex_requeues(cmd) || cmd == FUTEX_WAIT_REQUEUE_PI)
		sg_print_ptr(d->out, sg_arg(d, d->idx));
}

void sg_kind_futex_val3(struct sg_dctx *d)
{
	int cmd = futex_cmd(d);
	unsigned v = (unsigned)sg_arg(d, d->idx);

	if (futex_bitset(cmd) && v == FUTEX_BITSET_MATCH_ANY)
		sg_str_add(d->out, "FUTEX_BITSET_MATCH_ANY");
	else if (futex_bitset(cmd) || cmd == FUTEX_WAKE_OP)
		sg_str_addf(d->out, "%#x", v);
	else if (cmd == FUTEX_CMP_REQUEUE || cmd == FUTEX_CMP_REQUEUE_PI)
		sg_str_addf(d->out, "%u", v);
}

void sg_kind_getrandom_flags(struct sg_dctx *d)
{
	static const struct sg_flag flags[] = {
		SG_FLAG(GRND_NONBLOCK), SG_FLAG(GRND_RANDOM), SG_FLAG(GRND_INSECURE), SG_FLAG_END,
	};
	sg_print_flags(d->out, flags, sg_arg(d, d->idx) & 0xffffffffu, "0");
}

/* A list of n group ids, as strace: [1000, 27], at most -s of them, then "...". */
static void print_gids(struct sg_dctx *d, long long n)
{
	uint64_t addr = sg_arg(d, d->idx);
	long long shown = n < d->o->strsize ? n : d->o->strsize;
	uint32_t gid;

	if (!addr || n < 0) {
		sg_print_ptr(d->out, addr);
		return;
	}
	sg_str_addc(d->out, '[');
	for (long long k = 0; k < shown; k++) {
		if (sg_call_read(d->c, addr + 4 * (uint64_t)k, &gid, 4) != 4) {
			sg_str_add(d->out, k ? ", ..." : "...");
			break;
		}
		sg_str_addf(d->out, "%s%u", k ? ", " : "", gid);
	}
	if (shown < n)
		sg_str_add(d->out, ", ...");
	sg_str_addc(d->out, ']');
}

void sg_kind_gids_in(struct sg_dctx *d)
{
	print_gids(d, (int)sg_arg(d, d->idx - 1));
}

void sg_kind_gids_out(struct sg_dctx *d)
{
	print_gids(d, d->c->ret);
}

/* sysinfo: the numbers as the kernel gives them (memory in mem_unit units). */
void sg_kind_sysinfo(struct sg_dctx *d)
{
	struct sysinfo si;

	if (sg_fetch(d, sg_arg(d, d->idx), &si, sizeof(si)) < 0)
		return;
	sg_str_addf(d->out, "{uptime=%ld, loads=[%lu, %lu, %lu], totalram=%lu, freeram=%lu, "
			    "sharedram=%lu, bufferram=%lu, totalswap=%lu, freeswap=%lu, procs=%u, "
			    "totalhigh=%lu, freehigh=%lu, mem_unit=%u}",
		    si.uptime, si.loads[0], si.loads[1], si.loads[2], si.totalram, si.freeram,
		    si.sharedram, si.bufferram, si.totalswap, si.freeswap, (unsigned)si.procs,
		    si.totalhigh, si.freehigh, si.mem_unit);
}
