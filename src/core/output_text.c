/* The text writer: strace's line format, so grep habits carry over. A syscall's
 * first part is printed when it starts, so a blocking call shows at once; if
 * another line must be printed meanwhile, the call is split like strace does:
 * "read(0,  <unfinished ...>" ... "<... read resumed>"", 1) = 0". */
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>

#include "decode_int.h"
#include "names.h"
#include "output_int.h"
#include "strbuf.h"

/* ".123456": the first digits (0 to 9) of the fraction of a second in ns. */
static void add_fraction(struct sg_str *line, unsigned long long ns, int digits)
{
	unsigned long long frac = ns % 1000000000ull;

	if (digits <= 0)
		return;
	for (int d = digits; d < 9; d++)
		frac /= 10;
	sg_str_addf(line, ".%0*llu", digits, frac);
}

static void leader(struct sg_output *out, const struct sg_event *ev, struct sg_str *line)
{
	/* strace: "PID " on every line of a -f trace written to a file, "[pid N] " on
	 * the terminal once there is more than one process. */
	if (out->opts.pid_prefix && out->fp != stderr) {
		size_t start = line->len;
		sg_str_add_int(line, ev->pid); /* "%-5d ", the name (-Y) inside the 5 */
		sg_add_pid_suffix(line, ev->pid);
		while (line->len - start < 5)
			sg_str_addc(line, ' ');
		sg_str_addc(line, ' ');
	} else if (out->opts.pid_prefix && out->multi) {
		sg_str_addf(line, "[pid %5d", ev->pid);
		sg_add_pid_suffix(line, ev->pid);
		sg_str_add(line, "] ");
	}
	if (out->opts.time == SG_TIME_EPOCH || out->opts.time == SG_TIME_RELATIVE) {
		unsigned long long ns = ev->wall_ns;
		if (out->opts.time == SG_TIME_RELATIVE) {
			ns = out->last_ns && ev->wall_ns > out->last_ns ? ev->wall_ns - out->last_ns : 0;
			out->last_ns = ev->wall_ns;
		}
		sg_str_addf(line, out->opts.time == SG_TIME_RELATIVE ? "%6llu" : "%llu",
			    ns / 1000000000ull);
		add_fraction(line, ns, out->opts.time_digits);
		sg_str_addc(line, ' ');
	} else if (out->opts.time != SG_TIME_NONE) {
		time_t sec = (time_t)(ev->wall_ns / 1000000000ull);
		struct tm tm;
		char hms[16];
		localtime_r(&sec, &tm);
		strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
		sg_str_add(line, hms);
		add_fraction(line, ev->wall_ns, out->opts.time_digits);
		sg_str_addc(line, ' ');
	}
}

static const char *call_name(const struct sg_call *c, char *buf, size_t size)
{
	if (c->sc)
		return c->sc->name;
	snprintf(buf, size, "syscall_%#lx", (unsigned long)c->nr);
	return buf;
}

static bool is_output_arg(const struct sg_call *c, int i)
{
	return c->sc && !c->sc->no_metadata && sg_arg_out(c->sc, c->args, i);
}

/* Arguments from..nargs; with at_entry, stop before the first one the kernel fills
 * in. Returns where it stopped. */
static int add_args(struct sg_str *line, const struct sg_call *c, int from, bool at_entry,
		    bool need_sep)
{
	int i;

	for (i = from; i < c->nargs; i++) {
		if (at_entry && is_output_arg(c, i))
			break;
		if (!c->vals[i].text)
			continue;
		if (need_sep)
			sg_str_add(line, ", ");
		sg_str_add(line, c->vals[i].text);
		need_sep = true;
	}
	return i;
}

static bool any_shown(const struct sg_call *c, int upto)
{
	for (int i = 0; i < upto; i++)
		if (c->vals[i].text)
			return true;
	return false;
}

static void flush_line(struct sg_output *out, struct sg_str *line)
{
	fwrite(line->s, 1, line->len, out->fp);
	sg_str_reset(line);
}

/* Another line is due: an open call line is marked unfinished first. */
static void close_open_line(struct sg_output *out)
{
	if (!out->open)
		return;
	fputs(" <unfinished ...>\n", out->fp);
	out->open = false;
}

static void pad_result(const struct sg_output *out, struct sg_str *line, size_t col,
		       const char *ret)
{
	/* strace aligns results at column 40, or -a's. */
	size_t at = out->opts.column > 0 ? (size_t)out->opts.column : 40;

	while (col + line->len < at)
		sg_str_addc(line, ' ');
	sg_str_add(line, line->len && line->s[line->len - 1] == ' ' ? "= " : " = ");
	sg_str_add(line, ret);
}

/* -n: the syscall's number; -i: where it was made; as strace 6 prints them. */
static void number_prefix(const struct sg_output *out, const struct sg_call *c, struct sg_str *line)
{
	if (out->opts.syscall_number)
		sg_str_addf(line, "[%4ld] ", (long)c->nr);
	if (out->opts.show_ip)
		sg_str_addf(line, "[%016llx] ", (unsigned long long)c->ip);
}

