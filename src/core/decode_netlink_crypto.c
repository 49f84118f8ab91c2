/* NETLINK_CRYPTO's algorithm messages and NETLINK_SELINUX's notices, as strace
 * 6.1 prints them: struct crypto_user_alg and its CRYPTOCFGA_ attributes (the
 * reports each kind of algorithm gives), selnl_msg_setenforce and
 * selnl_msg_policyload. */
#include "decode_netlink.h"

#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <linux/selinux_netlink.h>
#include <stddef.h>
#include <string.h>

#include "netlink_names.h"

/* A char array field: up to its NUL, or all of it followed by "..." */
static void print_cstring(struct sg_str *out, const char *name, const char *p, size_t size)
{
	const char *nul = memchr(p, '\0', size);

	sg_str_addf(out, "%s=\"", name);
	sg_str_add_escaped(out, (const unsigned char *)p, nul ? (size_t)(nul - p) : size);
	sg_str_add(out, nul ? "\"" : "\"...");
}

/* One field of a report: a string (size bytes) or an unsigned int. */
struct report_field {
	const char *name;
	size_t at, size; /* size 0: an unsigned int */
};

#define STRING(s, f) { #f, offsetof(struct s, f), sizeof(((struct s *)0)->f) }
#define UINT(s, f) { #f, offsetof(struct s, f), 0 }

static bool print_report(struct sg_nl *nl, const uint8_t *p, size_t len,
			 const struct report_field *f, size_t n, size_t size)
{
	struct sg_str *out = nl->d->out;

	if (len < size)
		return false; /* its bytes instead */
	sg_str_addc(out, '{');
	for (size_t i = 0; i < n; i++) {
		sg_str_add(out, i ? ", " : "");
		if (f[i].size) {
			print_cstring(out, f[i].name, (const char *)p + f[i].at, f[i].size);
		} else {
			unsigned v;
			memcpy(&v, p + f[i].at, sizeof(v));
			sg_str_addf(out, "%s=%u", f[i].name, v);
		}
	}
	sg_str_addc(out, '}');
	return true;
}

#define REPORT(s, ...)                                                                       \
	static bool print_##s(struct sg_nl *nl, const uint8_t *p, size_t len, int family)      \
	{                                                                                      \
		static const struct report_field fields[] = { __VA_ARGS__ };                     \
		(void)family;                                                                  \
		return print_report(nl, p, len, fields, sizeof(fields) / sizeof(fields[0]),     \
				    sizeof(struct s));                                         \
	}

REPORT(crypto_report_hash, STRING(crypto_report_hash, type), UINT(crypto_report_hash, blocksize),
       UINT(crypto_report_hash, digestsize))
REPORT(crypto_report_blkcipher, STRING(crypto_report_blkcipher, type),
       STRING(crypto_report_blkcipher, geniv), UINT(crypto_report_blkcipher, blocksize),
       UINT(crypto_report_blkcipher, min_keysize), UINT(crypto_report_blkcipher, max_keysize),
       UINT(crypto_report_blkcipher, ivsize))
REPORT(crypto_report_aead, STRING(crypto_report_aead, type), STRING(crypto_report_aead, geniv),
       UINT(crypto_report_aead, blocksize), UINT(crypto_report_aead, maxauthsize),
       UINT(crypto_report_aead, ivsize))
REPORT(crypto_report_rng, STRING(crypto_report_rng, type), UINT(crypto_report_rng, seedsize))
REPORT(crypto_report_cipher, STRING(crypto_report_cipher, type),
       UINT(crypto_report_cipher, blocksize), UINT(crypto_report_cipher, min_keysize),
       UINT(crypto_report_cipher, max_keysize))

/* The reports that hold only the algorithm's type: its string, at most len. */
static bool print_type_report(struct sg_nl *nl, const uint8_t *p, size_t len, int family)
{
	(void)family;
	sg_str_addc(nl->d->out, '{');
	print_cstring(nl->d->out, "type", (const char *)p, len);
	sg_str_addc(nl->d->out, '}');
	return true;
}

static const sg_nla_decoder crypto_decoders[] = {
	[CRYPTOCFGA_REPORT_LARVAL] = print_type_report,
	[CRYPTOCFGA_REPORT_HASH] = print_crypto_report_hash,
	[CRYPTOCFGA_REPORT_BLKCIPHER] = print_crypto_report_blkcipher,
	[CRYPTOCFGA_REPORT_AEAD] = print_crypto_report_aead,
	[CRYPTOCFGA_REPORT_COMPRESS] = print_type_report,
	[CRYPTOCFGA_REPORT_RNG] = print_crypto_report_rng,
	[CRYPTOCFGA_REPORT_CIPHER] = print_crypto_report_cipher,
	[CRYPTOCFGA_REPORT_AKCIPHER] = print_type_report,
	[CRYPTOCFGA_REPORT_KPP] = print_type_report,
	[CRYPTOCFGA_REPORT_ACOMP] = print_type_report,
};

static const uint8_t crypto_kinds[] = { [CRYPTOCFGA_PRIORITY_VAL] = SG_NLA_U32 };

static const struct sg_nla_policy crypto_attrs = {
	sg_crypto_attrs, "CRYPTOCFGA_???", crypto_kinds, sizeof(crypto_kinds),
	crypto_decoders, sizeof(crypto_decoders) / sizeof(crypto_decoders[0]),
};

bool sg_nl_crypto(struct sg_nl *nl, uint16_t type, size_t off, size_t len)
{
	struct sg_str *out = nl->d->out;
	struct crypto_user_alg alg;

	if (type != CRYPTO_MSG_NEWALG && type != CRYPTO_MSG_DELALG &&
	    type != CRYPTO_MSG_UPDATEALG && type != CRYPTO_MSG_GETALG)
		return false;
	if (len < sizeof(alg) || !sg_nl_has(nl, off, sizeof(alg)))
		return false;
	memcpy(&alg, nl->buf + off, sizeof(alg));
	sg_str_addc(out, '{');
	print_cstring(out, "cru_name", alg.cru_name, sizeof(alg.cru_name));
	sg_str_add(out, ", ");
	print_cstring(out, "cru_driver_name", alg.cru_driver_name, sizeof(alg.cru_driver_name));
	sg_str_add(out, ", ");
	print_cstring(out, "cru_module_name", alg.cru_module_name, sizeof(alg.cru_module_name));
	sg_str_addf(out, ", cru_type=%#x, cru_mask=%#x, cru_refcnt=%u, cru_flags=%#x}", alg.cru_type,
		    alg.cru_mask, alg.cru_refcnt, alg.cru_flags);
	size_t at = NLMSG_ALIGN(sizeof(alg));
	if (len > at) {
		sg_str_add(out, ", ");
		sg_nl_print_attrs(nl, off + at, len - at, &crypto_attrs, 0);
	}
	return true;
}

bool sg_nl_selinux(struct sg_nl *nl, uint16_t type, size_t off, size_t len)
{
	struct sg_str *out = nl->d->out;
	uint32_t v;

	if (type != SELNL_MSG_SETENFORCE && type != SELNL_MSG_POLICYLOAD)
		return false;
	if (len < sizeof(v) || !sg_nl_has(nl, off, sizeof(v)))
		return false;
	memcpy(&v, nl->buf + off, sizeof(v));
	if (type == SELNL_MSG_SETENFORCE)
		sg_str_addf(out, "{val=%d}", (int32_t)v);
	else
		sg_str_addf(out, "{seqno=%u}", v);
	return true;
}
