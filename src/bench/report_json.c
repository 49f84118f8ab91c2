/* The ladder as JSON, written atomically, and read back for --compare. */
#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "bench_int.h"
#include "core/output.h"
#include "core/util.h"

static json_object *env_json(const struct bench_env *e)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "cpu_model", json_object_new_string(e->cpu_model));
	json_object_object_add(o, "kernel", json_object_new_string(e->kernel));
	json_object_object_add(o, "hypervisor", json_object_new_boolean(e->hypervisor));
	json_object_object_add(o, "clocksource", json_object_new_string(e->clocksource));
	json_object_object_add(o, "mitigations", json_object_new_string(e->mitigations));
	json_object_object_add(o, "cores", json_object_new_int(e->cores));
	json_object_object_add(o, "tsc_ghz", json_object_new_double(e->tsc_ghz));
	return o;
}

static const char *status_name(int rc)
{
	return rc == 0 ? "ok" : rc == BENCH_SKIP ? "skipped" : "failed";
}

static json_object *row_json(const struct bench_row *row, double unit)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "name", json_object_new_string(row->name));
	json_object_object_add(o, "group", json_object_new_string(row->group));
	json_object_object_add(o, "label", json_object_new_string(row->label));
	json_object_object_add(o, "status", json_object_new_string(status_name(row->rc)));
	json_object_object_add(o, "note", json_object_new_string(row->r.note));
	if (row->rc != 0)
		return o;
	json_object_object_add(o, "median_ns", json_object_new_double(row->r.median_ns));
	json_object_object_add(o, "p99_ns", json_object_new_double(row->r.p99_ns));
	json_object_object_add(o, "cov", json_object_new_double(row->r.cov));
	json_object_object_add(o, "samples", json_object_new_int((int)row->r.samples));
	json_object_object_add(o, "iters_per_sample",
			       json_object_new_int64((int64_t)row->r.iters_per_sample));
	if (unit > 0)
		json_object_object_add(o, "x_function_call",
				       json_object_new_double(row->r.median_ns / unit));
	if (row->r.crossings >= 0)
		json_object_object_add(o, "crossings", json_object_new_double(row->r.crossings));
	return o;
}

int bench_report_json(const struct bench_run *run, FILE *f)
{
	json_object *o = json_object_new_object(), *rows = json_object_new_array();
	double unit = bench_unit_ns(run);

	json_object_object_add(o, "environment", env_json(&run->env));
	json_object_object_add(o, "quick", json_object_new_boolean(run->quick));
	for (size_t i = 0; i < run->n; i++)
		json_object_array_add(rows, row_json(&run->rows[i], unit));
	json_object_object_add(o, "rungs", rows);
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY), f);
	fputc('\n', f);
	json_object_put(o);
	return ferror(f) ? -EIO : 0;
}

static double get_double(json_object *o, const char *key)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) ? json_object_get_double(v) : 0;
}

static void get_string(json_object *o, const char *key, char *buf, size_t size)
{
	json_object *v;

	snprintf(buf, size, "%s",
		 json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "");
}

int bench_load_json(const char *path, struct bench_run *run)
{
	json_object *o = json_object_from_file(path), *rows;

	memset(run, 0, sizeof(*run));
	if (!o)
		return sg_error("cannot read '%s' as a sysgate bench JSON file; write one with "
				"'sysgate bench --json FILE'", path);
	if (!json_object_object_get_ex(o, "rungs", &rows) || !json_object_is_type(rows, json_type_array)) {
		json_object_put(o);
		return sg_error("'%s' has no \"rungs\" array; it is not from 'sysgate bench --json'",
				path);
	}
	run->n = json_object_array_length(rows);
	run->rows = sg_xcalloc(run->n, sizeof(*run->rows));
	for (size_t i = 0; i < run->n; i++) {
		json_object *r = json_object_array_get_idx(rows, i);
		struct bench_row *row = &run->rows[i];
		char status[16];
		get_string(r, "name", row->name, sizeof(row->name));
		get_string(r, "status", status, sizeof(status));
		row->rc = strcmp(status, "ok") == 0 ? 0 : BENCH_SKIP;
		row->r.median_ns = get_double(r, "median_ns");
	}
	json_object_put(o);
	return 0;
}
