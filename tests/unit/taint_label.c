/* Taint library tests: the tag registry and its limits, labels as text and as file
 * xattrs, --trust parsing and matching, socket addresses as text, and the audit log
 * both as JSON Lines in a file and as text lines on stderr. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "core/util.h"
#include "taint/taint_int.h"
#include "tap.h"

static char tmpdir[128];
static bool have_xattr;
static taint_label secret, medical;

/* A directory whose filesystem takes user xattrs: /tmp, else under build/. */
static void make_tmpdir(void)
{
	const char *bases[] = { "/tmp", "build" };

	for (size_t i = 0; i < 2; i++) {
		char probe[160];
		int fd;

		snprintf(tmpdir, sizeof(tmpdir), "%s/sg-taint-XXXXXX", bases[i]);
		if (!mkdtemp(tmpdir))
			continue;
		snprintf(probe, sizeof(probe), "%s/probe", tmpdir);
		fd = open(probe, O_WRONLY | O_CREAT, 0644);
		have_xattr = fd >= 0 && fsetxattr(fd, "user.probe", "1", 1, 0) == 0;
		if (fd >= 0)
			close(fd);
		unlink(probe);
		if (have_xattr || i == 1)
			return;
		rmdir(tmpdir);
	}
}

static void remove_tmpdir(void)
{
	tap_rmtree(tmpdir);
}

static const char *str(taint_label l)
{
	static char buf[64 * 33];

	return taint_label_str(l, buf, sizeof(buf));
}

static void tags(void)
{
	taint_label bit = 0, again = 0, l = 0, fresh = 0;
	char err[256] = "", small[10];
	const char *bad[] = { "", "Secret", "a b", "a,b", "caf\xc3\xa9",
			      "abcdefghijklmnopqrstuvwxyz0123456" };

	tap_ok(taint_tag(TAINT_DEFAULT_TAG, &secret, err, sizeof(err)) == 0 && secret == 1,
	       "tag: first name gets bit 0");
	tap_ok(taint_tag("medical", &medical, err, sizeof(err)) == 0 && medical == 2,
	       "tag: second name gets bit 1");
	tap_ok(taint_tag("secret", &again, err, sizeof(err)) == 0 && again == secret,
	       "tag: a known name keeps its bit");
	tap_ok(taint_tag("abcdefghijklmnopqrstuvwxyz012345", &bit, err, sizeof(err)) == 0 &&
		       bit == 4, "tag: 32 characters of [a-z0-9] are a name");
	tap_ok(taint_tag("a_b-9", &bit, err, sizeof(err)) == 0 && bit == 8, "tag: _ and - allowed");
	for (size_t i = 0; i < SG_ARRAY_SIZE(bad); i++) {
		char want[128];

		snprintf(want, sizeof(want), "bad tag name '%s': expected [a-z0-9_-]{1,32}",
			 bad[i]);
		err[0] = '\0';
		tap_ok(taint_tag(bad[i], &bit, err, sizeof(err)) == -1, "tag: '%s' refused",
		       bad[i]);
		tap_is(err, want, "tag: refusal names the bad tag");
	}

	tap_ok(taint_label_parse("medical,secret", &l, err, sizeof(err)) == 0 && l == 3,
	       "parse: two known tags");
	tap_is(str(l), "secret,medical", "str: registration order, not input order");
	tap_ok(taint_label_parse("secret,medical", &l, err, sizeof(err)) == 0 && l == 3,
	       "parse: str output parses back to the same label");
	tap_ok(taint_label_parse("secret,secret", &l, err, sizeof(err)) == 0 && l == 1,
	       "parse: a repeated tag is one bit");
	tap_is(str(0), "", "str: 0 is the empty string");
	tap_is(taint_label_str(3, small, sizeof(small)), "secret",
	       "str: truncates after a whole name");
	tap_ok(taint_label_parse("secret,,medical", &l, err, sizeof(err)) == -1,
	       "parse: empty tag");
	tap_is(err, "bad tag '' in label 'secret,,medical': expected tag[,tag]... with tags "
		    "[a-z0-9_-]{1,32}", "parse: error names the empty tag and the label");
	tap_ok(taint_label_parse("", &l, err, sizeof(err)) == -1, "parse: empty label");
	tap_ok(taint_label_parse("fresh,Nope", &l, err, sizeof(err)) == -1,
	       "parse: bad second tag");
	tap_is(err, "bad tag 'Nope' in label 'fresh,Nope': expected tag[,tag]... with tags "
		    "[a-z0-9_-]{1,32}", "parse: error names the bad tag");
	tap_ok(taint_tag("fresh", &fresh, err, sizeof(err)) == 0 && fresh == 16,
	       "parse: a failed parse registered none of its names");
}

