/* Option parsing for the namespace part of `sysgate jail`: options to launch_ns_opts. */
#include "launch/ns.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>

#include "core/util.h"

int launch_ns_err(char *err, size_t errlen, int code, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return code;
}

void launch_ns_opts_init(struct launch_ns_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->uid = o->gid = -1;
}

void launch_ns_opts_free(struct launch_ns_opts *o)
{
	for (size_t i = 0; i < o->nfs; i++) {
		free(o->fs[i].src);
		free(o->fs[i].dst);
	}
	for (size_t i = 0; i < o->nenv; i++) {
		free(o->env[i].name);
		free(o->env[i].value);
	}
	free(o->fs);
	free(o->env);
	free(o->chdir);
	free(o->hostname);
	launch_ns_opts_init(o);
}

bool launch_ns_need_pid1(const struct launch_ns_opts *o)
{
	return o->unshare & CLONE_NEWPID;
}

static const struct {
	const char *name;
	int flag;
} ns_names[] = {
	{ "user", CLONE_NEWUSER }, { "pid", CLONE_NEWPID }, { "mount", CLONE_NEWNS },
	{ "net", CLONE_NEWNET },   { "ipc", CLONE_NEWIPC }, { "uts", CLONE_NEWUTS },
	{ "cgroup", CLONE_NEWCGROUP },
};

static int parse_unshare(struct launch_ns_opts *o, const char *list, char *err, size_t errlen)
{
	char *copy = sg_xstrdup(list), *save = NULL;
	int ret = 0;

	for (char *w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t i = 0;

		while (i < SG_ARRAY_SIZE(ns_names) && strcmp(w, ns_names[i].name) != 0)
			i++;
		if (i == SG_ARRAY_SIZE(ns_names)) {
			ret = launch_ns_err(err, errlen, -EINVAL,
					  "unknown namespace '%s' in --unshare; use "
					  "user,pid,mount,net,ipc,uts,cgroup",
					  w);
			break;
		}
		o->unshare |= ns_names[i].flag;
	}
	free(copy);
	return ret;
}

/* Store a filesystem operation; bind sources must exist and are made absolute. */
static int add_fs(struct launch_ns_opts *o, enum launch_ns_fs_kind kind, const char *src,
		  const char *dst, char *err, size_t errlen)
{
	char *real = NULL;

	if (!dst || dst[0] != '/')
		return launch_ns_err(err, errlen, -EINVAL,
				   "destination '%s' must be an absolute path", dst ? dst : "");
	if (src) {
		real = realpath(src, NULL);
		if (!real)
			return launch_ns_err(err, errlen, -ENOENT, "cannot bind '%s': %s", src,
					   strerror(errno));
	}
	o->fs = sg_xrealloc(o->fs, (o->nfs + 1) * sizeof(*o->fs));
	o->fs[o->nfs++] = (struct launch_ns_fs_op){ kind, real, sg_xstrdup(dst) };
	o->unshare |= CLONE_NEWNS;
	return 0;
}

/* --symlink TARGET DST: the link's text is kept as given (it is read inside). */
static int add_symlink(struct launch_ns_opts *o, const char *target, const char *dst, char *err,
		       size_t errlen)
{
	int ret = add_fs(o, LAUNCH_NS_DIR, NULL, dst, err, errlen);

	if (ret == 0) {
		o->fs[o->nfs - 1].kind = LAUNCH_NS_SYMLINK;
		o->fs[o->nfs - 1].src = sg_xstrdup(target);
	}
	return ret;
}

/* "SRC:DST" for the one-argument form of --bind and --ro-bind. */
static int add_bind_joined(struct launch_ns_opts *o, enum launch_ns_fs_kind kind, const char *arg,
			   char *err, size_t errlen)
{
	const char *colon = strchr(arg, ':');
	char *src;
	int ret;

	if (!colon)
		return launch_ns_err(err, errlen, -EINVAL, "bind '%s' needs SRC:DST", arg);
	src = sg_xstrdup(arg);
	src[colon - arg] = '\0';
	ret = add_fs(o, kind, src, colon + 1, err, errlen);
	free(src);
	return ret;
}

static int add_env(struct launch_ns_opts *o, const char *name, const char *value, char *err,
		   size_t errlen)
{
	if (!name[0] || strchr(name, '='))
		return launch_ns_err(err, errlen, -EINVAL, "bad environment variable name '%s'",
				   name);
	o->env = sg_xrealloc(o->env, (o->nenv + 1) * sizeof(*o->env));
	o->env[o->nenv++] = (struct launch_ns_env){ sg_xstrdup(name),
						    value ? sg_xstrdup(value) : NULL };
	return 0;
}

