/* The -e expressions: which syscalls to show, which results, and fault injection. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "core/names.h"
#include "core/util.h"
#include "trace_int.h"

/* A syscall number, as strace takes it: "trace=39". */
static int by_number(const char *tok)
{
	long nr;

	if (sg_parse_long(tok, &nr) < 0 || nr < 0 || nr >= SG_NR_SYSCALLS ||
	    !sg_syscall_table[nr].name)
		return -1;
	return (int)nr;
}

/* "/REGEX": every syscall whose name matches (POSIX extended, as strace). */
static int by_regex(struct trace_opts *o, bool *set, const char *re)
{
	regex_t rx;
	bool any = false;

	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB) != 0)
		return trace_fail(o, SG_EXIT_USAGE, "invalid regular expression '%s' in -e trace=/", re);
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
		if (sg_syscall_table[nr].name && regexec(&rx, sg_syscall_table[nr].name, 0, NULL, 0) == 0)
			any = set[nr] = true;
	regfree(&rx);
	return any ? 0 : trace_fail(o, SG_EXIT_USAGE, "no syscall matches '/%s' in -e trace=", re);
}

static int select_name(struct trace_opts *o, bool *set, const char *tok)
{
	if (tok[0] == '/')
		return by_regex(o, set, tok + 1);
	/* strace still takes a class without its '%' ("trace=file"). */
	if (tok[0] == '%' || (sg_syscall_nr(tok) < 0 && sg_class_by_name(tok))) {
		unsigned bit = sg_class_by_name(tok + (tok[0] == '%'));
		if (!bit)
			return trace_fail(o, SG_EXIT_USAGE, "unknown syscall class '%s'; known: %%file %%desc "
					"%%network %%process %%memory %%signal %%ipc %%creds %%clock %%pure "
					"%%stat %%lstat %%fstat %%%%stat %%statfs %%fstatfs %%%%statfs", tok);
		for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
			if (sg_syscall_table[nr].classes & bit)
				set[nr] = true;
		return 0;
	}
	if (strcmp(tok, "all") == 0) {
		for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
			set[nr] = sg_syscall_table[nr].name != NULL;
		return 0;
	}
	if (strcmp(tok, "none") == 0)
		return 0;
	int nr = tok[0] >= '0' && tok[0] <= '9' ? by_number(tok) : sg_syscall_nr(tok);
	if (nr < 0 && sg_syscall_foreign(tok))
		return 0; /* another ABI's name: accepted, matching nothing, as strace */
	if (nr < 0) {
		const char *hint = sg_syscall_suggest(tok);
		if (hint)
			return trace_fail(o, SG_EXIT_USAGE, "unknown syscall '%s'; did you mean '%s'?", tok, hint);
		return trace_fail(o, SG_EXIT_USAGE, "unknown syscall '%s'; see 'sysgate help trace' for classes", tok);
	}
	set[nr] = true;
	return 0;
}

/* What a name would select, without a word about it: for "?NAME". */
static bool selects_something(const char *tok)
{
	if (tok[0] == '%')
		return sg_class_by_name(tok + 1) != 0;
	if (tok[0] == '/' || strcmp(tok, "all") == 0 || strcmp(tok, "none") == 0)
		return true;
	return (tok[0] >= '0' && tok[0] <= '9' ? by_number(tok) : sg_syscall_nr(tok)) >= 0 ||
	       sg_syscall_foreign(tok) || sg_class_by_name(tok);
}

/* One element of a set, as strace takes it: "?NAME" (NAME if it exists, else
 * nothing) and "NAME@64" (this ABI's), "NAME@32", "NAME@x32" (another ABI's:
 * nothing here). */
