/* Argument decoding: turns the raw registers of one syscall into strace-style text
 * and typed values, reading the tracee's memory where an argument points. */
#ifndef SG_CORE_DECODE_H
#define SG_CORE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "capture.h"
#include "frames.h"
#include "strbuf.h"
#include "syscalls.h"

/* -X: strace's styles for named constants: O_RDONLY|O_CLOEXEC (abbrev), the
 * number alone, 0x80000 (raw), or the number with the names in a comment
 * (verbose). */
enum sg_xlat_style { SG_XLAT_ABBREV, SG_XLAT_RAW, SG_XLAT_VERBOSE };

/* --decode-fds=: -y is the path; -yy all of them. */
enum { SG_FD_PATH = 1, SG_FD_SOCKET = 2, SG_FD_DEV = 4, SG_FD_PIDFD = 8, SG_FD_ALL = 15 };

struct sg_decode_opts {
	int strsize;	 /* -s: bytes of strings and buffers shown (strace: 32) */
	unsigned fd_details; /* -y, -yy, --decode-fds=: what fds are shown with */
	bool text_only;	 /* no raw copies of strings (only the JSON writer reads them) */
	int hex;	 /* -x: 1, -xx: 2 (strings in \xNN) */
	const bool *raw; /* -e raw=: by syscall number, arguments and result in hex */
	/* By syscall number; NULL means none. no_abbrev (-v, -e abbrev=): execve's
	 * environment in full, not as a count. no_deref (-e verbose=): structures
	 * and arrays shown as their addresses. */
	const bool *no_abbrev;
	const bool *no_deref;
	enum sg_xlat_style xlat; /* -X: named constants as names, numbers or both */
	/* -e read=, -e write=: by fd (below SG_DUMP_FDS), the data dumped; NULL: none */
	const bool *dump_read;
	const bool *dump_write;
	/* -e kvm=vcpu: after a successful KVM_RUN, the exit reason the vcpu's
	 * struct kvm_run holds (read from the process: ptrace backend only) */
	bool kvm_vcpu;
	/* Which netlink protocol an fd of the process speaks (its messages are
	 * decoded by it): asked of fd_netlink when set (a replay, whose process is
	 * gone, answers from the recording), else of the live process's /proc. */
	bool (*fd_netlink)(void *ctx, pid_t pid, int fd, int *proto);
	void *fd_netlink_ctx;
};

#define SG_DUMP_FDS 1024

/* How a decoded value goes into JSON. */
enum sg_val_type {
	SG_VAL_NUM,  /* a plain number: JSON number */
	SG_VAL_STR,  /* bytes read from the tracee: JSON string of those bytes */
	SG_VAL_TEXT, /* symbolic or structured: JSON string of the text */
	SG_VAL_ARRAY, /* an array of strings (argv, envp): num strings, NUL-separated in raw */
};

struct sg_argval {
	char *text; /* strace rendering; NULL when the argument is not shown */
	enum sg_val_type type;
	long long num;
	char *raw; /* SG_VAL_STR: the bytes (NUL-terminated copy) */
	size_t rawlen;
	bool truncated;
	/* An in/out argument's value at entry (socklen_t *: "[128 => 16]"). */
	bool has_in;
	long long in;
	/* An ioctl argument's bytes at entry, for "IN => OUT" (apart from raw,
	 * which the string printers replace). */
	void *before;
	size_t beforelen;
	/* ...and the struct it points at (SG_IOCTL_MEM_BEFORE_EXTRA). */
	void *before_extra;
	size_t before_extra_len;
};

/* One syscall in flight for one thread. */
struct sg_call {
	pid_t pid;
	long nr;
	const struct sg_syscall *sc; /* NULL for a number the table lacks */
	uint64_t args[SG_MAX_ARGS];
	int64_t ret;
	bool is_error; /* ret is -errno */
	bool returned; /* ret is the call's result (sg_decode_exit*) */
	bool injected; /* the tracer made it fail (-e inject=): "(INJECTED)" */
	bool delayed;  /* the tracer held it back (-e inject=...:delay_*): "(DELAYED)" */
	bool no_data;  /* an observer's call recorded without its buffers: shown as pointers */
	uint64_t ip;   /* where the call was made (after the instruction), 0: unknown */
	int nargs;
	char *ret_text; /* "3", "-1 ENOENT (No such file or directory)", "?" */
	char *dump;	/* -e read=/write=: the data's hex lines, printed after the call */
	/* Kept by the text writer: the call's first part was printed at entry. */
	bool entry_shown;
	bool entry_sep; /* ", " before the output arguments was printed then */
	int entry_upto; /* arguments printed then */
	/* Set by in-process backends: argument memory copied at the call. The decoders
	 * read it instead of the process, which has moved on (see capture.h). */
	const struct sg_snap *snap;
	struct sg_stack *stack; /* -k: the user-space stack at the call, or NULL */
	/* Decoded by value (sg_decode_enter_values, sg_decode_exit_values): the
	 * texts sg_decode_text is still to make, with the options given then... */
	unsigned text_due;
	const struct sg_decode_opts *text_opts;
	/* ...and in-process, the entry's copy of memory while it is there. */
	const struct sg_snap *snap_in;
	/* Last: sg_call_clear zeroes the call's own (nargs), not all six. */
	struct sg_argval vals[SG_MAX_ARGS];
};

