/* Trusted destinations (--trust ADDR[/PREFIX][:PORT]) and socket addresses as text.
 * IPv4: 127.0.0.1, 10.0.0.0/8, 10.0.0.0/8:443. IPv6 is bare without a port (::1,
 * fd00::/8) and in brackets with one, the prefix inside the brackets: [::1]:53,
 * [fd00::/8]:53. Host bits beyond the prefix are ignored. */
#include "taint_int.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/un.h>

#include "core/util.h"

#define TRUST_SYNTAX \
	"expected ADDR[/PREFIX][:PORT], e.g. 127.0.0.1:8080, 10.0.0.0/8 or [fd00::/8]:53"

static int trust_error(char *err, size_t errlen, const char *text, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int trust_error(char *err, size_t errlen, const char *text, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "bad --trust '%s': %s; " TRUST_SYNTAX, text, what);
	return -1;
}

/* Decimal digits only (no sign, no spaces), within min..max. */
static int parse_num(const char *s, long min, long max, long *out)
{
	long v = 0;
	size_t i;

	for (i = 0; i < 6 && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (s[i] - '0');
	if (i == 0 || s[i] != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int taint_trust_parse(const char *text, struct taint_trust *out, char *err, size_t errlen)
{
	struct taint_trust t = { .family = AF_INET, .port = -1 };
	char buf[128], *addr = buf, *prefix, *port = NULL;
	size_t len = strlen(text);
	long v, max;

	if (len == 0)
		return trust_error(err, errlen, text, "empty");
	if (len >= sizeof(buf))
		return trust_error(err, errlen, text, "too long");
	memcpy(buf, text, len + 1);
	if (buf[0] == '[') {
		char *close = strchr(buf, ']');

		if (!close)
			return trust_error(err, errlen, text, "missing ']'");
		*close = '\0';
		addr = buf + 1;
		t.family = AF_INET6;
		if (close[1] == ':')
			port = close + 2;
		else if (close[1] == '/')
			return trust_error(err, errlen, text,
					   "the prefix goes inside the brackets");
		else if (close[1] != '\0')
			return trust_error(err, errlen, text, "unexpected '%s' after ']'",
					   close + 1);
	} else {
		/* One colon separates an IPv4 port; more make a bare IPv6 address. */
		char *colon = strchr(buf, ':');

		if (colon && strchr(colon + 1, ':')) {
			t.family = AF_INET6;
		} else if (colon) {
			*colon = '\0';
			port = colon + 1;
		}
	}

	prefix = strchr(addr, '/');
	if (prefix)
		*prefix++ = '\0';
	if (*addr == '\0')
		return trust_error(err, errlen, text, "missing address");
	if (inet_pton(t.family, addr, t.addr) != 1)
		return trust_error(err, errlen, text, "bad %s address '%s'",
				   t.family == AF_INET ? "IPv4" : "IPv6", addr);
	max = t.family == AF_INET ? 32 : 128;
	t.prefix = (unsigned)max;
	if (prefix) {
		if (parse_num(prefix, 0, max, &v) < 0)
			return trust_error(err, errlen, text, "bad prefix '%s' (0..%ld for %s)",
					   prefix, max, t.family == AF_INET ? "IPv4" : "IPv6");
		t.prefix = (unsigned)v;
	}
	if (port) {
		if (parse_num(port, 1, 65535, &v) < 0)
			return trust_error(err, errlen, text, "bad port '%s' (1..65535)", port);
		t.port = (int)v;
	}
	*out = t;
	return 0;
}

static bool prefix_equal(const uint8_t *a, const uint8_t *b, unsigned bits)
{
	unsigned full = bits / 8, rest = bits % 8;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));

	if (memcmp(a, b, full) != 0)
		return false;
	return rest == 0 || ((a[full] ^ b[full]) & mask) == 0;
}

/* The tracee's address may sit at any alignment: copy it rather than cast. Old
 * callers pass an IPv6 address without the scope id (24 bytes); the kernel takes it. */
bool taint_trust_match(const struct taint_trust *t, size_t n, const struct sockaddr *sa,
		       socklen_t len)
{
	static const uint8_t v4mapped[12] = { [10] = 0xff, [11] = 0xff };
	const uint8_t *v4 = NULL, *v6 = NULL;
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	sa_family_t family;
	int port;

	if (!sa || len < sizeof(family))
		return false;
	memcpy(&family, sa, sizeof(family));
	if (family == AF_INET && len >= sizeof(in4)) {
		memcpy(&in4, sa, sizeof(in4));
		v4 = (const uint8_t *)&in4.sin_addr;
		port = ntohs(in4.sin_port);
	} else if (family == AF_INET6 && len >= offsetof(struct sockaddr_in6, sin6_scope_id)) {
		memcpy(&in6, sa, offsetof(struct sockaddr_in6, sin6_scope_id));
		v6 = in6.sin6_addr.s6_addr;
		if (memcmp(v6, v4mapped, sizeof(v4mapped)) == 0)
			v4 = v6 + 12; /* ::ffff:a.b.c.d is a.b.c.d to IPv4 entries */
		port = ntohs(in6.sin6_port);
	} else {
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		const uint8_t *a = t[i].family == AF_INET ? v4 : v6;

		if (a && (t[i].port < 0 || t[i].port == port) &&
		    prefix_equal(a, t[i].addr, t[i].prefix))
			return true;
	}
	return false;
}

static const struct {
	int family;
	const char *name;
} family_names[] = {
	{ AF_UNSPEC, "AF_UNSPEC" }, { AF_UNIX, "AF_UNIX" }, { AF_INET, "AF_INET" },
	{ AF_INET6, "AF_INET6" }, { AF_NETLINK, "AF_NETLINK" }, { AF_PACKET, "AF_PACKET" },
	{ AF_BLUETOOTH, "AF_BLUETOOTH" }, { AF_ALG, "AF_ALG" }, { AF_VSOCK, "AF_VSOCK" },
	{ AF_CAN, "AF_CAN" }, { AF_TIPC, "AF_TIPC" }, { AF_KEY, "AF_KEY" }, { AF_RDS, "AF_RDS" },
	{ AF_XDP, "AF_XDP" }, { AF_NFC, "AF_NFC" }, { AF_QIPCRTR, "AF_QIPCRTR" },
	{ AF_SMC, "AF_SMC" }, { AF_MCTP, "AF_MCTP" },
};

/* A unix socket path with control bytes and backslashes escaped, so it stays one line. */
static void unix_path_str(const char *p, size_t n, bool abstract, char *buf, size_t size)
{
	size_t used = (size_t)snprintf(buf, size, "unix:%s", abstract ? "@" : "");

	if (used >= size)
		return; /* truncated */
	for (size_t i = 0; i < n && used + 5 <= size; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 || c == 0x7f || c == '\\')
			used += (size_t)snprintf(buf + used, size - used, "\\x%02x", c);
		else
			buf[used++] = (char)c;
	}
	buf[used] = '\0';
}

