/* Calls from a live run: the trace backends' events, turned into adv_calls. */
#include "advise_int.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "core/event.h"
#include "core/strbuf.h"
#include "core/syscalls.h"
#include "core/util.h"
#include "trace/trace.h"

static char *call_site(const struct sg_stack *st)
{
	struct adv_frame f[64];
	int n = 0;

	if (!st)
		return NULL;
	for (int i = 0; i < st->n && n < (int)SG_ARRAY_SIZE(f); i++, n++)
		f[n] = (struct adv_frame){ st->f[i].object, st->f[i].symbol, st->f[i].sym_off,
					   st->f[i].offset };
	return adv_site(f, n);
}

/* The roles of a syscall's arguments (adv_arg_role), found once per row of
 * the table rather than by name at every call. */
static const unsigned char *arg_roles(const struct sg_syscall *sc)
{
	static unsigned char roles[SG_NR_SYSCALLS][SG_MAX_ARGS];
	ptrdiff_t row = sc - sg_syscall_table;

	if (row < 0 || row >= SG_NR_SYSCALLS)
		return NULL;
	unsigned char *r = roles[row];
	if (!r[0])
		for (int i = 0; i < SG_MAX_ARGS; i++)
			r[i] = i < sc->nargs && sc->args[i].name
				       ? (unsigned char)adv_arg_role(sc->args[i].name)
				       : ADV_ARG_OTHER;
	return r;
}

static void take_args(struct adv_call *c, const struct sg_call *sc)
{
	const unsigned char *roles = sc->sc && !sc->sc->no_metadata ? arg_roles(sc->sc) : NULL;

	c->nargs = sc->nargs;
	for (int i = 0; i < sc->nargs && i < 6; i++) {
		const struct sg_argval *v = &sc->vals[i];
		c->args[i] = (int64_t)sc->args[i];
		/* The kinds of the arguments with a role (fds, counts, paths)
		 * are never hidden: each has its value. */
		if (!roles)
			continue;
		bool is_str = v->type == SG_VAL_STR && v->raw;
		int64_t num = v->type == SG_VAL_NUM ? v->num : (int64_t)sc->args[i];
		adv_call_arg_as(c, roles[i], num, is_str ? v->raw : NULL);
	}
}

/* A call's text, made when a rule first asks for it (adv_call_text): the
 * backend decoded only its values. */
struct lazy_text {
	struct sg_call *sc;
	struct sg_str s;
};

static const char *make_text(const struct adv_call *c)
{
	struct lazy_text *t = c->text_ctx;

	if (!t->s.s) {
		sg_decode_text(t->sc);
		sg_call_format(t->sc, &t->s);
		sg_str_addf(&t->s, " = %s", t->sc->ret_text);
	}
	return t->s.s;
}

static void on_exit_event(struct adv_session *s, const struct sg_event *ev)
{
	struct sg_call *sc = ev->call;
	struct adv_call c;
	struct lazy_text text = { .sc = sc };

	if (!sc || !sc->returned)
		return; /* never returned: nothing to time */
	adv_call_init(&c);
	c.pid = ev->pid;
	c.nr = sc->nr;
	c.name = sc->sc ? sc->sc->name : "unknown";
	c.ret = sc->ret;
	c.failed = sc->is_error;
	c.time_ns = ev->wall_ns;
	c.dur_ns = ev->duration_ns;
	c.no_data = sc->no_data;
	take_args(&c, sc);
	c.make_text = make_text;
	c.text_ctx = &text;
	char *site = call_site(sc->stack);
	c.site = site;
	adv_session_feed(s, &c, ev->timed_by_stops);
	free(site);
	sg_str_free(&text.s);
}

static void on_event(void *ctx, const struct sg_event *ev)
{
	if (ev->kind == SG_EV_EXIT)
		on_exit_event(ctx, ev);
}

static void children_faults(int64_t *minor, int64_t *major)
{
	struct rusage ru;

	getrusage(RUSAGE_CHILDREN, &ru);
	*minor = ru.ru_minflt;
	*major = ru.ru_majflt;
}

int adv_live_run(char **cmd, const struct adv_live *o, struct adv_session *s,
		 int64_t *page_faults, int64_t *major_faults)
{
	struct sg_trace_watch w = { .backend = o->backend, .stacks = o->stacks,
				    .allow_page0 = o->allow_page0,
				    /* strings and buffers as strace's -s 32
				     * shows them (paths are whole at any -s):
				     * an example is cut at 160 characters, and
				     * a larger size only copies more of every
				     * read and write into the ring */
				    .strsize = 0,
				    /* sites: the first 32 calls of each syscall
				     * in each thread, then one in 256 (a group
				     * of tiny-io's size has one) */
				    .stack_sample = 32, .stack_every = 256,
				    /* read's and write's data by the same rule:
				     * what examples show, never what rules
				     * count (adv_evidence_note) */
				    .data_sample = 32, .data_every = 256 };
	int64_t minor0, major0, minor1, major1;

	/* The command's processes are sysgate's children, waited for by the
	 * tracer (or, orphaned, by sysgate as their subreaper): their faults
	 * are the children's usage. */
	children_faults(&minor0, &major0);
	int status = sg_trace_observe(cmd, &w, on_event, s);
	children_faults(&minor1, &major1);
	*major_faults = major1 - major0;
	*page_faults = minor1 - minor0 + *major_faults;
	return status;
}