static void on_enter(struct sg_output *out, const struct sg_event *ev, struct sg_str *line)
{
	struct sg_call *c = ev->call;
	char buf[32];

	close_open_line(out);
	leader(out, ev, line);
	number_prefix(out, c, line);
	sg_str_add(line, call_name(c, buf, sizeof(buf)));
	sg_str_addc(line, '(');
	c->entry_upto = add_args(line, c, 0, true, false);
	c->entry_shown = true;
	if (c->sc && c->sc->ret == SG_RET_NONE) {
		/* exit_group never returns: its line is complete now, as in strace. */
		sg_str_addc(line, ')');
		pad_result(out, line, 0, "?");
		sg_str_addc(line, '\n');
		if (c->stack)
			sg_stack_format(c->stack, line);
		flush_line(out, line);
		return;
	}
	/* More arguments follow at exit: print the separator now, as strace does. */
	c->entry_sep = c->entry_upto < c->nargs && any_shown(c, c->entry_upto);
	if (c->entry_sep)
		sg_str_add(line, ", ");
	out->open = true;
	out->open_pid = ev->pid;
	out->open_col = line->len;
	flush_line(out, line);
}

/* The rest of a call: continuing its open line, resuming it, or all of it. */
static void finish_call(struct sg_output *out, const struct sg_event *ev, struct sg_str *line)
{
	const struct sg_call *c = ev->call;
	size_t col = 0;
	char buf[32];

	if (out->open && out->open_pid == ev->pid && c->entry_shown) {
		col = out->open_col;
		out->open = false;
		add_args(line, c, c->entry_upto, false,
			 !c->entry_sep && any_shown(c, c->entry_upto));
	} else {
		close_open_line(out);
		leader(out, ev, line);
		number_prefix(out, c, line);
		if (c->entry_shown) {
			sg_str_addf(line, "<... %s resumed>", call_name(c, buf, sizeof(buf)));
			add_args(line, c, c->entry_upto, false, false);
		} else {
			sg_str_add(line, call_name(c, buf, sizeof(buf)));
			sg_str_addc(line, '(');
			add_args(line, c, 0, false, false);
		}
	}
	sg_str_addc(line, ')');
	pad_result(out, line, col, c->ret_text ? c->ret_text : "?");
	if (c->injected)
		sg_str_add(line, " (INJECTED)");
	else if (c->delayed)
		sg_str_add(line, " (DELAYED)");
	if (out->opts.show_duration && ev->kind == SG_EV_EXIT) {
		sg_str_addf(line, " <%llu", ev->duration_ns / 1000000000ull);
		add_fraction(line, ev->duration_ns, out->opts.duration_digits ? out->opts.duration_digits : 6);
		sg_str_addc(line, '>');
	}
	sg_str_addc(line, '\n');
	if (c->dump)
		sg_str_add(line, c->dump);
	if (c->stack) /* -k: the frames follow the finished line */
		sg_stack_format(c->stack, line);
}

static void proc_exit_line(struct sg_output *out, const struct sg_event *ev, struct sg_str *line)
{
	/* A call cut short by death ends with "= ?"; exit_group's line is done. */
	if (ev->call && !(ev->call->sc && ev->call->sc->ret == SG_RET_NONE && ev->call->entry_shown))
		finish_call(out, ev, line);
	close_open_line(out);
	if (out->opts.quiet_exit && !ev->killed)
		return; /* -qq */
	leader(out, ev, line);
	/* -n: strace numbers the exit line with the process's last call: exit_group
	 * for a normal end, the call it was in when a signal killed it. */
	if (out->opts.syscall_number && (!ev->killed || ev->call))
		sg_str_addf(line, "[%4ld] ", ev->killed ? (long)ev->call->nr : (long)SYS_exit_group);
	if (out->opts.show_ip)
		sg_str_add(line, "[????????????????] "); /* no call: strace's mark */
	if (ev->killed) {
		sg_str_add(line, "+++ killed by ");
		sg_print_signo(line, ev->sig);
		sg_str_add(line, ev->core_dumped ? " (core dumped) +++" : " +++");
	} else {
		sg_str_addf(line, "+++ exited with %d +++", ev->exit_code);
	}
	sg_str_addc(line, '\n');
}

static void signal_line(struct sg_output *out, const struct sg_event *ev, struct sg_str *line)
{
	close_open_line(out);
	leader(out, ev, line);
	char buf[16];
	const char *name = sg_signal_name(ev->sig, buf, sizeof(buf));

	if (out->opts.show_ip) /* -i: as strace, where the signal found the thread */
		sg_str_addf(line, "[%016llx] ", (unsigned long long)ev->ip);
	sg_str_add(line, "--- ");
	if (name) /* the line's own signal is named in every -X style, as strace */
		sg_str_add(line, name);
	else
		sg_str_add_int(line, ev->sig);
	sg_str_addc(line, ' ');
	sg_format_siginfo(ev->si, line);
	sg_str_add(line, " ---\n");
	if (ev->stack)
		sg_stack_format(ev->stack, line);
}

void sg_text_event(struct sg_output *out, const struct sg_event *ev)
{
	struct sg_str line = out->line;

	sg_str_reset(&line);
	switch (ev->kind) {
	case SG_EV_ENTER:
		on_enter(out, ev, &line);
		break;
	case SG_EV_EXIT:
		finish_call(out, ev, &line);
		break;
	case SG_EV_SIGNAL:
		signal_line(out, ev, &line);
		break;
	case SG_EV_PROC_EXIT:
		proc_exit_line(out, ev, &line);
		break;
	case SG_EV_DETACHED:
		if (out->open && out->open_pid == ev->pid) {
			fputs(" <detached ...>\n", out->fp);
			out->open = false;
		}
		break;
	}
	if (line.len)
		flush_line(out, &line);
	out->line = line;
}
