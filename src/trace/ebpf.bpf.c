/* The eBPF backend of sysgate trace, in the kernel: at each syscall entry and
 * exit of the processes traced, a record in the in-process agent's format (the
 * call's registers, or its result, and a snapshot of the memory its decoders
 * read) into a BPF ring buffer, which sysgate reads and decodes as it reads the
 * agent's (inproc_records.c). What memory each argument needs comes from
 * sysgate (the shapes map, from src/core/capture.c): no second list here.
 *
 * No CO-RE: the registers are read as struct pt_regs of the UAPI (the layout
 * ptrace shows), and a relocation would make libbpf read the kernel's whole BTF
 * at every start. */
#include <linux/bpf.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <asm/ptrace.h>
#include <asm/unistd.h>
#include <stdbool.h>

#include <bpf/bpf_helpers.h>

#include "core/bpf_newtask.h"

#include "core/capture_shape.h"
#include "trace/ebpf_abi.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, SG_EBPF_RING_BYTES);
} events SEC(".maps");

/* thread-group id -> SG_EBPF_* */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, SG_EBPF_MAX_PROCS);
	__type(key, __u32);
	__type(value, __u32);
} procs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SG_EBPF_NR);
	__type(key, __u32);
	__type(value, struct sg_ebpf_shape);
} shapes SEC(".maps");

/* A call in flight, by thread: its number and arguments, for its exit. */
struct inflight {
	__s64 nr;
	__u64 args[6];
};
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, SG_EBPF_MAX_PROCS);
	__type(key, __u32);
	__type(value, struct inflight);
} calls SEC(".maps");

/* A record being made: its header, then room for SG_EBPF_DATA bytes of
 * snapshot and one more region (offsets are masked below SG_EBPF_DATA). */
struct scratch {
	struct sg_ebpf_rec rec;
	__u8 data[SG_EBPF_DATA + SG_EBPF_REGION_MAX + sizeof(struct sg_ebpf_region)];
};
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct scratch);
} scratches SEC(".maps");

/* Records the ring had no room for. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} dropped SEC(".maps");

/* Arguments whose memory could not be read in the kernel. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} unreadable SEC(".maps");

const volatile __u32 follow = 0; /* -f */
const volatile __u32 scope = SG_EBPF_SCOPE_PROCS;
const volatile __u64 cgroup_id = 0;  /* SG_EBPF_SCOPE_CGROUP's */
const volatile __u32 self_tgid = 0;  /* sysgate: never traced */
const volatile __u32 newtask_pid_at = 8, newtask_flags_at = 32;

struct raw_args {
	__u64 args[2];
};

static __always_inline struct scratch *scratch(void)
{
	__u32 zero = 0;

	return bpf_map_lookup_elem(&scratches, &zero);
}

/* One argument's region into this CPU's snapshot at at; the bytes it took, or
 * 0. Global functions, and no pointers kept in loop contexts: the verifier
 * checks each once, whatever its caller knows (as static functions, each
 * call's states multiplied past its limit). */
__noinline __u32 put_region(__u32 at, __u64 addr, __u32 len, __u32 string)
{
	struct scratch *s = scratch();
	long got;

	if (!s || !addr || !len || at + sizeof(struct sg_ebpf_region) > SG_EBPF_DATA)
		return 0;
	__u32 off = at;
	__asm__ volatile("%0 &= 0x3fff" : "+r"(off)); /* SG_EBPF_DATA - 1 */
	if (len >= SG_EBPF_REGION_MAX - 1)
		len = SG_EBPF_REGION_MAX - 2;
	/* The verifier must see the bound on the register passed. */
	__asm__ volatile("%0 &= 0xfff" : "+r"(len));
	__u32 data_off = off + sizeof(struct sg_ebpf_region);
	__asm__ volatile("%0 &= 0x3fff" : "+r"(data_off));
	if (string) {
		/* One byte more than the string may take: a string as long as that
		 * or longer is cut (no NUL in the region: shown with "..."). */
		got = bpf_probe_read_user_str(&s->data[data_off], len + 1, (void *)addr);
		if (got == len + 1)
			got = len;
	} else {
		got = bpf_probe_read_user(&s->data[data_off], len, (void *)addr) == 0 ? (long)len : -1L;
		/* As the agent's copy: up to the first unreadable byte, here the
		 * end of the first page (an array at the top of the stack). */
		__u32 first = 4096 - (addr & 4095);
		if (got < 0 && first < len) {
			__asm__ volatile("%0 &= 0xfff" : "+r"(first));
			got = bpf_probe_read_user(&s->data[data_off], first, (void *)addr) == 0 ? (long)first : -1L;
		}
	}
	if (got <= 0) {
		/* Not resident (a program may not fault pages in here): the
		 * decoders show the address, as strace shows unreadable memory. */
		__u32 zero = 0;
		__u64 *n = bpf_map_lookup_elem(&unreadable, &zero);
		if (n)
			*n += 1;
		return 0;
	}
	__asm__ volatile("%0 &= 0x3fff" : "+r"(off));
	struct sg_ebpf_region *h = (void *)&s->data[off];
	h->addr = addr;
	h->len = (__u32)got;
	h->pad = 0;
	return sizeof(*h) + (((__u32)got + 7) & ~7u);
}