const char *taint_sockaddr_str(const struct sockaddr *sa, socklen_t len, char *buf, size_t size)
{
	const size_t path_off = offsetof(struct sockaddr_un, sun_path);
	char addr[INET6_ADDRSTRLEN];
	sa_family_t family;

	if (size == 0)
		return buf;
	if (!sa || len < sizeof(family)) {
		snprintf(buf, size, "(no address)");
		return buf;
	}
	memcpy(&family, sa, sizeof(family));
	if (family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in4;

		memcpy(&in4, sa, sizeof(in4));
		inet_ntop(AF_INET, &in4.sin_addr, addr, sizeof(addr));
		snprintf(buf, size, "%s:%u", addr, ntohs(in4.sin_port));
		return buf;
	}
	if (family == AF_INET6 && len >= offsetof(struct sockaddr_in6, sin6_scope_id)) {
		struct sockaddr_in6 in6 = { 0 };

		memcpy(&in6, sa, len < sizeof(in6) ? len : sizeof(in6));
		inet_ntop(AF_INET6, &in6.sin6_addr, addr, sizeof(addr));
		if (in6.sin6_scope_id)
			snprintf(buf, size, "[%s%%%u]:%u", addr, in6.sin6_scope_id,
				 ntohs(in6.sin6_port));
		else
			snprintf(buf, size, "[%s]:%u", addr, ntohs(in6.sin6_port));
		return buf;
	}
	if (family == AF_UNIX) {
		const char *path = (const char *)sa + path_off;
		size_t n = len > path_off ? len - path_off : 0;

		if (n > sizeof(struct sockaddr_un) - path_off)
			n = sizeof(struct sockaddr_un) - path_off;
		if (n == 0)
			snprintf(buf, size, "unix:(unnamed)");
		else if (path[0] == '\0')
			unix_path_str(path + 1, n - 1, true, buf, size);
		else
			unix_path_str(path, strnlen(path, n), false, buf, size);
		return buf;
	}
	for (size_t i = 0; i < SG_ARRAY_SIZE(family_names); i++) {
		if (family_names[i].family == family) {
			snprintf(buf, size, "%s", family_names[i].name);
			return buf;
		}
	}
	snprintf(buf, size, "family %u", (unsigned)family);
	return buf;
}