static int raw_get(const char *path, char *val, size_t size)
{
	ssize_t n = getxattr(path, TAINT_XATTR, val, size - 1);

	val[n < 0 ? 0 : n] = '\0';
	return n < 0 ? -errno : 0;
}

static void xattrs(void)
{
	char path[200], val[256], missing[200];
	taint_label l = 99, zz = 0;
	int fd;

	if (!have_xattr) {
		tap_skip("neither /tmp nor build/ takes user xattrs");
		return;
	}
	snprintf(path, sizeof(path), "%s/file", tmpdir);
	snprintf(missing, sizeof(missing), "%s/missing", tmpdir);
	fd = open(path, O_RDONLY | O_CREAT, 0644);
	tap_ok(taint_xattr_get_fd(fd, &l) == 0 && l == 0, "xattr: unlabelled file reads as 0");
	tap_ok(taint_xattr_get_path(missing, &l) == -ENOENT, "xattr: missing file is -ENOENT");

	tap_ok(taint_xattr_set_path(path, secret | medical) == 0, "xattr: set");
	tap_ok(raw_get(path, val, sizeof(val)) == 0, "xattr: attribute " TAINT_XATTR " written");
	tap_is(val, "secret,medical", "xattr: value is the tag names, comma-separated");
	tap_ok(getxattr(path, TAINT_XATTR, NULL, 0) == 14, "xattr: value has no NUL");
	tap_ok(taint_xattr_get_path(path, &l) == 0 && l == (secret | medical), "xattr: get_path");
	tap_ok(taint_xattr_get_fd(fd, &l) == 0 && l == (secret | medical), "xattr: get_fd");

	/* A value in another order shows whether add rewrote it. */
	setxattr(path, TAINT_XATTR, "medical,secret", 14, 0);
	tap_ok(taint_xattr_add_fd(fd, secret) == 0, "xattr: add of a tag already there");
	raw_get(path, val, sizeof(val));
	tap_is(val, "medical,secret", "xattr: add writes nothing when the label does not grow");
	tap_ok(taint_xattr_add_fd(fd, 0) == 0 && taint_xattr_get_fd(fd, &l) == 0 &&
		       l == (secret | medical), "xattr: add of 0 never shrinks");
	taint_xattr_set_path(path, medical);
	tap_ok(taint_xattr_add_fd(fd, secret) == 0 && taint_xattr_get_fd(fd, &l) == 0 &&
		       l == (secret | medical), "xattr: add is a union");
	raw_get(path, val, sizeof(val));
	tap_is(val, "secret,medical", "xattr: add wrote the union");

	setxattr(path, TAINT_XATTR, "zz-new,secret", 13, 0);
	tap_ok(taint_xattr_get_path(path, &l) == 0, "xattr: value with an unknown tag reads");
	tap_ok(taint_tag("zz-new", &zz, val, sizeof(val)) == 0 && l == (secret | zz) && zz == 32,
	       "xattr: the unknown tag was registered");
	tap_is(str(l), "secret,zz-new", "xattr: and has a name");
	setxattr(path, TAINT_XATTR, "Bad", 3, 0);
	tap_ok(taint_xattr_get_fd(fd, &l) == -EINVAL, "xattr: malformed value is -EINVAL");
	setxattr(path, TAINT_XATTR, "", 0, 0);
	tap_ok(taint_xattr_get_fd(fd, &l) == 0 && l == 0, "xattr: empty value is 0");

	tap_ok(taint_xattr_remove_path(path) == 0 && raw_get(path, val, sizeof(val)) == -ENODATA,
	       "xattr: remove");
	tap_ok(taint_xattr_remove_path(path) == 0, "xattr: removing a missing attribute is fine");
	tap_ok(taint_xattr_remove_path(missing) == -ENOENT, "xattr: remove on a missing file");
	taint_xattr_set_path(path, secret);
	tap_ok(taint_xattr_set_path(path, 0) == 0 && raw_get(path, val, sizeof(val)) == -ENODATA,
	       "xattr: setting 0 removes the attribute");
	close(fd);
}