static int add_env_joined(struct launch_ns_opts *o, const char *arg, char *err, size_t errlen)
{
	const char *eq = strchr(arg, '=');
	char *name;
	int ret;

	if (!eq)
		return launch_ns_err(err, errlen, -EINVAL, "--setenv '%s' needs NAME=VALUE", arg);
	name = sg_xstrdup(arg);
	name[eq - arg] = '\0';
	ret = add_env(o, name, eq + 1, err, errlen);
	free(name);
	return ret;
}

static const struct {
	const char *name;
	int resource;
} rlimit_names[] = {
	{ "as", RLIMIT_AS },   { "nofile", RLIMIT_NOFILE }, { "nproc", RLIMIT_NPROC },
	{ "cpu", RLIMIT_CPU }, { "fsize", RLIMIT_FSIZE },   { "core", RLIMIT_CORE },
	{ "stack", RLIMIT_STACK },
};

const char *launch_ns_rlimit_name(int resource)
{
	for (size_t i = 0; i < SG_ARRAY_SIZE(rlimit_names); i++)
		if (rlimit_names[i].resource == resource)
			return rlimit_names[i].name;
	return "?";
}

/* A count with an optional K/M/G suffix (powers of 1024), or "unlimited". */
static int parse_rlim_value(const char *s, rlim_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	if (strcmp(s, "unlimited") == 0 || strcmp(s, "inf") == 0) {
		*out = RLIM_INFINITY;
		return 0;
	}
	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return -1;
	if (*end == 'k' || *end == 'K')
		shift = 10;
	else if (*end == 'm' || *end == 'M')
		shift = 20;
	else if (*end == 'g' || *end == 'G')
		shift = 30;
	if (shift)
		end++;
	if (*end || v > (ULLONG_MAX >> shift))
		return -1;
	*out = (rlim_t)(v << shift);
	return 0;
}

static void set_rlimit(struct launch_ns_opts *o, int resource, rlim_t value)
{
	size_t i = 0;

	while (i < o->nrlimits && o->rlimits[i].resource != resource)
		i++;
	o->rlimits[i] = (struct launch_ns_rlimit){ resource, value };
	if (i == o->nrlimits)
		o->nrlimits++;
}

static int parse_one_rlimit(struct launch_ns_opts *o, char *item, char *err, size_t errlen)
{
	char *eq = strchr(item, '=');
	rlim_t value;
	size_t i = 0;

	if (!eq)
		return launch_ns_err(err, errlen, -EINVAL, "--rlimit '%s' needs NAME=VALUE", item);
	*eq = '\0';
	while (i < SG_ARRAY_SIZE(rlimit_names) && strcmp(item, rlimit_names[i].name) != 0)
		i++;
	if (i == SG_ARRAY_SIZE(rlimit_names))
		return launch_ns_err(err, errlen, -EINVAL,
				   "unknown rlimit '%s'; use as,nofile,nproc,cpu,fsize,core,stack",
				   item);
	if (parse_rlim_value(eq + 1, &value) < 0)
		return launch_ns_err(err, errlen, -EINVAL,
				   "bad rlimit value '%s' for %s; use a number, K/M/G or unlimited",
				   eq + 1, item);
	set_rlimit(o, rlimit_names[i].resource, value);
	return 0;
}

static int parse_rlimits(struct launch_ns_opts *o, const char *list, char *err, size_t errlen)
{
	char *copy = sg_xstrdup(list), *save = NULL;
	int ret = 0;

	for (char *w = strtok_r(copy, ",", &save); w && !ret; w = strtok_r(NULL, ",", &save))
		ret = parse_one_rlimit(o, w, err, errlen);
	free(copy);
	return ret;
}

static int parse_net(struct launch_ns_opts *o, const char *arg, char *err, size_t errlen)
{
	if (strcmp(arg, "none") == 0)
		o->unshare |= CLONE_NEWNET;
	else if (strcmp(arg, "host") == 0)
		o->unshare &= ~CLONE_NEWNET;
	else
		return launch_ns_err(err, errlen, -EINVAL, "unknown --net '%s'; use none or host",
				   arg);
	return 0;
}

static int parse_timeout(struct launch_ns_opts *o, const char *arg, char *err, size_t errlen)
{
	long v;

	if (sg_parse_long(arg, &v) < 0 || v <= 0)
		return launch_ns_err(err, errlen, -EINVAL,
				   "bad --timeout '%s'; use a positive number of seconds", arg);
	o->timeout_sec = v;
	return 0;
}

static void replace_str(char **slot, const char *value)
{
	free(*slot);
	*slot = sg_xstrdup(value);
}

/* bubblewrap's one namespace at a time, --unshare-NAME with a name of --unshare's
 * list (bubblewrap has no --unshare-mount): its CLONE_NEW* flag, or 0. */
