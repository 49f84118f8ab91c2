/* The untrusted half of the key vault: a host program that asks an enclave to
 * create, seal, reload and use a signing key it never sees.
 *   keyvault ENCLAVE.so DIR          the whole story (sysgate demo runs it)
 *   keyvault ENCLAVE.so DIR open F   the enclave tries to open F itself */
#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vault_host.h"

static const char *dir; /* where sealed blobs are kept */

/* ---- the OCALLs: what the enclave may ask of the host ---- */

static void blob_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, strchr(name, '/') ? "invalid" : name);
}

int vault_host_save_blob(const char *name, const void *blob, size_t blob_len)
{
	char path[4096], tmp[4200];
	FILE *f;

	blob_path(path, sizeof(path), name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (!(f = fopen(tmp, "we")) || fwrite(blob, 1, blob_len, f) != blob_len || fclose(f))
		return -EIO;
	return rename(tmp, path) ? -errno : 0;
}

int vault_host_load_blob(const char *name, void *blob, size_t *blob_len)
{
	char path[4096];
	FILE *f;

	blob_path(path, sizeof(path), name);
	if (!(f = fopen(path, "re")))
		return -errno;
	*blob_len = fread(blob, 1, *blob_len, f);
	fclose(f);
	return 0;
}

void vault_host_log(const char *msg)
{
	printf("  %s\n", msg);
}

/* ---- the host's own work ---- */

static int start(const char *path, struct sg_enclave **e)
{
	struct sg_enclave_opts o = { .ocall = vault_ocall_dispatch };
	static const unsigned char root[32] = "sysgate demo root key, 32 bytes";

	o.root_key = root;
	int rc = sg_enclave_create(path, &o, e);
	if (rc)
		fprintf(stderr, "keyvault: %s\n", sg_enclave_error(*e));
	return rc;
}

static int verify(const unsigned char *pub, const char *msg, const unsigned char *sig)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub, 32);
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	int ok = k && c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
		 EVP_DigestVerify(c, sig, 64, (const unsigned char *)msg, strlen(msg)) == 1;

	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok;
}

static int story(const char *so)
{
	struct sg_enclave *e;
	unsigned char pub[32], sig[64];
	size_t plen = sizeof(pub), slen = sizeof(sig);
	const char *msg = "pay 10 to alice";
	int ret = -1;

	printf("1. an enclave creates a signing key and seals it to %s/vault.sealed\n", dir);
	if (start(so, &e) || vault_ecall_create_key(e, &ret, pub, &plen) || ret)
		return fprintf(stderr, "keyvault: create_key: %s\n", sg_enclave_error(e)), 1;
	sg_enclave_destroy(e);
	printf("2. a new enclave (same code, so same measurement) unseals it and signs \"%s\"\n",
	       msg);
	if (start(so, &e) || vault_ecall_load_key(e, &ret) || ret ||
	    vault_ecall_sign(e, &ret, msg, strlen(msg), sig, &slen) || ret)
		return fprintf(stderr, "keyvault: sign: %s (%d)\n", sg_enclave_error(e), ret), 1;
	printf("3. the host checks the signature with the public key: %s\n",
	       verify(pub, msg, sig) ? "valid" : "INVALID");
	printf("   the host never saw the private key; the sealed blob is useless elsewhere\n");
	sg_enclave_destroy(e);
	return 0;
}

static int try_open(const char *so, const char *file)
{
	struct sg_enclave *e;
	int ret = 0;

	if (start(so, &e))
		return 1;
	int rc = vault_ecall_try_open(e, &ret, file);
	printf("the enclave tried to open %s itself: %s\n", file,
	       rc ? sg_enclave_error(e) : "it was allowed (this is a bug)");
	sg_enclave_destroy(e);
	return rc ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return fprintf(stderr, "usage: keyvault ENCLAVE.so DIR [open FILE]\n"), 2;
	dir = argv[2];
	if (argc == 5 && strcmp(argv[3], "open") == 0)
		return try_open(argv[1], argv[4]);
	return story(argv[1]);
}
