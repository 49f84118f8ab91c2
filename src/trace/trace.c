/* sysgate trace: entry point. */
#include "trace.h"

#include "trace_int.h"

int sg_cmd_trace(int argc, char **argv)
{
	struct trace_opts o;

	trace_parse_options(argc, argv, &o);
	enum trace_backend b = trace_pick_backend(&o);
	int status = b == BACKEND_PTRACE ? trace_run(&o) : inproc_run(&o, b);
	trace_free_options(&o);
	return status;
}
