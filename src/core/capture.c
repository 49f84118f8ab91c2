/* What each argument kind reads of the traced program's memory (see capture.h). */
#include "capture.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/syscall.h>
#include <linux/futex.h>

#include "syscalls.h"

/* The snapshot is a sequence of regions, each a header and its bytes, 8-aligned. */
struct snap_hdr {
	uint64_t addr;
	uint32_t len;
	uint32_t pad;
};

#define ALIGN8(n) (((n) + 7u) & ~(size_t)7u)
#define SOCKADDR_MAX SG_SHAPE_SOCKADDR_MAX
#define KSIGACTION_SIZE 32
#define STAT_SIZE 144
#define STATX_SIZE 256
#define STATFS_SIZE 120 /* struct statfs on x86_64 */
#define IOV_MAX_SHOWN 1024

struct planner {
	struct sg_capture_plan *p;
	const uint64_t *args;
	int nargs;
	int64_t ret;
	int strsize;
	bool whole; /* shown unabbreviated (-v) */
	sg_copy_fn copy;
};

static void add(struct planner *pl, uint64_t addr, uint64_t len)
{
	if (!addr || !len || pl->p->n == SG_CAPTURE_MAX_REGIONS)
		return;
	pl->p->r[pl->p->n++] = (struct sg_region){ addr, len };
}

static uint64_t next_arg(const struct planner *pl, int i)
{
	return i + 1 < pl->nargs ? pl->args[i + 1] : 0;
}

/* A string's bytes, as add does, except that one that starts within a page
 * after the last region joins it: the bytes between lie on the same two pages,
 * so are readable, and an array of a few hundred strings (an environment under
 * -v) fits in the regions a plan has. A joined region stays below JOIN_MAX. */
#define JOIN_MAX 65536
static void add_joined(struct planner *pl, uint64_t addr, uint64_t len)
{
	struct sg_region *last = pl->p->n ? &pl->p->r[pl->p->n - 1] : NULL;

	if (last && addr >= last->addr && addr <= last->addr + last->len + 4095 &&
	    len <= JOIN_MAX && addr - last->addr <= JOIN_MAX - len) {
		if (addr + len > last->addr + last->len)
			last->len = addr + len - last->addr;
		return;
	}
	add(pl, addr, len);
}

/* A NUL-terminated string of at most max bytes: its bytes and the NUL, or max;
 * joined to the last region when near it. */
static void add_string_near(struct planner *pl, uint64_t addr, size_t max, bool join)
{
	char chunk[64];
	size_t len = 0;

	if (!addr)
		return;
	while (len < max) {
		size_t want = max - len < sizeof(chunk) ? max - len : sizeof(chunk);
		size_t page_left = 4096 - ((addr + len) & 4095);
		if (want > page_left) /* never touch the next page unless the string does */
			want = page_left;
		size_t got = pl->copy(chunk, addr + len, want);
		for (size_t k = 0; k < got; k++)
			if (chunk[k] == '\0') {
				(join ? add_joined : add)(pl, addr, len + k + 1);
				return;
			}
		len += got;
		if (got < want)
			break;
	}
	(join ? add_joined : add)(pl, addr, len);
}

static void add_string(struct planner *pl, uint64_t addr, size_t max)
{
	add_string_near(pl, addr, max, false);
}

static bool read_u64(const struct planner *pl, uint64_t addr, uint64_t *v)
{
	return pl->copy(v, addr, sizeof(*v)) == sizeof(*v);
}

/* argv: the pointers up to the NULL, and (unless only counted: an environment
 * without -v) each string. The pointers come first: the array is shown even
 * when its strings do not all fit in the plan. */
static void add_string_array(struct planner *pl, uint64_t addr, bool strings_too)
{
	uint64_t p = 0;
	int n = 0;

	if (!addr)
		return;
	while (n < 4096 && read_u64(pl, addr + 8u * (unsigned)n, &p) && p)
		n++;
	add(pl, addr, 8u * (unsigned)(n + 1));
	for (int i = 0; strings_too && i < n; i++)
		if (read_u64(pl, addr + 8u * (unsigned)i, &p))
			add_string_near(pl, p, (size_t)pl->strsize + 1, true);
}