struct strings_ctx {
	__u64 vec;
	__u32 at;
	__u32 max;
};

/* argv's i-th string. */
static long one_string(__u32 i, void *data)
{
	struct strings_ctx *c = data;
	__u64 p = 0;

	if (bpf_probe_read_user(&p, sizeof(p), (void *)(c->vec + 8 * (__u64)i)) != 0 || !p)
		return 1;
	c->at += put_region(c->at, p, c->max, 1);
	return 0;
}

struct iov_ctx {
	__u64 vec;
	__u64 left; /* bytes the buffers may still hold (a read's result) */
	__u32 at;
	__u32 max;  /* of each buffer */
};

/* The i-th struct iovec's buffer, as far as the decoder shows it. */
static long one_iov(__u32 i, void *data)
{
	struct iov_ctx *c = data;
	__u64 iov[2];

	if (bpf_probe_read_user(iov, sizeof(iov), (void *)(c->vec + 16 * (__u64)i)) != 0)
		return 1;
	__u64 len = iov[1] < c->left ? iov[1] : c->left;
	c->at += put_region(c->at, iov[0], len < c->max ? (__u32)len : c->max, 0);
	c->left -= len;
	return 0;
}

/* struct msghdr at addr (SG_SHAPE_MSGHDR), its buffers holding at most size
 * bytes in all; the bytes its regions took from at. Global: checked once. */
__noinline __u32 put_msghdr(__u32 at, __u64 addr, __u64 size, __u32 max)
{
	__u64 m[7]; /* name, namelen, iov, iovlen, control, controllen, flags */
	__u16 family = 0;

	if (!addr || bpf_probe_read_user(m, sizeof(m), (void *)addr) != 0)
		return 0;
	__u32 got = put_region(at, addr, SG_SHAPE_MSGHDR_SIZE, 0);
	int namelen = (int)(__u32)m[1];
	if (namelen > 0 && namelen <= SG_SHAPE_SOCKADDR_MAX)
		got += put_region(at + got, m[0], (__u32)namelen, 0);
	bool netlink = m[0] && namelen >= 2 && bpf_probe_read_user(&family, 2, (void *)m[0]) == 0 &&
		       family == 16; /* AF_NETLINK */
	if (m[2] && m[3] <= SG_EBPF_IOV_MAX) {
		__u64 n = m[3] < max ? m[3] : max;
		got += put_region(at + got, m[2], (__u32)(16 * m[3]), 0);
		struct iov_ctx ic = { m[2], size, at + got, netlink ? SG_EBPF_REGION_MAX : max };
		bpf_loop((__u32)n, one_iov, &ic, 0);
		got = ic.at - at;
	}
	__u64 control = m[5] < SG_SHAPE_CONTROL_MAX ? m[5] : SG_SHAPE_CONTROL_MAX;
	return got + put_region(at + got, m[4], (__u32)control, 0);
}

struct args_ctx {
	__u64 args[8]; /* six, and room for an index masked with 7 */
	__s64 ret;
	__u32 nr;
	__u32 at;
	__u32 at_exit;
};

