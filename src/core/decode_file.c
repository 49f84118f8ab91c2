/* Decoders for paths, open flags, modes and stat structures. */
#include "decode_int.h"
#include "names.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <sys/sysmacros.h>
#include <unistd.h>

/* The kernel's value; glibc defines O_LARGEFILE as 0 on x86_64. */
#define SG_O_LARGEFILE 0100000

/* In the order strace prints them; a flag of two bits before its one-bit part
 * (O_SYNC holds O_DSYNC, O_TMPFILE holds O_DIRECTORY). */
static const struct sg_flag open_flags[] = {
	SG_FLAG(O_CREAT),    SG_FLAG(O_EXCL),	   SG_FLAG(O_NOCTTY),
	SG_FLAG(O_TRUNC),    SG_FLAG(O_APPEND),	   SG_FLAG(O_NONBLOCK),
	SG_FLAG(O_SYNC),     SG_FLAG(O_DSYNC),	   SG_FLAG(O_DIRECT),
	{ SG_O_LARGEFILE, "O_LARGEFILE" },	   SG_FLAG(O_NOFOLLOW),
	SG_FLAG(O_NOATIME),  SG_FLAG(O_CLOEXEC),   SG_FLAG(FASYNC),
	SG_FLAG(O_PATH),     SG_FLAG(O_TMPFILE),   SG_FLAG(O_DIRECTORY),
	SG_FLAG_END,
};

/* Paths are shown whole, whatever -s says, as strace does. */
void sg_kind_path(struct sg_dctx *d)
{
	struct sg_decode_opts whole = *d->o;
	const struct sg_decode_opts *saved = d->o;

	whole.strsize = PATH_MAX;
	d->o = &whole;
	sg_print_tracee_str(d, sg_arg(d, d->idx));
	d->o = saved;
}

void sg_kind_string(struct sg_dctx *d)
{
	sg_print_tracee_str(d, sg_arg(d, d->idx));
}