/* struct iovec[count]; each buffer as far as the decoder shows it. */
static void add_iovec(struct planner *pl, uint64_t addr, uint64_t count, bool out)
{
	uint64_t left = out ? (uint64_t)(pl->ret > 0 ? pl->ret : 0) : UINT64_MAX;

	if (count > SG_SHAPE_IOVEC_MAX || !addr)
		return;
	add(pl, addr, count * 16);
	for (uint64_t i = 0; i < count; i++) {
		uint64_t iov[2];
		if (pl->copy(iov, addr + i * 16, sizeof(iov)) != sizeof(iov))
			break;
		uint64_t len = iov[1] < left ? iov[1] : left;
		add(pl, iov[0], len < (uint64_t)pl->strsize ? len : (uint64_t)pl->strsize);
		left -= len;
	}
}

/* A list of group ids: as many as the decoder shows (-s of them at most). */
static void add_gids(struct planner *pl, uint64_t addr, int64_t n)
{
	if (n > 0)
		add(pl, addr, 4 * (uint64_t)(n < pl->strsize ? n : pl->strsize));
}

static void add_sockaddr(struct planner *pl, uint64_t addr, int64_t len)
{
	if (len > 0 && len <= SOCKADDR_MAX)
		add(pl, addr, (uint64_t)len);
}

/* A socket option's value of len bytes, as far as the decoders show it: a string
 * to -s, a struct, or an int read whole even when len is shorter (netlink), and
 * up to -s words of NETLINK_LIST_MEMBERSHIPS. */
static void add_sockopt_val(struct planner *pl, uint64_t addr, int64_t len)
{
	uint64_t cap = 4 * (uint64_t)pl->strsize + 32;

	if (len <= 0)
		return;
	if (len < 4)
		len = 4;
	add(pl, addr, (uint64_t)len < cap ? (uint64_t)len : cap);
}

/* struct sysinfo */
#define SYSINFO_SIZE 112
/* getsockopt at exit: the length the kernel wrote back, then that much value. */
static void add_sockopt_out(struct planner *pl, uint64_t addr, uint64_t lenp)
{
	int len = 0;

	if (lenp && pl->copy(&len, lenp, sizeof(len)) == sizeof(len))
		add_sockopt_val(pl, addr, len);
}

/* Netlink buffers are decoded whole (to a cap); which sockets are netlink is not
 * known here, so a buffer that starts like a netlink message is taken whole. */
#define NETLINK_MAX SG_SHAPE_NETLINK_MAX
#define MSGHDR_SIZE SG_SHAPE_MSGHDR_SIZE
#define CONTROL_MAX SG_SHAPE_CONTROL_MAX

static bool looks_netlink(const struct planner *pl, uint64_t addr, uint64_t len)
{
	uint32_t nlmsg_len = 0;

	return len >= 16 && pl->copy(&nlmsg_len, addr, sizeof(nlmsg_len)) == sizeof(nlmsg_len) &&
	       nlmsg_len >= 16 && nlmsg_len < (1u << 24);
}

/* sendto/recvfrom: len bytes as far as the decoders show them. */
/* struct file_handle: its header (handle_bytes, handle_type), then as many of
 * the handle's bytes as it says, up to the most a handle has. */
static void add_file_handle(struct planner *pl, uint64_t addr)
{
	uint32_t bytes = 0;

	if (!addr || pl->copy(&bytes, addr, sizeof(bytes)) != sizeof(bytes))
		return;
	add(pl, addr, 2 * sizeof(uint32_t) + (bytes < MAX_HANDLE_SZ ? bytes : MAX_HANDLE_SZ));
}

static void add_sockbuf(struct planner *pl, uint64_t addr, uint64_t len)
{
	uint64_t cap = looks_netlink(pl, addr, len) ? NETLINK_MAX : (uint64_t)pl->strsize;

	add(pl, addr, len < cap ? len : cap);
}

/* struct msghdr: itself, its name, its iovec and the data (at most size bytes in
 * all: what recvmsg returned), its control messages. */