__noinline __u32 put_arg(struct args_ctx *c, __u32 i)
{
	__u32 k = i, next = i + 1;

	if (!c || i >= 6 || c->nr >= SG_EBPF_NR)
		return 0;
	struct sg_ebpf_shape *sh = bpf_map_lookup_elem(&shapes, &c->nr);
	if (!sh)
		return 0;
	/* Bounds the verifier sees on the registers that index. */
	__asm__ volatile("%0 &= 7" : "+r"(k));
	__asm__ volatile("%0 &= 7" : "+r"(next));
	if (k >= 6)
		return 0;
	struct sg_ebpf_arg a = sh->arg[k];
	__u64 addr = c->args[k];
	__u32 at = c->at;
	if (!a.how || a.at_exit != c->at_exit || at >= SG_EBPF_DATA)
		return 0;
	switch (a.how) {
	case SG_SHAPE_STRING: return put_region(at, addr, a.max, 1);
	case SG_SHAPE_FIXED: return put_region(at, addr, a.len, 0);
	case SG_SHAPE_NEXT_ARG_LEN: {
		__u64 n = k < 5 ? c->args[next] : 0;
		return put_region(at, addr, n < a.max ? (__u32)n : a.max, 0);
	}
	case SG_SHAPE_RET_LEN:
		if (c->ret <= 0)
			return 0;
		return put_region(at, addr, (__u64)c->ret < a.max ? (__u32)c->ret : a.max, 0);
	case SG_SHAPE_POINTERS: return put_region(at, addr, 8 * SG_EBPF_POINTERS_MAX, 0);
	case SG_SHAPE_FIXED_IF_RET: return c->ret > 0 ? put_region(at, addr, a.len, 0) : 0;
	case SG_SHAPE_FIXED_PAST: return addr ? put_region(at, addr + a.max, a.len, 0) : 0;
	case SG_SHAPE_IOVEC: {
		__u64 n = k < 5 ? c->args[next] : 0;
		if (!addr || n > SG_EBPF_IOV_MAX)
			return 0;
		struct iov_ctx ic = { addr, a.len ? (c->ret > 0 ? (__u64)c->ret : 0) : ~0ull, at, a.max };
		ic.at += put_region(at, addr, (__u32)(16 * n), 0);
		bpf_loop((__u32)n, one_iov, &ic, 0);
		return ic.at - at;
	}
	case SG_SHAPE_MSGHDR:
		return put_msghdr(at, addr, !a.len ? ~0ull : c->ret > 0 ? (__u64)c->ret : 0, a.max);
	case SG_SHAPE_COUNTED: {
		__u64 n = k < 5 ? c->args[next] : 0;
		return n <= a.max ? put_region(at, addr, (__u32)(n * a.len), 0) : 0;
	}
	case SG_SHAPE_STRINGS: {
		struct strings_ctx sc = { addr, at, a.max };
		sc.at += put_region(at, addr, 8 * (SG_EBPF_STRINGS_MAX + 1), 0);
		bpf_loop(SG_EBPF_STRINGS_MAX, one_string, &sc, 0);
		return sc.at - at;
	}
	default: return 0;
	}
}

/* Argument i's memory, if its pass is this one: one callback for the six. */
static long one_arg(__u32 i, void *data)
{
	struct args_ctx *c = data;

	c->at += put_arg(c, i);
	return 0;
}

static __always_inline __u32 put_args(long nr, const __u64 *args, bool at_exit, __s64 ret)
{
	struct args_ctx c = { .ret = ret, .nr = (__u32)nr, .at_exit = at_exit };

	if (nr < 0 || nr >= SG_EBPF_NR)
		return 0;
	for (int i = 0; i < 6; i++)
		c.args[i] = args[i];
	bpf_loop(6, one_arg, &c, 0);
	return c.at;
}

/* The record in s, its snapshot len bytes, into the ring (or counted lost). */
static __always_inline void send(struct scratch *s, __u32 len)
{
	__u32 size = sizeof(s->rec) + (len & (SG_EBPF_DATA - 1));

	s->rec.snap_len = len & (SG_EBPF_DATA - 1);
	s->rec.nslots = 0;
	/* sysgate reads every few milliseconds: no wakeup per record (on another
	 * CPU one costs more than the call), unless the ring is filling. */
	__u64 flags = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > SG_EBPF_RING_BYTES / 4
			      ? BPF_RB_FORCE_WAKEUP
			      : BPF_RB_NO_WAKEUP;
	if (bpf_ringbuf_output(&events, s, size, flags) != 0) {
		__u32 zero = 0;
		__u64 *n = bpf_map_lookup_elem(&dropped, &zero);
		if (n)
			*n += 1;
	}
}


static __always_inline bool traced(__u32 tgid, long nr)
{
	if (scope == SG_EBPF_SCOPE_ALL)
		return tgid != self_tgid;
	if (scope == SG_EBPF_SCOPE_CGROUP)
		return tgid != self_tgid && bpf_get_current_cgroup_id() == cgroup_id;
	__u32 *state = bpf_map_lookup_elem(&procs, &tgid);

	if (!state)
		return false;
	/* A command sysgate starts: from its execve on (the line strace shows
	 * first), not the calls of sysgate's child before it (nr -1: no call). */
	if (*state == SG_EBPF_AT_EXEC && (nr == __NR_execve || nr == __NR_execveat))
		*state = SG_EBPF_TRACED;
	return *state == SG_EBPF_TRACED;
}