/* Shared by open flags and the O_ flags of pipe2/dup3/epoll_create1. */
static void print_open_flags(struct sg_str *out, unsigned long long v, bool with_accmode)
{
	static const char *const acc[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	unsigned long long rest = v & ~(unsigned long long)O_ACCMODE;

	/* O_TMPFILE includes O_DIRECTORY; print it whole when both bits are there. */
	if (!with_accmode) {
		sg_print_flags_as(out, open_flags, v, "0", "O_???");
		return;
	}
	sg_str_add(out, acc[v & O_ACCMODE]);
	if (rest) {
		sg_str_addc(out, '|');
		sg_print_flags(out, open_flags, rest, NULL);
	}
}

static bool is_open_call(const struct sg_dctx *d)
{
	/* Calls whose flags carry an access mode have a path (or a handle) just before. */
	int before = d->idx > 0 ? (int)SG_ARG_KIND(d->c->sc->args[d->idx - 1].kind) : -1;

	return before == SG_K_PATH || before == SG_K_FILE_HANDLE;
}

void sg_kind_open_flags(struct sg_dctx *d)
{
	print_open_flags(d->out, sg_arg(d, d->idx) & 0xffffffffu, is_open_call(d));
}

static void print_mode(struct sg_str *out, unsigned mode)
{
	static const struct sg_flag types[] = {
		SG_FLAG(S_IFREG), SG_FLAG(S_IFDIR), SG_FLAG(S_IFCHR),  SG_FLAG(S_IFBLK),
		SG_FLAG(S_IFIFO), SG_FLAG(S_IFLNK), SG_FLAG(S_IFSOCK), SG_FLAG_END,
	};
	unsigned type = mode & S_IFMT;

	for (const struct sg_flag *f = types; type && f->name; f++)
		if (f->val == type)
			sg_str_addf(out, "%s|", f->name);
	if (mode & S_ISUID)
		sg_str_add(out, "S_ISUID|");
	if (mode & S_ISGID)
		sg_str_add(out, "S_ISGID|");
	if (mode & S_ISVTX)
		sg_str_add(out, "S_ISVTX|");
	sg_str_addf(out, "%#03o", mode & 0777);
}

/* A file's mode in a stat result: its type is a named constant (-X). */
static void print_file_mode(struct sg_str *out, unsigned mode)
{
	struct sg_str names = { 0 };
	char number[16];

	print_mode(&names, mode);
	snprintf(number, sizeof(number), "%#o", mode);
	sg_print_named(out, number, names.s);
	sg_str_free(&names);
}

/* openat's mode matters only with O_CREAT or O_TMPFILE; strace then omits it. */
void sg_kind_open_mode(struct sg_dctx *d)
{
	unsigned long long flags = sg_arg(d, d->idx - 1);

	if (!(flags & O_CREAT) && (flags & O_TMPFILE) != O_TMPFILE)
		return;
	print_mode(d->out, (unsigned)sg_arg(d, d->idx));
}

void sg_kind_mode(struct sg_dctx *d)
{
	print_mode(d->out, (unsigned)sg_arg(d, d->idx));
}

void sg_kind_access_mode(struct sg_dctx *d)
{
	static const struct sg_flag modes[] = {
		SG_FLAG(R_OK), SG_FLAG(W_OK), SG_FLAG(X_OK), SG_FLAG_END,
	};
	sg_print_flags(d->out, modes, sg_arg(d, d->idx) & 0xffffffffu, "F_OK");
}

static const struct sg_flag at_flags[] = {
	SG_FLAG(AT_SYMLINK_NOFOLLOW), SG_FLAG(AT_REMOVEDIR),	    SG_FLAG(AT_SYMLINK_FOLLOW),
	SG_FLAG(AT_NO_AUTOMOUNT),     SG_FLAG(AT_EMPTY_PATH),	    SG_FLAG(AT_STATX_FORCE_SYNC),
	SG_FLAG(AT_STATX_DONT_SYNC),  SG_FLAG_END,
};

void sg_kind_at_flags(struct sg_dctx *d)
{
	sg_print_flags(d->out, at_flags, sg_arg(d, d->idx) & 0xffffffffu, "0");
}

/* statx names its default sync mode, 0, as strace does. */
void sg_kind_statx_flags(struct sg_dctx *d)
{
	sg_print_flags(d->out, at_flags, sg_arg(d, d->idx) & 0xffffffffu, "AT_STATX_SYNC_AS_STAT");
}

void sg_print_makedev(struct sg_str *out, unsigned long long dev)
{
	char number[24], names[48];

	snprintf(number, sizeof(number), "%#llx", dev);
	snprintf(names, sizeof(names), "makedev(%#x, %#x)", major(dev), minor(dev));
	sg_print_named(out, number, names);
}

static void print_dev(struct sg_str *out, const char *field, unsigned long long dev)
{
	sg_str_addf(out, "%s=", field);
	sg_print_makedev(out, dev);
	sg_str_add(out, ", ");
}

/* -v: a time as strace shows it, seconds then the moment in ISO 8601. */
void sg_print_time_comment(struct sg_str *out, long long sec, long nsec)
{
	char when[64], zone[8];
	time_t t = (time_t)sec;
	struct tm tm;

	if (localtime_r(&t, &tm) && strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm) &&
	    strftime(zone, sizeof(zone), "%z", &tm) && sg_xlat_style_now() != SG_XLAT_RAW) {
		sg_str_addf(out, " /* %s", when);
		if (nsec)
			sg_str_addf(out, ".%09ld", nsec);
		sg_str_addf(out, "%s */", zone);
	}
}

static void print_stat_time(struct sg_str *out, const char *field, long long sec, long nsec)
{
	sg_str_addf(out, ", %s=%lld", field, sec);
	sg_print_time_comment(out, sec, nsec);
	sg_str_addf(out, ", %s_nsec=%ld", field, nsec);
}

/* -v: every field, in the kernel's order. */
static void print_stat_full(struct sg_dctx *d, const struct stat *st)
{
	sg_str_addc(d->out, '{');
	print_dev(d->out, "st_dev", st->st_dev);
	sg_str_addf(d->out, "st_ino=%llu, st_mode=", (unsigned long long)st->st_ino);
	print_file_mode(d->out, st->st_mode);
	sg_str_addf(d->out, ", st_nlink=%llu, st_uid=%u, st_gid=%u, st_blksize=%ld, st_blocks=%lld, ",
		    (unsigned long long)st->st_nlink, st->st_uid, st->st_gid, (long)st->st_blksize,
		    (long long)st->st_blocks);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
		print_dev(d->out, "st_rdev", st->st_rdev);
		d->out->len -= 2; /* print_dev's ", " */
		d->out->s[d->out->len] = '\0';
	} else {
		sg_str_addf(d->out, "st_size=%lld", (long long)st->st_size);
	}
	print_stat_time(d->out, "st_atime", st->st_atim.tv_sec, st->st_atim.tv_nsec);
	print_stat_time(d->out, "st_mtime", st->st_mtim.tv_sec, st->st_mtim.tv_nsec);
	print_stat_time(d->out, "st_ctime", st->st_ctim.tv_sec, st->st_ctim.tv_nsec);
	sg_str_addc(d->out, '}');
}