static void add_msghdr(struct planner *pl, uint64_t addr, uint64_t size)
{
	uint64_t m[7]; /* name, namelen, iov, iovlen, control, controllen, flags */
	uint16_t family = 0;

	if (!addr || pl->copy(m, addr, sizeof(m)) != sizeof(m))
		return;
	add(pl, addr, MSGHDR_SIZE);
	int namelen = (int)(uint32_t)m[1];
	add_sockaddr(pl, m[0], namelen);
	bool netlink = m[0] && namelen >= 2 && pl->copy(&family, m[0], 2) == 2 &&
		       family == 16 /* AF_NETLINK */;
	if (m[2] && m[3] <= IOV_MAX_SHOWN) {
		uint64_t n = m[3] < (uint64_t)pl->strsize || pl->whole ? m[3] : (uint64_t)pl->strsize;
		add(pl, m[2], m[3] * 16);
		for (uint64_t i = 0; i < n; i++) {
			uint64_t iov[2];
			if (pl->copy(iov, m[2] + i * 16, sizeof(iov)) != sizeof(iov))
				break;
			uint64_t len = iov[1] < size ? iov[1] : size;
			uint64_t cap = netlink ? NETLINK_MAX : (uint64_t)pl->strsize;
			add(pl, iov[0], len < cap ? len : cap);
			size -= len;
		}
	}
	add(pl, m[4], m[5] < CONTROL_MAX ? m[5] : CONTROL_MAX);
}

/* sendmmsg/recvmmsg at exit: the messages the call handled (its result), each a
 * struct mmsghdr: a msghdr and the msg_len the kernel wrote; a received one's
 * data as far as that length. */
#define MMSGHDR_SIZE 64
static void add_mmsghdrs(struct planner *pl, uint64_t addr, uint64_t vlen, bool received)
{
	uint64_t n = pl->ret > 0 ? (uint64_t)pl->ret : 0;

	for (uint64_t i = 0; i < n && i < vlen && i < (uint64_t)pl->strsize; i++) {
		uint64_t at = addr + i * MMSGHDR_SIZE;
		uint32_t len = 0;
		if (pl->copy(&len, at + MSGHDR_SIZE, sizeof(len)) != sizeof(len))
			return;
		add(pl, at + MSGHDR_SIZE, sizeof(len));
		add_msghdr(pl, at, received ? len : UINT64_MAX);
	}
}

