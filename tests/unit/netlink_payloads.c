/* Netlink payloads of protocols this machine may not have (NETLINK_CRYPTO needs
 * the crypto_user module): each decoder on a message made here, against the
 * text strace 6.1 prints for it (its tests nlattr_crypto_user_alg and
 * netlink_selinux). */
#include "tap.h"

#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <linux/selinux_netlink.h>

#include "core/decode_netlink.h"

typedef bool payload_fn(struct sg_nl *nl, uint16_t type, size_t off, size_t len);

static char *decode(payload_fn *fn, int proto, uint16_t type, const void *buf, size_t len)
{
	static struct sg_str out;
	struct sg_decode_opts o = { .strsize = 32 };
	struct sg_call c = { .pid = 0 };
	struct sg_dctx d = { .c = &c, .o = &o, .out = &out };
	struct sg_nl nl = { .d = &d, .buf = buf, .have = len, .addr = 0x1000, .proto = proto };

	sg_str_free(&out);
	if (!fn(&nl, type, 0, len))
		sg_str_add(&out, "(not decoded)");
	return out.s;
}

struct alg_msg {
	struct crypto_user_alg alg;
	struct nlattr prio;
	uint32_t prio_val;
	struct nlattr hash;
	struct crypto_report_hash report;
};

static void crypto(void)
{
	struct alg_msg m;

	memset(&m, 0, sizeof(m));
	strcpy(m.alg.cru_name, "abcd");
	strcpy(m.alg.cru_driver_name, "efgh");
	strcpy(m.alg.cru_module_name, "ijkl");
	m.alg.cru_type = 1;
	m.alg.cru_mask = 2;
	m.alg.cru_refcnt = 3;
	m.alg.cru_flags = 4;
	m.prio = (struct nlattr){ NLA_HDRLEN + 4, CRYPTOCFGA_PRIORITY_VAL };
	m.prio_val = 10;
	m.hash = (struct nlattr){ NLA_HDRLEN + sizeof(m.report), CRYPTOCFGA_REPORT_HASH };
	strcpy(m.report.type, "sha1");
	m.report.blocksize = 64;
	m.report.digestsize = 20;
	tap_is(decode(sg_nl_crypto, NETLINK_CRYPTO, CRYPTO_MSG_GETALG, &m, sizeof(m.alg)),
	       "{cru_name=\"abcd\", cru_driver_name=\"efgh\", cru_module_name=\"ijkl\", "
	       "cru_type=0x1, cru_mask=0x2, cru_refcnt=3, cru_flags=0x4}",
	       "crypto_user_alg");
	tap_is(decode(sg_nl_crypto, NETLINK_CRYPTO, CRYPTO_MSG_NEWALG, &m, sizeof(m)),
	       "{cru_name=\"abcd\", cru_driver_name=\"efgh\", cru_module_name=\"ijkl\", "
	       "cru_type=0x1, cru_mask=0x2, cru_refcnt=3, cru_flags=0x4}, "
	       "[[{nla_len=8, nla_type=CRYPTOCFGA_PRIORITY_VAL}, 10], "
	       "[{nla_len=76, nla_type=CRYPTOCFGA_REPORT_HASH}, "
	       "{type=\"sha1\", blocksize=64, digestsize=20}]]",
	       "crypto_user_alg with a priority and a hash report");
	tap_is(decode(sg_nl_crypto, NETLINK_CRYPTO, CRYPTO_MSG_GETALG, &m, 8), "(not decoded)",
	       "too short for crypto_user_alg: left to be shown as bytes");
}

static void selinux(void)
{
	struct selnl_msg_setenforce e = { .val = -1 };
	struct selnl_msg_policyload p = { .seqno = 7 };

	tap_is(decode(sg_nl_selinux, NETLINK_SELINUX, SELNL_MSG_SETENFORCE, &e, sizeof(e)),
	       "{val=-1}", "selnl_msg_setenforce");
	tap_is(decode(sg_nl_selinux, NETLINK_SELINUX, SELNL_MSG_POLICYLOAD, &p, sizeof(p)),
	       "{seqno=7}", "selnl_msg_policyload");
}

int main(void)
{
	tap_plan(5);
	crypto();
	selinux();
	return tap_failed != 0;
}