void sg_kind_stat(struct sg_dctx *d)
{
	struct stat st;

	if (sg_fetch(d, sg_arg(d, d->idx), &st, sizeof(st)) < 0)
		return;
	if (sg_unabbreviated(d)) {
		print_stat_full(d, &st);
		return;
	}
	sg_str_add(d->out, "{st_mode=");
	print_file_mode(d->out, st.st_mode);
	sg_str_add(d->out, ", ");
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		print_dev(d->out, "st_rdev", st.st_rdev);
	else
		sg_str_addf(d->out, "st_size=%lld, ", (long long)st.st_size);
	sg_str_add(d->out, "...}");
}

static const struct sg_flag statx_mask[] = {
	SG_FLAG(STATX_BASIC_STATS), SG_FLAG(STATX_TYPE),   SG_FLAG(STATX_MODE),
	SG_FLAG(STATX_NLINK),	    SG_FLAG(STATX_UID),	   SG_FLAG(STATX_GID),
	SG_FLAG(STATX_ATIME),	    SG_FLAG(STATX_MTIME),  SG_FLAG(STATX_CTIME),
	SG_FLAG(STATX_INO),	    SG_FLAG(STATX_SIZE),   SG_FLAG(STATX_BLOCKS),
	SG_FLAG(STATX_BTIME),	    SG_FLAG(STATX_MNT_ID), SG_FLAG_END,
};

void sg_kind_statx_mask(struct sg_dctx *d)
{
	sg_print_flags(d->out, statx_mask, sg_arg(d, d->idx) & 0xffffffffu, "0");
}

void sg_kind_fadvice(struct sg_dctx *d)
{
	static const struct sg_flag advice[] = {
		SG_FLAG(POSIX_FADV_NORMAL),   SG_FLAG(POSIX_FADV_RANDOM),
		SG_FLAG(POSIX_FADV_SEQUENTIAL), SG_FLAG(POSIX_FADV_WILLNEED),
		SG_FLAG(POSIX_FADV_DONTNEED), SG_FLAG(POSIX_FADV_NOREUSE), SG_FLAG_END,
	};
	sg_print_xlat(d->out, advice, (int)sg_arg(d, d->idx));
}

void sg_kind_statx(struct sg_dctx *d)
{
	struct statx sx;

	if (sg_fetch(d, sg_arg(d, d->idx), &sx, sizeof(sx)) < 0)
		return;
	sg_str_add(d->out, "{stx_mask=");
	sg_print_flags(d->out, statx_mask, sx.stx_mask, "0");
	sg_str_addf(d->out, ", stx_attributes=%#llx, stx_mode=",
		    (unsigned long long)sx.stx_attributes);
	print_file_mode(d->out, sx.stx_mode);
	sg_str_addf(d->out, ", stx_size=%llu, ...}", (unsigned long long)sx.stx_size);
}

/* getdents, getdents64: the buffer's address and how many entries the call
 * returned, as strace prints them. Both records keep d_reclen at offset 16. */
/* One directory entry of getdents64 or getdents (whose type is its last byte), at
 * addr in the tracee, e its bytes: every field, as -v shows them. */
