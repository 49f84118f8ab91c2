/* ioctls of terminals (asm/ioctls.h, the 'T' requests): the kernel's struct
 * termios, termios2 and termio with their four flag words (and under -v the line
 * discipline and the control characters), window sizes, modem lines, and the
 * ints they pass by pointer or by value. */
#include "decode_ioctl_family.h"

/* The kernel's layouts, not libc's (whose struct termios differs). */
#include <linux/termios.h>
#include <linux/tty.h>

static const struct sg_flag iflags[] = {
	SG_FLAG(IGNBRK), SG_FLAG(BRKINT), SG_FLAG(IGNPAR), SG_FLAG(PARMRK),  SG_FLAG(INPCK),
	SG_FLAG(ISTRIP), SG_FLAG(INLCR),  SG_FLAG(IGNCR),  SG_FLAG(ICRNL),   SG_FLAG(IUCLC),
	SG_FLAG(IXON),	 SG_FLAG(IXANY),  SG_FLAG(IXOFF),  SG_FLAG(IMAXBEL), SG_FLAG(IUTF8),
	SG_FLAG_END,
};
static const struct sg_flag oflags[] = {
	SG_FLAG(OPOST),	 SG_FLAG(OLCUC), SG_FLAG(ONLCR), SG_FLAG(OCRNL), SG_FLAG(ONOCR),
	SG_FLAG(ONLRET), SG_FLAG(OFILL), SG_FLAG(OFDEL), SG_FLAG_END,
};
static const struct sg_flag cflags[] = {
	SG_FLAG(CSTOPB), SG_FLAG(CREAD),  SG_FLAG(PARENB), SG_FLAG(PARODD),
	SG_FLAG(HUPCL),	 SG_FLAG(CLOCAL), SG_FLAG(CMSPAR), SG_FLAG(CRTSCTS), SG_FLAG_END,
};
/* In the order strace shows them, not by value. */
static const struct sg_flag lflags[] = {
	SG_FLAG(ISIG),	  SG_FLAG(ICANON), SG_FLAG(XCASE),  SG_FLAG(ECHO),   SG_FLAG(ECHOE),
	SG_FLAG(ECHOK),	  SG_FLAG(ECHONL), SG_FLAG(NOFLSH), SG_FLAG(IEXTEN), SG_FLAG(ECHOCTL),
	SG_FLAG(ECHOPRT), SG_FLAG(ECHOKE), SG_FLAG(FLUSHO), SG_FLAG(PENDIN), SG_FLAG(TOSTOP),
	SG_FLAG(EXTPROC), SG_FLAG_END,
};
static const struct sg_flag bauds[] = {
	SG_FLAG(B0),	   SG_FLAG(B50),      SG_FLAG(B75),	 SG_FLAG(B110),
	SG_FLAG(B134),	   SG_FLAG(B150),     SG_FLAG(B200),	 SG_FLAG(B300),
	SG_FLAG(B600),	   SG_FLAG(B1200),    SG_FLAG(B1800),	 SG_FLAG(B2400),
	SG_FLAG(B4800),	   SG_FLAG(B9600),    SG_FLAG(B19200),	 SG_FLAG(B38400),
	SG_FLAG(BOTHER),   SG_FLAG(B57600),   SG_FLAG(B115200),	 SG_FLAG(B230400),
	SG_FLAG(B460800),  SG_FLAG(B500000),  SG_FLAG(B576000),	 SG_FLAG(B921600),
	SG_FLAG(B1000000), SG_FLAG(B1152000), SG_FLAG(B1500000), SG_FLAG(B2000000),
	SG_FLAG(B2500000), SG_FLAG(B3000000), SG_FLAG(B3500000), SG_FLAG(B4000000),
	SG_FLAG_END,
};
static const struct sg_flag sizes[] = {
	SG_FLAG(CS5), SG_FLAG(CS6), SG_FLAG(CS7), SG_FLAG(CS8), SG_FLAG_END,
};
/* The delay fields of c_oflag, each with its values (TAB3 is XTABS). */
static const struct sg_flag nl[] = { SG_FLAG(NL0), SG_FLAG(NL1), SG_FLAG_END };
static const struct sg_flag cr[] = { SG_FLAG(CR0), SG_FLAG(CR1), SG_FLAG(CR2), SG_FLAG(CR3),
				     SG_FLAG_END };
