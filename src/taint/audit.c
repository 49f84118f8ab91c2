/* The audit log: one record per taint decision, as a text line on stderr or, with
 * --audit FILE, as JSON Lines written to a temporary file and renamed on close. */
#include "taint_int.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/output.h"
#include "core/strbuf.h"
#include "core/util.h"

int taint_audit_open(struct taint_audit *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	if (!path) {
		a->f = stderr;
		return 0;
	}
	a->f = sg_atomic_open(path, &a->tmp);
	if (!a->f)
		return sg_error("cannot write '%s': %s", path, strerror(errno));
	a->path = sg_xstrdup(path);
	return 0;
}

/* Length of the valid UTF-8 sequence at s that is not a control character, or 0. */
static size_t text_char_len(const unsigned char *s)
{
	size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
		   : (s[0] & 0xf8) == 0xf0 ? 4 : 0;

	if (s[0] < 0x20 || s[0] == 0x7f || (len == 2 && s[0] < 0xc2))
		return 0;
	for (size_t k = 1; k < len; k++)
		if ((s[k] & 0xc0) != 0x80)
			return 0;
	return len;
}

/* Paths and names come from the traced program: keep each record on one line and
 * its JSON valid UTF-8 by writing other bytes (and backslashes) as \xNN. */
static const char *clean(const char *s, struct sg_str *b)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (p[i] && p[i] != '\\' && (n = text_char_len(p + i)))
		i += n;
	if (!p[i])
		return s;
	sg_str_reset(b);
	for (i = 0; p[i];) {
		n = p[i] == '\\' ? 0 : text_char_len(p + i);
		if (n) {
			sg_str_addn(b, s + i, n);
			i += n;
		} else {
			sg_str_addf(b, "\\x%02x", p[i++]);
		}
	}
	return b->s;
}

static void iso_time(char *buf, size_t size)
{
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, size - n, ".%06ldZ", ts.tv_nsec / 1000);
}

static void add_string(json_object *o, const char *key, const char *val, struct sg_str *b)
{
	if (val)
		json_object_object_add(o, key, json_object_new_string(clean(val, b)));
}

static void write_json(FILE *f, const struct taint_audit_rec *r)
{
	json_object *o = json_object_new_object(), *label = json_object_new_array();
	struct sg_str b = { 0 };
	char stamp[40], tag[40];

	iso_time(stamp, sizeof(stamp));
	json_object_object_add(o, "time", json_object_new_string(stamp));
	json_object_object_add(o, "pid", json_object_new_int64(r->pid));
	add_string(o, "exe", r->exe, &b);
	for (int i = 0; i < 64; i++) {
		taint_label bit = (taint_label)1 << i;

		if ((r->label & bit) && *taint_label_str(bit, tag, sizeof(tag)))
			json_object_array_add(label, json_object_new_string(tag));
	}
	json_object_object_add(o, "label", label);
	add_string(o, "syscall", r->syscall, &b);
	add_string(o, "dest", r->dest, &b);
	add_string(o, "decision", r->decision, &b);
	add_string(o, "why", r->why, &b);
	fprintf(f, "%s\n",
		json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
						       JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	sg_str_free(&b);
}

/* sysgate: taint: [pid 42] connect 10.0.0.7:443 -> denied (label secret, untrusted) */
static void write_text(FILE *f, const struct taint_audit_rec *r)
{
	char label[64 * 33];
	struct sg_str b = { 0 };

	fprintf(f, "sysgate: taint: [pid %d] %s", (int)r->pid, r->syscall ? r->syscall : "?");
	if (r->dest)
		fprintf(f, " %s", clean(r->dest, &b));
	fprintf(f, " -> %s", r->decision ? r->decision : "?");
	if (r->label)
		fprintf(f, " (label %s", taint_label_str(r->label, label, sizeof(label)));
	else
		fprintf(f, " (no label");
	if (r->why)
		fprintf(f, ", %s", clean(r->why, &b));
	fprintf(f, ")\n");
	sg_str_free(&b);
}

void taint_audit_write(struct taint_audit *a, const struct taint_audit_rec *r)
{
	if (!a->f)
		return;
	if (a->path)
		write_json(a->f, r);
	else
		write_text(a->f, r);
	fflush(a->f);
}

int taint_audit_close(struct taint_audit *a)
{
	int rc = 0;

	if (a->path)
		rc = sg_atomic_commit(a->f, a->path, a->tmp); /* frees tmp */
	else if (a->f)
		fflush(a->f);
	free(a->path);
	memset(a, 0, sizeof(*a));
	return rc;
}

void taint_audit_abort(struct taint_audit *a)
{
	if (a->path)
		sg_atomic_abort(a->f, a->tmp); /* frees tmp; the file never appears */
	free(a->path);
	memset(a, 0, sizeof(*a));
}