static void print_dirent(struct sg_dctx *d, const unsigned char *e, uint64_t addr, bool is64)
{
	static const struct sg_flag types[] = {
		SG_FLAG(DT_UNKNOWN), SG_FLAG(DT_FIFO), SG_FLAG(DT_CHR), SG_FLAG(DT_DIR),
		SG_FLAG(DT_BLK), SG_FLAG(DT_REG), SG_FLAG(DT_LNK), SG_FLAG(DT_SOCK),
		SG_FLAG(DT_WHT), SG_FLAG_END,
	};
	struct sg_decode_opts whole = *d->o;
	const struct sg_decode_opts *saved = d->o;
	uint64_t ino, off;
	uint16_t reclen;
	size_t name_at = is64 ? 19 : 18;

	memcpy(&ino, e, 8);
	memcpy(&off, e + 8, 8);
	memcpy(&reclen, e + 16, 2);
	sg_str_addf(d->out, "{d_ino=%llu, d_off=%llu, d_reclen=%u", (unsigned long long)ino,
		    (unsigned long long)off, reclen);
	unsigned char type = is64 ? e[18] : e[reclen - 1];
	if (is64) {
		sg_str_add(d->out, ", d_type=");
		sg_print_xval(d->out, types, type, "DT_???");
	}
	whole.strsize = PATH_MAX; /* a name is shown whole, as a path */
	d->o = &whole;
	if (reclen > name_at + !is64) {
		sg_str_add(d->out, ", d_name=");
		sg_print_tracee_str(d, addr + name_at);
	}
	d->o = saved;
	if (!is64) {
		sg_str_add(d->out, ", d_type=");
		sg_print_xval(d->out, types, type, "DT_???");
	}
	sg_str_addc(d->out, '}');
}

/* The entries of a getdents/getdents64 buffer: their count, or with -v each one. */
void sg_kind_dirents(struct sg_dctx *d)
{
	enum { RECLEN_AT = 16, HEAD = 18, MAX = 1 << 20 };
	uint64_t addr = sg_arg(d, d->idx);
	size_t len = d->c->ret > 0 ? (size_t)d->c->ret : 0;
	bool whole = sg_unabbreviated(d) && d->c->ret >= 0, is64 = d->c->nr == SYS_getdents64;
	unsigned n = 0;

	if (!whole)
		sg_print_ptr(d->out, addr);
	if (len > MAX)
		return;
	unsigned char *buf = len ? sg_xcalloc(1, len) : NULL;
	if (len && sg_call_read(d->c, addr, buf, len) != (ssize_t)len) {
		free(buf);
		if (whole)
			sg_print_ptr(d->out, addr);
		return;
	}
	if (whole)
		sg_str_addc(d->out, '[');
	for (size_t off = 0; off + HEAD + 2 <= len; n++) {
		uint16_t reclen;
		memcpy(&reclen, buf + off + RECLEN_AT, 2);
		if (reclen < HEAD + 1 || reclen > len - off)
			break;
		if (whole)
			sg_str_add(d->out, n ? ", " : "");
		if (whole)
			print_dirent(d, buf + off, addr + off, is64);
		off += reclen;
	}
	free(buf);
	if (whole)
		sg_str_addc(d->out, ']');
	else
		sg_str_addf(d->out, " /* %u entries */", n);
}

bool sg_ret_flags(const struct sg_call *c, struct sg_str *out)
{
	static const struct sg_flag fd_flags[] = { SG_FLAG(FD_CLOEXEC), SG_FLAG_END };
	unsigned long long v = (unsigned long long)c->ret;

	if (c->nr != SYS_fcntl || c->ret < 0 || (c->args[1] != F_GETFL && c->args[1] != F_GETFD))
		return false;
	if (v == 0 && c->args[1] == F_GETFD)
		return false; /* strace: a plain 0 */
	sg_str_addf(out, "%#llx (flags ", v);
	if (c->args[1] == F_GETFL)
		print_open_flags(out, v, true);
	else
		sg_print_flags(out, fd_flags, v, "0");
	sg_str_addc(out, ')');
	return true;
}

/* The kernel's mount flags in f_flags (include/linux/statfs.h; glibc's statvfs.h
 * has most but not ST_VALID, which says the field is filled in). */
static const struct sg_flag statfs_flags[] = {
	{ 0x0001, "ST_RDONLY" },      { 0x0002, "ST_NOSUID" },	   { 0x0004, "ST_NODEV" },
	{ 0x0008, "ST_NOEXEC" },      { 0x0010, "ST_SYNCHRONOUS" }, { 0x0020, "ST_VALID" },
	{ 0x0040, "ST_MANDLOCK" },    { 0x0400, "ST_NOATIME" },	   { 0x0800, "ST_NODIRATIME" },
	{ 0x1000, "ST_RELATIME" },    { 0x2000, "ST_NOSYMFOLLOW" }, SG_FLAG_END,
};

