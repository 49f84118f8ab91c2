/* Decoders for ioctl: the request's name from the generated table (or its _IOC
 * fields), and the argument of the common requests. Which requests fill in their
 * argument, and so are printed at exit, is in capture.c with the bytes read. */
#include "decode_int.h"

#include <linux/fs.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>

#include "decode_ioctl_family.h"
#include "ioctl_table.h"

/* The first row for code, or NULL. */
static const struct sg_ioctl_name *ioctl_lookup(unsigned code)
{
	unsigned lo = 0, hi = sg_nioctl_names;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (sg_ioctl_names[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < sg_nioctl_names && sg_ioctl_names[lo].code == code ? &sg_ioctl_names[lo] : NULL;
}

/* _IOC(_IOC_READ|_IOC_WRITE, 0x12, 0x34, 0x8): a request no header names. */
static void print_ioc(struct sg_str *out, unsigned code)
{
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };
	unsigned size = _IOC_SIZE(code);

	sg_str_addf(out, "_IOC(%s, %#x, %#x, ", dirs[_IOC_DIR(code)], _IOC_TYPE(code), _IOC_NR(code));
	sg_str_addf(out, size ? "%#x)" : "0)", size);
}

/* Names several headers give one number are all shown: "A or B"; a family's
 * name for a number with a length or an index in it comes first. */
void sg_kind_ioctl_cmd(struct sg_dctx *d)
{
	unsigned code = (unsigned)sg_arg(d, d->idx);
	const struct sg_ioctl_name *n = ioctl_lookup(code);
	bool named = sg_ioctl_family_name(d->out, code);

	if (!n) {
		if (!named)
			print_ioc(d->out, code);
		return;
	}
	sg_str_addf(d->out, named ? " or %s" : "%s", n->name);
	while (++n < sg_ioctl_names + sg_nioctl_names && n->code == code)
		sg_str_addf(d->out, " or %s", n->name);
}

/* ---- termios: the four flag words, as their fields and flags ---- */

static const struct sg_flag iflags[] = {
	SG_FLAG(IGNBRK), SG_FLAG(BRKINT), SG_FLAG(IGNPAR), SG_FLAG(PARMRK), SG_FLAG(INPCK),
	SG_FLAG(ISTRIP), SG_FLAG(INLCR),  SG_FLAG(IGNCR),  SG_FLAG(ICRNL),  SG_FLAG(IUCLC),
	SG_FLAG(IXON),	 SG_FLAG(IXANY),  SG_FLAG(IXOFF),  SG_FLAG(IMAXBEL), SG_FLAG(IUTF8),
	SG_FLAG_END,
};
static const struct sg_flag oflags[] = {
	SG_FLAG(OPOST), SG_FLAG(OLCUC),	 SG_FLAG(ONLCR), SG_FLAG(OCRNL), SG_FLAG(ONOCR),
	SG_FLAG(ONLRET), SG_FLAG(OFILL), SG_FLAG(OFDEL), SG_FLAG_END,
};
static const struct sg_flag cflags[] = {
	SG_FLAG(CSTOPB), SG_FLAG(CREAD),  SG_FLAG(PARENB), SG_FLAG(PARODD),
	SG_FLAG(HUPCL),	 SG_FLAG(CLOCAL), SG_FLAG(CMSPAR), SG_FLAG(CRTSCTS), SG_FLAG_END,
};
/* In the order strace shows them, not by value. */
static const struct sg_flag lflags[] = {
	SG_FLAG(ISIG),	  SG_FLAG(ICANON),  SG_FLAG(XCASE),   SG_FLAG(ECHO),   SG_FLAG(ECHOE),
	SG_FLAG(ECHOK),	  SG_FLAG(ECHONL),  SG_FLAG(NOFLSH),  SG_FLAG(IEXTEN), SG_FLAG(ECHOCTL),
	SG_FLAG(ECHOPRT), SG_FLAG(ECHOKE),  SG_FLAG(FLUSHO),  SG_FLAG(PENDIN), SG_FLAG(TOSTOP),
	SG_FLAG(EXTPROC), SG_FLAG_END,
};

/* B0..B38400, then BOTHER and B57600..B4000000 (CBAUDEX set). */
static const char *const bauds[32] = {
	"B0", "B50", "B75", "B110", "B134", "B150", "B200", "B300", "B600", "B1200", "B1800",
	"B2400", "B4800", "B9600", "B19200", "B38400", "BOTHER", "B57600", "B115200",
	"B230400", "B460800", "B500000", "B576000", "B921600", "B1000000", "B1152000",
	"B1500000", "B2000000", "B2500000", "B3000000", "B3500000", "B4000000",
};
#define K_CBAUD 0x100fu
#define K_CIBAUD 0x100f0000u
#define K_IBSHIFT 16

static const char *baud_name(unsigned v)
{
	return bauds[(v & 0xf) | (v & 0x1000 ? 0x10 : 0)];
}

/* A delay field of c_oflag: NL0, CR2... (TAB3 is shown as XTABS). */
static void add_field(struct sg_str *out, const char *name, unsigned v, unsigned mask)
{
	unsigned shift = (unsigned)__builtin_ctz(mask);

	if (!strcmp(name, "TAB") && (v & mask) == mask)
		sg_str_add(out, "XTABS|");
	else
		sg_str_addf(out, "%s%u|", name, (v & mask) >> shift);
}

static void print_oflag(struct sg_str *out, unsigned v)
{
	add_field(out, "NL", v, NLDLY);
	add_field(out, "CR", v, CRDLY);
	add_field(out, "TAB", v, TABDLY);
	add_field(out, "BS", v, BSDLY);
	add_field(out, "VT", v, VTDLY);
	add_field(out, "FF", v, FFDLY);
	sg_print_flags(out, oflags, v & ~(unsigned)(NLDLY | CRDLY | TABDLY | BSDLY | VTDLY | FFDLY),
		       "");
}

static void print_cflag(struct sg_str *out, unsigned v)
{
	static const char *const sizes[] = { "CS5", "CS6", "CS7", "CS8" };

	sg_str_add(out, baud_name(v & K_CBAUD));
	if (v & K_CIBAUD)
		sg_str_addf(out, "|%s<<IBSHIFT", baud_name((v & K_CIBAUD) >> K_IBSHIFT));
	sg_str_addf(out, "|%s|", sizes[(v & CSIZE) >> 4]);
	sg_print_flags(out, cflags, v & ~(K_CBAUD | K_CIBAUD | (unsigned)CSIZE), "");
}

/* struct termios and struct termios2 start alike; the rest shows with -v only. */
static void print_termios(struct sg_dctx *d, uint64_t addr)
{
	unsigned f[4];

	if (sg_fetch(d, addr, f, sizeof(f)) < 0)
		return;
	sg_str_add(d->out, "{c_iflag=");
	sg_print_flags(d->out, iflags, f[0], "");
	sg_str_add(d->out, ", c_oflag=");
	print_oflag(d->out, f[1]);
	sg_str_add(d->out, ", c_cflag=");
	print_cflag(d->out, f[2]);
	sg_str_add(d->out, ", c_lflag=");
	sg_print_flags(d->out, lflags, f[3], "");
	sg_str_add(d->out, ", ...}");
}

/* ---- the other argument structs ---- */

static void print_winsize(struct sg_dctx *d, uint64_t addr)
{
	struct winsize w;

	if (sg_fetch(d, addr, &w, sizeof(w)) == 0)
		sg_str_addf(d->out, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", w.ws_row,
			    w.ws_col, w.ws_xpixel, w.ws_ypixel);
}

static void print_int(struct sg_dctx *d, uint64_t addr)
{
	int v;

	if (sg_fetch(d, addr, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%d]", v);
}

static void print_u64(struct sg_dctx *d, uint64_t addr)
{
	uint64_t v;

	if (sg_fetch(d, addr, &v, sizeof(v)) == 0)
		sg_str_addf(d->out, "[%llu]", (unsigned long long)v);
}

static void print_fs_flags(struct sg_dctx *d, uint64_t addr)
{
	static const struct sg_flag flags[] = {
		SG_FLAG(FS_SECRM_FL),	 SG_FLAG(FS_UNRM_FL),	     SG_FLAG(FS_COMPR_FL),
		SG_FLAG(FS_SYNC_FL),	 SG_FLAG(FS_IMMUTABLE_FL),   SG_FLAG(FS_APPEND_FL),
		SG_FLAG(FS_NODUMP_FL),	 SG_FLAG(FS_NOATIME_FL),     SG_FLAG(FS_DIRTY_FL),
		SG_FLAG(FS_COMPRBLK_FL), SG_FLAG(FS_NOCOMP_FL),	     SG_FLAG(FS_ENCRYPT_FL),
		SG_FLAG(FS_BTREE_FL),	 SG_FLAG(FS_IMAGIC_FL),	     SG_FLAG(FS_JOURNAL_DATA_FL),
		SG_FLAG(FS_NOTAIL_FL),	 SG_FLAG(FS_DIRSYNC_FL),     SG_FLAG(FS_TOPDIR_FL),
		SG_FLAG(FS_HUGE_FILE_FL), SG_FLAG(FS_EXTENT_FL),     SG_FLAG(FS_VERITY_FL),
		SG_FLAG(FS_EA_INODE_FL), SG_FLAG(FS_EOFBLOCKS_FL),   SG_FLAG(FS_NOCOW_FL),
		SG_FLAG(FS_DAX_FL),	 SG_FLAG(FS_INLINE_DATA_FL), SG_FLAG(FS_PROJINHERIT_FL),
		SG_FLAG(FS_CASEFOLD_FL), SG_FLAG_END,
	};
	unsigned v;

	if (sg_fetch(d, addr, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_flags(d->out, flags, v, "0");
	sg_str_addc(d->out, ']');
}

static void print_ifflags(struct sg_str *out, unsigned short v)
{
	static const struct sg_flag flags[] = {
		SG_FLAG(IFF_UP),	SG_FLAG(IFF_BROADCAST), SG_FLAG(IFF_DEBUG),
		SG_FLAG(IFF_LOOPBACK),	SG_FLAG(IFF_POINTOPOINT), SG_FLAG(IFF_NOTRAILERS),
		SG_FLAG(IFF_RUNNING),	SG_FLAG(IFF_NOARP),	SG_FLAG(IFF_PROMISC),
		SG_FLAG(IFF_ALLMULTI),	SG_FLAG(IFF_MASTER),	SG_FLAG(IFF_SLAVE),
		SG_FLAG(IFF_MULTICAST), SG_FLAG(IFF_PORTSEL),	SG_FLAG(IFF_AUTOMEDIA),
		SG_FLAG(IFF_DYNAMIC),	SG_FLAG_END,
	};
	sg_print_flags(out, flags, v, "0");
}

static void add_ifname(struct sg_str *out, const struct ifreq *r)
{
	size_t n = strnlen(r->ifr_name, IFNAMSIZ);

	sg_str_add(out, "ifr_name=\"");
	sg_str_add_escaped(out, (const unsigned char *)r->ifr_name, n);
	sg_str_addc(out, '"');
}

/* What the request brings in, and (when it worked) what the kernel put back. */
static void print_ifreq(struct sg_dctx *d, uint64_t addr, unsigned req)
{
	struct ifreq r;
	bool done = !d->c->is_error;

	if (sg_fetch(d, addr, &r, sizeof(r)) < 0)
		return;
	sg_str_addc(d->out, '{');
	if (req == SIOCGIFNAME) {
		sg_str_addf(d->out, "ifr_ifindex=%d", r.ifr_ifindex);
		if (done) {
			sg_str_add(d->out, ", ");
			add_ifname(d->out, &r);
		}
	} else {
		add_ifname(d->out, &r);
		if (done && req == SIOCGIFINDEX)
			sg_str_addf(d->out, ", ifr_ifindex=%d", r.ifr_ifindex);
		if (done && req == SIOCGIFFLAGS) {
			sg_str_add(d->out, ", ifr_flags=");
			print_ifflags(d->out, (unsigned short)r.ifr_flags);
		}
	}
	sg_str_addc(d->out, '}');
}

/* ---- arguments passed by value ---- */

static void print_xlat_or_hex(struct sg_str *out, const struct sg_flag *table, uint64_t v,
			      const char *unknown)
{
	for (const struct sg_flag *f = table; f->name; f++)
		if (f->val == v) {
			sg_str_add(out, f->name);
			return;
		}
	sg_str_addf(out, "%#llx /* %s */", (unsigned long long)v, unknown);
}

static void print_tcflsh(struct sg_str *out, uint64_t v)
{
	static const struct sg_flag q[] = { SG_FLAG(TCIFLUSH), SG_FLAG(TCOFLUSH),
					    SG_FLAG(TCIOFLUSH), SG_FLAG_END };
	print_xlat_or_hex(out, q, v, "TC???");
}

static void print_tcxonc(struct sg_str *out, uint64_t v)
{
	static const struct sg_flag a[] = { SG_FLAG(TCOOFF), SG_FLAG(TCOON), SG_FLAG(TCIOFF),
					    SG_FLAG(TCION), SG_FLAG_END };
	print_xlat_or_hex(out, a, v, "TC???");
}

/* TCGETS2..TCSETSF2: struct termios2 is in asm/termbits.h, which cannot be
 * included beside libc's termios.h; its size is 44. */
static bool is_termios2(unsigned req)
{
	return _IOC_TYPE(req) == 'T' && _IOC_NR(req) >= 0x2a && _IOC_NR(req) <= 0x2d &&
	       _IOC_SIZE(req) == 44;
}

/* Requests read or filled by pointer; false for any other. */
static bool print_pointed(struct sg_dctx *d, unsigned req, uint64_t addr)
{
	if (is_termios2(req)) {
		print_termios(d, addr);
		return true;
	}
	switch (req) {
	case TCGETS: case TCSETS: case TCSETSW: case TCSETSF:
		print_termios(d, addr); return true;
	case TIOCGWINSZ: case TIOCSWINSZ: print_winsize(d, addr); return true;
	case FIONREAD: case TIOCOUTQ: case TIOCGPGRP: case TIOCGSID: case TIOCGPTN:
	case FIONBIO: case FIOASYNC: case TIOCSPGRP: case TIOCSPTLCK: case BLKSSZGET:
		print_int(d, addr); return true;
	case BLKGETSIZE64: case BLKGETSIZE: print_u64(d, addr); return true;
	case FS_IOC_GETFLAGS: case FS_IOC_SETFLAGS: print_fs_flags(d, addr); return true;
	case SIOCGIFNAME: case SIOCGIFINDEX: case SIOCGIFFLAGS:
		print_ifreq(d, addr, req); return true;
	default: return false;
	}
}

void sg_kind_ioctl_arg(struct sg_dctx *d)
{
	unsigned req = (unsigned)sg_arg(d, 1);
	uint64_t v = sg_arg(d, d->idx);
	bool ifreq = req == SIOCGIFNAME || req == SIOCGIFINDEX || req == SIOCGIFFLAGS;
	const struct sg_ioctl_printer *family = sg_ioctl_family_printer(req);

	if (family) {
		family->arg(d, v);
		return;
	}
	switch (req) {
	case FIOCLEX: case FIONCLEX: case TIOCEXCL: case TIOCNXCL: case TIOCNOTTY:
		return; /* no argument */
	case TCFLSH: print_tcflsh(d->out, v); return;
	case TCXONC: print_tcxonc(d->out, v); return;
	case TCSBRK: case TCSBRKP: case TIOCSCTTY: sg_str_addf(d->out, "%d", (int)v); return;
	}
	/* A failed request filled in nothing: where it would have. */
	if (d->c->is_error && sg_ioctl_arg_at_exit(req) && !ifreq) {
		sg_print_ptr(d->out, v);
		return;
	}
	if (!print_pointed(d, req, v))
		sg_str_addf(d->out, "%#llx", (unsigned long long)v);
}

bool sg_ret_ioctl(const struct sg_call *c, struct sg_str *out)
{
	const struct sg_ioctl_printer *family;

	if (c->nr != SYS_ioctl || c->is_error)
		return false;
	family = sg_ioctl_family_printer((unsigned)c->args[1]);
	return family && family->ret && family->ret(c, out);
}
