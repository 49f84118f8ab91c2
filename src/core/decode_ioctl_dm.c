/* ioctls of the device mapper (linux/dm-ioctl.h), as strace 6.1 prints them:
 * struct dm_ioctl as it went in, and " => " as it came back when the call
 * succeeded or changed it. The payload after the struct (target specs, name
 * lists, messages) shows as "..." unless -v. */
#include "decode_ioctl_family.h"

#include <linux/dm-ioctl.h>
#include <stddef.h>
#include <string.h>

#include "ioctl_arg_names.h"

static bool is_request(unsigned req, const unsigned *reqs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (reqs[i] == req)
			return true;
	return false;
}
#define IS_ONE_OF(req, ...) \
	is_request(req, (const unsigned[]){ __VA_ARGS__ }, sizeof((unsigned[]){ __VA_ARGS__ }) / sizeof(unsigned))

/* The requests whose struct names a device. */
static bool names_device(unsigned req)
{
	return !IS_ONE_OF(req, DM_REMOVE_ALL, DM_LIST_DEVICES, DM_LIST_VERSIONS);
}

static bool has_params(unsigned req)
{
	return !IS_ONE_OF(req, DM_VERSION, DM_REMOVE_ALL, DM_DEV_CREATE, DM_DEV_REMOVE,
			  DM_DEV_SUSPEND, DM_DEV_STATUS, DM_TABLE_CLEAR, DM_DEV_ARM_POLL);
}

/* The device's counters, which the kernel reports after these. */
static bool reports_counts(unsigned req)
{
	return IS_ONE_OF(req, DM_DEV_CREATE, DM_DEV_RENAME, DM_DEV_SUSPEND, DM_DEV_STATUS,
			 DM_DEV_WAIT, DM_TABLE_LOAD, DM_TABLE_CLEAR, DM_TABLE_DEPS, DM_TABLE_STATUS,
			 DM_TARGET_MSG);
}

static void print_cstring(struct sg_dctx *d, const char *field, const char *s, size_t size)
{
	sg_str_addf(d->out, ", %s=\"", field);
	sg_str_add_escaped_hex(d->out, (const unsigned char *)s, strnlen(s, size), d->o->hex);
	sg_str_addc(d->out, '"');
}

static void print_device(struct sg_dctx *d, unsigned req, const struct dm_ioctl *m)
{
	if (!names_device(req))
		return;
	if (m->dev) {
		sg_str_add(d->out, ", dev=");
		sg_print_makedev(d->out, m->dev);
	}
	if (m->name[0])
		print_cstring(d, "name", m->name, sizeof(m->name));
	if (m->uuid[0])
		print_cstring(d, "uuid", m->uuid, sizeof(m->uuid));
}

/* What a request brings in beside the device, and what it gets back. */
static void print_values(struct sg_str *out, unsigned req, const struct dm_ioctl *m, bool entry,
			 bool failed)
{
	if (!entry) {
		if (!failed && reports_counts(req))
			sg_str_addf(out, ", target_count=%u, open_count=%u, event_nr=%u",
				    m->target_count, (unsigned)m->open_count, m->event_nr);
		return;
	}
	if (req == DM_TABLE_LOAD)
		sg_str_addf(out, ", target_count=%u", m->target_count);
	else if ((req == DM_DEV_SUSPEND && !(m->flags & DM_SUSPEND_FLAG)) ||
		 IS_ONE_OF(req, DM_DEV_RENAME, DM_DEV_REMOVE, DM_DEV_WAIT))
		sg_str_addf(out, ", event_nr=%u", m->event_nr);
}

/* ---- the payload after the struct, shown in full under -v ---- */

struct payload {
	struct sg_dctx *d;
	uint64_t addr;
	const struct dm_ioctl *m;
	bool entry;
};

/* "???" and why, for a payload whose offsets point outside it. */
static void misplaced(struct sg_str *out, const char *what)
{
	sg_str_addf(out, "??? /* misplaced %s */", what);
}