static const struct sg_flag tab[] = { SG_FLAG(TAB0), SG_FLAG(TAB1), SG_FLAG(TAB2),
				      SG_FLAG(XTABS), SG_FLAG_END };
static const struct sg_flag bs[] = { SG_FLAG(BS0), SG_FLAG(BS1), SG_FLAG_END };
static const struct sg_flag vt[] = { SG_FLAG(VT0), SG_FLAG(VT1), SG_FLAG_END };
static const struct sg_flag ff[] = { SG_FLAG(FF0), SG_FLAG(FF1), SG_FLAG_END };

static const struct sg_flag line_discs[] = {
	SG_FLAG(N_TTY),	  SG_FLAG(N_SLIP),    SG_FLAG(N_MOUSE),	 SG_FLAG(N_PPP),
	SG_FLAG(N_STRIP), SG_FLAG(N_AX25),    SG_FLAG(N_X25),	 SG_FLAG(N_6PACK),
	SG_FLAG(N_MASC),  SG_FLAG(N_R3964),   SG_FLAG(N_PROFIBUS_FDL), SG_FLAG(N_IRDA),
	SG_FLAG(N_SMSBLOCK), SG_FLAG(N_HDLC), SG_FLAG(N_SYNC_PPP), SG_FLAG(N_HCI),
	SG_FLAG(N_GIGASET_M101), SG_FLAG(N_SLCAN), SG_FLAG(N_PPS), SG_FLAG(N_V253),
	SG_FLAG(N_CAIF), SG_FLAG(N_GSM0710),  SG_FLAG(N_TI_WL),	 SG_FLAG(N_TRACESINK),
	SG_FLAG(N_TRACEROUTER), SG_FLAG(N_NCI), SG_FLAG(N_SPEAKUP), SG_FLAG(N_NULL),
	SG_FLAG_END,
};
/* The control characters by index; an index without a name shows as a number. */
static const struct sg_flag ccs[] = {
	SG_FLAG(VINTR),	 SG_FLAG(VQUIT),    SG_FLAG(VERASE),   SG_FLAG(VKILL), SG_FLAG(VEOF),
	SG_FLAG(VTIME),	 SG_FLAG(VMIN),	    SG_FLAG(VSWTC),    SG_FLAG(VSTART), SG_FLAG(VSTOP),
	SG_FLAG(VSUSP),	 SG_FLAG(VEOL),	    SG_FLAG(VREPRINT), SG_FLAG(VDISCARD),
	SG_FLAG(VWERASE), SG_FLAG(VLNEXT), SG_FLAG(VEOL2),    SG_FLAG_END,
};

static const struct sg_flag modem[] = {
	SG_FLAG(TIOCM_LE),  SG_FLAG(TIOCM_DTR), SG_FLAG(TIOCM_RTS),  SG_FLAG(TIOCM_ST),
	SG_FLAG(TIOCM_SR),  SG_FLAG(TIOCM_CTS), SG_FLAG(TIOCM_CAR),  SG_FLAG(TIOCM_RNG),
	SG_FLAG(TIOCM_DSR), SG_FLAG(TIOCM_OUT1), SG_FLAG(TIOCM_OUT2), SG_FLAG(TIOCM_LOOP),
	SG_FLAG_END,
};

/* One value of a field of a flag word and the "|" after it; the word's named
 * bits follow with zero shown as nothing, as strace 6.1 does ("CS5|"). */
static void add_field(struct sg_str *out, const struct sg_flag *table, unsigned v,
		      const char *unknown)
{
	sg_print_xval(out, table, v, unknown);
	sg_str_addc(out, '|');
}

static void print_oflag(struct sg_str *out, unsigned v)
{
	add_field(out, nl, v & NLDLY, "NL?");
	add_field(out, cr, v & CRDLY, "CR?");
	add_field(out, tab, v & TABDLY, "TAB?");
	add_field(out, bs, v & BSDLY, "BS?");
	add_field(out, vt, v & VTDLY, "VT?");
	add_field(out, ff, v & FFDLY, "FF?");
	sg_print_flags(out, oflags, v & ~(unsigned)(NLDLY | CRDLY | TABDLY | BSDLY | VTDLY | FFDLY),
		       "");
}