/* Fill the 64 tags; a parse that runs out half-way registers none of its names. */
static void tag_limits(void)
{
	taint_label bit = 0, l = 0;
	char name[32], err[256], path[200];
	int i;

	for (i = 0; i < 64 && bit != (taint_label)1 << 62; i++) {
		snprintf(name, sizeof(name), "fill-%d", i);
		if (taint_tag(name, &bit, err, sizeof(err)) < 0)
			break;
	}
	tap_ok(bit == (taint_label)1 << 62, "limits: 63 tags registered");
	tap_ok(taint_label_parse("secret,new-a,new-b", &l, err, sizeof(err)) == -1,
	       "limits: parse needing two more tags fails");
	tap_is(err, "too many tags: cannot add 'new-b' from label 'secret,new-a,new-b', at most 64 "
		    "in one run", "limits: parse error names the tag that did not fit");
	tap_ok(taint_tag("new-b", &bit, err, sizeof(err)) == 0 && bit == (taint_label)1 << 63,
	       "limits: the failed parse left the 64th bit free");
	tap_ok(taint_tag("overflow", &bit, err, sizeof(err)) == -1, "limits: 65th tag fails");
	tap_is(err, "too many tags: cannot add 'overflow', at most 64 in one run",
	       "limits: error names the tag");
	tap_ok(taint_tag("medical", &bit, err, sizeof(err)) == 0 && bit == medical,
	       "limits: known names still resolve");
	tap_ok(taint_label_parse("new-b,secret", &l, err, sizeof(err)) == 0 &&
		       l == (secret | (taint_label)1 << 63), "limits: known names still parse");
	if (!have_xattr)
		return;
	snprintf(path, sizeof(path), "%s/file", tmpdir);
	setxattr(path, TAINT_XATTR, "secret,one-too-many", 19, 0);
	tap_ok(taint_xattr_get_path(path, &l) == -ENOSPC,
	       "limits: xattr with a 65th tag is -ENOSPC");
}

static const char expect_syntax[] =
	"expected ADDR[/PREFIX][:PORT], e.g. 127.0.0.1:8080, 10.0.0.0/8 or [fd00::/8]:53";

