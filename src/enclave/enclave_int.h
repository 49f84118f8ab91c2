/* Internal to src/enclave: measurement, sealing, the interface language and its
 * code generator. */
#ifndef SG_ENCLAVE_INT_H
#define SG_ENCLAVE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "enclave.h"

/* ---- measure.c: the MRENCLAVE analog ---- */
#define SG_MEASUREMENT_LEN 32
/* SHA-256 over the file bytes of every PT_LOAD segment that is not writable (code
 * and read-only data), in program-header order, each preceded by its p_vaddr and
 * p_filesz as 8-byte little-endian numbers. A file that is not a well-formed
 * 64-bit x86_64 ELF shared object (truncated, segments outside the file, ...) is
 * refused with a one-line message. */
int sg_enclave_measure_file(const char *path, uint8_t out[SG_MEASUREMENT_LEN], char *err,
			    size_t errlen);
/* Hex text of a measurement: 64 characters and a NUL. */
void sg_measurement_hex(const uint8_t m[SG_MEASUREMENT_LEN], char out[65]);

/* ---- seal.c: sealing keys and AES-256-GCM (OpenSSL libcrypto) ---- */
/* key = HKDF-SHA256(salt "sysgate-seal-v1", ikm root, info measurement). */
int sg_seal_key(const uint8_t root[32], const uint8_t measurement[SG_MEASUREMENT_LEN],
		uint8_t key[32]);
/* out = 12-byte random nonce || ciphertext || 16-byte tag, AAD "sysgate-seal-v1";
 * out_len = len + SG_SEAL_OVERHEAD. -ENOSPC if cap is too small. */
int sg_seal(const uint8_t key[32], const void *in, size_t len, void *out, size_t cap,
	    size_t *out_len);
/* The inverse; -EBADMSG if in is too short, was changed, or was sealed under
 * another key. */
int sg_unseal(const uint8_t key[32], const void *in, size_t len, void *out, size_t cap,
	      size_t *out_len);

/* ---- idl.c: the interface language ----
 *   trusted   { int seal(in bytes msg, out bytes[256] blob); }
 *   untrusted { void log(in string s); int read_file(in string path, out bytes[4096] buf); }
 * Comments: // to end of line and C block comments. */
enum sg_idl_kind { SG_IDL_IN_INT, SG_IDL_IN_BYTES, SG_IDL_IN_STRING, SG_IDL_OUT_BYTES };

struct sg_idl_param {
	enum sg_idl_kind kind;
	char name[64];
	uint32_t size; /* SG_IDL_OUT_BYTES: the declared N */
};

#define SG_IDL_MAX_PARAMS 16

struct sg_idl_fn {
	char name[64];
	bool returns_int; /* else void */
	struct sg_idl_param params[SG_IDL_MAX_PARAMS];
	unsigned nparams;
	unsigned line;
};

struct sg_idl {
	struct sg_idl_fn *trusted, *untrusted;
	size_t ntrusted, nuntrusted;
};

/* Parse text; name labels errors: "NAME:LINE:COL: expected ... (got ...)". */
int sg_idl_parse(const char *text, const char *name, struct sg_idl *out, char *err,
		 size_t errlen);
void sg_idl_free(struct sg_idl *idl);
/* The largest response fn can have: its result, then each out parameter with its
 * length. */
size_t sg_idl_response_max(const struct sg_idl_fn *fn);

/* ---- gen.c: bridge code from an interface ----
 * For base "vault": vault_host.h/.c and vault_enclave.h/.c. See docs/enclave.md for
 * the functions they declare. */
int sg_idl_gen(const struct sg_idl *idl, const char *base, FILE *host_h, FILE *host_c,
	       FILE *encl_h, FILE *encl_c);

#endif