/* A NUL-terminated string at offset off of the payload. */
static void print_payload_str(const struct payload *p, uint32_t off)
{
	sg_print_tracee_str(p->d, p->addr + off);
}

static void print_target_specs(const struct payload *p)
{
	struct sg_str *out = p->d->out;
	uint32_t off = p->m->data_start, end = 0;

	for (uint32_t i = 0; i < p->m->target_count; i++) {
		struct dm_target_spec s;

		sg_str_add(out, ", ");
		if ((i && off <= end) || (end = off + sizeof(s)) <= off || end > p->m->data_size) {
			misplaced(out, "struct dm_target_spec");
			return;
		}
		if (i >= (uint32_t)p->d->o->strsize) {
			sg_str_add(out, "...");
			return;
		}
		if (sg_fetch(p->d, p->addr + off, &s, sizeof(s)) < 0)
			return;
		sg_str_addf(out, "{sector_start=%llu, length=%llu", (unsigned long long)s.sector_start,
			    (unsigned long long)s.length);
		if (!p->entry)
			sg_str_addf(out, ", status=%d", s.status);
		print_cstring(p->d, "target_type", s.target_type, sizeof(s.target_type));
		sg_str_add(out, ", string=");
		print_payload_str(p, end);
		sg_str_addc(out, '}');
		off = p->entry ? off + s.next : p->m->data_start + s.next;
	}
}

static void print_target_deps(const struct payload *p)
{
	struct sg_str *out = p->d->out;
	uint32_t off = p->m->data_start, end = off + offsetof(struct dm_target_deps, dev);
	struct dm_target_deps s;

	sg_str_add(out, ", ");
	if (end <= off || end > p->m->data_size) {
		misplaced(out, "struct dm_target_deps");
		return;
	}
	if (sg_fetch(p->d, p->addr + off, &s, sizeof(s)) < 0)
		return;
	if (s.count > (p->m->data_size - end) / sizeof(uint64_t)) {
		misplaced(out, "struct dm_target_deps");
		return;
	}
	sg_str_addf(out, "{count=%u, deps=[", s.count);
	for (uint32_t i = 0; i < s.count; i++) {
		uint64_t dev;
		if (i)
			sg_str_add(out, ", ");
		if (sg_fetch(p->d, p->addr + end + i * sizeof(dev), &dev, sizeof(dev)) < 0)
			break;
		sg_print_makedev(out, dev);
	}
	sg_str_add(out, "]}");
}

/* Since interface 4.37 a device's event number follows its name, 8-aligned,
 * when the record has room for it (strace shows it after a name shown whole). */
static void print_event_nr(const struct payload *p, uint32_t off, uint32_t name, uint32_t next)
{
	char buf[DM_NAME_LEN + 1];
	bool complete;
	uint32_t event_nr;
	uint64_t at;
	ssize_t n;

	if (p->m->version[1] < 37)
		return;
	n = sg_call_read_str(p->d->c, p->addr + name, buf, sizeof(buf), &complete);
	if (n < 0 || !complete || n > p->d->o->strsize) /* strace: only after a whole name */
		return;
	at = (p->addr + name + (uint64_t)n + 1 + 7) & ~(uint64_t)7;
	if (at + sizeof(event_nr) <= p->addr + off + next &&
	    sg_call_read(p->d->c, at, &event_nr, sizeof(event_nr)) == sizeof(event_nr))
		sg_str_addf(p->d->out, ", event_nr=%u", event_nr);
}

/* A list of records that each start with a "next" offset and end with a name:
 * the devices (DM_LIST_DEVICES) or the target types (DM_LIST_VERSIONS). */
