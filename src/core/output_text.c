/* The text writer: strace's line format, so grep habits carry over. */
#include <stdio.h>
#include <time.h>

#include "output_int.h"
#include "decode_int.h"
#include "strbuf.h"

static void leader(struct sg_output *out, const struct sg_event *ev, struct sg_str *line)
{
	/* strace: "PID " on every line of a -f trace written to a file, "[pid N] " on
	 * the terminal once there is more than one process. */
	if (out->opts.pid_prefix && out->fp != stderr)
		sg_str_addf(line, "%-5d ", ev->pid);
	else if (out->opts.pid_prefix && out->multi)
		sg_str_addf(line, "[pid %5d] ", ev->pid);
	if (out->opts.time != SG_TIME_NONE) {
		time_t sec = (time_t)(ev->wall_ns / 1000000000ull);
		struct tm tm;
		char hms[16];
		localtime_r(&sec, &tm);
		strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
		sg_str_add(line, hms);
		if (out->opts.time == SG_TIME_USEC)
			sg_str_addf(line, ".%06llu", ev->wall_ns / 1000ull % 1000000ull);
		sg_str_addc(line, ' ');
	}
}

static void syscall_line(struct sg_output *out, const struct sg_event *ev, struct sg_str *line)
{
	const struct sg_call *c = ev->call;

	sg_call_format(c, line);
	/* strace aligns results at column 40. */
	while (line->len < 40)
		sg_str_addc(line, ' ');
	sg_str_add(line, line->s[line->len - 1] == ' ' ? "= " : " = ");
	sg_str_add(line, c->ret_text ? c->ret_text : "?");
	if (out->opts.show_duration && ev->kind == SG_EV_EXIT)
		sg_str_addf(line, " <%llu.%06llu>", ev->duration_ns / 1000000000ull,
			    ev->duration_ns / 1000ull % 1000000ull);
}

static void proc_exit_line(const struct sg_event *ev, struct sg_str *line)
{
	if (ev->killed) {
		sg_str_add(line, "+++ killed by ");
		sg_print_signo(line, ev->sig);
		sg_str_add(line, ev->core_dumped ? " (core dumped) +++" : " +++");
	} else {
		sg_str_addf(line, "+++ exited with %d +++", ev->exit_code);
	}
}

void sg_text_event(struct sg_output *out, const struct sg_event *ev)
{
	struct sg_str line = { 0 };

	switch (ev->kind) {
	case SG_EV_ENTER:
		return; /* lines are written whole, at exit */
	case SG_EV_EXIT:
		leader(out, ev, &line);
		syscall_line(out, ev, &line);
		break;
	case SG_EV_SIGNAL:
		leader(out, ev, &line);
		sg_str_add(&line, "--- ");
		sg_print_signo(&line, ev->sig);
		sg_str_addc(&line, ' ');
		sg_format_siginfo(ev->si, &line);
		sg_str_add(&line, " ---");
		break;
	case SG_EV_PROC_EXIT:
		if (ev->call) {
			/* exit_group and calls cut short by death end with "= ?". */
			leader(out, ev, &line);
			syscall_line(out, ev, &line);
			sg_str_addc(&line, '\n');
		}
		leader(out, ev, &line);
		proc_exit_line(ev, &line);
		break;
	case SG_EV_DETACHED:
		return;
	}
	sg_str_addc(&line, '\n');
	fwrite(line.s, 1, line.len, out->fp);
	sg_str_free(&line);
}