enum { SG_TEXT_DUE_IN = 1, SG_TEXT_DUE_OUT = 2 };

/* Whether fd of process pid is a netlink socket, and its protocol, read from /proc. */
bool sg_fd_netlink_live(pid_t pid, int fd, int *proto);
/* Whether the decoders of an argument of this kind ask which netlink protocol
 * the call's fd (its first argument) speaks. */
bool sg_kind_asks_fd_netlink(enum sg_arg_kind k);

/* Read len bytes at addr from the tracee; returns bytes read or -1. */
ssize_t sg_mem_read(pid_t pid, uint64_t addr, void *buf, size_t len);
/* The same for the memory of a call's process as the decoders see it: from the
 * call's snapshot when it has one, else from the live process. */
ssize_t sg_call_read(const struct sg_call *c, uint64_t addr, void *buf, size_t len);
/* How many reads of a call's snapshot found nothing there (memory the backend
 * did not copy: decoded as an address), since the start. */
unsigned long long sg_decode_snap_misses(void);
/* Read a NUL-terminated string of at most max bytes; sets *complete when the NUL
 * was found. Returns bytes read (without NUL) or -1. */
ssize_t sg_call_read_str(const struct sg_call *c, uint64_t addr, char *buf, size_t max,
			 bool *complete);

/* Start a call: record registers and decode the arguments the kernel only reads. */
void sg_decode_enter(struct sg_call *c, const struct sg_decode_opts *o);
/* Finish a call: decode output arguments and the return value. */
void sg_decode_exit(struct sg_call *c, const struct sg_decode_opts *o, int64_t ret);
/* For an observer, which reads a call's values and wants its text only now
 * and then: as sg_decode_enter and sg_decode_exit, but each argument gets only
 * its value (type, num, and raw for paths and strings; the other kinds are
 * SG_VAL_TEXT), the result only ret; no text, no -e read=/write= dump (with
 * -y, these decode in full). sg_decode_text makes the texts later from the
 * memory the call's decoding would have read: c->snap_in for the entry's
 * arguments, c->snap for the exit's (or the process's, NULL: under ptrace,
 * stopped at the call's exit). A backend that cannot keep the entry's memory
 * until then decodes the entry in full. */
void sg_decode_enter_values(struct sg_call *c, const struct sg_decode_opts *o);
/* Whether every argument of syscall nr that is read at its entry is a number,
 * a path or string, or data the kernel only reads (write's buffer): its text,
 * made from the process at the call's end, is what it was at the entry. Not
 * so for a struct the kernel writes back (pselect6's timeout, poll's fds). */
bool sg_decode_entry_keeps(long nr);
void sg_decode_exit_values(struct sg_call *c, const struct sg_decode_opts *o, int64_t ret);
void sg_decode_text(struct sg_call *c);
/* -e read=/write=: after sg_decode_exit, the data of a read or write on a chosen
 * fd into c->dump (read from the process: for backends that stop it). */
void sg_decode_dump(struct sg_call *c, const struct sg_decode_opts *o);
/* The call never returned (exit_group, or the process died): return shows "?". */
void sg_decode_noreturn(struct sg_call *c);
/* --decode-pids=: comm (1234<cat>) and pidns (ids in sysgate's namespace too).
 * One setting for the run, as -X's. */
enum { SG_PIDS_COMM = 1, SG_PIDS_NS = 2 };
void sg_decode_set_pids(unsigned mode);
/* The id in sysgate's pid namespace of the thread that pid namespace ns (its
 * inode) numbers tid; 0 when there is none. */
pid_t sg_tid_in_own_ns(unsigned long ns, pid_t tid);
/* <comm> after a pid in sysgate's namespace, when --decode-pids=comm asks. */
void sg_add_pid_suffix(struct sg_str *out, pid_t pid);
/* -X for what is formatted outside a call (a signal's siginfo), on this thread. */
void sg_decode_set_xlat(enum sg_xlat_style style);
/* Free the texts of a call so the struct can be reused. */
void sg_call_clear(struct sg_call *c);
/* "name(args)" for a call, without " = ret". */
void sg_call_format(const struct sg_call *c, struct sg_str *out);

#endif
