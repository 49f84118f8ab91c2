/* Docker/OCI seccomp profiles (the JSON runc and Docker read) into a policy. */
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "core/names.h"
#include "core/policy_int.h"
#include "core/syscalls.h"
#include "core/util.h"

/* Docker's name for the architecture we enforce natively. */
#define OCI_NATIVE_ARCH "amd64"

struct oci {
	struct policy *p;
	const char *name;
	uint64_t caps;
	int kmaj, kmin;
	char *err;
	size_t errsz;
};

static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
	"CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
	"CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
	"CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
	"CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
	"CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
	"CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

static int cap_by_name(const char *name)
{
	for (size_t i = 0; i < SG_ARRAY_SIZE(cap_names); i++)
		if (strcasecmp(name, cap_names[i]) == 0)
			return (int)i;
	return -1;
}

static const struct {
	const char *name;
	enum policy_act act;
} oci_actions[] = {
	{ "SCMP_ACT_ALLOW", POLICY_ALLOW },	      { "SCMP_ACT_ERRNO", POLICY_ERRNO },
	{ "SCMP_ACT_KILL", POLICY_KILL_THREAD },      { "SCMP_ACT_KILL_THREAD", POLICY_KILL_THREAD },
	{ "SCMP_ACT_KILL_PROCESS", POLICY_KILL_PROCESS }, { "SCMP_ACT_TRAP", POLICY_TRAP },
	{ "SCMP_ACT_LOG", POLICY_LOG },		      { "SCMP_ACT_NOTIFY", POLICY_NOTIFY },
	{ "SCMP_ACT_TRACE", POLICY_ERRNO },
};

static const char *const oci_ops[] = {
	[POLICY_EQ] = "SCMP_CMP_EQ", [POLICY_NE] = "SCMP_CMP_NE", [POLICY_LT] = "SCMP_CMP_LT",
	[POLICY_LE] = "SCMP_CMP_LE", [POLICY_GT] = "SCMP_CMP_GT", [POLICY_GE] = "SCMP_CMP_GE",
	[POLICY_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
};

static json_object *field(json_object *o, const char *key)
{
	json_object *v = NULL;

	return json_object_object_get_ex(o, key, &v) ? v : NULL;
}

/* Action from its name; errno_ret (may be NULL) overrides EPERM for SCMP_ACT_ERRNO. */
static int oci_action(struct oci *o, const char *path, json_object *name, json_object *errno_ret,
		      struct policy_action *out)
{
	const char *s = json_object_is_type(name, json_type_string) ? json_object_get_string(name) : NULL;

	for (size_t i = 0; s && i < SG_ARRAY_SIZE(oci_actions); i++) {
		if (strcmp(s, oci_actions[i].name) != 0)
			continue;
		*out = (struct policy_action){ .act = oci_actions[i].act };
		if (strcmp(s, "SCMP_ACT_TRACE") == 0)
			out->err = ENOSYS;
		else if (out->act == POLICY_ERRNO)
			out->err = errno_ret ? json_object_get_int(errno_ret) : EPERM;
		if (out->act == POLICY_ERRNO && (out->err < 0 || out->err >= 4096))
			return policy__err(o->err, o->errsz, "%s: %s: errno %d out of range", o->name,
					   path, out->err);
		return 0;
	}
	if (!s)
		return policy__err(o->err, o->errsz, "%s: %s: action must be a string", o->name, path);
	return policy__err(o->err, o->errsz, "%s: %s: unknown action '%s'", o->name, path, s);
}

static int oci_arg(struct oci *o, const char *path, json_object *a, struct policy_cond *c)
{
	json_object *idx = field(a, "index"), *op = field(a, "op");
	uint64_t value = json_object_get_uint64(field(a, "value"));
	uint64_t two = json_object_get_uint64(field(a, "valueTwo"));
	const char *ops = op ? json_object_get_string(op) : "";

	if (!idx || !json_object_is_type(idx, json_type_int) || json_object_get_int64(idx) < 0 ||
	    json_object_get_int64(idx) >= SG_MAX_ARGS)
		return policy__err(o->err, o->errsz, "%s: %s.index: argument index must be 0..5",
				   o->name, path);
	c->arg = (unsigned)json_object_get_int64(idx);
	for (size_t i = 0; i < SG_ARRAY_SIZE(oci_ops); i++) {
		if (strcmp(ops, oci_ops[i]) != 0)
			continue;
		c->op = (enum policy_op)i;
		/* OCI puts the mask in value and the compared datum in valueTwo. */
		c->mask = c->op == POLICY_MASKED_EQ ? value : 0;
		c->value = c->op == POLICY_MASKED_EQ ? two : value;
		return 0;
	}
	return policy__err(o->err, o->errsz, "%s: %s.op: unknown operator '%s'", o->name, path, ops);
}

static int in_string_list(json_object *list, const char *s)
{
	size_t n = json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(list, i)), s) == 0)
			return 1;
	return 0;
}

