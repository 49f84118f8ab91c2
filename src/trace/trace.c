/* sysgate trace: entry point. */
#include "trace.h"

#include "trace_int.h"
#include "inproc.h"

int sg_cmd_trace(int argc, char **argv)
{
	struct trace_opts o;

	trace_parse_options(argc, argv, &o);
	enum trace_backend b = trace_pick_backend(&o);
	int status = b == BACKEND_PTRACE ? trace_run(&o) : inproc_run(&o, b);
	trace_free_options(&o);
	return status;
}

int sg_trace_calls(char **cmd, const char *backend, bool allow_page0, sg_trace_call_fn fn,
		   void *ctx)
{
	char *argv[] = { "trace", "-f", "-s", "0", "-o", "/dev/null", "--backend", (char *)backend,
			 "--", NULL };
	struct trace_opts o;
	int argc = 9;

	/* The options are parsed as the command line would be, then the command goes
	 * in after "--". */
	trace_parse_options_cmd(argc, argv, cmd, &o);
	o.allow_page0 = allow_page0;
	o.on_call = fn;
	o.on_call_ctx = ctx;
	enum trace_backend b = trace_pick_backend(&o);
	int status = b == BACKEND_PTRACE ? trace_run(&o) : inproc_run(&o, b);
	trace_free_options(&o);
	return status;
}

void sg_trace_recover(void)
{
	inproc_remove_stale_rings();
	inproc_page0_recover();
}
