/* sysgate trace: entry point. */
#include "trace.h"

#include "trace_int.h"

int sg_cmd_trace(int argc, char **argv)
{
	struct trace_opts o;

	trace_parse_options(argc, argv, &o);
	int status = trace_run(&o);
	trace_free_options(&o);
	return status;
}