/* statfs, fstatfs: struct statfs as strace prints it. */
void sg_kind_statfs(struct sg_dctx *d)
{
	struct statfs sf;
	char number[24];
	const char *magic;

	if (sg_fetch(d, sg_arg(d, d->idx), &sf, sizeof(sf)) < 0)
		return;
	snprintf(number, sizeof(number), "%#lx", (unsigned long)sf.f_type);
	magic = sg_fs_magic_name((unsigned long)sf.f_type);
	sg_str_add(d->out, "{f_type=");
	sg_print_named(d->out, number, magic ? magic : number);
	sg_str_addf(d->out, ", f_bsize=%ld, f_blocks=%llu, f_bfree=%llu, f_bavail=%llu, "
		    "f_files=%llu, f_ffree=%llu, f_fsid={val=[%#x, %#x]}, f_namelen=%ld, "
		    "f_frsize=%ld, f_flags=", (long)sf.f_bsize,
		    (unsigned long long)sf.f_blocks, (unsigned long long)sf.f_bfree,
		    (unsigned long long)sf.f_bavail, (unsigned long long)sf.f_files,
		    (unsigned long long)sf.f_ffree, (unsigned)sf.f_fsid.__val[0],
		    (unsigned)sf.f_fsid.__val[1], (long)sf.f_namelen, (long)sf.f_frsize);
	sg_print_flags(d->out, statfs_flags, (unsigned long long)sf.f_flags, "0");
	sg_str_addc(d->out, '}');
}

/* ---- struct file_handle (name_to_handle_at, open_by_handle_at) ---- */

struct handle_header {
	uint32_t handle_bytes;
	int32_t handle_type;
};

/* The handle's bytes in hex (never cut by -s, as strace), "..." past the most a
 * handle has, "???" when they cannot be read. */
static void print_f_handle(struct sg_dctx *d, uint64_t addr, uint32_t bytes)
{
	unsigned char buf[MAX_HANDLE_SZ];
	size_t len = bytes < sizeof(buf) ? bytes : sizeof(buf);

	sg_str_add(d->out, ", f_handle=");
	if (sg_call_read(d->c, addr + sizeof(struct handle_header), buf, len) != (ssize_t)len) {
		sg_str_add(d->out, "???");
		return;
	}
	sg_str_addc(d->out, '"');
	sg_str_add_escaped_hex(d->out, buf, len, 2);
	sg_str_addc(d->out, '"');
	if (bytes > len)
		sg_str_add(d->out, "...");
}

/* open_by_handle_at's handle. */
void sg_kind_file_handle(struct sg_dctx *d)
{
	uint64_t addr = sg_arg(d, d->idx);
	struct handle_header h;

	if (sg_fetch(d, addr, &h, sizeof(h)) < 0)
		return;
	sg_str_addf(d->out, "{handle_bytes=%u, handle_type=%d", h.handle_bytes, h.handle_type);
	print_f_handle(d, addr, h.handle_bytes);
	sg_str_addc(d->out, '}');
}

/* name_to_handle_at's handle: the room it gave, what the kernel says the handle
 * takes when that changed (also on EOVERFLOW, the call that asks), and the
 * handle itself after a success. */
void sg_kind_file_handle_out(struct sg_dctx *d)
{
	uint64_t addr = sg_arg(d, d->idx);
	bool failed = d->c->is_error, overflow = failed && d->c->ret == -EOVERFLOW;
	struct handle_header h;

	if (!d->v->has_in) { /* unreadable when the call began */
		sg_print_ptr(d->out, addr);
		return;
	}
	sg_str_addf(d->out, "{handle_bytes=%u", (uint32_t)d->v->in);
	if ((!failed || overflow) &&
	    sg_call_read(d->c, addr, &h, sizeof(h)) == (ssize_t)sizeof(h)) {
		if (h.handle_bytes != (uint32_t)d->v->in)
			sg_str_addf(d->out, " => %u", h.handle_bytes);
		if (!failed) {
			sg_str_addf(d->out, ", handle_type=%d", h.handle_type);
			print_f_handle(d, addr, h.handle_bytes);
		}
	}
	sg_str_addc(d->out, '}');
}

void sg_kind_int_out(struct sg_dctx *d)
{
	int v;

	if (sg_fetch(d, sg_arg(d, d->idx), &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%d]", v);
}
