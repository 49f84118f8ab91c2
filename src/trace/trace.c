/* sysgate trace: entry point. */
#include "trace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "launch/launch.h"
#include "trace_int.h"
#include "inproc.h"
#include "record.h"

int trace_fail(struct trace_opts *o, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->err.msg, sizeof(o->err.msg), fmt, ap);
	va_end(ap);
	o->err.status = status;
	return -1;
}

/* -d: what this run was set up to do, before it starts. */
static void debug_setup(const struct trace_opts *o, enum trace_backend b)
{
	int selected = 0;

	if (!o->debug)
		return;
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
		selected += o->selected[nr];
	fprintf(stderr, "sysgate trace: backend %s; %s; %s; seccomp prefilter %s; %d inject rule%s\n",
		trace_backend_name(b), o->cmd ? "starting a command" : "attaching",
		o->select_all ? "every syscall shown" : "a subset shown",
		o->prefilter ? "on" : "off", o->ninjects, o->ninjects == 1 ? "" : "s");
	if (!o->select_all)
		fprintf(stderr, "sysgate trace: %d syscalls selected\n", selected);
}

/* Pick the backend and run; the one place that says why a run could not be. */
static int run(struct trace_opts *o)
{
	enum trace_backend b;
	int status = o->err.status;

	if (o->replay) {
		status = replay_run(o);
		if (o->err.msg[0])
			sg_error("%s", o->err.msg);
		return status;
	}
	/* Orphans of the command come back to sysgate, whichever backend runs it; not
	 * under -D, where sysgate's process becomes the command. */
	if (o->cmd && !o->daemonize && launch_subreaper() < 0)
		sg_error("trace: cannot become the subreaper: %s; processes the command leaves "
			 "behind may outlive it", strerror(errno));
	if (trace_pick_backend(o, &b) == 0) {
		debug_setup(o, b);
		status = b == BACKEND_PTRACE ? trace_run(o)
			 : b == BACKEND_EBPF ? ebpf_run(o)
					     : inproc_run(o, b);
	}
	if (o->ebpf_refused) { /* auto: nothing was started; ptrace does it */
		fprintf(stderr, "sysgate: trace: backend ptrace (%s)\n", o->err.msg);
		memset(&o->err, 0, sizeof(o->err));
		o->ebpf_refused = false;
		status = trace_run(o);
	}
	if (o->err.msg[0]) {
		sg_error("%s", o->err.msg);
		status = o->err.status;
	}
	return status;
}

int sg_cmd_trace(int argc, char **argv)
{
	struct trace_opts o;

	trace_parse_options(argc, argv, &o);
	if (o.stack_trace && o.summary)
		sg_error("trace: -k/--stack-trace has no effect with -c/--summary-only");
	int status = run(&o);
	trace_free_options(&o);
	return status;
}

bool sg_trace_backend_known(const char *name)
{
	enum trace_backend b;

	return trace_backend_by_name(name, &b) == 0;
}

int sg_trace_calls(char **cmd, const char *backend, bool allow_page0, sg_trace_call_fn fn,
		   void *ctx)
{
	struct trace_opts o;

	/* As -f -s 0 -o /dev/null --backend BACKEND -- CMD would be. */
	trace_default_options(&o);
	if (trace_backend_by_name(backend, &o.backend) < 0)
		return sg_error("unknown trace backend '%s'", backend), 2;
	o.follow = true;
	o.out.pid_prefix = true;
	o.dec.strsize = 0;
	o.outfile = "/dev/null";
	o.cmd = cmd;
	o.allow_page0 = allow_page0;
	o.on_call = fn;
	o.on_call_ctx = ctx;
	int status = run(&o);
	trace_free_options(&o);
	return status;
}

int sg_trace_observe(char **cmd, const struct sg_trace_watch *w, sg_trace_event_fn fn, void *ctx)
{
	struct trace_opts o;

	/* As -f -q -o /dev/null --backend BACKEND [-k] [-s N] -- CMD would be. */
	trace_default_options(&o);
	if (trace_backend_by_name(w->backend, &o.backend) < 0)
		return sg_error("unknown trace backend '%s'", w->backend), 2;
	o.follow = true;
	o.quiet = 1;
	o.out.pid_prefix = true;
	if (w->strsize > 0)
		o.dec.strsize = w->strsize;
	o.dec.text_only = false; /* strings' bytes, not only their rendering */
	o.stack_trace = w->stacks;
	o.stack_sample = w->stack_sample;
	o.stack_every = w->stack_every;
	o.data_sample = w->data_sample;
	o.data_every = w->data_every;
	o.out.show_duration = true; /* each call timed (in-process: TSC stamps) */
	o.outfile = "/dev/null";
	o.cmd = cmd;
	o.allow_page0 = w->allow_page0;
	o.on_event = fn;
	o.on_event_ctx = ctx;
	int status = run(&o);
	trace_free_options(&o);
	return status;
}

void sg_trace_recover(void)
{
	inproc_remove_stale_rings();
	inproc_page0_recover();
}
