/* A run's writers: the trace (-o FILE, or stderr), -ff's file per process, and
 * -c/-C's table; opened and closed the same way by the backends that read
 * records (eBPF) and by a replay. */
#include "tracer.h"

int tracer_open_output(struct tracer *tr)
{
	const struct trace_opts *o = tr->o;

	/* -ff: the files are NAME.PID; NAME itself is not written (as strace). */
	tr->out = sg_output_open(o->per_process ? NULL : o->outfile, &tr->o->out);
	if (!tr->out)
		return -1;
	if (o->per_process)
		tr->pp = per_process_new(o->outfile, &tr->o->out);
	if (o->summary || o->summary_too)
		tr->sum = summary_new();
	return 0;
}

void tracer_abort_output(struct tracer *tr)
{
	summary_free(tr->sum);
	tr->sum = NULL;
	if (tr->pp)
		per_process_close_all(tr->pp);
	tr->pp = NULL;
	sg_output_abort(tr->out);
	tr->out = NULL;
}

void tracer_close_output(struct tracer *tr)
{
	summary_free(tr->sum);
	tr->sum = NULL;
	tracee_free_all(&tr->tt);
	if (tr->pp && per_process_close_all(tr->pp) < 0 && tr->exit_status == 0)
		tr->exit_status = 1;
	if (sg_output_close(tr->out) < 0 && tr->exit_status == 0)
		tr->exit_status = 1;
}