static int caps_held(struct oci *o, json_object *list, int want_all)
{
	size_t n = json_object_is_type(list, json_type_array) ? json_object_array_length(list) : 0;
	size_t held = 0;

	for (size_t i = 0; i < n; i++) {
		int cap = cap_by_name(json_object_get_string(json_object_array_get_idx(list, i)));
		held += cap >= 0 && (o->caps >> cap & 1);
	}
	return want_all ? held == n : held > 0;
}

static int kernel_at_least(struct oci *o, const char *v)
{
	int maj = 0, min = 0;

	if (sscanf(v, "%d.%d", &maj, &min) < 1)
		return 1;
	return o->kmaj > maj || (o->kmaj == maj && o->kmin >= min);
}

/* Whether an entry applies here: all included caps held, our arch included, kernel new
 * enough; and no excluded cap held, our arch not excluded, kernel older than minKernel. */
static int oci_applies(struct oci *o, json_object *e)
{
	json_object *inc = field(e, "includes"), *exc = field(e, "excludes"), *v;

	if (inc) {
		if ((v = field(inc, "caps")) && !caps_held(o, v, 1))
			return 0;
		if ((v = field(inc, "arches")) && json_object_array_length(v) > 0 &&
		    !in_string_list(v, OCI_NATIVE_ARCH))
			return 0;
		if ((v = field(inc, "minKernel")) && !kernel_at_least(o, json_object_get_string(v)))
			return 0;
	}
	if (exc) {
		if ((v = field(exc, "caps")) && caps_held(o, v, 0))
			return 0;
		if ((v = field(exc, "arches")) && in_string_list(v, OCI_NATIVE_ARCH))
			return 0;
		if ((v = field(exc, "minKernel")) && kernel_at_least(o, json_object_get_string(v)))
			return 0;
	}
	return 1;
}

static int has_repeated_index(const struct policy_cond *c, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = i + 1; j < n; j++)
			if (c[i].arg == c[j].arg)
				return 1;
	return 0;
}

/* Add the rule for one name; repeated indexes split into one rule per condition. */
static void oci_add(struct oci *o, struct policy_rule *r, const struct policy_cond *c, unsigned n)
{
	if (!has_repeated_index(c, n)) {
		r->ncond = n;
		memcpy(r->cond, c, n * sizeof(*c));
		policy_add_rule(o->p, r);
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		r->ncond = 1;
		r->cond[0] = c[i];
		policy_add_rule(o->p, r);
	}
}

static int oci_names(struct oci *o, const char *path, json_object *e, struct policy_rule *r,
		     const struct policy_cond *c, unsigned n)
{
	json_object *names = field(e, "names"), *one = field(e, "name");
	size_t count = names ? json_object_array_length(names) : 0;

	if (names && !json_object_is_type(names, json_type_array))
		return policy__err(o->err, o->errsz, "%s: %s.names: must be an array", o->name, path);
	if (!names && !one)
		return policy__err(o->err, o->errsz, "%s: %s: no 'names'", o->name, path);
	for (size_t i = 0; i < (names ? count : 1); i++) {
		json_object *nm = names ? json_object_array_get_idx(names, i) : one;
		int nr = sg_syscall_nr(json_object_get_string(nm));

		if (nr < 0) {
			o->p->skipped_names++;
			continue;
		}
		r->nr = nr;
		oci_add(o, r, c, n);
	}
	return 0;
}

