/* The ioctl families decoded each in its own decode_ioctl_<family>.c: a table of
 * the requests a family knows, with the printer of each one's argument and, for
 * a few, of its result. What the printers read is in capture_ioctl.c. */
#ifndef SG_CORE_DECODE_IOCTL_FAMILY_H
#define SG_CORE_DECODE_IOCTL_FAMILY_H

#include "capture.h"
#include "decode_int.h"

#include <linux/ioctl.h>

struct sg_ioctl_printer {
	unsigned req;
	/* The argument arg, in the pass capture_ioctl.c says (at exit for the
	 * requests that fill it in); printing nothing hides it. */
	void (*arg)(struct sg_dctx *d, uint64_t arg);
	/* A successful result; false to print it as a number. May be NULL. */
	bool (*ret)(const struct sg_call *c, struct sg_str *out);
	/* The bits of a request's number that must equal req's; 0 for all. Requests
	 * that carry a length or an index in their number (EVIOCGNAME(len)) match
	 * on the rest. */
	unsigned mask;
};

struct sg_ioctl_family {
	const struct sg_ioctl_printer *rows;
	unsigned n;
	/* The name of a request whose number carries a length or an index
	 * ("EVIOCGBIT(EV_KEY, 96)"); false when it is not one. May be NULL. */
	bool (*name)(struct sg_str *out, unsigned req);
};
#define SG_IOCTL_FAMILY_NAMED(family, rows, name) \
	const struct sg_ioctl_family family = { rows, sizeof(rows) / sizeof(rows[0]), name }
#define SG_IOCTL_FAMILY(family, rows) SG_IOCTL_FAMILY_NAMED(family, rows, NULL)

extern const struct sg_ioctl_family sg_ioctl_nsfs, sg_ioctl_seccomp, sg_ioctl_uffdio, sg_ioctl_perf,
	sg_ioctl_sg, sg_ioctl_kvm, sg_ioctl_term, sg_ioctl_sock, sg_ioctl_block, sg_ioctl_loop,
	sg_ioctl_fs, sg_ioctl_random, sg_ioctl_rtc, sg_ioctl_inotify, sg_ioctl_watchdog,
	sg_ioctl_evdev, sg_ioctl_dm, sg_ioctl_ptp, sg_ioctl_mtd, sg_ioctl_nbd, sg_ioctl_ubi,
	sg_ioctl_v4l2, sg_ioctl_kd, sg_ioctl_hdio, sg_ioctl_lirc, sg_ioctl_tee, sg_ioctl_gpio,
	sg_ioctl_btrfs;

/* The printer of req in any family, or NULL. */
const struct sg_ioctl_printer *sg_ioctl_family_printer(unsigned req);
/* A family's name for req, which carries a length or an index; false if none. */
bool sg_ioctl_family_name(struct sg_str *out, unsigned req);

/* Bits named as strace names an ioctl number's bit: "1<<_UFFDIO_API". */
#define SG_BIT_FLAG(x) { 1ULL << (x), "1<<" #x }

/* A request that fills in its argument failed: its address; true then. */
bool sg_ioctl_out_failed(struct sg_dctx *d, uint64_t arg);
/* What the argument held before the call (SG_IOCTL_MEM_BEFORE), or NULL when
 * it could not be read; size bytes. */
const void *sg_ioctl_before(const struct sg_dctx *d, size_t size);
/* What the struct the argument points at held before the call
 * (SG_IOCTL_MEM_BEFORE_EXTRA), *len bytes; NULL when it could not be read. */
const void *sg_ioctl_before_extra(const struct sg_dctx *d, size_t *len);
/* Printers several families share. A request that fills in its argument and
 * failed never reaches them unless capture_ioctl.c keeps it (KEEP): it is shown
 * by address. */
void sg_ioctl_none(struct sg_dctx *d, uint64_t arg);   /* no argument */
void sg_ioctl_int(struct sg_dctx *d, uint64_t arg);    /* [int] */
void sg_ioctl_uint(struct sg_dctx *d, uint64_t arg);   /* [unsigned] */
void sg_ioctl_val_d(struct sg_dctx *d, uint64_t arg);  /* an int by value */
void sg_ioctl_val_u(struct sg_dctx *d, uint64_t arg);  /* an unsigned long by value */
void sg_ioctl_val_fd(struct sg_dctx *d, uint64_t arg); /* an fd by value */
void sg_ioctl_addr(struct sg_dctx *d, uint64_t arg);   /* an address: NULL or 0x... */
/* "{" name "=" */
void sg_field(struct sg_str *out, const char *sep, const char *name);

#endif