SEC("raw_tp/sys_enter")
int trace_enter(struct raw_args *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();
	long nr = (long)ctx->args[1];
	__u32 tid = (__u32)id, zero = 0;

	if (!traced(id >> 32, nr))
		return 0;
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	struct inflight f = { .nr = nr };
	bpf_probe_read_kernel(&f.args[0], 8, &regs->rdi);
	bpf_probe_read_kernel(&f.args[1], 8, &regs->rsi);
	bpf_probe_read_kernel(&f.args[2], 8, &regs->rdx);
	bpf_probe_read_kernel(&f.args[3], 8, &regs->r10);
	bpf_probe_read_kernel(&f.args[4], 8, &regs->r8);
	bpf_probe_read_kernel(&f.args[5], 8, &regs->r9);
	if (nr == __NR_rt_sigreturn) /* its frame, at the stack pointer (as ptrace shows it) */
		bpf_probe_read_kernel(&f.args[0], 8, &regs->rsp);
	bpf_map_update_elem(&calls, &tid, &f, BPF_ANY);
	struct scratch *s = bpf_map_lookup_elem(&scratches, &zero);
	if (!s)
		return 0;
	s->rec.type = SG_EBPF_REC_ENTER;
	s->rec.tid = (__s32)tid;
	s->rec.nr = (__s32)nr;
	s->rec.tsc = bpf_ktime_get_ns();
	for (int i = 0; i < 6; i++)
		s->rec.v[i] = f.args[i];
	__u32 len = put_args(nr, f.args, false, 0);
	s = scratch(); /* the same, for the verifier after the calls */
	if (s)
		send(s, len);
	return 0;
}

SEC("raw_tp/sys_exit")
int trace_exit(struct raw_args *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id, zero = 0;
	struct inflight *f = bpf_map_lookup_elem(&calls, &tid);

	if (!f)
		return 0;
	struct inflight call = *f;
	bpf_map_delete_elem(&calls, &tid);
	struct scratch *s = bpf_map_lookup_elem(&scratches, &zero);
	if (!s)
		return 0;
	__s64 ret = (__s64)ctx->args[1];
	s->rec.type = SG_EBPF_REC_EXIT;
	s->rec.tid = (__s32)tid;
	s->rec.nr = (__s32)call.nr;
	s->rec.tsc = bpf_ktime_get_ns();
	s->rec.v[0] = (__u64)ret;
	for (int i = 1; i < 6; i++)
		s->rec.v[i] = 0;
	bool ok = ret >= 0 || ret < -4095;
	__u32 len = ok ? put_args(call.nr, call.args, true, ret) : 0;
	s = scratch();
	if (s)
		send(s, len);
	return 0;
}

/* A thread that ends in exit or exit_group has no exit record: its call in
 * flight goes with it. */
SEC("raw_tp/sched_process_exit")
int forget_thread(void *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	(void)ctx;
	bpf_map_delete_elem(&calls, &tid);
	return 0;
}

/* -f: a process created by a traced one is traced (a thread is by its group). */
SEC("tracepoint/task/task_newtask")
int follow_fork(void *ctx)
{
	if (follow)
		sg_bpf_follow_newtask(ctx, &procs, SG_EBPF_TRACED, newtask_pid_at, newtask_flags_at);
	return 0;
}

struct raw_args3 {
	__u64 args[3];
};

/* A signal dequeued for a traced thread, its handler or default action about
 * to run (signal:signal_deliver: sig, its kernel_siginfo, the action): the
 * siginfo, as ptrace's signal-delivery stop shows it. A thread already dying
 * (SIGKILL) has no siginfo: no line, as under ptrace. */
SEC("raw_tp/signal_deliver")
int trace_signal(struct raw_args3 *ctx)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (!traced(id >> 32, -1) || !ctx->args[1])
		return 0;
	struct scratch *s = scratch();
	if (!s)
		return 0;
	if (bpf_probe_read_kernel(&s->data[0], SG_EBPF_SIGINFO_BYTES, (void *)ctx->args[1]) != 0)
		return 0;
	s->rec.type = SG_EBPF_REC_SIGNAL;
	s->rec.tid = (__s32)(__u32)id;
	s->rec.nr = 0;
	s->rec.tsc = bpf_ktime_get_ns();
	s->rec.v[0] = ctx->args[0];
	for (int i = 1; i < 6; i++)
		s->rec.v[i] = 0;
	send(s, SG_EBPF_SIGINFO_BYTES);
	return 0;
}
