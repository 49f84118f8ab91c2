/* Decoders for I/O arguments: buffers, iovecs, pollfds, fcntl, lseek. */
#include "decode_int.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

/* write/sendto: the byte count is the next argument. */
void sg_kind_buf_in(struct sg_dctx *d)
{
	uint64_t len = d->idx + 1 < d->c->nargs ? sg_arg(d, d->idx + 1) : 0;

	sg_print_tracee_buf(d, sg_arg(d, d->idx), len);
}

/* read/recvfrom/readlink: the kernel wrote as many bytes as it returned. */
void sg_kind_buf_out(struct sg_dctx *d)
{
	const char *name = d->c->sc ? d->c->sc->name : "";
	uint64_t len = d->c->ret > 0 ? (uint64_t)d->c->ret : 0;

	if (strcmp(name, "getcwd") == 0) { /* the length counts the NUL: a string */
		sg_print_tracee_str(d, sg_arg(d, d->idx));
	} else if (strcmp(name, "getrandom") == 0) { /* random bytes read best in hex */
		struct sg_decode_opts hex = *d->o;
		const struct sg_decode_opts *saved = d->o;
		hex.hex = 2;
		d->o = &hex;
		sg_print_tracee_buf(d, sg_arg(d, d->idx), len);
		d->o = saved;
	} else {
		sg_print_tracee_buf(d, sg_arg(d, d->idx), len);
	}
}

/* writev: the data of each element; readv (at exit): what the kernel filled in. */
void sg_kind_iovec(struct sg_dctx *d)
{
	uint64_t addr = sg_arg(d, d->idx);
	uint64_t count = d->idx + 1 < d->c->nargs ? sg_arg(d, d->idx + 1) : 0;
	bool is_out = SG_ARG_KIND(d->c->sc->args[d->idx].kind) == SG_K_IOVEC_OUT;
	uint64_t left = is_out ? (uint64_t)(d->c->ret > 0 ? d->c->ret : 0) : UINT64_MAX;
	struct sg_argval scratch = { 0 }, *saved = d->v;

	if (count > 1024 || !addr) {
		sg_print_ptr(d->out, addr);
		return;
	}
	sg_str_addc(d->out, '[');
	d->v = &scratch;
	for (uint64_t i = 0; i < count; i++) {
		struct iovec iov;
		if (sg_call_read(d->c, addr + i * sizeof(iov), &iov, sizeof(iov)) != sizeof(iov))
			break;
		uint64_t len = iov.iov_len < left ? iov.iov_len : left;
		sg_str_add(d->out, i ? ", {iov_base=" : "{iov_base=");
		sg_print_tracee_buf(d, (uintptr_t)iov.iov_base, len);
		sg_str_addf(d->out, ", iov_len=%zu}", iov.iov_len);
		left -= len;
	}
	sg_str_addc(d->out, ']');
	free(scratch.raw);
	d->v = saved;
}

void sg_kind_pollfd(struct sg_dctx *d)
{
	static const struct sg_flag events[] = {
		SG_FLAG(POLLIN),     SG_FLAG(POLLPRI),	  SG_FLAG(POLLOUT),    SG_FLAG(POLLERR),
		SG_FLAG(POLLHUP),    SG_FLAG(POLLNVAL),	  SG_FLAG(POLLRDNORM), SG_FLAG(POLLRDBAND),
		SG_FLAG(POLLWRNORM), SG_FLAG(POLLWRBAND), SG_FLAG(POLLMSG),    SG_FLAG(POLLRDHUP),
		SG_FLAG_END,
	};
	uint64_t addr = sg_arg(d, d->idx);
	uint64_t n = d->idx + 1 < d->c->nargs ? sg_arg(d, d->idx + 1) : 0;

	if (n > 1024 || !addr) {
		sg_print_ptr(d->out, addr);
		return;
	}
	sg_str_addc(d->out, '[');
	for (uint64_t i = 0; i < n; i++) {
		struct pollfd p;
		if (sg_call_read(d->c, addr + i * sizeof(p), &p, sizeof(p)) != sizeof(p))
			break;
		sg_str_addf(d->out, "%s{fd=%d, events=", i ? ", " : "", p.fd);
		sg_print_flags(d->out, events, (unsigned short)p.events, "0");
		sg_str_addc(d->out, '}');
	}
	sg_str_addc(d->out, ']');
}