static int unshare_one(const char *opt)
{
	const char *name = strncmp(opt, "--unshare-", 10) == 0 ? opt + 10 : NULL;

	for (size_t i = 0; name && i < SG_ARRAY_SIZE(ns_names); i++)
		if (strcmp(name, ns_names[i].name) == 0 && ns_names[i].flag != CLONE_NEWNS)
			return ns_names[i].flag;
	return 0;
}

/* Options without an argument; -ENOENT if opt is none of them. */
static int parse_flag(struct launch_ns_opts *o, const char *opt)
{
	if (unshare_one(opt))
		o->unshare |= unshare_one(opt);
	else if (strcmp(opt, "--unshare-all") == 0)
		o->unshare |= CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWNET |
			      CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP;
	else if (strcmp(opt, "--clearenv") == 0)
		o->clearenv = true;
	else if (strcmp(opt, "--new-session") == 0)
		o->new_session = true;
	else if (strcmp(opt, "--die-with-parent") == 0)
		o->die_with_parent = true;
	else
		return -ENOENT;
	return 0;
}

/* --uid N, --gid N: who the command is inside; a user namespace of its own. */
static int parse_id(struct launch_ns_opts *o, bool is_uid, const char *arg, char *err,
		    size_t errlen)
{
	long v;

	if (sg_parse_long(arg, &v) < 0 || v < 0 || v > 65535 * 65536L)
		return launch_ns_err(err, errlen, -EINVAL, "bad %s '%s'; use a number",
				   is_uid ? "--uid" : "--gid", arg);
	*(is_uid ? &o->uid : &o->gid) = v;
	o->unshare |= CLONE_NEWUSER;
	return 0;
}

/* --cap-add CAP and --cap-drop CAP (bubblewrap's), each also "ALL", change what
 * --cap-keep keeps. */
static int parse_cap_change(struct launch_ns_opts *o, bool add, const char *arg, char *err,
			    size_t errlen)
{
	uint64_t mask = 0;

	if (strcasecmp(arg, "ALL") == 0) { /* every one sysgate holds */
		for (int cap = 0; cap < 64; cap++)
			if (launch_ns_have_cap(cap))
				mask |= 1ULL << cap;
	} else if (launch_ns_cap_parse(arg, &mask, err, errlen) < 0)
		return -EINVAL;
	o->cap_keep = add ? o->cap_keep | mask : o->cap_keep & ~mask;
	return 0;
}

static int parse_with_arg(struct launch_ns_opts *o, const char *opt, const char *arg, char *err,
			  size_t errlen)
{
	if (strcmp(opt, "--unshare") == 0)
		return parse_unshare(o, arg, err, errlen);
	if (strcmp(opt, "--bind") == 0)
		return add_bind_joined(o, LAUNCH_NS_BIND, arg, err, errlen);
	if (strcmp(opt, "--ro-bind") == 0)
		return add_bind_joined(o, LAUNCH_NS_RO_BIND, arg, err, errlen);
	if (strcmp(opt, "--tmpfs") == 0)
		return add_fs(o, LAUNCH_NS_TMPFS, NULL, arg, err, errlen);
	if (strcmp(opt, "--proc") == 0)
		return add_fs(o, LAUNCH_NS_PROC, NULL, arg, err, errlen);
	if (strcmp(opt, "--dev") == 0) /* with the terminal, if any, as its console */
		return add_fs(o, LAUNCH_NS_DEV, isatty(0) ? ttyname(0) : NULL, arg, err, errlen);
	if (strcmp(opt, "--dir") == 0)
		return add_fs(o, LAUNCH_NS_DIR, NULL, arg, err, errlen);
	if (strcmp(opt, "--chdir") == 0)
		replace_str(&o->chdir, arg);
	else if (strcmp(opt, "--hostname") == 0) {
		replace_str(&o->hostname, arg);
		o->unshare |= CLONE_NEWUTS; /* never rename the host */
	}
	else if (strcmp(opt, "--net") == 0)
		return parse_net(o, arg, err, errlen);
	else if (strcmp(opt, "--rlimit") == 0)
		return parse_rlimits(o, arg, err, errlen);
	else if (strcmp(opt, "--cap-keep") == 0)
		return launch_ns_cap_parse(arg, &o->cap_keep, err, errlen);
	else if (strcmp(opt, "--cap-add") == 0 || strcmp(opt, "--cap-drop") == 0)
		return parse_cap_change(o, strcmp(opt, "--cap-add") == 0, arg, err, errlen);
	else if (strcmp(opt, "--unsetenv") == 0)
		return add_env(o, arg, NULL, err, errlen);
	else if (strcmp(opt, "--uid") == 0 || strcmp(opt, "--gid") == 0)
		return parse_id(o, opt[2] == 'u', arg, err, errlen);
	else if (strcmp(opt, "--setenv") == 0)
		return add_env_joined(o, arg, err, errlen);
	else if (strcmp(opt, "--timeout") == 0)
		return parse_timeout(o, arg, err, errlen);
	else
		return -ENOENT;
	return 0;
}