static void trust_parse(void)
{
	static const struct {
		const char *text, *addr;
		int family;
		unsigned prefix;
		int port;
	} good[] = {
		{ "127.0.0.1", "127.0.0.1", AF_INET, 32, -1 },
		{ "127.0.0.0/8", "127.0.0.0", AF_INET, 8, -1 },
		{ "127.0.0.1:8080", "127.0.0.1", AF_INET, 32, 8080 },
		{ "10.0.0.0/8:443", "10.0.0.0", AF_INET, 8, 443 },
		{ "0.0.0.0/0:65535", "0.0.0.0", AF_INET, 0, 65535 },
		{ "::1", "::1", AF_INET6, 128, -1 },
		{ "[::1]", "::1", AF_INET6, 128, -1 },
		{ "[::1]:8080", "::1", AF_INET6, 128, 8080 },
		{ "fd00::/8", "fd00::", AF_INET6, 8, -1 },
		{ "[fd00::/8]:53", "fd00::", AF_INET6, 8, 53 },
		{ "::ffff:10.0.0.1", "::ffff:10.0.0.1", AF_INET6, 128, -1 },
	};
	static const struct {
		const char *text, *why;
	} bad[] = {
		{ "", "empty" },
		{ "1.2.3", "bad IPv4 address '1.2.3'" },
		{ "localhost:80", "bad IPv4 address 'localhost'" },
		{ "10.0.0.0/33", "bad prefix '33' (0..32 for IPv4)" },
		{ "10.0.0.0/:80", "bad prefix '' (0..32 for IPv4)" },
		{ "10.0.0.0/+8", "bad prefix '+8' (0..32 for IPv4)" },
		{ "fd00::/129", "bad prefix '129' (0..128 for IPv6)" },
		{ "127.0.0.1:0", "bad port '0' (1..65535)" },
		{ "127.0.0.1:65536", "bad port '65536' (1..65535)" },
		{ "127.0.0.1:80x", "bad port '80x' (1..65535)" },
		{ "127.0.0.1:", "bad port '' (1..65535)" },
		{ "[::1", "missing ']'" },
		{ "[::1]80", "unexpected '80' after ']'" },
		{ "[fd00::]/8:53", "the prefix goes inside the brackets" },
		{ "[127.0.0.1]:80", "bad IPv6 address '127.0.0.1'" },
		{ "[]:80", "missing address" },
		{ ":80", "missing address" },
		{ "fd00::/8:53", "bad prefix '8:53' (0..128 for IPv6)" },
	};
	struct taint_trust t;
	char err[300], addr[INET6_ADDRSTRLEN], want[300];

	for (size_t i = 0; i < SG_ARRAY_SIZE(good); i++) {
		err[0] = '\0';
		memset(&t, 0xaa, sizeof(t));
		if (!tap_ok(taint_trust_parse(good[i].text, &t, err, sizeof(err)) == 0,
			    "trust: '%s' parses (%s)", good[i].text, err))
			continue;
		inet_ntop(t.family, t.addr, addr, sizeof(addr));
		tap_ok(t.family == good[i].family && strcmp(addr, good[i].addr) == 0 &&
			       t.prefix == good[i].prefix && t.port == good[i].port,
		       "trust: '%s' is %s/%u port %d (got %s/%u port %d)", good[i].text,
		       good[i].addr, good[i].prefix, good[i].port, addr, t.prefix, t.port);
	}
	for (size_t i = 0; i < SG_ARRAY_SIZE(bad); i++) {
		snprintf(want, sizeof(want), "bad --trust '%s': %s; %s", bad[i].text, bad[i].why,
			 expect_syntax);
		err[0] = '\0';
		tap_ok(taint_trust_parse(bad[i].text, &t, err, sizeof(err)) == -1,
		       "trust: '%s' refused", bad[i].text);
		tap_is(err, want, "trust: the message names the input and what is wrong");
	}
}

static socklen_t sin4(struct sockaddr_storage *ss, const char *addr, int port)
{
	struct sockaddr_in *s = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	s->sin_family = AF_INET;
	s->sin_port = htons(port);
	inet_pton(AF_INET, addr, &s->sin_addr);
	return sizeof(*s);
}

static socklen_t sin6(struct sockaddr_storage *ss, const char *addr, int port)
{
	struct sockaddr_in6 *s = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	s->sin6_family = AF_INET6;
	s->sin6_port = htons(port);
	inet_pton(AF_INET6, addr, &s->sin6_addr);
	return sizeof(*s);
}

