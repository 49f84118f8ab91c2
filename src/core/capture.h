/* Argument memory for decoding elsewhere and later: an in-process observer copies,
 * at the call, exactly the bytes the decoders will read (a snapshot), and the
 * decoders later read the snapshot instead of the live process.
 *
 * The plan mirrors the kind printers in decode_*.c: a kind that starts reading
 * memory there must say here what it reads (tests/trace_backends.t compares the
 * output of both ways on the same program).
 *
 * Freestanding: the trace agent runs this inside traced programs, without libc. */
#ifndef SG_CORE_CAPTURE_H
#define SG_CORE_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <stddef.h>
#include <ucontext.h>

#include "capture_shape.h"
#include "syscalls.h"

/* rt_sigreturn finds the frame of the handler returning at its stack pointer: the
 * ucontext, whose mask it restores. */
#define SG_SIGFRAME_MASK_OFFSET offsetof(ucontext_t, uc_sigmask)

#define SG_CAPTURE_MAX_REGIONS 48

struct sg_region {
	uint64_t addr;
	uint64_t len;
};

struct sg_capture_plan {
	struct sg_region r[SG_CAPTURE_MAX_REGIONS];
	int n;
};

/* What the decoders will show beyond their defaults, which decides what is
 * copied. The bitmaps are read as the in-process ring holds them. */
#define SG_CAPTURE_NR 512	   /* bits of a bitmap by syscall number */
#define SG_CAPTURE_FDS 1024	   /* bits of a bitmap by fd */
#define SG_CAPTURE_DUMP_MAX (2u << 20) /* bytes of one call's data copied for -e read= */
struct sg_capture_opts {
	int strsize; /* -s: bytes of strings and buffers shown */
	/* -v, -e abbrev=: by syscall number, the calls shown in full (execve's
	 * environment strings, every element of a message's iovec); NULL: none */
	const uint64_t *unabbreviated;
	/* -e read=, -e write=: by fd, the reads and writes whose every byte moved
	 * is dumped (up to SG_CAPTURE_DUMP_MAX); NULL: none */
	const uint64_t *dump_read;
	const uint64_t *dump_write;
};

/* Copies up to n bytes from the traced program's address src; returns how many it
 * could (it stops at the first unreadable byte). */
typedef size_t (*sg_copy_fn)(void *dst, uint64_t src, size_t n);

/* An argument of this kind is its register's value: no memory is read for it. */
bool sg_kind_in_registers(enum sg_arg_kind k);
/* Syscall nr reads and writes memory only through data buffers (read's and
 * write's): a record without them still says what every rule needs. */
bool sg_capture_data_only(long nr);

/* An argument's memory in a simple shape (capture_shape.h), for a backend that
 * copies it where the plan cannot run (the eBPF backend, in the kernel). The
 * plan below takes the same regions for these kinds (plan_shape). */
struct sg_arg_shape {
	uint8_t how; /* enum sg_shape_how */
	uint32_t len;
	uint32_t max;
};
/* false: a kind of no simple shape (its memory is not taken that way). */
bool sg_capture_arg_shape(enum sg_arg_kind kind, int strsize, struct sg_arg_shape *sh);

/* The regions the decoders read for one pass of a call: its input arguments
 * (at_exit false) or, after a successful return ret, its output arguments. */
void sg_capture_plan(struct sg_capture_plan *p, long nr, const uint64_t *args, bool at_exit,
		     int64_t ret, const struct sg_capture_opts *o, sg_copy_fn copy);
/* Whether ioctl request req fills in its argument (decoded at exit). */
bool sg_ioctl_arg_at_exit(uint32_t req);
/* What the decoders of the ioctl families read at a request's argument
 * (capture_ioctl.c): a size in bytes and how it is read; 0 for other requests. */
#define SG_IOCTL_MEM_OUT 0x80000000u	   /* decoded at exit, when the kernel filled it */
#define SG_IOCTL_MEM_FAILED_TOO 0x40000000u /* ...and read even when the call failed */
#define SG_IOCTL_MEM_BEFORE 0x20000000u	   /* ...and read at entry too, for "IN => OUT" */
#define SG_IOCTL_MEM_STRING 0x10000000u	   /* a NUL-terminated string (-s long at most) */
#define SG_IOCTL_MEM_REQ_SIZE 0x08000000u   /* as many bytes as the request's _IOC size */
/* ...and shown even under -e verbose= without ioctl (strace reads these
 * strings, the device mapper's struct and a drive's identity without asking) */
#define SG_IOCTL_MEM_ALWAYS 0x04000000u
/* BEFORE, and the first further region (k 0, which must not depend on -s or
 * -v) read at entry too: the struct an argument points at, as it went in. */
#define SG_IOCTL_MEM_BEFORE_EXTRA 0x02000000u
/* The result is a new fd (KVM_CREATE_VM, NS_GET_USERNS): under -y shown as the
 * fds open() returns are, so the in-process backends decode the call's end
 * while the fd is still there. */
#define SG_IOCTL_MEM_RET_FD 0x01000000u
#define SG_IOCTL_MEM_SIZE 0x00ffffffu
uint32_t sg_ioctl_family_mem(uint32_t req);
/* The k-th (from 0) further region a request's decoder reads, which its
 * argument leads to (an array or a struct a pointer in it points at, then what
 * the array's elements point at), in the pass the argument is read: len 0 when
 * there is nothing at k, addr 0 too when there is nothing past it. failed: the
 * call failed. */
struct sg_region sg_ioctl_family_extra(uint32_t req, uint64_t arg, bool failed, int strsize,
				       bool whole, sg_copy_fn copy, unsigned k);
/* Bytes the snapshot of a plan takes at most. */
size_t sg_snap_size(const struct sg_capture_plan *p);
/* Write the snapshot to dst (sg_snap_size bytes); returns the bytes used. */
size_t sg_snap_write(const struct sg_capture_plan *p, uint8_t *dst, sg_copy_fn copy);

struct sg_syscall;
/* Whether argument i of a call is one the kernel writes, decoded at exit: the table
 * says so for most; for a few kinds the call's other arguments decide (prctl). */
bool sg_arg_out(const struct sg_syscall *sc, const uint64_t *args, int i);
/* prctl: whether argument i is written by the kernel, and what the decoder reads at
 * it (capture_prctl.c): len bytes, or a string of at most len bytes and its NUL. */
bool sg_prctl_arg_out(const uint64_t *args, int i);
struct sg_prctl_mem {
	uint64_t len;
	bool string;
};
struct sg_prctl_mem sg_prctl_arg_mem(const uint64_t *args, int i, int strsize);

/* A snapshot, as the decoders read it. */
struct sg_snap {
	const uint8_t *data;
	size_t len;
};
/* Like process_vm_readv on one range: bytes available from addr on, or -1. */
ssize_t sg_snap_read(const struct sg_snap *s, uint64_t addr, void *buf, size_t len);

#endif
