/* Reporting decided syscalls: a line on stderr, or JSON Lines in a --report file
 * written to a temporary name and renamed into place when the command ends. */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/decode.h"
#include "core/output.h"
#include "core/util.h"
#include "jail_int.h"

int jail_report_open(struct jail_report *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	if (!path) {
		r->f = stderr;
		return 0;
	}
	r->f = sg_atomic_open(path, &r->tmp);
	if (!r->f)
		return -1;
	r->path = sg_xstrdup(path);
	return 0;
}

/* "builtin-default:42", or for the default action where it was set. */
static const char *rule_origin(const struct policy_rule *rule, const struct policy *p)
{
	if (rule)
		return rule->origin ? rule->origin : "?";
	return p->def_origin ? p->def_origin : "built-in default";
}

static void report_json(struct jail_report *r, const struct sg_call *c, const char *call,
			const char *action, const struct policy_rule *rule, const struct policy *p)
{
	json_object *o = json_object_new_object(), *args = json_object_new_array();

	for (int i = 0; i < c->nargs; i++)
		if (c->vals[i].text)
			json_object_array_add(args, json_object_new_string(c->vals[i].text));
	json_object_object_add(o, "pid", json_object_new_int(c->pid));
	json_object_object_add(o, "syscall", json_object_new_string(c->sc ? c->sc->name : "?"));
	json_object_object_add(o, "nr", json_object_new_int((int)c->nr));
	json_object_object_add(o, "args", args);
	json_object_object_add(o, "call", json_object_new_string(call));
	json_object_object_add(o, "action", json_object_new_string(action));
	json_object_object_add(o, "rule", json_object_new_string(rule_origin(rule, p)));
	json_object_object_add(o, "default", json_object_new_boolean(rule == NULL));
	fprintf(r->f, "%s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
}

void jail_report_call(struct jail_report *r, pid_t pid, long nr, const uint64_t args[6],
		      const struct policy *p)
{
	const struct sg_decode_opts opts = { .strsize = 32 };
	const struct policy_rule *rule = policy_match(p, (int)nr, args);
	struct sg_call c = { .pid = pid, .nr = nr };
	struct sg_str call = { 0 };
	char act[64];

	memcpy(c.args, args, sizeof(c.args));
	sg_decode_enter(&c, &opts);
	sg_call_format(&c, &call);
	policy_action_str(rule ? rule->action : p->def, act, sizeof(act));
	if (r->path)
		report_json(r, &c, call.s ? call.s : "", act, rule, p);
	else
		fprintf(r->f, "sysgate: jail: [pid %d] %s -> %s (%s %s)\n", pid,
			call.s ? call.s : "?", act, rule ? "rule" : "default",
			rule_origin(rule, p));
	fflush(r->f);
	r->count++;
	sg_str_free(&call);
	sg_call_clear(&c);
}

void jail_report_sigsys(struct jail_report *r, pid_t pid)
{
	if (r->path)
		fprintf(r->f, "{\"pid\":%d,\"action\":\"killed by seccomp (SIGSYS)\"}\n", pid);
	else
		fprintf(r->f, "sysgate: jail: [pid %d] killed by seccomp (SIGSYS): a trap or "
			      "kill-thread rule in the filter\n", pid);
}

int jail_report_close(struct jail_report *r)
{
	int rc = 0;

	if (r->path) {
		rc = sg_atomic_commit(r->f, r->path, r->tmp);
		free(r->path);
	}
	memset(r, 0, sizeof(*r));
	return rc;
}

void jail_report_abort(struct jail_report *r)
{
	if (r->path) {
		sg_atomic_abort(r->f, r->tmp);
		free(r->path);
	}
	memset(r, 0, sizeof(*r));
}
