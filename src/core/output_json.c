/* The JSON Lines writer: one object per event, argument names from the syscall table. */
#include <json-c/json.h>
#include <stdbool.h>
#include <string.h>

#include "decode_int.h"
#include "names.h"
#include "output_int.h"

/* JSON strings must be UTF-8: binary data keeps strace's escaped form instead. */
static bool is_text(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;

	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xe0) == 0xc0 ? 2 : (s[i] & 0xf0) == 0xe0 ? 3
			   : (s[i] & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0 || i + len > n || s[i] == 0 || (len == 2 && s[i] < 0xc2))
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

/* argv, envp: each string as bytes of the tracee when they are text, else as shown. */
static json_object *string_array(const struct sg_argval *v)
{
	json_object *a = json_object_new_array();
	const char *p = v->raw;

	for (long long i = 0; p && i < v->num; i++) {
		size_t n = strlen(p);
		json_object_array_add(a, is_text(p, n) ? json_object_new_string_len(p, (int)n)
						       : json_object_new_string(""));
		p += n + 1;
	}
	return a;
}

static json_object *arg_value(const struct sg_argval *v)
{
	switch (v->type) {
	case SG_VAL_NUM:
		return json_object_new_int64(v->num);
	case SG_VAL_STR:
		if (v->raw && is_text(v->raw, v->rawlen))
			return json_object_new_string_len(v->raw, (int)v->rawlen);
		return json_object_new_string(v->text ? v->text : "");
	case SG_VAL_ARRAY:
		return string_array(v);
	case SG_VAL_TEXT:
	default:
		return json_object_new_string(v->text ? v->text : "");
	}
}

/* -k: innermost first; an address no object covers ends the list as an error. */
static json_object *stack_array(const struct sg_stack *s)
{
	json_object *a = json_object_new_array();

	for (int i = 0; i < s->n; i++) {
		json_object *f = json_object_new_object();
		json_object_object_add(f, "object", json_object_new_string(s->f[i].object));
		if (s->f[i].symbol) {
			json_object_object_add(f, "function", json_object_new_string(s->f[i].symbol));
			json_object_object_add(f, "function_offset",
					       json_object_new_int64((int64_t)s->f[i].sym_off));
		}
		json_object_object_add(f, "offset", json_object_new_int64((int64_t)s->f[i].offset));
		json_object_array_add(a, f);
	}
	if (s->error) {
		json_object *f = json_object_new_object();
		json_object_object_add(f, "error", json_object_new_string(s->error));
		json_object_object_add(f, "pc", json_object_new_int64((int64_t)s->error_pc));
		json_object_array_add(a, f);
	}
	return a;
}

static void add_call(json_object *o, const struct sg_call *c)
{
	json_object *args = json_object_new_object();

	json_object_object_add(o, "syscall",
			       json_object_new_string(c->sc ? c->sc->name : "unknown"));
	json_object_object_add(o, "nr", json_object_new_int64(c->nr));
	for (int i = 0; i < c->nargs; i++) {
		char fallback[16];
		const char *name = fallback;
		if (!c->vals[i].text)
			continue;
		if (c->sc && !c->sc->no_metadata)
			name = c->sc->args[i].name;
		else
			snprintf(fallback, sizeof(fallback), "arg%d", i);
		json_object_object_add(args, name, arg_value(&c->vals[i]));
		/* A symbolic value (flags, a constant, a struct) keeps its number beside it. */
		if (c->vals[i].type == SG_VAL_TEXT) {
			char key[48];
			snprintf(key, sizeof(key), "%s_value", name);
			json_object_object_add(args, key, json_object_new_int64((long long)c->args[i]));
		}
		if (c->vals[i].truncated) {
			char key[48];
			snprintf(key, sizeof(key), "%s_truncated", name);
			json_object_object_add(args, key, json_object_new_boolean(1));
		}
	}
	json_object_object_add(o, "args", args);
	if (c->stack)
		json_object_object_add(o, "stack", stack_array(c->stack));
}

static void add_result(json_object *o, const struct sg_call *c, bool returned)
{
	if (!returned) {
		json_object_object_add(o, "ret", NULL);
		return;
	}
	if (c->is_error) {
		const char *name = sg_errno_name((int)-c->ret);
		json_object_object_add(o, "ret", json_object_new_int64(-1));
		if (c->injected)
			json_object_object_add(o, "injected", json_object_new_boolean(1));
		json_object_object_add(o, "errno", json_object_new_int64(-c->ret));
		if (name)
			json_object_object_add(o, "error", json_object_new_string(name));
	} else {
		json_object_object_add(o, "ret", json_object_new_int64(c->ret));
	}
}

static const char *kind_name(const struct sg_event *ev)
{
	switch (ev->kind) {
	case SG_EV_ENTER: return "enter";
	case SG_EV_EXIT: return "syscall";
	case SG_EV_SIGNAL: return "signal";
	case SG_EV_PROC_EXIT: return ev->killed ? "killed" : "exited";
	case SG_EV_DETACHED: return "detached";
	}
	return "unknown";
}

static void add_signal(json_object *o, const char *key, int sig)
{
	struct sg_str s = { 0 };

	sg_print_signo(&s, sig);
	json_object_object_add(o, key, json_object_new_string(s.s));
	sg_str_free(&s);
}

void sg_json_event(struct sg_output *out, const struct sg_event *ev)
{
	json_object *o;
	struct sg_str info = { 0 };

	if (ev->kind == SG_EV_ENTER)
		return; /* the exit record carries everything */
	o = json_object_new_object();
	json_object_object_add(o, "type", json_object_new_string(kind_name(ev)));
	json_object_object_add(o, "pid", json_object_new_int(ev->pid));
	json_object_object_add(o, "time", json_object_new_double((double)ev->wall_ns / 1e9));
	switch (ev->kind) {
	case SG_EV_EXIT:
		add_call(o, ev->call);
		add_result(o, ev->call, true);
		json_object_object_add(o, "duration_ns",
				       json_object_new_int64((int64_t)ev->duration_ns));
		break;
	case SG_EV_SIGNAL:
		add_signal(o, "signal", ev->sig);
		sg_format_siginfo(ev->si, &info);
		json_object_object_add(o, "siginfo", json_object_new_string(info.s));
		if (ev->stack)
			json_object_object_add(o, "stack", stack_array(ev->stack));
		sg_str_free(&info);
		break;
	case SG_EV_PROC_EXIT:
		if (ev->call) {
			json_object *u = json_object_new_object();
			add_call(u, ev->call);
			add_result(u, ev->call, false);
			json_object_object_add(o, "unfinished", u);
		}
		if (ev->killed) {
			add_signal(o, "signal", ev->sig);
			json_object_object_add(o, "core_dumped",
					       json_object_new_boolean(ev->core_dumped));
		} else {
			json_object_object_add(o, "status", json_object_new_int(ev->exit_code));
		}
		break;
	default:
		break;
	}
	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE), out->fp);
	fputc('\n', out->fp);
	json_object_put(o);
}