static void trust_match(void)
{
	const char *list[] = { "127.0.0.1", "10.0.0.0/8:443", "192.168.0.0/20", "fd00::/8",
			       "[::1]:53" };
	static const struct {
		const char *addr;
		int port;
		bool v6, want;
	} cases[] = {
		{ "127.0.0.1", 80, false, true },
		{ "127.0.0.2", 80, false, false },
		{ "10.1.2.3", 443, false, true },
		{ "10.1.2.3", 80, false, false },
		{ "11.0.0.1", 443, false, false },
		{ "192.168.15.255", 1, false, true },
		{ "192.168.16.0", 1, false, false },
		{ "fd12:3456::1", 9, true, true },
		{ "fe80::1", 9, true, false },
		{ "::1", 53, true, true },
		{ "::1", 54, true, false },
		{ "::ffff:127.0.0.1", 80, true, true },
		{ "::ffff:10.9.9.9", 443, true, true },
		{ "::ffff:10.9.9.9", 444, true, false },
		{ "::ffff:11.0.0.1", 443, true, false },
		{ "::127.0.0.1", 80, true, false },
	};
	struct taint_trust t[SG_ARRAY_SIZE(list)];
	struct sockaddr_storage ss;
	struct sockaddr_un un = { .sun_family = AF_UNIX, .sun_path = "/run/x" };
	char err[300];
	socklen_t len;

	for (size_t i = 0; i < SG_ARRAY_SIZE(list); i++)
		taint_trust_parse(list[i], &t[i], err, sizeof(err));
	for (size_t i = 0; i < SG_ARRAY_SIZE(cases); i++) {
		if (cases[i].v6)
			len = sin6(&ss, cases[i].addr, cases[i].port);
		else
			len = sin4(&ss, cases[i].addr, cases[i].port);
		tap_ok(taint_trust_match(t, SG_ARRAY_SIZE(t), (struct sockaddr *)&ss, len) ==
			       cases[i].want, "match: %s port %d is %s", cases[i].addr,
		       cases[i].port, cases[i].want ? "trusted" : "not trusted");
	}
	len = sin6(&ss, "::1", 53);
	tap_ok(taint_trust_match(t, SG_ARRAY_SIZE(t), (struct sockaddr *)&ss, 24),
	       "match: a 24-byte IPv6 address (no scope id) still matches");
	len = sin4(&ss, "127.0.0.1", 80);
	tap_ok(!taint_trust_match(t, SG_ARRAY_SIZE(t), (struct sockaddr *)&ss, len - 1),
	       "match: a short address never matches");
	tap_ok(!taint_trust_match(t, 0, (struct sockaddr *)&ss, len), "match: empty list");
	tap_ok(!taint_trust_match(t, SG_ARRAY_SIZE(t), (struct sockaddr *)&un, sizeof(un)),
	       "match: AF_UNIX never matches");
}

static void sockaddr_text(void)
{
	const size_t off = offsetof(struct sockaddr_un, sun_path);
	struct sockaddr_storage ss;
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	char buf[128], small[8];
	socklen_t len;

	len = sin4(&ss, "1.2.3.4", 80);
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, len, buf, sizeof(buf)), "1.2.3.4:80",
	       "sockaddr: AF_INET");
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, len, small, sizeof(small)), "1.2.3.4",
	       "sockaddr: truncated into a small buffer");
	len = sin6(&ss, "::1", 80);
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, len, buf, sizeof(buf)), "[::1]:80",
	       "sockaddr: AF_INET6");
	s6->sin6_scope_id = 2;
	inet_pton(AF_INET6, "fe80::1", &s6->sin6_addr);
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, len, buf, sizeof(buf)), "[fe80::1%2]:80",
	       "sockaddr: AF_INET6 with a scope id");
	len = sin6(&ss, "::ffff:10.0.0.1", 443);
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, len, buf, sizeof(buf)),
	       "[::ffff:10.0.0.1]:443", "sockaddr: v4-mapped IPv6");

	strcpy(un.sun_path, "/run/x.sock");
	tap_is(taint_sockaddr_str((struct sockaddr *)&un, off + 12, buf, sizeof(buf)),
	       "unix:/run/x.sock", "sockaddr: AF_UNIX path");
	tap_is(taint_sockaddr_str((struct sockaddr *)&un, sizeof(un), buf, sizeof(buf)),
	       "unix:/run/x.sock", "sockaddr: AF_UNIX path, full length");
	strcpy(un.sun_path, "/tmp/a\nb\\");
	tap_is(taint_sockaddr_str((struct sockaddr *)&un, off + 10, buf, sizeof(buf)),
	       "unix:/tmp/a\\x0ab\\x5c", "sockaddr: control bytes escaped");
	memcpy(un.sun_path, "\0name", 5);
	tap_is(taint_sockaddr_str((struct sockaddr *)&un, off + 5, buf, sizeof(buf)), "unix:@name",
	       "sockaddr: abstract AF_UNIX");
	tap_is(taint_sockaddr_str((struct sockaddr *)&un, off, buf, sizeof(buf)), "unix:(unnamed)",
	       "sockaddr: unnamed AF_UNIX");

	ss.ss_family = AF_NETLINK;
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, sizeof(ss), buf, sizeof(buf)),
	       "AF_NETLINK", "sockaddr: AF_NETLINK by name");
	ss.ss_family = AF_PACKET;
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, sizeof(ss), buf, sizeof(buf)),
	       "AF_PACKET", "sockaddr: AF_PACKET by name");
	ss.ss_family = AF_INET;
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, 4, buf, sizeof(buf)), "AF_INET",
	       "sockaddr: short AF_INET by name");
	ss.ss_family = 250;
	tap_is(taint_sockaddr_str((struct sockaddr *)&ss, sizeof(ss), buf, sizeof(buf)),
	       "family 250", "sockaddr: unknown family by number");
	tap_is(taint_sockaddr_str(NULL, 0, buf, sizeof(buf)), "(no address)", "sockaddr: none");
}

