/* Internal to src/taint: labels, trusted destinations, the audit log, and the
 * reference monitor's process and channel tables. See docs/taint.md for the model. */
#ifndef SG_TAINT_INT_H
#define SG_TAINT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>

/* ---- labels (label.c) ----
 * A label is a set of named tags, one bit each; at most 64 names in one run.
 * The empty set (0) is "untainted". */
typedef uint64_t taint_label;

#define TAINT_XATTR "user.sysgate.label"
#define TAINT_DEFAULT_TAG "secret"

/* The bit of tag name, registered on first use; -1 (err set) if the name is not
 * [a-z0-9_-]{1,32} or the 64 tags are used up. */
int taint_tag(const char *name, taint_label *bit, char *err, size_t errlen);
/* Parse "tag[,tag]..." into *out; 0 or -1 with a one-line message in err. */
int taint_label_parse(const char *text, taint_label *out, char *err, size_t errlen);
/* "medical,secret" (registration order), or "" for 0; into buf. */
const char *taint_label_str(taint_label l, char *buf, size_t size);

/* The label stored on a file (its xattr), 0 if it has none. -errno on failure
 * other than "no such attribute" (ENOTSUP: the filesystem has no user xattrs). */
int taint_xattr_get_fd(int fd, taint_label *out);
int taint_xattr_get_path(const char *path, taint_label *out);
/* Grow the file's stored label to include l (union; never shrinks). */
int taint_xattr_add_fd(int fd, taint_label l);
int taint_xattr_set_path(const char *path, taint_label l); /* exact value */
int taint_xattr_remove_path(const char *path);

/* ---- secret paths given on the command line (label.c) ---- */
struct taint_secret {
	char *path; /* absolute, resolved with realpath at parse time */
	dev_t dev;
	ino_t ino;
	bool dir; /* a directory covers everything under it */
	taint_label label;
};

/* ---- trusted destinations (trust.c) ---- */
struct taint_trust {
	int family; /* AF_INET or AF_INET6 */
	uint8_t addr[16];
	unsigned prefix; /* bits */
	int port; /* -1: any */
};
/* Parse ADDR[/PREFIX][:PORT]; IPv6 in brackets when a port follows: [::1]:8080.
 * 0 or -1 with a one-line message in err. */
int taint_trust_parse(const char *text, struct taint_trust *out, char *err, size_t errlen);
/* Is the inet destination sa (AF_INET or AF_INET6, len bytes) in the list? */
bool taint_trust_match(const struct taint_trust *t, size_t n, const struct sockaddr *sa,
		       socklen_t len);
/* "127.0.0.1:8080", "[::1]:53", "AF_PACKET", ...; into buf. */
const char *taint_sockaddr_str(const struct sockaddr *sa, socklen_t len, char *buf,
			       size_t size);

/* ---- audit log (audit.c): JSON Lines, one object per decision ---- */
struct taint_audit {
	FILE *f;
	char *path, *tmp; /* set for --audit FILE, written via a temp file and renamed */
};
struct taint_audit_rec {
	pid_t pid;
	const char *exe; /* from /proc/PID/exe, or NULL */
	taint_label label;
	const char *syscall;
	const char *dest; /* destination or path, or NULL */
	const char *decision; /* "denied", "killed", "declassified", "allowed" */
	const char *why; /* short reason, or NULL */
};
/* path NULL: records go to stderr as text lines "sysgate: taint: ...". */
int taint_audit_open(struct taint_audit *a, const char *path);
void taint_audit_write(struct taint_audit *a, const struct taint_audit_rec *r);
int taint_audit_close(struct taint_audit *a); /* commits the file */
/* Nothing ran: drop the file unwritten. */
void taint_audit_abort(struct taint_audit *a);

#endif