static void print_named_list(const struct payload *p, bool devices)
{
	struct sg_str *out = p->d->out;
	uint32_t off = p->m->data_start, end = 0;
	size_t head = devices ? offsetof(struct dm_name_list, name)
			      : offsetof(struct dm_target_versions, name);

	for (uint32_t n = 0;; n++) {
		struct dm_target_versions v;
		struct dm_name_list l;
		uint32_t next;

		sg_str_add(out, ", ");
		if ((n && off <= end) || (end = off + (uint32_t)head) <= off || end > p->m->data_size) {
			misplaced(out, devices ? "struct dm_name_list" : "struct dm_target_versions");
			return;
		}
		if (n >= (uint32_t)p->d->o->strsize) {
			sg_str_add(out, "...");
			return;
		}
		if (devices) {
			if (sg_fetch(p->d, p->addr + off, &l, head) < 0)
				return;
			sg_str_add(out, "{dev=");
			sg_print_makedev(out, l.dev);
			sg_str_add(out, ", name=");
			print_payload_str(p, end);
			print_event_nr(p, off, end, l.next);
			next = l.next;
		} else {
			if (sg_fetch(p->d, p->addr + off, &v, head) < 0)
				return;
			sg_str_add(out, "{name=");
			print_payload_str(p, end);
			sg_str_addf(out, ", version=[%u, %u, %u]", v.version[0], v.version[1], v.version[2]);
			next = v.next;
		}
		sg_str_addc(out, '}');
		if (!next)
			return;
		off += next;
	}
}

static void print_target_msg(const struct payload *p)
{
	struct sg_str *out = p->d->out;
	uint32_t off = p->m->data_start, end = off + offsetof(struct dm_target_msg, message);
	struct dm_target_msg s;

	sg_str_add(out, ", ");
	if (end <= off || end > p->m->data_size) {
		misplaced(out, "struct dm_target_msg");
		return;
	}
	if (sg_fetch(p->d, p->addr + off, &s, sizeof(s)) < 0)
		return;
	sg_str_addf(out, "{sector=%llu, message=", (unsigned long long)s.sector);
	print_payload_str(p, end);
	sg_str_addc(out, '}');
}

static void print_device_list(const struct payload *p)
{
	print_named_list(p, true);
}

static void print_version_list(const struct payload *p)
{
	print_named_list(p, false);
}

static void print_string(const struct payload *p)
{
	sg_str_add(p->d->out, ", ");
	if (p->m->data_start > p->m->data_size) {
		misplaced(p->d->out, "string");
		return;
	}
	sg_str_add(p->d->out, "{string=");
	print_payload_str(p, p->m->data_start);
	sg_str_addc(p->d->out, '}');
}

/* Which payload a request carries in (entry) or gets back; NULL for none. */
typedef void payload_fn(const struct payload *p);
static payload_fn *payload_of(unsigned req, const struct dm_ioctl *m, bool entry, bool failed)
{
	bool data = m->data_start != m->data_size;

	if (entry) {
		if (req == DM_TABLE_LOAD)
			return print_target_specs;
		if (IS_ONE_OF(req, DM_DEV_RENAME, DM_DEV_SET_GEOMETRY))
			return print_string;
		return req == DM_TARGET_MSG && data ? print_target_msg : NULL;
	}
	if (failed)
		return NULL;
	if (IS_ONE_OF(req, DM_DEV_WAIT, DM_TABLE_STATUS))
		return print_target_specs;
	if (req == DM_TABLE_DEPS && data)
		return print_target_deps;
	if (IS_ONE_OF(req, DM_LIST_DEVICES, DM_LIST_VERSIONS) && data)
		return req == DM_LIST_DEVICES ? print_device_list : print_version_list;
	return req == DM_TARGET_MSG && (m->flags & DM_DATA_OUT_FLAG) ? print_string : NULL;
}

/* The payload: "..." unless -v; a list of targets that is empty shows nothing. */
static void print_payload(struct sg_dctx *d, uint64_t addr, const struct dm_ioctl *m, bool entry)
{
	unsigned req = (unsigned)sg_arg(d, 1);
	payload_fn *fn = payload_of(req, m, entry, d->c->is_error);
	struct payload p = { d, addr, m, entry };

	if (!fn || (fn == print_target_specs && !m->target_count))
		return;
	if (sg_unabbreviated(d))
		fn(&p);
	else
		sg_str_add(d->out, ", ...");
}

