/* The trusted half of the key vault: runs inside the enclave process. */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <string.h>

#include "vault_enclave.h"

static EVP_PKEY *key; /* lives only here */

static int save_sealed(const unsigned char *priv)
{
	unsigned char blob[32 + SG_SEAL_OVERHEAD];
	size_t len;
	int rc, ret = -1;

	if ((rc = vault_rt()->seal(priv, 32, blob, sizeof(blob), &len)))
		return rc;
	if ((rc = vault_ocall_save_blob(&ret, "vault.sealed", blob, len)))
		return rc;
	return ret;
}

int vault_enclave_create_key(void *pubkey, size_t *pubkey_len)
{
	unsigned char priv[32];
	size_t n = sizeof(priv);

	EVP_PKEY_free(key);
	key = NULL;
	if (vault_rt()->random(priv, sizeof(priv)))
		return -EIO;
	key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, priv, sizeof(priv));
	if (!key || EVP_PKEY_get_raw_public_key(key, pubkey, &n) != 1)
		return -EIO;
	*pubkey_len = n;
	int rc = save_sealed(priv);
	memset(priv, 0, sizeof(priv));
	vault_ocall_log("enclave: new signing key created and sealed");
	return rc;
}

int vault_enclave_load_key(void)
{
	unsigned char blob[512], priv[64];
	size_t blen = sizeof(blob), plen;
	int rc, ret = -1;

	if ((rc = vault_ocall_load_blob(&ret, "vault.sealed", blob, &blen)) || ret)
		return rc ? rc : ret;
	if ((rc = vault_rt()->unseal(blob, blen, priv, sizeof(priv), &plen)))
		return rc; /* -EBADMSG: changed, or sealed by another enclave */
	EVP_PKEY_free(key);
	key = plen == 32 ? EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, priv, 32) : NULL;
	memset(priv, 0, sizeof(priv));
	vault_ocall_log("enclave: signing key unsealed");
	return key ? 0 : -EBADMSG;
}

int vault_enclave_sign(const void *msg, size_t msg_len, void *sig, size_t *sig_len)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	size_t n = *sig_len;
	int ok = key && c && EVP_DigestSignInit(c, NULL, NULL, NULL, key) == 1 &&
		 EVP_DigestSign(c, sig, &n, msg, msg_len) == 1;

	EVP_MD_CTX_free(c);
	if (!ok)
		return key ? -EIO : -ENOKEY;
	*sig_len = n;
	return 0;
}

int vault_enclave_try_open(const char *path)
{
	/* Not allowed in an enclave: the runtime stops the enclave right here. */
	return open(path, O_RDONLY);
}