static int oci_entry(struct oci *o, size_t i, json_object *e)
{
	char path[48], sub[80], origin[256];
	struct policy_cond c[POLICY_MAX_CONDS];
	struct policy_rule r = { 0 };
	json_object *args = field(e, "args");
	size_t n = args && json_object_is_type(args, json_type_array) ? json_object_array_length(args) : 0;
	int rc;

	snprintf(path, sizeof(path), "syscalls[%zu]", i);
	if (!json_object_is_type(e, json_type_object))
		return policy__err(o->err, o->errsz, "%s: %s: must be an object", o->name, path);
	snprintf(sub, sizeof(sub), "%s.action", path);
	rc = oci_action(o, sub, field(e, "action"), field(e, "errnoRet"), &r.action);
	if (rc)
		return rc;
	if (n > POLICY_MAX_CONDS)
		return policy__err(o->err, o->errsz, "%s: %s.args: more than %d conditions", o->name,
				   path, POLICY_MAX_CONDS);
	for (size_t k = 0; k < n; k++) {
		snprintf(sub, sizeof(sub), "%s.args[%zu]", path, k);
		if ((rc = oci_arg(o, sub, json_object_array_get_idx(args, k), &c[k])))
			return rc;
	}
	if (!oci_applies(o, e)) {
		o->p->skipped_entries++;
		return 0;
	}
	snprintf(origin, sizeof(origin), "%s: %s", o->name, path);
	r.origin = origin;
	return oci_names(o, path, e, &r, c, (unsigned)n);
}

static void oci_arches(struct oci *o, json_object *root)
{
	json_object *list = field(root, "architectures"), *map = field(root, "archMap");
	size_t n = list ? json_object_array_length(list) : 0;

	for (size_t i = 0; i < n; i++)
		policy__add_arch(o->p, json_object_get_string(json_object_array_get_idx(list, i)));
	n = map ? json_object_array_length(map) : 0;
	for (size_t i = 0; i < n; i++) {
		json_object *a = field(json_object_array_get_idx(map, i), "architecture");
		if (a)
			policy__add_arch(o->p, json_object_get_string(a));
	}
}

/* The runtime-spec's "flags". TSYNC is accepted and needs nothing: the filter is
 * loaded before the program starts, when it has one thread. */