static void print_cflag(struct sg_str *out, unsigned v)
{
	add_field(out, bauds, v & CBAUD, "B???");
	if (v & CIBAUD) {
		sg_print_xval(out, bauds, (v & CIBAUD) >> IBSHIFT, "B???");
		sg_str_add(out, "<<IBSHIFT|");
	}
	add_field(out, sizes, v & CSIZE, "CS?");
	sg_print_flags(out, cflags, v & ~(unsigned)(CBAUD | CIBAUD | CSIZE), "");
}

static void print_flags(struct sg_str *out, unsigned i, unsigned o, unsigned c, unsigned l)
{
	sg_str_add(out, "{c_iflag=");
	sg_print_flags(out, iflags, i, "");
	sg_str_add(out, ", c_oflag=");
	print_oflag(out, o);
	sg_str_add(out, ", c_cflag=");
	print_cflag(out, c);
	sg_str_add(out, ", c_lflag=");
	sg_print_flags(out, lflags, l, "");
}

/* -v: ", c_line=N_TTY, c_cc=[[VINTR]=0x3, ...]"; false when abbreviated. */
static bool add_line_cc(struct sg_dctx *d, unsigned char line, const unsigned char *cc, size_t n)
{
	if (!sg_unabbreviated(d)) {
		sg_str_add(d->out, ", ...");
		return false;
	}
	sg_str_add(d->out, ", c_line=");
	sg_print_xval(d->out, line_discs, line, "N_???");
	sg_str_add(d->out, ", c_cc=[");
	for (size_t i = 0; i < n; i++) {
		const struct sg_flag *f = ccs;
		while (f->name && f->val != i)
			f++;
		sg_str_add(d->out, i ? ", [" : "[");
		if (f->name)
			sg_str_add(d->out, f->name);
		else
			sg_str_addf(d->out, "%zu", i);
		sg_str_addf(d->out, cc[i] ? "]=%#x" : "]=0", cc[i]);
	}
	sg_str_addc(d->out, ']');
	return true;
}

