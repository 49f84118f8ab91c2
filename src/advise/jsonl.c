/* Calls from a trace recorded with sysgate trace --json (-k for sites, -T or an
 * in-process backend for durations): the same fields the live run decodes. */
#include "advise_int.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/strbuf.h"
#include "core/syscalls.h"
#include "core/util.h"

struct line_ctx {
	const char *file;
	long line;
	char *err;
	size_t errlen;
};

static int fail(struct line_ctx *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct line_ctx *l, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(l->err, l->errlen, "%s:%ld: ", l->file, l->line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < l->errlen)
		vsnprintf(l->err + n, l->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int64_t int_field(json_object *o, const char *key, int64_t dflt)
{
	json_object *v;

	return json_object_object_get_ex(o, key, &v) && v ? json_object_get_int64(v) : dflt;
}

static char *frames_site(json_object *stack)
{
	struct adv_frame f[64];
	int n = 0;
	size_t len = stack ? json_object_array_length(stack) : 0;

	for (size_t i = 0; i < len && n < (int)SG_ARRAY_SIZE(f); i++) {
		json_object *fr = json_object_array_get_idx(stack, i), *v;
		if (!json_object_object_get_ex(fr, "object", &v))
			break; /* the unwind's error line ends the frames */
		f[n].object = json_object_get_string(v);
		f[n].function = json_object_object_get_ex(fr, "function", &v)
					? json_object_get_string(v) : NULL;
		f[n].function_offset = (uint64_t)int_field(fr, "function_offset", 0);
		f[n].offset = (uint64_t)int_field(fr, "offset", 0);
		n++;
	}
	return adv_site(f, n);
}

/* One argument: its register (a symbolic value's number is beside it as
 * NAME_value; a string's address is not recorded), and its rendering. */
static void take_arg(struct adv_call *c, int i, const char *name, json_object *args,
		     struct sg_str *text)
{
	json_object *v, *num;
	char key[64];

	snprintf(key, sizeof(key), "%s_value", name);
	if (!json_object_object_get_ex(args, name, &v))
		return;
	bool symbolic = json_object_object_get_ex(args, key, &num);
	const char *str = json_object_get_string(v);
	if (json_object_is_type(v, json_type_int)) {
		c->args[i] = json_object_get_int64(v);
		adv_call_arg(c, name, c->args[i], NULL);
		sg_str_addf(text, "%s%lld", i ? ", " : "", (long long)c->args[i]);
	} else if (symbolic) {
		c->args[i] = json_object_get_int64(num);
		adv_call_arg(c, name, c->args[i], NULL);
		sg_str_addf(text, "%s%s", i ? ", " : "", str);
	} else {
		adv_call_arg(c, name, 0, json_object_is_type(v, json_type_string) ? str : NULL);
		sg_str_addf(text, json_object_is_type(v, json_type_string) ? "%s\"%s\"" : "%s%s",
			    i ? ", " : "", str);
	}
}

static void take_args(struct adv_call *c, json_object *args, struct sg_str *text)
{
	const struct sg_syscall *sc = sg_syscall(c->nr);

	sg_str_addf(text, "%s(", c->name);
	c->nargs = sc ? sc->nargs : 0;
	for (int i = 0; sc && args && i < sc->nargs && i < 6; i++)
		take_arg(c, i, sc->args[i].name, args, text);
	sg_str_add(text, ")");
}

static void take_result(struct adv_call *c, json_object *o, struct sg_str *text)
{
	int64_t err = int_field(o, "errno", 0);

	c->ret = err ? -err : int_field(o, "ret", 0);
	c->failed = err != 0;
	if (c->failed) {
		const char *name = sg_errno_name((int)err);
		sg_str_addf(text, " = -1 %s", name ? name : "?");
	} else {
		sg_str_addf(text, " = %lld", (long long)c->ret);
	}
}

static int one_call(struct line_ctx *l, json_object *o, struct adv_session *s)
{
	json_object *name, *args = NULL, *stack = NULL, *t;
	struct adv_call c;
	struct sg_str text = { 0 };

	if (!json_object_object_get_ex(o, "syscall", &name) ||
	    !json_object_is_type(name, json_type_string))
		return fail(l, "a syscall record without its name ('syscall')");
	adv_call_init(&c);
	c.name = json_object_get_string(name);
	c.nr = int_field(o, "nr", sg_syscall_nr(c.name));
	c.pid = (pid_t)int_field(o, "pid", 0);
	c.dur_ns = (uint64_t)int_field(o, "duration_ns", 0);
	if (json_object_object_get_ex(o, "time", &t))
		c.time_ns = (uint64_t)(json_object_get_double(t) * 1e9);
	json_object_object_get_ex(o, "args", &args);
	json_object_object_get_ex(o, "stack", &stack);
	take_args(&c, args, &text);
	take_result(&c, o, &text);
	c.text = text.s;
	char *site = frames_site(stack);
	c.site = site;
	adv_session_feed(s, &c, false);
	free(site);
	sg_str_free(&text);
	return 0;
}

static int one_line(struct line_ctx *l, const char *buf, struct adv_session *s)
{
	json_object *o = json_tokener_parse(buf), *type;
	int rc = 0;

	if (!o || !json_object_is_type(o, json_type_object))
		rc = fail(l, "not a JSON object (record it with sysgate trace --json)");
	else if (!json_object_object_get_ex(o, "type", &type))
		rc = fail(l, "a record without its 'type'");
	else if (strcmp(json_object_get_string(type), "syscall") == 0)
		rc = one_call(l, o, s);
	json_object_put(o);
	return rc;
}

int adv_jsonl_read(FILE *f, const char *name, struct adv_session *s, char *err, size_t errlen)
{
	struct line_ctx l = { name, 0, err, errlen };
	char *buf = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	while (rc == 0 && (n = getline(&buf, &cap, f)) >= 0) {
		l.line++;
		if (n > 0 && buf[n - 1] == '\n')
			buf[--n] = '\0';
		if (n > 0)
			rc = one_line(&l, buf, s);
	}
	if (rc == 0 && ferror(f))
		rc = fail(&l, "%s", strerror(errno));
	free(buf);
	return rc;
}