static int select_one(struct trace_opts *o, bool *set, const char *tok)
{
	char name[128];
	bool optional = tok[0] == '?';
	const char *at;

	snprintf(name, sizeof(name), "%s", tok + optional);
	if (name[0] != '/' && (at = strrchr(name, '@'))) {
		if (strcmp(at, "@64") != 0 && strcmp(at, "@32") != 0 && strcmp(at, "@x32") != 0)
			return trace_fail(o, SG_EXIT_USAGE, "unknown personality '%s' in '%s'; use @64, "
					  "@32 or @x32", at, tok);
		if (strcmp(at, "@64") != 0)
			return 0; /* another ABI, which this tracer does not see */
		name[at - name] = '\0';
	}
	if (optional && !selects_something(name))
		return 0;
	return select_name(o, set, name);
}

/* "open,read", "%file", "!write", "all" into out (every number: in the set or not). */
static int syscall_set(struct trace_opts *o, const char *spec, const char *what, bool *out)
{
	bool negate = spec[0] == '!';
	bool set[SG_NR_SYSCALLS] = { false };
	char *copy = sg_xstrdup(negate ? spec + 1 : spec), *save = NULL;
	int rc = 0;

	if (!*copy)
		rc = trace_fail(o, SG_EXIT_USAGE, "empty syscall set in -e %s=; name at least one "
				"syscall", what);
	for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0;
	     tok = strtok_r(NULL, ",", &save))
		rc = select_one(o, set, tok);
	free(copy);
	if (rc < 0)
		return rc;
	for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
		out[nr] = sg_syscall_table[nr].name && (set[nr] != negate);
	return 0;
}

int trace_select(struct trace_opts *o, const char *spec)
{
	int rc = syscall_set(o, spec, "trace", o->selected);

	if (rc == 0)
		o->select_all = false;
	return rc;
}

/* "-e raw=SET": those calls' arguments and results as the registers hold them. */
int trace_raw(struct trace_opts *o, const char *spec)
{
	int rc = syscall_set(o, spec, "raw", o->raw);

	if (rc == 0)
		o->dec.raw = o->raw;
	return rc;
}

/* Sets out to the complement of spec: the options name what they keep. */
static int complement_set(struct trace_opts *o, const char *spec, const char *what, bool *out)
{
	bool set[SG_NR_SYSCALLS];
	int rc = syscall_set(o, spec, what, set);

	if (rc == 0)
		for (int nr = 0; nr < SG_NR_SYSCALLS; nr++)
			out[nr] = sg_syscall_table[nr].name && !set[nr];
	return rc;
}

int trace_abbrev(struct trace_opts *o, const char *spec)
{
	int rc = complement_set(o, spec, "abbrev", o->no_abbrev);

	if (rc == 0)
		o->dec.no_abbrev = o->no_abbrev;
	return rc;
}

int trace_verbose(struct trace_opts *o, const char *spec)
{
	int rc = complement_set(o, spec, "verbose", o->no_deref);

	if (rc == 0)
		o->dec.no_deref = o->no_deref;
	return rc;
}

int trace_fd_set(struct trace_opts *o, const char *spec, const char *what, bool *out)
{
	bool negate = spec[0] == '!';
	bool set[SG_DUMP_FDS] = { false };
	char *copy = sg_xstrdup(negate ? spec + 1 : spec), *save = NULL;
	int rc = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
		long fd;
		if (strcmp(tok, "all") == 0)
			memset(set, true, sizeof(set));
		else if (strcmp(tok, "none") == 0)
			continue;
		else if (sg_parse_long(tok, &fd) == 0 && fd >= 0 && fd < SG_DUMP_FDS)
			set[fd] = true;
		else
			rc = trace_fail(o, SG_EXIT_USAGE, "invalid file descriptor '%s' in -e %s=; use "
					"numbers from 0 to %d, all or none", tok, what, SG_DUMP_FDS - 1);
	}
	free(copy);
	if (rc == 0)
		for (int fd = 0; fd < SG_DUMP_FDS; fd++)
			out[fd] = set[fd] != negate;
	return rc;
}

