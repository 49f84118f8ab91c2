/* NETLINK_NETFILTER (nfnetlink) as strace 6.1 prints it: a message type is a
 * subsystem and its own type (NFNL_SUBSYS_NFTABLES<<8|NFT_MSG_GETTABLE), the
 * request flags follow from the type, and the payload is a struct nfgenmsg then
 * attributes, whose names each subsystem keeps to itself (shown as numbers). */
#include "decode_netlink.h"

#include <arpa/inet.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <string.h>

#include "netlink_names.h"

/* How a subsystem's request flags go: by the type's name, NEW..., GET... or
 * DEL... (as strace does for these subsystems only). */
enum by_name { FLAGS_NONE, FLAGS_BY_NAME };

static const struct subsys {
	const struct sg_flag *types;
	const char *unknown; /* "NFT_MSG_???"; its prefix is what names share */
	enum by_name flags;
} subsystems[] = {
	[NFNL_SUBSYS_CTNETLINK] = { sg_nf_ctnetlink_types, "IPCTNL_MSG_CT_???", FLAGS_BY_NAME },
	[NFNL_SUBSYS_CTNETLINK_EXP] = { sg_nf_ctnetlink_exp_types, "IPCTNL_MSG_EXP_???",
					FLAGS_BY_NAME },
	[NFNL_SUBSYS_QUEUE] = { sg_nf_queue_types, "NFQNL_MSG_???", FLAGS_NONE },
	[NFNL_SUBSYS_ULOG] = { sg_nf_ulog_types, "NFULNL_MSG_???", FLAGS_NONE },
	[NFNL_SUBSYS_OSF] = { sg_nf_osf_types, "OSF_MSG_???", FLAGS_NONE },
	[NFNL_SUBSYS_IPSET] = { sg_nf_ipset_types, "IPSET_CMD_???", FLAGS_NONE },
	[NFNL_SUBSYS_ACCT] = { sg_nf_acct_types, "NFNL_MSG_ACCT_???", FLAGS_BY_NAME },
	[NFNL_SUBSYS_CTNETLINK_TIMEOUT] = { sg_nf_cttimeout_types, "IPCTNL_MSG_TIMEOUT_???",
					    FLAGS_BY_NAME },
	[NFNL_SUBSYS_CTHELPER] = { sg_nf_cthelper_types, "NFNL_MSG_CTHELPER_???", FLAGS_BY_NAME },
	[NFNL_SUBSYS_NFTABLES] = { sg_nf_nftables_types, "NFT_MSG_???", FLAGS_BY_NAME },
	[NFNL_SUBSYS_NFT_COMPAT] = { sg_nf_compat_types, "NFNL_MSG_COMPAT_???", FLAGS_BY_NAME },
};

static const struct subsys *subsys_of(uint16_t type)
{
	unsigned id = type >> 8;

	return id < sizeof(subsystems) / sizeof(subsystems[0]) && subsystems[id].types ?
		       &subsystems[id] :
		       NULL;
}

static const char *name_of(const struct sg_flag *t, unsigned v)
{
	for (; t->name; t++)
		if (t->val == v)
			return t->name;
	return NULL;
}

static bool is_batch(uint16_t type)
{
	return type == NFNL_MSG_BATCH_BEGIN || type == NFNL_MSG_BATCH_END;
}

void sg_nl_netfilter_type(struct sg_str *out, uint16_t type)
{
	const struct subsys *s = subsys_of(type);

	if (is_batch(type)) {
		sg_print_xval(out, sg_nl_netfilter_types, type, "NFNL_MSG_???");
		return;
	}
	sg_print_xval(out, sg_nl_netfilter_subsys, type >> 8, "NFNL_SUBSYS_???");
	sg_str_add(out, "<<8|");
	if (s)
		sg_print_xval(out, s->types, type & 0xff, s->unknown);
	else
		sg_str_addf(out, "%#x", type & 0xff);
}

const struct sg_flag *sg_nl_netfilter_flags(uint16_t type)
{
	const struct subsys *s = subsys_of(type);
	const char *name = s && s->flags == FLAGS_BY_NAME ? name_of(s->types, type & 0xff) : NULL;

	if (!name)
		return NULL;
	const char *verb = name + strlen(s->unknown) - 3; /* past the shared prefix */
	if (strncmp(verb, "NEW", 3) == 0)
		return sg_nl_new_flags;
	if (strncmp(verb, "GET", 3) == 0)
		return sg_nl_get_flags;
	if (strncmp(verb, "DEL", 3) == 0)
		return sg_nl_delete_flags;
	return NULL;
}

/* res_id is in network order, except that nftables once sent its own subsystem
 * id there in host order: both are named. */
static void print_res_id(struct sg_str *out, uint16_t type, uint16_t res_id)
{
	bool nftables = type >> 8 == NFNL_SUBSYS_NFTABLES;
	char number[16];

	snprintf(number, sizeof(number), "%#x", res_id);
	if (nftables && ntohs(res_id) == NFNL_SUBSYS_NFTABLES)
		sg_print_named(out, number, "htons(NFNL_SUBSYS_NFTABLES)");
	else if (nftables && res_id == NFNL_SUBSYS_NFTABLES)
		sg_print_named(out, number, "NFNL_SUBSYS_NFTABLES");
	else
		sg_str_addf(out, "htons(%u)", ntohs(res_id));
}

/* Attributes whose names only the subsystem knows: their types as numbers. */
static const struct sg_flag no_names[] = { SG_FLAG_END };
static const struct sg_nla_policy unnamed = { no_names, NULL, NULL, 0, NULL, 0 };

bool sg_nl_netfilter(struct sg_nl *nl, uint16_t type, size_t off, size_t len)
{
	static const struct sg_flag versions[] = { SG_FLAG(NFNETLINK_V0), SG_FLAG_END };
	struct sg_str *out = nl->d->out;
	struct nfgenmsg g;

	if (type == NLMSG_DONE)
		return false;
	if (len < sizeof(g)) {
		sg_nl_print_hex(nl, off, len);
		return true;
	}
	if (!sg_nl_has(nl, off, sizeof(g)))
		return false;
	memcpy(&g, nl->buf + off, sizeof(g));
	sg_str_add(out, "{nfgen_family=");
	sg_print_xval(out, sg_af_names, g.nfgen_family, "AF_???");
	sg_str_add(out, ", version=");
	sg_print_xval(out, versions, g.version, "NFNETLINK_???");
	sg_str_add(out, ", res_id=");
	print_res_id(out, type, g.res_id);
	sg_str_addc(out, '}');
	size_t at = NLMSG_ALIGN(sizeof(g));
	if (len <= at)
		return true;
	sg_str_add(out, ", ");
	if (is_batch(type) || type < NLMSG_MIN_TYPE)
		sg_nl_print_hex(nl, off + at, len - at);
	else
		sg_nl_print_attrs(nl, off + at, len - at, &unnamed, 0);
	return true;
}