static bool iso_time_ok(const char *s)
{
	const char *pat = "dddd-dd-ddTdd:dd:dd.ddddddZ";

	if (strlen(s) != strlen(pat))
		return false;
	for (size_t i = 0; pat[i]; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != pat[i])
			return false;
	return true;
}

static bool temp_files_left(void)
{
	DIR *d = opendir(tmpdir);
	struct dirent *e;
	bool found = false;

	while (d && (e = readdir(d)))
		found |= strstr(e->d_name, ".tmp.") != NULL;
	if (d)
		closedir(d);
	return found;
}

static const struct taint_audit_rec full_rec = {
	.pid = 42, .exe = "/usr/bin/curl", .syscall = "connect", .dest = "10.0.0.7:443",
	.decision = "denied", .why = "untrusted destination",
};
static const struct taint_audit_rec bare_rec = { .pid = 43, .syscall = "execve",
						 .decision = "allowed" };
static const struct taint_audit_rec odd_rec = { .pid = 44, .syscall = "openat",
						.dest = "/tmp/a\nb\xff\\c", .decision = "killed" };

/* The string at key, or NULL when the key is missing or not a string. */
static const char *get_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static void audit_json(void)
{
	static const char *keys[3] = { "time,pid,exe,label,syscall,dest,decision,why",
				       "time,pid,label,syscall,decision",
				       "time,pid,label,syscall,dest,decision" };
	struct taint_audit_rec full = full_rec;
	struct taint_audit a;
	char path[200], line[1024];
	json_object *o[3] = { 0 }, *v = NULL, *label = NULL;
	struct stat st;
	FILE *f;
	int n = 0;

	full.label = secret | medical;
	snprintf(path, sizeof(path), "%s/audit.jsonl", tmpdir);
	tap_ok(taint_audit_open(&a, path) == 0, "audit: open a file");
	tap_ok(a.f && stat(path, &st) == -1 && !temp_files_left(),
	       "audit: written to an unnamed file until close");
	taint_audit_write(&a, &full);
	tap_ok(fstat(fileno(a.f), &st) == 0 && st.st_size > 0, "audit: record flushed at once");
	taint_audit_write(&a, &bare_rec);
	taint_audit_write(&a, &odd_rec);
	tap_ok(taint_audit_close(&a) == 0, "audit: close commits");
	tap_ok(!temp_files_left(), "audit: no temp file left");

	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f)) {
		json_tokener *tok = json_tokener_new();
		size_t len = strlen(line);
		json_object *obj = json_tokener_parse_ex(tok, line, (int)len);
		/* The tokener also eats the trailing newline; anything else after the object
		 * would stop it short of the end. */
		bool whole = obj && json_tokener_get_parse_end(tok) == len && line[len - 1] == '\n';

		tap_ok(whole && json_object_is_type(obj, json_type_object),
		       "audit: line %d is one JSON object", n + 1);
		json_tokener_free(tok);
		if (n < 3)
			o[n] = obj;
		else
			json_object_put(obj);
		n++;
	}
	if (f)
		fclose(f);
	tap_ok(n == 3, "audit: three lines (%d)", n);
	for (int i = 0; i < 3; i++) {
		char got[200] = "";

		if (!o[i])
			continue;
		json_object_object_foreach(o[i], key, val) {
			(void)val;
			size_t used = strlen(got);

			snprintf(got + used, sizeof(got) - used, "%s%s", used ? "," : "", key);
		}
		tap_is(got, keys[i], "audit: keys in order, null fields left out");
	}
	if (!o[0] || !o[1] || !o[2])
		goto out;
	tap_ok(iso_time_ok(get_str(o[0], "time")),
	       "audit: time is ISO-8601 UTC with microseconds (%s)", get_str(o[0], "time"));
	tap_ok(json_object_object_get_ex(o[0], "pid", &v) && json_object_get_int(v) == 42,
	       "audit: pid");
	tap_is(get_str(o[0], "exe"), "/usr/bin/curl", "audit: exe");
	tap_ok(json_object_object_get_ex(o[0], "label", &label) &&
		       json_object_is_type(label, json_type_array) &&
		       json_object_array_length(label) == 2, "audit: label is an array of 2");
	if (json_object_is_type(label, json_type_array)) {
		tap_is(json_object_get_string(json_object_array_get_idx(label, 0)), "secret",
		       "audit: label[0]");
		tap_is(json_object_get_string(json_object_array_get_idx(label, 1)), "medical",
		       "audit: label[1]");
	}
	tap_is(get_str(o[0], "syscall"), "connect", "audit: syscall");
	tap_is(get_str(o[0], "dest"), "10.0.0.7:443", "audit: dest");
	tap_is(get_str(o[0], "decision"), "denied", "audit: decision");
	tap_is(get_str(o[0], "why"), "untrusted destination", "audit: why");
	tap_ok(json_object_object_get_ex(o[1], "label", &label) &&
		       json_object_is_type(label, json_type_array) &&
		       json_object_array_length(label) == 0, "audit: label 0 is []");
	tap_is(get_str(o[2], "dest"), "/tmp/a\\x0ab\\xff\\x5cc",
	       "audit: control bytes, bad UTF-8 and backslashes escaped");
