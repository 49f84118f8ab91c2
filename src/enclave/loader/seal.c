/* Sealing: a key per (root key, measurement) by HKDF-SHA256, and AES-256-GCM blobs
 * laid out as nonce || ciphertext || tag. Everything cryptographic is libcrypto's.
 * in and out must not overlap. */
#include "enclave_int.h"

#include <errno.h>
#include <limits.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#define SEAL_LABEL "sysgate-seal-v1" /* the HKDF salt and the GCM AAD */
#define SEAL_NONCE 12
#define SEAL_TAG 16

_Static_assert(SG_SEAL_OVERHEAD == SEAL_NONCE + SEAL_TAG, "blob layout");

int sg_seal_key(const uint8_t root[32], const uint8_t measurement[SG_MEASUREMENT_LEN],
		uint8_t key[32])
{
	EVP_PKEY_CTX *kdf = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
	size_t len = 32;
	int ok;

	if (!kdf)
		return -ENOMEM;
	ok = EVP_PKEY_derive_init(kdf) == 1 &&
	     EVP_PKEY_CTX_set_hkdf_md(kdf, EVP_sha256()) == 1 &&
	     EVP_PKEY_CTX_set1_hkdf_salt(kdf, (const unsigned char *)SEAL_LABEL,
					 strlen(SEAL_LABEL)) == 1 &&
	     EVP_PKEY_CTX_set1_hkdf_key(kdf, root, 32) == 1 &&
	     EVP_PKEY_CTX_add1_hkdf_info(kdf, measurement, SG_MEASUREMENT_LEN) == 1 &&
	     EVP_PKEY_derive(kdf, key, &len) == 1 && len == 32;
	EVP_PKEY_CTX_free(kdf);
	return ok ? 0 : -EIO;
}

/* The GCM stream after init: the AAD, then len bytes from in to out, in pieces that
 * fit the int lengths of EVP_CipherUpdate. */
static int gcm_run(EVP_CIPHER_CTX *c, const uint8_t *in, size_t len, uint8_t *out)
{
	int n;

	if (EVP_CipherUpdate(c, NULL, &n, (const unsigned char *)SEAL_LABEL,
			     strlen(SEAL_LABEL)) != 1)
		return -1;
	while (len > 0) {
		int chunk = len > INT_MAX / 2 ? INT_MAX / 2 : (int)len;

		if (EVP_CipherUpdate(c, out, &n, in, chunk) != 1 || n != chunk)
			return -1;
		in += chunk;
		out += chunk;
		len -= (size_t)chunk;
	}
	return 0;
}

static int seal_with(EVP_CIPHER_CTX *c, const uint8_t key[32], const uint8_t *in, size_t len,
		     uint8_t *out)
{
	uint8_t *nonce = out, *ct = out + SEAL_NONCE, *tag = ct + len;
	int n;

	if (RAND_bytes(nonce, SEAL_NONCE) != 1)
		return -EIO;
	if (EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, SEAL_NONCE, NULL) != 1 ||
	    EVP_EncryptInit_ex(c, NULL, NULL, key, nonce) != 1)
		return -EIO;
	if (gcm_run(c, in, len, ct) != 0 || EVP_EncryptFinal_ex(c, tag, &n) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, SEAL_TAG, tag) != 1)
		return -EIO;
	return 0;
}

int sg_seal(const uint8_t key[32], const void *in, size_t len, void *out, size_t cap,
	    size_t *out_len)
{
	EVP_CIPHER_CTX *c;
	int rc;

	/* Written this way round, len + SG_SEAL_OVERHEAD cannot overflow. */
	if (cap < SG_SEAL_OVERHEAD || cap - SG_SEAL_OVERHEAD < len)
		return -ENOSPC;
	c = EVP_CIPHER_CTX_new();
	if (!c)
		return -ENOMEM;
	rc = seal_with(c, key, in, len, out);
	EVP_CIPHER_CTX_free(c);
	if (rc == 0)
		*out_len = len + SG_SEAL_OVERHEAD;
	return rc;
}

/* 0, or -EBADMSG for any blob that does not authenticate under key. */
static int unseal_with(EVP_CIPHER_CTX *c, const uint8_t key[32], const uint8_t *in,
		       size_t len, uint8_t *out)
{
	const uint8_t *nonce = in, *ct = in + SEAL_NONCE;
	uint8_t tag[SEAL_TAG], rest[EVP_MAX_BLOCK_LENGTH];
	int n;

	/* A copy: the ctrl call takes a non-const pointer. */
	memcpy(tag, ct + len, SEAL_TAG);
	if (EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_IVLEN, SEAL_NONCE, NULL) != 1 ||
	    EVP_DecryptInit_ex(c, NULL, NULL, key, nonce) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, SEAL_TAG, tag) != 1)
		return -EIO;
	if (gcm_run(c, ct, len, out) != 0)
		return -EIO;
	/* GCM writes nothing here; rest spares us out + len when out is NULL. */
	if (EVP_DecryptFinal_ex(c, rest, &n) != 1)
		return -EBADMSG;
	return 0;
}

int sg_unseal(const uint8_t key[32], const void *in, size_t len, void *out, size_t cap,
	      size_t *out_len)
{
	EVP_CIPHER_CTX *c;
	size_t plain;
	int rc;

	if (len < SG_SEAL_OVERHEAD)
		return -EBADMSG;
	plain = len - SG_SEAL_OVERHEAD;
	if (cap < plain)
		return -ENOSPC;
	c = EVP_CIPHER_CTX_new();
	if (!c)
		return -ENOMEM;
	rc = unseal_with(c, key, in, plain, out);
	EVP_CIPHER_CTX_free(c);
	/* GCM decrypts before the tag is checked: never leave a forgery's plaintext. */
	if (rc != 0 && plain > 0)
		OPENSSL_cleanse(out, plain);
	if (rc == 0)
		*out_len = plain;
	return rc;
}
