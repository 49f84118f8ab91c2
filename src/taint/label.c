/* Labels: the tag registry (one bit per name) and the label stored on a file as the
 * xattr user.sysgate.label, whose value is the comma-separated tag names. */
#include "taint_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/xattr.h>

#define TAG_MAX 64
#define TAG_NAME_MAX 32
/* The longest label text: every name at full length, commas between, a NUL. */
#define LABEL_TEXT_MAX (TAG_MAX * (TAG_NAME_MAX + 1))

static char tag_names[TAG_MAX][TAG_NAME_MAX + 1];
static unsigned ntags;

static bool tag_name_ok(const char *s, size_t len)
{
	if (len < 1 || len > TAG_NAME_MAX)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_' ||
		      s[i] == '-'))
			return false;
	return true;
}

/* The bit of a valid name, registering it if new: 0, or -ENOSPC when all 64 are used. */
static int tag_bit(const char *s, size_t len, taint_label *bit)
{
	unsigned i;

	for (i = 0; i < ntags; i++)
		if (strlen(tag_names[i]) == len && memcmp(tag_names[i], s, len) == 0)
			break;
	if (i == ntags) {
		if (ntags == TAG_MAX)
			return -ENOSPC;
		memcpy(tag_names[i], s, len);
		tag_names[i][len] = '\0';
		ntags++;
	}
	*bit = (taint_label)1 << i;
	return 0;
}

int taint_tag(const char *name, taint_label *bit, char *err, size_t errlen)
{
	size_t len = strlen(name);

	if (!tag_name_ok(name, len)) {
		snprintf(err, errlen, "bad tag name '%s': expected [a-z0-9_-]{1,32}", name);
		return -1;
	}
	if (tag_bit(name, len, bit) < 0) {
		snprintf(err, errlen, "too many tags: cannot add '%s', at most %d in one run", name,
			 TAG_MAX);
		return -1;
	}
	return 0;
}

/* Parse len bytes of "a,b,c"; 0, -EINVAL for a bad name or -ENOSPC when the tags run
 * out. Names are checked before any is registered, and a failed call registers none. */
static int label_parse(const char *text, size_t len, taint_label *out, const char **bad,
		       size_t *badlen)
{
	unsigned saved = ntags;
	taint_label l = 0;

	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i <= len;) {
			size_t n = 0;
			taint_label bit;

			while (i + n < len && text[i + n] != ',')
				n++;
			*bad = text + i;
			*badlen = n;
			if (pass == 0 && !tag_name_ok(text + i, n))
				return -EINVAL;
			if (pass == 1) {
				if (tag_bit(text + i, n, &bit) < 0) {
					ntags = saved;
					return -ENOSPC;
				}
				l |= bit;
			}
			i += n + 1;
		}
	}
	*out = l;
	return 0;
}

int taint_label_parse(const char *text, taint_label *out, char *err, size_t errlen)
{
	const char *bad;
	size_t badlen;
	int rc = label_parse(text, strlen(text), out, &bad, &badlen);

	if (rc == -EINVAL)
		snprintf(err, errlen, "bad tag '%.*s' in label '%s': expected tag[,tag]... with "
			 "tags [a-z0-9_-]{1,32}", (int)badlen, bad, text);
	else if (rc == -ENOSPC)
		snprintf(err, errlen, "too many tags: cannot add '%.*s' from label '%s', "
			 "at most %d in one run", (int)badlen, bad, text, TAG_MAX);
	return rc < 0 ? -1 : 0;
}

/* Bits with no registered name cannot come from this file and are left out. */
const char *taint_label_str(taint_label l, char *buf, size_t size)
{
	size_t used = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (unsigned i = 0; i < ntags; i++) {
		if (!(l & ((taint_label)1 << i)))
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? "," : "", tag_names[i]);
		if (n < 0 || (size_t)n >= size - used) {
			buf[used] = '\0'; /* truncated after the last whole name */
			break;
		}
		used += (size_t)n;
	}
	return buf;
}

/* Turn an attribute value (no NUL) into a label: no attribute or an empty value is 0;
 * -EINVAL for a bad name in it, -ENOSPC if its new names do not fit in the 64 tags. */
static int value_label(const char *val, ssize_t len, taint_label *out)
{
	const char *bad;
	size_t badlen;

	if (len < 0 && errno != ENODATA)
		return -errno;
	if (len <= 0) {
		*out = 0;
		return 0;
	}
	return label_parse(val, (size_t)len, out, &bad, &badlen);
}

int taint_xattr_get_fd(int fd, taint_label *out)
{
	char val[LABEL_TEXT_MAX];

	return value_label(val, fgetxattr(fd, TAINT_XATTR, val, sizeof(val)), out);
}

int taint_xattr_get_path(const char *path, taint_label *out)
{
	char val[LABEL_TEXT_MAX];

	return value_label(val, getxattr(path, TAINT_XATTR, val, sizeof(val)), out);
}

int taint_xattr_add_fd(int fd, taint_label l)
{
	char val[LABEL_TEXT_MAX];
	taint_label cur;
	int rc = taint_xattr_get_fd(fd, &cur);

	if (rc < 0)
		return rc;
	if ((cur | l) == cur)
		return 0;
	taint_label_str(cur | l, val, sizeof(val));
	return fsetxattr(fd, TAINT_XATTR, val, strlen(val), 0) < 0 ? -errno : 0;
}

/* 0 is stored as no attribute at all, the same thing an unlabelled file has. */
int taint_xattr_set_path(const char *path, taint_label l)
{
	char val[LABEL_TEXT_MAX];

	if (l == 0)
		return taint_xattr_remove_path(path);
	taint_label_str(l, val, sizeof(val));
	return setxattr(path, TAINT_XATTR, val, strlen(val), 0) < 0 ? -errno : 0;
}

int taint_xattr_remove_path(const char *path)
{
	if (removexattr(path, TAINT_XATTR) < 0 && errno != ENODATA)
		return -errno;
	return 0;
}