int trace_status(struct trace_opts *o, const char *spec)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "successful", STATUS_SUCCESSFUL }, { "failed", STATUS_FAILED },
		{ "unfinished", STATUS_UNFINISHED }, { "unavailable", STATUS_UNAVAILABLE },
		{ "detached", STATUS_DETACHED },     { "all", STATUS_ALL }, { "none", 0 },
	};
	bool negate = spec[0] == '!';
	char *copy = sg_xstrdup(spec + negate), *save = NULL;
	unsigned set = 0;
	int rc = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
		size_t i = 0;
		while (i < SG_ARRAY_SIZE(names) && strcmp(tok, names[i].name) != 0)
			i++;
		if (i == SG_ARRAY_SIZE(names))
			rc = trace_fail(o, SG_EXIT_USAGE, "unknown status '%s'; use successful, failed, "
					"unfinished, unavailable, detached, all or none", tok);
		else
			set |= names[i].bit;
	}
	free(copy);
	if (rc == 0)
		o->status = negate ? STATUS_ALL & ~set : set;
	return rc;
}

static bool parse_count(const char *s, char **end, unsigned long *n)
{
	*n = strtoul(s, end, 10);
	return *end != s && *n >= 1 && *n <= 65535;
}

/* when=FIRST[..LAST][+[STEP]] */
static int parse_when(struct trace_opts *o, struct sg_inject *r, const char *v)
{
	char *end;
	unsigned long first, last = 0, step = 0;
	bool ok = parse_count(v, &end, &first);

	if (ok && strncmp(end, "..", 2) == 0) {
		ok = parse_count(end + 2, &end, &last) && last >= first;
		step = 1;
	}
	if (ok && *end == '+') {
		step = 1;
		if (end[1])
			ok = parse_count(end + 1, &end, &step);
		else
			end++;
	}
	if (!ok || *end)
		return trace_fail(o, SG_EXIT_USAGE, "invalid when='%s' in -e inject; use FIRST[..LAST]"
				"[+[STEP]], numbers from 1", v);
	r->first = (uint32_t)first;
	r->last = (uint32_t)last;
	r->step = (uint32_t)step;
	return 0;
}

/* A delay: microseconds, or a number with s, ms, us or ns. */
static int parse_delay(struct trace_opts *o, const char *v, uint64_t *us)
{
	static const struct { const char *unit; double per_us; } units[] = {
		{ "", 1 }, { "us", 1 }, { "ms", 1e-3 }, { "s", 1e-6 }, { "ns", 1e3 },
	};
	char *end;
	double n = strtod(v, &end);

	for (size_t i = 0; end != v && n >= 0 && i < SG_ARRAY_SIZE(units); i++)
		if (strcmp(end, units[i].unit) == 0 && n / units[i].per_us < 1e12) {
			*us = (uint64_t)(n / units[i].per_us + 0.5);
			return 0;
		}
	return trace_fail(o, SG_EXIT_USAGE, "invalid delay '%s' in -e inject; use microseconds or "
			  "a number with s, ms, us or ns", v);
}

static int parse_inject_field(struct trace_opts *o, struct sg_inject *r, char *field)
{
	char *v = strchr(field, '=');
	long n;

	if (!v)
		v = field + strlen(field);
	else
		v++;
	if (strncmp(field, "error=", 6) == 0) {
		r->err = sg_errno_by_name(v);
		if (r->err <= 0 && sg_parse_long(v, &n) == 0 && n > 0 && n < 4096)
			r->err = (int)n;
		if (r->err <= 0)
			return trace_fail(o, SG_EXIT_USAGE, "unknown errno '%s' in -e inject; use a name "
					  "like ENOSPC", v);
		return 0;
	}
	if (strncmp(field, "retval=", 7) == 0) {
		char *end;
		r->retval = (int64_t)strtoll(v, &end, 0);
		r->has_retval = end != v && !*end;
		return r->has_retval ? 0 : trace_fail(o, SG_EXIT_USAGE, "invalid retval='%s' in -e "
						      "inject; use a number", v);
	}
	if (strncmp(field, "signal=", 7) == 0) {
		r->sig = sg_signal_by_name(v);
		return r->sig > 0 && r->sig < 65 ? 0 : trace_fail(o, SG_EXIT_USAGE, "unknown signal "
								  "'%s' in -e inject", v);
	}
	if (strncmp(field, "delay_enter=", 12) == 0)
		return parse_delay(o, v, &r->delay_enter_us);
	if (strncmp(field, "delay_exit=", 11) == 0)
		return parse_delay(o, v, &r->delay_exit_us);
	if (strncmp(field, "when=", 5) == 0)
		return parse_when(o, r, v);
	return trace_fail(o, SG_EXIT_USAGE, "unknown inject field '%s'; use error=, retval=, "
			  "signal=, delay_enter=, delay_exit= or when=", field);
}