static const struct {
	const char *name;
	unsigned flag;
} oci_flags[] = {
	{ "SECCOMP_FILTER_FLAG_TSYNC", 0 },
	{ "SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG },
	{ "SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW },
	{ "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", 0 }, /* set whenever there is a listener */
};

static int oci_flag(struct oci *o, size_t i, json_object *v)
{
	const char *s = json_object_is_type(v, json_type_string) ? json_object_get_string(v) : "";

	for (size_t k = 0; k < SG_ARRAY_SIZE(oci_flags); k++)
		if (strcmp(s, oci_flags[k].name) == 0) {
			o->p->filter_flags |= oci_flags[k].flag;
			return 0;
		}
	return policy__err(o->err, o->errsz, "%s: flags[%zu]: unknown flag '%s' (SECCOMP_FILTER_FLAG_TSYNC, _LOG, _SPEC_ALLOW or _WAIT_KILLABLE_RECV)",
			   o->name, i, s);
}

static int oci_flags_of(struct oci *o, json_object *root)
{
	json_object *list = field(root, "flags");
	int rc;

	if (list && !json_object_is_type(list, json_type_array))
		return policy__err(o->err, o->errsz, "%s: flags: must be an array", o->name);
	for (size_t i = 0; list && i < json_object_array_length(list); i++)
		if ((rc = oci_flag(o, i, json_object_array_get_idx(list, i))))
			return rc;
	return 0;
}

/* A whole runtime config.json (it has ociVersion) holds the profile at linux.seccomp. */
static int oci_unwrap_config(struct oci *o, json_object **root)
{
	json_object *seccomp = field(field(*root, "linux"), "seccomp");

	if (!field(*root, "ociVersion"))
		return 0;
	if (!seccomp || !json_object_is_type(seccomp, json_type_object))
		return policy__err(o->err, o->errsz,
				   "%s: a runtime config.json with no linux.seccomp object; add one (sysgate learn --format oci writes it)",
				   o->name);
	*root = seccomp;
	return 0;
}

static int oci_root(struct oci *o, json_object *root)
{
	struct policy_action def;
	json_object *calls;
	char origin[256];
	int rc;

	if (!json_object_is_type(root, json_type_object))
		return policy__err(o->err, o->errsz, "%s: profile must be a JSON object", o->name);
	if ((rc = oci_unwrap_config(o, &root)))
		return rc;
	if (!field(root, "defaultAction"))
		return policy__err(o->err, o->errsz, "%s: defaultAction: missing", o->name);
	rc = oci_action(o, "defaultAction", field(root, "defaultAction"),
			field(root, "defaultErrnoRet"), &def);
	if (rc)
		return rc;
	snprintf(origin, sizeof(origin), "%s: defaultAction", o->name);
	policy__set_default(o->p, def, origin);
	oci_arches(o, root);
	if ((rc = oci_flags_of(o, root)))
		return rc;
	calls = field(root, "syscalls");
	if (calls && !json_object_is_type(calls, json_type_array))
		return policy__err(o->err, o->errsz, "%s: syscalls: must be an array", o->name);
	for (size_t i = 0; calls && i < json_object_array_length(calls); i++)
		if ((rc = oci_entry(o, i, json_object_array_get_idx(calls, i))))
			return rc;
	return 0;
}

static void line_col(const char *text, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else {
			++*col;
		}
	}
}

static void running_kernel(struct oci *o, const struct policy_oci_env *env)
{
	struct utsname u;

	o->kmaj = env ? env->kernel_major : 0;
	o->kmin = env ? env->kernel_minor : 0;
	if (o->kmaj == 0 && o->kmin == 0 && uname(&u) == 0)
		sscanf(u.release, "%d.%d", &o->kmaj, &o->kmin);
}

int policy_parse_oci(struct policy *p, const char *text, size_t len, const char *name,
		     const struct policy_oci_env *env, char *err, size_t errsz)
{
	struct oci o = { .p = p, .name = name, .caps = env ? env->caps : 0, .err = err, .errsz = errsz };
	struct json_tokener *tok;
	json_object *root;
	int line, col, rc;
	size_t skip = strspn(text, " \t\r\n");

	if (skip >= len)
		return policy__err(err, errsz, "%s: empty profile", name);
	running_kernel(&o, env);
	tok = json_tokener_new();
	root = json_tokener_parse_ex(tok, text, (int)len);
	if (!root || (size_t)tok->char_offset + strspn(text + tok->char_offset, " \t\r\n") < len) {
		enum json_tokener_error je = json_tokener_get_error(tok);
		line_col(text, tok->char_offset, &line, &col);
		rc = policy__err(err, errsz, "%s:%d:%d: %s", name, line, col,
				 je == json_tokener_continue ? "unexpected end of JSON" :
				 je == json_tokener_success ? "trailing data after JSON" :
				 json_tokener_error_desc(je));
		json_object_put(root);
		json_tokener_free(tok);
		return rc;
	}
	json_tokener_free(tok);
	rc = oci_root(&o, root);
	json_object_put(root);
	return rc;
}

int policy_load_oci(struct policy *p, const char *path, const struct policy_oci_env *env,
		    char *err, size_t errsz)
{
	char *text;
	size_t len;
	int rc = sg_read_file(path, &text, &len);

	if (rc)
		return policy__err(err, errsz, "cannot open '%s': %s", path, strerror(-rc)), rc;
	rc = policy_parse_oci(p, text, len, path, env, err, errsz);
	free(text);
	return rc;
}