void sg_kind_pipe_fds(struct sg_dctx *d)
{
	int fds[2];

	if (sg_fetch(d, sg_arg(d, d->idx), fds, sizeof(fds)) == 0)
		sg_str_addf(d->out, "[%d, %d]", fds[0], fds[1]);
}

static const struct sg_flag fcntl_cmds[] = {
	SG_FLAG(F_DUPFD),	SG_FLAG(F_GETFD),      SG_FLAG(F_SETFD),     SG_FLAG(F_GETFL),
	SG_FLAG(F_SETFL),	SG_FLAG(F_GETLK),      SG_FLAG(F_SETLK),     SG_FLAG(F_SETLKW),
	SG_FLAG(F_SETOWN),	SG_FLAG(F_GETOWN),     SG_FLAG(F_SETSIG),    SG_FLAG(F_GETSIG),
	SG_FLAG(F_SETOWN_EX),	SG_FLAG(F_GETOWN_EX),  SG_FLAG(F_OFD_GETLK), SG_FLAG(F_OFD_SETLK),
	SG_FLAG(F_OFD_SETLKW),	SG_FLAG(F_SETLEASE),   SG_FLAG(F_GETLEASE),  SG_FLAG(F_NOTIFY),
	SG_FLAG(F_DUPFD_CLOEXEC), SG_FLAG(F_SETPIPE_SZ), SG_FLAG(F_GETPIPE_SZ),
	SG_FLAG(F_ADD_SEALS),	SG_FLAG(F_GET_SEALS),  SG_FLAG_END,
};

void sg_kind_fcntl_cmd(struct sg_dctx *d)
{
	sg_print_xlat(d->out, fcntl_cmds, (int)sg_arg(d, d->idx));
}

/* fcntl's third argument means something different for each command. */
void sg_kind_fcntl_arg(struct sg_dctx *d)
{
	static const struct sg_flag fd_flags[] = { SG_FLAG(FD_CLOEXEC), SG_FLAG_END };
	static const struct sg_flag fl_flags[] = {
		SG_FLAG(O_APPEND), SG_FLAG(O_NONBLOCK), SG_FLAG(O_DSYNC),  SG_FLAG(FASYNC),
		SG_FLAG(O_DIRECT), SG_FLAG(O_NOATIME), { 0100000, "O_LARGEFILE" }, SG_FLAG_END,
	};
	uint64_t v = sg_arg(d, d->idx);

	switch ((int)sg_arg(d, d->idx - 1)) {
	case F_GETFD: case F_GETFL: case F_GETOWN: case F_GETSIG: case F_GETLEASE:
	case F_GETPIPE_SZ: case F_GET_SEALS:
		return; /* no argument */
	case F_SETFD:
		sg_print_flags(d->out, fd_flags, v & 0xffffffffu, "0");
		return;
	case F_SETFL:
		sg_print_flags(d->out, fl_flags, v & 0xffffffffu, "0");
		return;
	case F_DUPFD: case F_DUPFD_CLOEXEC: case F_SETOWN: case F_SETSIG:
	case F_SETPIPE_SZ: case F_SETLEASE: case F_NOTIFY: case F_ADD_SEALS:
		sg_str_addf(d->out, "%d", (int)v);
		d->v->type = SG_VAL_NUM;
		d->v->num = (int)v;
		return;
	default:
		sg_print_ptr(d->out, v);
	}
}

void sg_kind_seek_whence(struct sg_dctx *d)
{
	static const struct sg_flag whence[] = {
		SG_FLAG(SEEK_SET), SG_FLAG(SEEK_CUR),  SG_FLAG(SEEK_END),
		SG_FLAG(SEEK_DATA), SG_FLAG(SEEK_HOLE), SG_FLAG_END,
	};
	sg_print_xlat(d->out, whence, (int)sg_arg(d, d->idx));
}
