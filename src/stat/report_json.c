/* The --json report: one object with the same numbers as the table. */
#include "stat_int.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "core/names.h"

/* A double printed with fixed decimals: json-c's default prints 17 digits. */
static json_object *number(double v, int decimals)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.*f", decimals, v);
	return json_object_new_double_s(v, buf);
}

static json_object *count_object(const char *name, uint64_t count, double wall, bool with_share,
				 double share)
{
	json_object *o = json_object_new_object();

	if (name)
		json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "count", json_object_new_uint64(count));
	json_object_object_add(o, "per_second", number(stat_rate(count, wall), 1));
	if (with_share)
		json_object_object_add(o, "share", number(share, 6));
	return o;
}

static void add_subject(json_object *root, const struct stat_result *r)
{
	char buf[32];

	json_object_object_add(root, "scope",
			       json_object_new_string(r->machine  ? "machine"
						      : r->cgroup ? "cgroup"
						      : r->argv	  ? "command"
								  : "pids"));
	if (r->cgroup)
		json_object_object_add(root, "cgroup", json_object_new_string(r->cgroup));
	if (!r->argv && (r->machine || r->cgroup)) {
		json_object_object_add(root, "interrupted", json_object_new_boolean(r->interrupted));
		return;
	}
	if (r->argv) {
		json_object *cmd = json_object_new_array();
		for (char **a = r->argv; *a; a++)
			json_object_array_add(cmd, json_object_new_string(*a));
		json_object_object_add(root, "command", cmd);
		json_object_object_add(root, "exit_status", json_object_new_int(r->exit_status));
		json_object_object_add(root, "signal",
				       r->term_signal ? json_object_new_string(sg_signal_name(
								r->term_signal, buf, sizeof(buf)))
						      : NULL);
		return;
	}
	json_object *pids = json_object_new_array();
	for (int i = 0; i < r->npids; i++)
		json_object_array_add(pids, json_object_new_int(r->pids[i]));
	json_object_object_add(root, "pids", pids);
	json_object_object_add(root, "interrupted", json_object_new_boolean(r->interrupted));
}

static void add_times(json_object *root, const struct stat_result *r)
{
	json_object_object_add(root, "wall_seconds", number(r->wall_s, 6));
	json_object_object_add(root, "user_seconds",
			       r->have_cpu_split ? number(r->user_s, 6) : NULL);
	json_object_object_add(root, "system_seconds",
			       r->have_cpu_split ? number(r->system_s, 6) : NULL);
	json_object_object_add(root, "cpu_seconds",
			       r->have[SC_TASK_CLOCK]
				       ? number((double)r->count[SC_TASK_CLOCK] / 1e9, 6)
				       : NULL);
}

static void add_rows(json_object *root, const struct stat_result *r,
		     const struct stat_report *rep)
{
	json_object *rows = json_object_new_object();

	for (int i = 0; i < rep->nrows; i++) {
		const struct stat_row *row = &rep->rows[i];
		json_object_object_add(
			rows, row->key,
			row->have ? count_object(NULL, row->count, r->wall_s, row->kind != ROW_OTHER,
						 stat_share(row->count, rep->entries))
				  : NULL);
	}
	json_object_object_add(root, "events", rows);
}

static void add_top(json_object *root, const struct stat_result *r,
		    const struct stat_report *rep)
{
	json_object *top = json_object_new_array();

	for (int i = 0; i < rep->ntop; i++) {
		json_object_array_add(top, count_object(rep->top[i].name, rep->top[i].count,
							r->wall_s, true,
							stat_share(rep->top[i].count,
								   rep->syscalls)));
	}
	json_object_object_add(root, "top_syscalls", top);
	json_object_object_add(root, "syscalls_unnamed",
			       json_object_new_uint64(rep->syscalls_unnamed));
	json_object_object_add(root, "syscall_samples_lost",
			       json_object_new_uint64(r->syscall_lost));
	json_object_object_add(root, "syscalls_named_by",
			       r->names_by ? json_object_new_string(r->names_by) : NULL);
	json_object_object_add(root, "bpf_refused",
			       r->bpf_refused ? json_object_new_string(strerror(r->bpf_refused))
					      : NULL);
	json_object_object_add(root, "context_switch_split_approximate",
			       json_object_new_boolean(r->csw_split_approx));
}

int stat_write_json(FILE *f, const struct stat_result *r, const struct stat_report *rep)
{
	json_object *root = json_object_new_object();

	add_subject(root, r);
	add_times(root, r);
	json_object_object_add(root, "kernel_entries", json_object_new_uint64(rep->entries));
	add_rows(root, r, rep);
	add_top(root, r, rep);
	fputs(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							   JSON_C_TO_STRING_NOSLASHESCAPE),
	      f);
	fputc('\n', f);
	json_object_put(root);
	return ferror(f) ? -1 : 0;
}
