/* The report: text for people, JSON Lines (one finding an object) for tools. */
#include "advise_int.h"

#include <json-c/json.h>

/* "12.3 ms", "840 us", "95 ns". */
static void duration(char *buf, size_t len, double ns)
{
	if (ns >= 1e9)
		snprintf(buf, len, "%.2f s", ns / 1e9);
	else if (ns >= 1e6)
		snprintf(buf, len, "%.1f ms", ns / 1e6);
	else if (ns >= 1e3)
		snprintf(buf, len, "%.1f us", ns / 1e3);
	else
		snprintf(buf, len, "%.0f ns", ns);
}

static void text_finding(FILE *f, size_t i, const struct adv_finding *x)
{
	char wasted[32], saving[32];

	duration(wasted, sizeof(wasted), x->wasted_ns);
	duration(saving, sizeof(saving), x->saving_ns);
	fprintf(f, "\n%zu. %s: %llu calls, est. %s wasted; the fix saves est. %s\n", i + 1,
		x->rule, (unsigned long long)x->count, wasted, saving);
	fprintf(f, "   what: %s\n", x->what ? x->what : "");
	fprintf(f, "   site: %s\n", x->site ? x->site : "unknown");
	for (int k = 0; k < 3 && x->examples[k]; k++)
		fprintf(f, "   %s %s\n", k ? "     " : "e.g.:", x->examples[k]);
	fprintf(f, "   fix:  %s\n", x->fix);
}

void adv_write_text(FILE *f, const struct adv_report *r, const struct adv_summary *s)
{
	char crossing[32];

	duration(crossing, sizeof(crossing), s->machine->null_syscall_ns);
	fprintf(f, "sysgate advise: %zu finding%s in %llu calls (%s; one kernel crossing here: %s)\n",
		r->n, r->n == 1 ? "" : "s", (unsigned long long)s->calls, s->source, crossing);
	for (size_t i = 0; i < r->n; i++)
		text_finding(f, i, &r->v[i]);
}

static json_object *finding_json(const struct adv_finding *x)
{
	json_object *o = json_object_new_object(), *ex = json_object_new_array();

	json_object_object_add(o, "rule", json_object_new_string(x->rule));
	json_object_object_add(o, "count", json_object_new_int64((int64_t)x->count));
	json_object_object_add(o, "est_wasted_ns", json_object_new_int64((int64_t)x->wasted_ns));
	json_object_object_add(o, "est_saving_ns", json_object_new_int64((int64_t)x->saving_ns));
	json_object_object_add(o, "site", x->site ? json_object_new_string(x->site) : NULL);
	json_object_object_add(o, "what", json_object_new_string(x->what ? x->what : ""));
	for (int k = 0; k < 3 && x->examples[k]; k++)
		json_object_array_add(ex, json_object_new_string(x->examples[k]));
	json_object_object_add(o, "examples", ex);
	json_object_object_add(o, "fix", json_object_new_string(x->fix));
	return o;
}

void adv_write_json(FILE *f, const struct adv_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		json_object *o = finding_json(&r->v[i]);
		fprintf(f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
								   JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	}
}