static bool futex_waits(uint64_t op)
{
	int cmd = (int)(op & FUTEX_CMD_MASK);

	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

/* What the families' decoders read at an ioctl's argument (capture_ioctl.c). */
static uint32_t ioctl_arg(uint32_t req)
{
	return sg_ioctl_family_mem(req);
}

bool sg_ioctl_arg_at_exit(uint32_t req)
{
	return (ioctl_arg(req) & SG_IOCTL_MEM_OUT) != 0;
}

/* A failed request wrote nothing; what it was given is still shown by the
 * requests that say so (SG_IOCTL_MEM_FAILED_TOO). */
static void add_ioctl_arg(struct planner *pl, uint64_t addr, uint32_t req, bool failed)
{
	uint32_t mem = ioctl_arg(req);
	struct sg_region extra;

	if (mem & SG_IOCTL_MEM_STRING)
		add_string(pl, addr, (size_t)pl->strsize + 1);
	else if (!failed || (mem & SG_IOCTL_MEM_FAILED_TOO))
		add(pl, addr, mem & SG_IOCTL_MEM_SIZE);
	if (!addr || (failed && !(mem & SG_IOCTL_MEM_FAILED_TOO)))
		return;
	for (unsigned k = 0;; k++) {
		extra = sg_ioctl_family_extra(req, addr, failed, pl->strsize, pl->whole, pl->copy, k);
		if (!extra.addr)
			break;
		add(pl, extra.addr, extra.len);
	}
}

/* An argument decoded at exit whose value before the call is shown too. */
static void add_ioctl_before(struct planner *pl, uint64_t addr, uint32_t req)
{
	uint32_t mem = ioctl_arg(req);

	if (mem & SG_IOCTL_MEM_BEFORE)
		add(pl, addr, mem & SG_IOCTL_MEM_SIZE);
	if ((mem & SG_IOCTL_MEM_BEFORE_EXTRA) && addr) {
		struct sg_region extra =
			sg_ioctl_family_extra(req, addr, false, pl->strsize, pl->whole, pl->copy, 0);
		if (extra.addr)
			add(pl, extra.addr, extra.len);
	}
}

bool sg_capture_arg_shape(enum sg_arg_kind kind, int strsize, struct sg_arg_shape *sh)
{
	uint32_t s = strsize > 0 ? (uint32_t)strsize : 0;

	*sh = (struct sg_arg_shape){ SG_SHAPE_FIXED, 0, 0 };
	switch (kind) {
	case SG_K_PATH: *sh = (struct sg_arg_shape){ SG_SHAPE_STRING, 0, PATH_MAX + 1 }; break;
	case SG_K_STRING: *sh = (struct sg_arg_shape){ SG_SHAPE_STRING, 0, s + 1 }; break;
	case SG_K_BUF_IN: *sh = (struct sg_arg_shape){ SG_SHAPE_NEXT_ARG_LEN, 0, s }; break;
	case SG_K_BUF_OUT: *sh = (struct sg_arg_shape){ SG_SHAPE_RET_LEN, 0, s }; break;
	/* a length the decoder does not show from (<= 0, or past the largest
	 * address) has the bytes copied unread */
	case SG_K_SOCKADDR: *sh = (struct sg_arg_shape){ SG_SHAPE_NEXT_ARG_LEN, 0, SOCKADDR_MAX }; break;
	case SG_K_POLLFD: *sh = (struct sg_arg_shape){ SG_SHAPE_COUNTED, 8, IOV_MAX_SHOWN }; break;
	case SG_K_IOVEC: *sh = (struct sg_arg_shape){ SG_SHAPE_IOVEC, 0, s }; break;
	case SG_K_IOVEC_OUT: *sh = (struct sg_arg_shape){ SG_SHAPE_IOVEC, 1, s }; break;
	case SG_K_MSGHDR_IN: *sh = (struct sg_arg_shape){ SG_SHAPE_MSGHDR, 0, s }; break;
	case SG_K_MSGHDR_OUT: *sh = (struct sg_arg_shape){ SG_SHAPE_MSGHDR, 1, s }; break;
	/* the records, to count them */
	case SG_K_DIRENTS: *sh = (struct sg_arg_shape){ SG_SHAPE_RET_LEN, 0, UINT32_MAX }; break;
	case SG_K_STAT: sh->len = STAT_SIZE; break;
	case SG_K_STATX: sh->len = STATX_SIZE; break;
	case SG_K_STATFS: sh->len = STATFS_SIZE; break;
	case SG_K_TIMESPEC: sh->len = 16; break;
	case SG_K_RLIMIT: sh->len = 16; break;
	case SG_K_SIGACTION: sh->len = KSIGACTION_SIZE; break;
	case SG_K_SIGSET: sh->len = 8; break;
	case SG_K_PIPE_FDS: sh->len = 8; break;
	case SG_K_INT_OUT: sh->len = 4; break;
	case SG_K_SOCKLEN: sh->len = 4; break;
	case SG_K_SOCKOPT_LEN_OUT: sh->len = 4; break;
	case SG_K_SYSINFO: sh->len = SYSINFO_SIZE; break;
	case SG_K_WAIT_STATUS: *sh = (struct sg_arg_shape){ SG_SHAPE_FIXED_IF_RET, 4, 0 }; break;
	case SG_K_SIGFRAME:
		*sh = (struct sg_arg_shape){ SG_SHAPE_FIXED_PAST, 8, SG_SIGFRAME_MASK_OFFSET };
		break;
	case SG_K_ARGV: *sh = (struct sg_arg_shape){ SG_SHAPE_STRINGS, 0, s + 1 }; break;
	case SG_K_ENVP: *sh = (struct sg_arg_shape){ SG_SHAPE_POINTERS, 0, 0 }; break;
	default: return false;
	}
	return true;
}

/* An argument of a simple shape: its region. */
static bool plan_shape(struct planner *pl, int i, enum sg_arg_kind kind)
{
	struct sg_arg_shape sh;
	uint64_t a = pl->args[i];

	if (!sg_capture_arg_shape(kind, pl->strsize, &sh))
		return false;
	switch (sh.how) {
	case SG_SHAPE_STRING: add_string(pl, a, sh.max); return true;
	case SG_SHAPE_FIXED: add(pl, a, sh.len); return true;
	case SG_SHAPE_NEXT_ARG_LEN:
		add(pl, a, next_arg(pl, i) < sh.max ? next_arg(pl, i) : sh.max);
		return true;
	case SG_SHAPE_RET_LEN:
		if (pl->ret > 0)
			add(pl, a, (uint64_t)pl->ret < sh.max ? (uint64_t)pl->ret : sh.max);
		return true;
	case SG_SHAPE_FIXED_IF_RET:
		if (pl->ret > 0)
			add(pl, a, sh.len);
		return true;
	case SG_SHAPE_FIXED_PAST: add(pl, a + sh.max, sh.len); return true;
	case SG_SHAPE_COUNTED:
		if (next_arg(pl, i) <= sh.max)
			add(pl, a, next_arg(pl, i) * sh.len);
		return true;
	case SG_SHAPE_IOVEC: add_iovec(pl, a, next_arg(pl, i), sh.len != 0); return true;
	case SG_SHAPE_MSGHDR:
		add_msghdr(pl, a, !sh.len ? UINT64_MAX : pl->ret > 0 ? (uint64_t)pl->ret : 0);
		return true;
	default: return false; /* argv, envp: the plan reads them whole (below) */
	}
}

static void plan_arg(struct planner *pl, int i, enum sg_arg_kind kind)
{
	uint64_t a = pl->args[i];

	if (plan_shape(pl, i, kind))
		return;
	switch (kind) {
	case SG_K_GIDS_IN: add_gids(pl, a, (int64_t)(int)pl->args[i - 1]); break;
	case SG_K_GIDS_OUT: add_gids(pl, a, pl->ret); break;
	case SG_K_ARGV: add_string_array(pl, a, true); break;
	case SG_K_ENVP: add_string_array(pl, a, pl->whole); break;
	case SG_K_SOCKADDR_OUT: {
		int len = 0;
		uint64_t lenp = next_arg(pl, i);
		if (lenp && pl->copy(&len, lenp, sizeof(len)) == sizeof(len)) {
			add(pl, lenp, sizeof(len));
			add_sockaddr(pl, a, len);
		}
		break;
	}
	case SG_K_FUTEX_TIMEOUT:
		if (futex_waits(pl->args[1]))
			add(pl, a, 16);
		break;
	case SG_K_FILE_HANDLE: case SG_K_FILE_HANDLE_OUT: add_file_handle(pl, a); break;
	case SG_K_SOCKOPT_NAME: add(pl, pl->args[4], 4); break; /* getsockopt's length in */
	case SG_K_SOCKOPT_VAL_IN: add_sockopt_val(pl, a, (int)pl->args[4]); break;
	case SG_K_SOCKOPT_VAL_OUT: add_sockopt_out(pl, a, pl->args[4]); break;
	case SG_K_PRCTL_ARG: {
		struct sg_prctl_mem m = sg_prctl_arg_mem(pl->args, i, pl->strsize);
		if (m.string)
			add_string(pl, a, m.len);
		else
			add(pl, a, m.len);
		break;
	}
	case SG_K_SOCKBUF_IN: add_sockbuf(pl, a, next_arg(pl, i)); break;
	case SG_K_SOCKBUF_OUT:
		if (pl->ret > 0)
			add_sockbuf(pl, a, (uint64_t)pl->ret);
		break;
	case SG_K_MMSGHDR_IN: add_mmsghdrs(pl, a, next_arg(pl, i), false); break;
	case SG_K_MMSGHDR_OUT: add_mmsghdrs(pl, a, next_arg(pl, i), true); break;
	case SG_K_IOCTL_ARG:
		add_ioctl_arg(pl, a, (uint32_t)pl->args[1], pl->ret < 0 && pl->ret >= -4095);
		break;
	default: break; /* the value is in the register */
	}
}

static bool in_bitmap(const uint64_t *bits, uint64_t i, uint64_t nbits)
{
	return bits && i < nbits && (bits[i / 64] >> (i % 64) & 1);
}

/* The calls that move data, as decode_dump.c dumps them: one buffer, or an
 * iovec array. */
enum dump_shape { DUMP_NONE, DUMP_BUF, DUMP_IOV };

static enum dump_shape dump_shape(long nr, bool *is_write)
{
	*is_write = nr == SYS_write || nr == SYS_pwrite64 || nr == SYS_sendto ||
		    nr == SYS_writev || nr == SYS_pwritev || nr == SYS_pwritev2;
	switch (nr) {
	case SYS_read: case SYS_pread64: case SYS_recvfrom:
	case SYS_write: case SYS_pwrite64: case SYS_sendto:
		return DUMP_BUF;
	case SYS_readv: case SYS_preadv: case SYS_preadv2:
	case SYS_writev: case SYS_pwritev: case SYS_pwritev2:
		return DUMP_IOV;
	default:
		return DUMP_NONE;
	}
}

/* Each element's data, as far as the call moved it (left bytes). */
static void add_iovec_data(struct planner *pl, uint64_t addr, uint64_t count, uint64_t left)
{
	if (count > SG_SHAPE_IOVEC_MAX || !addr)
		return;
	add(pl, addr, count * 16);
	for (uint64_t i = 0; i < count && left; i++) {
		uint64_t iov[2];
		if (pl->copy(iov, addr + i * 16, sizeof(iov)) != sizeof(iov))
			break;
		uint64_t len = iov[1] < left ? iov[1] : left;
		add(pl, iov[0], len);
		left -= len;
	}
}

/* -e read=, -e write=: at the end of a read or write on one of the fds, every
 * byte it moved. Planned first: the decoders find these whole regions before
 * the ones cut at -s. */
static void plan_dump(struct planner *pl, long nr, const struct sg_capture_opts *o)
{
	bool is_write;
	enum dump_shape shape = dump_shape(nr, &is_write);
	uint64_t fd = pl->args[0];

	if (shape == DUMP_NONE || pl->ret <= 0 ||
	    !in_bitmap(is_write ? o->dump_write : o->dump_read, fd, SG_CAPTURE_FDS))
		return;
	uint64_t left = (uint64_t)pl->ret < SG_CAPTURE_DUMP_MAX ? (uint64_t)pl->ret
								 : SG_CAPTURE_DUMP_MAX;
	if (shape == DUMP_BUF)
		add(pl, pl->args[1], left);
	else
		add_iovec_data(pl, pl->args[1], pl->args[2], left);
}

bool sg_kind_in_registers(enum sg_arg_kind k)
{
	switch (k) {
	case SG_K_INT: case SG_K_UINT: case SG_K_HEX: case SG_K_PTR: case SG_K_FD:
	case SG_K_DIRFD: case SG_K_OPEN_FLAGS: case SG_K_OPEN_MODE: case SG_K_MODE:
	case SG_K_ACCESS_MODE: case SG_K_AT_FLAGS: case SG_K_PROT: case SG_K_MMAP_FLAGS:
	case SG_K_MADVICE: case SG_K_SEEK_WHENCE: case SG_K_MSG_FLAGS: case SG_K_FADVICE:
	case SG_K_FLAGS: case SG_K_CLOCKID: case SG_K_SIGNAL: case SG_K_PID:
		return true;
	default:
		return false;
	}
}

bool sg_capture_data_only(long nr)
{
	const struct sg_syscall *sc = nr >= 0 && nr < SG_NR_SYSCALLS ? &sg_syscall_table[nr] : 0;

	if (!sc || !sc->name || sc->no_metadata)
		return false;
	for (int i = 0; i < sc->nargs; i++) {
		enum sg_arg_kind k = SG_ARG_KIND(sc->args[i].kind);
		if (!sg_kind_in_registers(k) && k != SG_K_BUF_IN && k != SG_K_BUF_OUT)
			return false;
	}
	return true;
}

void sg_capture_plan(struct sg_capture_plan *p, long nr, const uint64_t *args, bool at_exit,
		     int64_t ret, const struct sg_capture_opts *o, sg_copy_fn copy)
{
	const struct sg_syscall *sc = nr >= 0 && nr < SG_NR_SYSCALLS ? &sg_syscall_table[nr] : 0;
	struct planner pl = { p, args, sc ? sc->nargs : 0, ret, o->strsize,
			      in_bitmap(o->unabbreviated, (uint64_t)nr, SG_CAPTURE_NR), copy };

	p->n = 0;
	if (!sc || !sc->name || sc->no_metadata)
		return;
	/* A failed call wrote nothing; its output arguments print as pointers
	 * (ioctl's decides for itself). */
	bool failed = at_exit && ret < 0 && ret >= -4095;
	if (at_exit && (o->dump_read || o->dump_write))
		plan_dump(&pl, nr, o);
	for (int i = 0; i < sc->nargs; i++) {
		enum sg_arg_kind kind = SG_ARG_KIND(sc->args[i].kind);
		/* name_to_handle_at's EOVERFLOW says how big the handle is */
		bool read_failed = kind == SG_K_IOCTL_ARG || kind == SG_K_FILE_HANDLE_OUT;
		if (sg_arg_out(sc, args, i) == at_exit && (!failed || read_failed))
			plan_arg(&pl, i, kind);
		else if (!at_exit && (kind == SG_K_SOCKLEN || kind == SG_K_FILE_HANDLE_OUT))
			add(&pl, pl.args[i], 4); /* its value before the call: [IN => OUT] */
		else if (!at_exit && kind == SG_K_MSGHDR_OUT && pl.args[i])
			add(&pl, pl.args[i] + 8, 4); /* msg_namelen before the call */
		else if (!at_exit && kind == SG_K_IOCTL_ARG)
			add_ioctl_before(&pl, pl.args[i], (uint32_t)pl.args[1]);
	}
}

bool sg_arg_out(const struct sg_syscall *sc, const uint64_t *args, int i)
{
	int kind = sc->args[i].kind;

	switch (SG_ARG_KIND(kind)) {
	case SG_K_PRCTL_ARG: return sg_prctl_arg_out(args, i);
	case SG_K_IOCTL_ARG: return sg_ioctl_arg_at_exit((uint32_t)args[1]);
	default: return (kind & SG_ARG_OUT) != 0;
	}
}

size_t sg_snap_size(const struct sg_capture_plan *p)
{
	size_t n = 0;

	for (int i = 0; i < p->n; i++)
		n += sizeof(struct snap_hdr) + ALIGN8(p->r[i].len);
	return n;
}

size_t sg_snap_write(const struct sg_capture_plan *p, uint8_t *dst, sg_copy_fn copy)
{
	size_t off = 0;

	for (int i = 0; i < p->n; i++) {
		struct snap_hdr *h = (struct snap_hdr *)(dst + off);
		size_t got = copy(dst + off + sizeof(*h), p->r[i].addr, p->r[i].len);
		if (!got)
			continue;
		h->addr = p->r[i].addr;
		h->len = (uint32_t)got;
		h->pad = 0;
		off += sizeof(*h) + ALIGN8(got);
	}
	return off;
}

ssize_t sg_snap_read(const struct sg_snap *s, uint64_t addr, void *buf, size_t len)
{
	size_t off = 0;

	while (off + sizeof(struct snap_hdr) <= s->len) {
		const struct snap_hdr *h = (const struct snap_hdr *)(s->data + off);
		const uint8_t *bytes = s->data + off + sizeof(*h);
		if (h->len > s->len - off - sizeof(*h))
			return -1; /* a region that claims more than the snapshot holds */
		if (addr >= h->addr && addr < h->addr + h->len) {
			size_t avail = (size_t)(h->addr + h->len - addr);
			size_t n = len < avail ? len : avail;
			for (size_t k = 0; k < n; k++)
				((uint8_t *)buf)[k] = bytes[addr - h->addr + k];
			return (ssize_t)n;
		}
		off += sizeof(*h) + ALIGN8(h->len);
	}
	return -1;
}