out:
	for (int i = 0; i < 3; i++)
		json_object_put(o[i]);
}

/* Run fn with stderr sent to a file; returns what it wrote. */
static char *capture_stderr(void (*fn)(void))
{
	static char got[1024];
	char path[200];
	int fd, saved;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/stderr", tmpdir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	fflush(stderr);
	saved = dup(2);
	dup2(fd, 2);
	fn();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, got, sizeof(got) - 1, 0);
	got[n < 0 ? 0 : n] = '\0';
	close(fd);
	return got;
}

static int text_rc;

static void write_text_records(void)
{
	struct taint_audit_rec full = full_rec, odd = odd_rec;
	struct taint_audit a;

	full.label = secret | medical;
	odd.label = secret;
	text_rc = taint_audit_open(&a, NULL);
	taint_audit_write(&a, &full);
	taint_audit_write(&a, &bare_rec);
	taint_audit_write(&a, &odd);
	text_rc |= taint_audit_close(&a);
}

static void open_missing_dir(void)
{
	struct taint_audit a;

	text_rc = taint_audit_open(&a, "/nonexistent-sg/audit.jsonl");
}

static void audit_text(void)
{
	const char *got = capture_stderr(write_text_records);

	tap_ok(text_rc == 0, "audit: stderr open and close");
	tap_is(got,
	       "sysgate: taint: [pid 42] connect 10.0.0.7:443 -> denied (label secret,medical, "
	       "untrusted destination)\n"
	       "sysgate: taint: [pid 43] execve -> allowed (no label)\n"
	       "sysgate: taint: [pid 44] openat /tmp/a\\x0ab\\xff\\x5cc -> killed (label secret)\n",
	       "audit: text lines on stderr");
	got = capture_stderr(open_missing_dir);
	tap_ok(text_rc == -1, "audit: open in a missing directory fails");
	tap_is(got,
	       "sysgate: cannot write '/nonexistent-sg/audit.jsonl': No such file or directory\n",
	       "audit: and says why");
}

int main(void)
{
	make_tmpdir();
	tags();
	xattrs();
	trust_parse();
	trust_match();
	sockaddr_text();
	audit_json();
	audit_text();
	tag_limits();
	remove_tmpdir();
	printf("1..%d\n", tap_n);
	return tap_done();
}