static void print_termios(struct sg_dctx *d, uint64_t arg)
{
	struct termios t;

	if (sg_fetch(d, arg, &t, sizeof(t)) < 0)
		return;
	print_flags(d->out, t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
	add_line_cc(d, t.c_line, t.c_cc, sizeof(t.c_cc));
	sg_str_addc(d->out, '}');
}

static void print_termios2(struct sg_dctx *d, uint64_t arg)
{
	struct termios2 t;

	if (sg_fetch(d, arg, &t, sizeof(t)) < 0)
		return;
	print_flags(d->out, t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
	if (add_line_cc(d, t.c_line, t.c_cc, sizeof(t.c_cc)))
		sg_str_addf(d->out, ", c_ispeed=%u, c_ospeed=%u", t.c_ispeed, t.c_ospeed);
	sg_str_addc(d->out, '}');
}

static void print_termio(struct sg_dctx *d, uint64_t arg)
{
	struct termio t;

	if (sg_fetch(d, arg, &t, sizeof(t)) < 0)
		return;
	print_flags(d->out, t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
	add_line_cc(d, t.c_line, t.c_cc, sizeof(t.c_cc));
	sg_str_addc(d->out, '}');
}

static void print_winsize(struct sg_dctx *d, uint64_t arg)
{
	struct winsize w;

	if (sg_fetch(d, arg, &w, sizeof(w)) == 0)
		sg_str_addf(d->out, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", w.ws_row,
			    w.ws_col, w.ws_xpixel, w.ws_ypixel);
}

static void print_modem(struct sg_dctx *d, uint64_t arg)
{
	unsigned v;

	if (sg_fetch(d, arg, &v, sizeof(v)) < 0)
		return;
	sg_str_addc(d->out, '[');
	sg_print_flags_as(d->out, modem, v, "0", "TIOCM_???");
	sg_str_addc(d->out, ']');
}

static void print_tcxonc(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag actions[] = { SG_FLAG(TCOOFF), SG_FLAG(TCOON), SG_FLAG(TCIOFF),
						  SG_FLAG(TCION), SG_FLAG_END };

	sg_print_xval(d->out, actions, arg, "TC???");
}

static void print_tcflsh(struct sg_dctx *d, uint64_t arg)
{
	static const struct sg_flag queues[] = { SG_FLAG(TCIFLUSH), SG_FLAG(TCOFLUSH),
						 SG_FLAG(TCIOFLUSH), SG_FLAG_END };

	sg_print_xval(d->out, queues, arg, "TC???");
}

/* TIOCSTI's one character. */
static void print_char(struct sg_dctx *d, uint64_t arg)
{
	sg_print_tracee_buf(d, arg, 1);
}

static const struct sg_ioctl_printer rows[] = {
	{ TCGETS, print_termios, NULL, 0 },
	{ TCSETS, print_termios, NULL, 0 },
	{ TCSETSW, print_termios, NULL, 0 },
	{ TCSETSF, print_termios, NULL, 0 },
	{ TIOCGLCKTRMIOS, print_termios, NULL, 0 },
	{ TIOCSLCKTRMIOS, print_termios, NULL, 0 },
	{ TCGETS2, print_termios2, NULL, 0 },
	{ TCSETS2, print_termios2, NULL, 0 },
	{ TCSETSW2, print_termios2, NULL, 0 },
	{ TCSETSF2, print_termios2, NULL, 0 },
	{ TCGETA, print_termio, NULL, 0 },
	{ TCSETA, print_termio, NULL, 0 },
	{ TCSETAW, print_termio, NULL, 0 },
	{ TCSETAF, print_termio, NULL, 0 },
	{ TIOCGWINSZ, print_winsize, NULL, 0 },
	{ TIOCSWINSZ, print_winsize, NULL, 0 },
	{ TCXONC, print_tcxonc, NULL, 0 },
	{ TCFLSH, print_tcflsh, NULL, 0 },
	{ TCSBRK, sg_ioctl_val_d, NULL, 0 },
	{ TCSBRKP, sg_ioctl_val_d, NULL, 0 },
	{ TIOCSCTTY, sg_ioctl_val_d, NULL, 0 },
	{ TIOCMGET, print_modem, NULL, 0 },
	{ TIOCMBIS, print_modem, NULL, 0 },
	{ TIOCMBIC, print_modem, NULL, 0 },
	{ TIOCMSET, print_modem, NULL, 0 },
	{ TIOCGPGRP, sg_ioctl_int, NULL, 0 },
	{ TIOCGSID, sg_ioctl_int, NULL, 0 },
	{ TIOCGETD, sg_ioctl_int, NULL, 0 },
	{ TIOCGSOFTCAR, sg_ioctl_int, NULL, 0 },
	{ TIOCGPTN, sg_ioctl_int, NULL, 0 },
	{ FIONREAD, sg_ioctl_int, NULL, 0 },
	{ TIOCOUTQ, sg_ioctl_int, NULL, 0 },
	{ TIOCGEXCL, sg_ioctl_int, NULL, 0 },
	{ TIOCGDEV, sg_ioctl_int, NULL, 0 },
	{ TIOCSPGRP, sg_ioctl_int, NULL, 0 },
	{ TIOCSETD, sg_ioctl_int, NULL, 0 },
	{ FIONBIO, sg_ioctl_int, NULL, 0 },
	{ FIOASYNC, sg_ioctl_int, NULL, 0 },
	{ TIOCPKT, sg_ioctl_int, NULL, 0 },
	{ TIOCSSOFTCAR, sg_ioctl_int, NULL, 0 },
	{ TIOCSPTLCK, sg_ioctl_int, NULL, 0 },
	{ TIOCSTI, print_char, NULL, 0 },
	{ TIOCSBRK, sg_ioctl_none, NULL, 0 },
	{ TIOCCBRK, sg_ioctl_none, NULL, 0 },
	{ TIOCCONS, sg_ioctl_none, NULL, 0 },
	{ TIOCNOTTY, sg_ioctl_none, NULL, 0 },
	{ TIOCEXCL, sg_ioctl_none, NULL, 0 },
	{ TIOCNXCL, sg_ioctl_none, NULL, 0 },
	{ FIOCLEX, sg_ioctl_none, NULL, 0 },
	{ FIONCLEX, sg_ioctl_none, NULL, 0 },
	{ TIOCVHANGUP, sg_ioctl_none, NULL, 0 },
	{ TIOCSSERIAL, sg_ioctl_none, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_term, rows);