/* How many argument words an option takes on the command line; -1 if not ours. */
static int opt_words(const char *opt)
{
	static const char *const zero[] = { "--unshare-all", "--clearenv", "--new-session",
					    "--die-with-parent" };
	static const char *const two[] = { "--bind",	 "--ro-bind",	  "--setenv",
					   "--dev-bind", "--bind-try",	  "--ro-bind-try",
					   "--symlink", "--file" };
	static const char *const one[] = { "--unshare", "--tmpfs",  "--proc",    "--dev",
					   "--chdir",	"--hostname", "--net",  "--rlimit",
					   "--cap-keep", "--timeout",  "--cap-add", "--cap-drop",
					   "--unsetenv", "--dir", "--uid", "--gid" };

	if (unshare_one(opt))
		return 0;
	for (size_t i = 0; i < SG_ARRAY_SIZE(zero); i++)
		if (strcmp(opt, zero[i]) == 0)
			return 0;
	for (size_t i = 0; i < SG_ARRAY_SIZE(one); i++)
		if (strcmp(opt, one[i]) == 0)
			return 1;
	for (size_t i = 0; i < SG_ARRAY_SIZE(two); i++)
		if (strcmp(opt, two[i]) == 0)
			return 2;
	return -1;
}

int launch_ns_parse_opt(struct launch_ns_opts *o, const char *opt, const char *arg, char *err,
		      size_t errlen)
{
	int words = opt_words(opt);

	if (words < 0)
		return -ENOENT;
	if (words == 0 && arg)
		return launch_ns_err(err, errlen, -EINVAL, "%s takes no argument", opt);
	if (words > 0 && !arg)
		return launch_ns_err(err, errlen, -EINVAL, "%s needs an argument", opt);
	return words ? parse_with_arg(o, opt, arg, err, errlen) : parse_flag(o, opt);
}

/* --file FD DST: what reads from the open fd FD becomes the file DST. */
static int add_file(struct launch_ns_opts *o, const char *fd, const char *dst, char *err,
		    size_t errlen)
{
	long n;

	if (sg_parse_long(fd, &n) < 0 || n < 0 || n > INT_MAX || fcntl((int)n, F_GETFD) < 0)
		return launch_ns_err(err, errlen, -EINVAL, "--file '%s': not an open fd", fd);
	int ret = add_fs(o, LAUNCH_NS_DIR, NULL, dst, err, errlen);
	if (ret == 0) {
		o->fs[o->nfs - 1].kind = LAUNCH_NS_FILE;
		o->fs[o->nfs - 1].src = sg_xstrdup(fd);
	}
	return ret;
}

/* The options of two words: SRC DST, NAME VALUE. --bind-try and --ro-bind-try
 * skip a source that does not exist; --dev-bind is --bind (a bind keeps device
 * files usable here). */
static int parse_two(struct launch_ns_opts *o, const char *opt, const char *a, const char *b,
		     char *err, size_t errlen)
{
	struct stat st;
	bool try = strcmp(opt, "--bind-try") == 0 || strcmp(opt, "--ro-bind-try") == 0;

	if (strcmp(opt, "--setenv") == 0)
		return add_env(o, a, b, err, errlen);
	if (strcmp(opt, "--symlink") == 0)
		return add_symlink(o, a, b, err, errlen);
	if (strcmp(opt, "--file") == 0)
		return add_file(o, a, b, err, errlen);
	if (try && stat(a, &st) != 0 && errno == ENOENT)
		return 0;
	bool ro = strcmp(opt, "--ro-bind") == 0 || strcmp(opt, "--ro-bind-try") == 0;
	return add_fs(o, ro ? LAUNCH_NS_RO_BIND : LAUNCH_NS_BIND, a, b, err, errlen);
}

int launch_ns_parse_argv(struct launch_ns_opts *o, int argc, char *const argv[], char *err,
		       size_t errlen)
{
	int words = argc > 0 ? opt_words(argv[0]) : -1;
	int ret;

	if (words < 0)
		return 0;
	if (argc <= words)
		return launch_ns_err(err, errlen, -EINVAL, "%s needs %d argument%s", argv[0], words,
				   words > 1 ? "s" : "");
	if (words < 2)
		ret = launch_ns_parse_opt(o, argv[0], words ? argv[1] : NULL, err, errlen);
	else
		ret = parse_two(o, argv[0], argv[1], argv[2], err, errlen);
	return ret < 0 ? ret : words + 1;
}