int trace_inject_index(const struct trace_opts *o, long nr)
{
	for (int i = 0; i < o->ninjects; i++)
		if (o->injects[i].nr == nr)
			return i;
	return -1;
}

/* "SET:error=ENOSPC|retval=N[:signal=SIG][:delay_enter=D][:delay_exit=D][:when=W]" */
int trace_inject(struct trace_opts *o, const char *spec)
{
	char *copy = sg_xstrdup(spec), *save = NULL;
	char *names = strtok_r(copy, ":", &save);
	struct inject_rule rule = { .how = { .first = 1, .step = 1 } };
	bool set[SG_NR_SYSCALLS] = { false };
	int rc = names ? 0 : trace_fail(o, SG_EXIT_USAGE, "empty -e inject=; use SYSCALL:error=ERRNO");
	char *nsave = NULL;

	for (char *n = names ? strtok_r(names, ",", &nsave) : NULL; n && rc == 0;
	     n = strtok_r(NULL, ",", &nsave))
		rc = select_one(o, set, n);
	for (char *f = strtok_r(NULL, ":", &save); f && rc == 0; f = strtok_r(NULL, ":", &save))
		rc = parse_inject_field(o, &rule.how, f);
	if (rc == 0 && rule.how.err && rule.how.has_retval)
		rc = trace_fail(o, SG_EXIT_USAGE, "-e inject=%s: error= and retval= exclude each other", spec);
	if (rc == 0 && !rule.how.err && !rule.how.has_retval && !rule.how.sig &&
	    !rule.how.delay_enter_us && !rule.how.delay_exit_us)
		rc = trace_fail(o, SG_EXIT_USAGE, "-e inject=%s needs error=, retval=, signal=, "
				"delay_enter= or delay_exit=", spec);
	for (int nr = 0; rc == 0 && nr < SG_NR_SYSCALLS; nr++) {
		if (!set[nr])
			continue;
		/* As strace: a later -e inject= for the same call replaces the earlier. */
		int i = trace_inject_index(o, nr);
		if (i < 0) {
			o->injects = sg_xrealloc(o->injects, sizeof(rule) * (size_t)(o->ninjects + 1));
			i = o->ninjects++;
		}
		rule.nr = nr;
		o->injects[i] = rule;
	}
	free(copy);
	return rc;
}

/* "-e signal=SET": names (SIGCHLD or CHLD), numbers, all, none; '!' negates. */
int trace_signals(struct trace_opts *o, const char *spec)
{
	bool negate = spec[0] == '!', set[65] = { false };
	char *copy = sg_xstrdup(negate ? spec + 1 : spec), *save = NULL;
	int rc = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0;
	     tok = strtok_r(NULL, ",", &save)) {
		int sig = sg_signal_by_name(tok);
		if (strcmp(tok, "all") == 0)
			memset(set, true, sizeof(set));
		else if (strcmp(tok, "none") == 0)
			continue;
		else if (sig > 0 && sig < 65)
			set[sig] = true;
		else
			rc = trace_fail(o, SG_EXIT_USAGE, "unknown signal '%s' in -e signal=; use names like SIGCHLD", tok);
	}
	free(copy);
	for (int sig = 1; sig < 65 && rc == 0; sig++)
		o->sig_hidden[sig] = set[sig] == negate;
	return rc;
}