/* "[{version=[4, 0, 0], data_size=..., flags=...}]" */
static void print_struct(struct sg_dctx *d, uint64_t addr, const struct dm_ioctl *m, bool entry)
{
	unsigned req = (unsigned)sg_arg(d, 1);
	struct sg_str *out = d->out;
	bool failed = d->c->is_error;

	sg_str_addf(out, "[{version=[%u, %u, %u]", m->version[0], m->version[1], m->version[2]);
	if (m->version[0] != DM_VERSION_MAJOR) {
		sg_str_add(out, " /* unsupported device mapper ABI version */}]");
		return;
	}
	sg_str_addf(out, ", data_size=%u", m->data_size);
	if (m->data_size < offsetof(struct dm_ioctl, data)) {
		sg_str_add(out, " /* data_size too small */}]");
		return;
	}
	if (has_params(req))
		sg_str_addf(out, ", data_start=%u", m->data_start);
	print_device(d, req, m);
	print_values(out, req, m, entry, failed);
	sg_str_add(out, ", flags=");
	sg_print_flags_as(out, sg_dm_flags, m->flags, "0", "DM_???");
	sg_str_addc(out, '}');
	print_payload(d, addr, m, entry);
	sg_str_addc(out, ']');
}

static bool changed(const struct dm_ioctl *a, const struct dm_ioctl *b)
{
	return memcmp(a->version, b->version, sizeof(a->version)) || a->data_size != b->data_size ||
	       a->data_start != b->data_start || a->flags != b->flags;
}

static void print_dm(struct sg_dctx *d, uint64_t arg)
{
	struct dm_ioctl now, before;
	const struct dm_ioctl *in;

	if (!arg || sg_call_read(d->c, arg, &now, sizeof(now)) != (ssize_t)sizeof(now) ||
	    now.data_size < offsetof(struct dm_ioctl, data_size)) {
		sg_print_ptr(d->out, arg);
		return;
	}
	/* A copy: printing the payload's strings may replace the argument's bytes. */
	in = sg_ioctl_before(d, sizeof(now));
	if (in) {
		before = *in;
		in = &before;
	}
	print_struct(d, arg, in ? in : &now, true);
	if (!d->c->is_error || (in && changed(in, &now))) {
		sg_str_add(d->out, " => ");
		print_struct(d, arg, &now, false);
	}
}

static const struct sg_ioctl_printer rows[] = {
	{ DM_VERSION, print_dm, NULL, 0 },	   { DM_REMOVE_ALL, print_dm, NULL, 0 },
	{ DM_LIST_DEVICES, print_dm, NULL, 0 },	   { DM_DEV_CREATE, print_dm, NULL, 0 },
	{ DM_DEV_REMOVE, print_dm, NULL, 0 },	   { DM_DEV_RENAME, print_dm, NULL, 0 },
	{ DM_DEV_SUSPEND, print_dm, NULL, 0 },	   { DM_DEV_STATUS, print_dm, NULL, 0 },
	{ DM_DEV_WAIT, print_dm, NULL, 0 },	   { DM_TABLE_LOAD, print_dm, NULL, 0 },
	{ DM_TABLE_CLEAR, print_dm, NULL, 0 },	   { DM_TABLE_DEPS, print_dm, NULL, 0 },
	{ DM_TABLE_STATUS, print_dm, NULL, 0 },	   { DM_LIST_VERSIONS, print_dm, NULL, 0 },
	{ DM_TARGET_MSG, print_dm, NULL, 0 },	   { DM_DEV_SET_GEOMETRY, print_dm, NULL, 0 },
	{ DM_DEV_ARM_POLL, print_dm, NULL, 0 },
};
SG_IOCTL_FAMILY(sg_ioctl_dm, rows);
