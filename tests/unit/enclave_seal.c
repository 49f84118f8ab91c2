/* Enclave measurement and sealing: the measurement of a shared object built here
 * against an independent computation, which bytes it covers and which not, malformed
 * files refused with their one-line messages; sealing keys against an independent
 * HKDF, seal/unseal round trips, and every way a blob can be wrong. */
#include <elf.h>
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include "enclave/enclave_int.h"
#include "tap.h"

static char tmpdir[] = "/tmp/sg-enclave-XXXXXX";

/* A marker in .data (writable) that the test finds and changes. */
#define MARKER 0x5347444154413031ULL
static const char lib_src[] = "unsigned long long sg_marker = 0x5347444154413031ULL;\n"
			      "const char sg_ro[] = \"read-only data\";\n"
			      "unsigned long long sg_fn(unsigned long long x)\n"
			      "{\n\treturn x * 3 + sg_marker + sg_ro[x & 7];\n}\n";

static const char *in_tmp(const char *name)
{
	static char paths[8][300];
	static unsigned next;
	char *p = paths[next++ % 8];

	snprintf(p, sizeof(paths[0]), "%s/%s", tmpdir, name);
	return p;
}

static void save(const char *path, const void *buf, size_t size)
{
	FILE *f = fopen(path, "w");

	if (!f || fwrite(buf, 1, size, f) != size || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

/* The whole file, in a malloc'd buffer (aligned for Elf64_*). */
static uint8_t *load(const char *path, size_t *size)
{
	FILE *f = fopen(path, "r");
	uint8_t *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto fail;
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
		goto fail;
	fclose(f);
	*size = (size_t)n;
	return buf;
fail:
	printf("Bail out! cannot read %s\n", path);
	exit(1);
}

static uint8_t *dup_buf(const uint8_t *b, size_t size)
{
	uint8_t *c = malloc(size + 1);

	memcpy(c, b, size);
	return c;
}

static Elf64_Ehdr *ehdr(uint8_t *b)
{
	return (Elf64_Ehdr *)b;
}

static Elf64_Phdr *phdr(uint8_t *b, unsigned i)
{
	return (Elf64_Phdr *)(b + ehdr(b)->e_phoff) + i;
}

/* Index of the first PT_LOAD whose flags masked by mask are want, or -1. */
static int find_load(uint8_t *b, unsigned mask, unsigned want)
{
	for (unsigned i = 0; i < ehdr(b)->e_phnum; i++)
		if (phdr(b, i)->p_type == PT_LOAD && (phdr(b, i)->p_flags & mask) == want)
			return (int)i;
	return -1;
}

/* The measurement as the header defines it, computed from <elf.h> directly. */
static void expected_measurement(uint8_t *b, uint8_t out[32])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();

	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	for (unsigned i = 0; i < ehdr(b)->e_phnum; i++) {
		const Elf64_Phdr *ph = phdr(b, i);
		uint64_t le[2] = { htole64(ph->p_vaddr), htole64(ph->p_filesz) };

		if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W))
			continue;
		EVP_DigestUpdate(md, le, sizeof(le));
		EVP_DigestUpdate(md, b + ph->p_offset, ph->p_filesz);
	}
	EVP_DigestFinal_ex(md, out, NULL);
	EVP_MD_CTX_free(md);
}

static int build_so(const char *so)
{
	char cmd[1024];

	save(in_tmp("lib.c"), lib_src, strlen(lib_src));
	snprintf(cmd, sizeof(cmd), "cc -shared -fPIC -O1 -o '%s' '%s'", so, in_tmp("lib.c"));
	return system(cmd);
}

static void measure_good(uint8_t *b, const char *so, uint8_t m[32])
{
	uint8_t m2[32], want[32];
	char err[512] = "junk", hex[65], want_hex[65];
	int rc = sg_enclave_measure_file(so, m, err, sizeof(err));

	tap_ok(rc == 0 && err[0] == '\0', "measure: a shared object (rc %d, '%s')", rc, err);
	rc = sg_enclave_measure_file(so, m2, NULL, 0);
	tap_ok(rc == 0 && memcmp(m, m2, 32) == 0, "measure: stable across calls (no err buffer)");
	expected_measurement(b, want);
	tap_ok(memcmp(m, want, 32) == 0, "measure: equals the independent computation");
	sg_measurement_hex(m, hex);
	for (int i = 0; i < 32; i++)
		sprintf(want_hex + 2 * i, "%02x", want[i]);
	tap_is(hex, want_hex, "measure: hex text");
}

static void hex_known(void)
{
	uint8_t m[32];
	char hex[66];

	for (int i = 0; i < 32; i++)
		m[i] = (uint8_t)(i * 8 + (i & 1 ? 0xf0 : 0));
	memset(hex, 'x', sizeof(hex));
	sg_measurement_hex(m, hex);
	tap_is(hex, "00f8100820183028403850486058706880789088a098b0a8c0b8d0c8e0d8f0e8",
	       "hex: 64 lowercase digits, NUL terminated");
	tap_ok(hex[65] == 'x', "hex: writes nothing past the NUL");
}

/* Measure a changed copy of the object; 1 if the measurement stayed m. */
static int same_after(uint8_t *c, size_t size, const char *name, const uint8_t m[32])
{
	uint8_t got[32];
	char err[512];
	int rc;

	save(in_tmp(name), c, size);
	rc = sg_enclave_measure_file(in_tmp(name), got, err, sizeof(err));
	if (rc != 0)
		printf("# %s: %s\n", name, err);
	return rc == 0 && memcmp(got, m, 32) == 0;
}

static void measure_coverage(uint8_t *b, size_t size, const uint8_t m[32])
{
	int x = find_load(b, PF_X | PF_W, PF_X), w = find_load(b, PF_W, PF_W);
	uint64_t marker = htole64(MARKER);
	uint8_t *c = dup_buf(b, size), *at;
	const Elf64_Phdr *ph;

	if (!tap_ok(x >= 0 && w >= 0, "measure: a code segment (%d) and a data segment (%d)",
		    x, w))
		return;
	ph = phdr(c, (unsigned)x);
	c[ph->p_offset + ph->p_filesz / 2] ^= 0x40;
	tap_ok(!same_after(c, size, "code.so", m), "measure: one code byte changes it");

	memcpy(c, b, size);
	at = memmem(c, size, "read-only data", 14);
	if (at)
		*at ^= 1;
	tap_ok(at && !same_after(c, size, "rodata.so", m),
	       "measure: one read-only data byte changes it");

	memcpy(c, b, size);
	ph = phdr(c, (unsigned)w);
	at = memmem(c + ph->p_offset, ph->p_filesz, &marker, sizeof(marker));
	if (at)
		*at ^= 0xff;
	tap_ok(at && same_after(c, size, "data.so", m),
	       "measure: a .data byte (in segment %d) does not change it", w);
	free(c);
}

/* Measure c as file name: refused with -ENOEXEC and "'PATH': want". */
static void refused(const char *name, const uint8_t *c, size_t size, const char *want)
{
	char err[512], full[600], label[128];
	uint8_t m[32];
	int rc;

	save(in_tmp(name), c, size);
	rc = sg_enclave_measure_file(in_tmp(name), m, err, sizeof(err));
	snprintf(full, sizeof(full), "'%s': %s", in_tmp(name), want);
	tap_ok(rc == -ENOEXEC, "malformed %s: -ENOEXEC (got %d)", name, rc);
	snprintf(label, sizeof(label), "malformed %s: message", name);
	tap_is(err, full, label);
}

static void malformed_bytes(uint8_t *b)
{
	Elf64_Ehdr *eh = ehdr(b);
	uint8_t noise[4096];

	refused("empty", b, 0, "not an ELF file");
	RAND_bytes(noise, sizeof(noise));
	noise[0] = 'R';
	refused("random", noise, sizeof(noise), "not an ELF file");
	refused("magic-only", b, 4, "truncated ELF header");
	refused("short-header", b, sizeof(Elf64_Ehdr) - 1, "truncated ELF header");
	refused("short-phdrs", b, eh->e_phoff + eh->e_phnum * sizeof(Elf64_Phdr) - 1,
		"truncated program header table");
}

/* A copy of b with one edit, refused with want. */
#define EDIT(name, want, stmt)                                      \
	do {                                                        \
		uint8_t *c = dup_buf(b, size);                      \
		Elf64_Ehdr *e = ehdr(c);                            \
		Elf64_Phdr *p = phdr(c, (unsigned)x);               \
		(void)e;                                            \
		(void)p;                                            \
		stmt;                                               \
		refused(name, c, size, want);                       \
		free(c);                                            \
	} while (0)

static void malformed_headers(uint8_t *b, size_t size)
{
	int x = find_load(b, PF_X, PF_X);
	char at_x[128], big[128], wx[128];
	const char *not_so = "not an x86_64 shared object";

	snprintf(at_x, sizeof(at_x), "segment %d lies outside the file", x);
	snprintf(big, sizeof(big), "segment %d is larger in the file than in memory", x);
	snprintf(wx, sizeof(wx), "segment %d is writable and executable", x);
	EDIT("class32", not_so, c[EI_CLASS] = ELFCLASS32);
	EDIT("bigendian", not_so, c[EI_DATA] = ELFDATA2MSB);
	EDIT("aarch64", not_so, e->e_machine = EM_AARCH64);
	EDIT("exec", not_so, e->e_type = ET_EXEC);
	EDIT("no-phdrs", "no program headers", e->e_phnum = 0);
	EDIT("phentsize", "program header size 32, not 56", e->e_phentsize = 32);
	EDIT("phoff-wraps", "truncated program header table", e->e_phoff = UINT64_MAX - 8);
	EDIT("past-end", at_x, p->p_offset = size - p->p_filesz + 1);
	EDIT("offset-wraps", at_x, p->p_offset = UINT64_MAX - 7);
	EDIT("filesz-wraps", at_x, p->p_filesz = UINT64_MAX);
	EDIT("filesz-memsz", big, p->p_memsz = p->p_filesz - 1);
	EDIT("wx", wx, p->p_flags |= PF_W);
	EDIT("no-code", "no executable segment",
	     for (unsigned i = 0; i < e->e_phnum; i++) phdr(c, i)->p_flags &= ~PF_X);
}

static void unreadable(void)
{
	char err[512], want[600];
	uint8_t m[32];
	int rc;

	rc = sg_enclave_measure_file(in_tmp("missing.so"), m, err, sizeof(err));
	snprintf(want, sizeof(want), "'%s': No such file or directory", in_tmp("missing.so"));
	tap_ok(rc == -ENOENT, "missing file: -ENOENT (got %d)", rc);
	tap_is(err, want, "missing file: message");
	rc = sg_enclave_measure_file(tmpdir, m, err, sizeof(err));
	snprintf(want, sizeof(want), "'%s': Is a directory", tmpdir);
	tap_ok(rc == -EISDIR, "directory: -EISDIR (got %d)", rc);
	tap_is(err, want, "directory: message");
	rc = sg_enclave_measure_file("/dev/null", m, err, sizeof(err));
	tap_ok(rc == -EINVAL, "/dev/null: not a regular file (%s)", err);
	rc = sg_enclave_measure_file(tmpdir, m, err, 8);
	tap_ok(rc == -EISDIR && strlen(err) == 7, "a short err buffer is cut, not overrun");
}

static void measurement(void)
{
	const char *so = in_tmp("lib.so");
	uint8_t m[32], *b;
	size_t size;

	hex_known();
	if (!tap_ok(build_so(so) == 0, "cc -shared -fPIC builds a test object")) {
		printf("Bail out! no shared object to measure\n");
		exit(1);
	}
	b = load(so, &size);
	measure_good(b, so, m);
	measure_coverage(b, size, m);
	malformed_bytes(b);
	malformed_headers(b, size);
	unreadable();
	free(b);
}

/* ---- sealing ---- */

static void hkdf(const uint8_t root[32], const uint8_t meas[32], uint8_t out[32])
{
	EVP_PKEY_CTX *k = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
	size_t len = 32;

	if (EVP_PKEY_derive_init(k) != 1 || EVP_PKEY_CTX_set_hkdf_md(k, EVP_sha256()) != 1 ||
	    EVP_PKEY_CTX_set1_hkdf_salt(k, (const unsigned char *)"sysgate-seal-v1", 15) != 1 ||
	    EVP_PKEY_CTX_set1_hkdf_key(k, root, 32) != 1 ||
	    EVP_PKEY_CTX_add1_hkdf_info(k, meas, 32) != 1 || EVP_PKEY_derive(k, out, &len) != 1)
		memset(out, 0, 32);
	EVP_PKEY_CTX_free(k);
}

static uint8_t root1[32], root2[32], meas1[32], meas2[32], key1[32];

static void keys(void)
{
	uint8_t k[32], want[32];

	RAND_bytes(root1, 32);
	memcpy(root2, root1, 32);
	root2[31] ^= 1;
	RAND_bytes(meas1, 32);
	memcpy(meas2, meas1, 32);
	meas2[0] ^= 0x80;

	tap_ok(sg_seal_key(root1, meas1, key1) == 0, "key: derived");
	hkdf(root1, meas1, want);
	tap_ok(memcmp(key1, want, 32) == 0, "key: equals an independent HKDF-SHA256");
	tap_ok(sg_seal_key(root1, meas1, k) == 0 && memcmp(k, key1, 32) == 0, "key: stable");
	tap_ok(sg_seal_key(root2, meas1, k) == 0 && memcmp(k, key1, 32) != 0,
	       "key: another root gives another key");
	tap_ok(sg_seal_key(root1, meas2, k) == 0 && memcmp(k, key1, 32) != 0,
	       "key: another measurement gives another key");
}

static void round_trips(void)
{
	static const size_t sizes[] = { 0, 1, 4096 };
	uint8_t in[4096], blob[4096 + SG_SEAL_OVERHEAD], out[4096];

	RAND_bytes(in, sizeof(in));
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t n = sizes[i], blen = 0, olen = 99;
		int rs = sg_seal(key1, in, n, blob, sizeof(blob), &blen);
		int ru = sg_unseal(key1, blob, blen, out, sizeof(out), &olen);

		tap_ok(rs == 0 && blen == n + SG_SEAL_OVERHEAD, "seal %zu bytes: %zu out", n, blen);
		tap_ok(ru == 0 && olen == n && memcmp(in, out, n) == 0,
		       "unseal %zu bytes: the same bytes back (rc %d)", n, ru);
	}
	{
		size_t blen = 0, olen = 1;

		tap_ok(sg_seal(key1, NULL, 0, blob, SG_SEAL_OVERHEAD, &blen) == 0 &&
			       sg_unseal(key1, blob, blen, NULL, 0, &olen) == 0 && olen == 0,
		       "seal/unseal: nothing, with NULL buffers and an exact cap");
	}
}

static void nonces(void)
{
	uint8_t in[32] = "the same data, sealed twice", a[64], b[64];
	size_t la, lb;

	sg_seal(key1, in, sizeof(in), a, sizeof(a), &la);
	sg_seal(key1, in, sizeof(in), b, sizeof(b), &lb);
	tap_ok(la == lb && memcmp(a, b, 12) != 0, "seal: a fresh nonce each time");
	tap_ok(memcmp(a + 12, b + 12, la - 12) != 0, "seal: so the same data seals differently");
	tap_ok(memmem(a, la, in, 8) == NULL, "seal: the plaintext does not show");
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* The blob layout, checked by opening one with AES-256-GCM directly. */
static int gcm_open(const uint8_t *blob, size_t blen, uint8_t *out)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	uint8_t tag[16];
	int n, ok;

	memcpy(tag, blob + blen - 16, 16);
	ok = EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, key1, blob) == 1 &&
	     EVP_DecryptUpdate(c, NULL, &n, (const uint8_t *)"sysgate-seal-v1", 15) == 1 &&
	     EVP_DecryptUpdate(c, out, &n, blob + 12, (int)blen - 28) == 1 &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, 16, tag) == 1 &&
	     EVP_DecryptFinal_ex(c, out + n, &n) == 1;
	EVP_CIPHER_CTX_free(c);
	return ok;
}

static void layout(void)
{
	uint8_t in[40] = "nonce || ciphertext || tag, with AAD", blob[40 + 28], out[40];
	size_t blen;

	sg_seal(key1, in, sizeof(in), blob, sizeof(blob), &blen);
	tap_ok(gcm_open(blob, blen, out) && memcmp(out, in, sizeof(in)) == 0,
	       "blob: plain AES-256-GCM opens it (12-byte nonce, tag last, AAD sysgate-seal-v1)");
}

static void wrong_keys(void)
{
	uint8_t in[48], blob[48 + SG_SEAL_OVERHEAD], out[48], k[32];
	size_t blen, olen;
	int rc;

	RAND_bytes(in, sizeof(in));
	sg_seal(key1, in, sizeof(in), blob, sizeof(blob), &blen);
	sg_seal_key(root1, meas2, k);
	memset(out, 0x55, sizeof(out));
	rc = sg_unseal(k, blob, blen, out, sizeof(out), &olen);
	tap_ok(rc == -EBADMSG, "unseal: another measurement's key is refused (%d)", rc);
	tap_ok(all_zero(out, sizeof(out)), "unseal: no unauthenticated plaintext left in out");
	sg_seal_key(root2, meas1, k);
	rc = sg_unseal(k, blob, blen, out, sizeof(out), &olen);
	tap_ok(rc == -EBADMSG, "unseal: another root's key is refused (%d)", rc);
}

static void tampering(void)
{
	uint8_t in[16] = "sixteen bytes!!", blob[16 + SG_SEAL_OVERHEAD + 1], out[17];
	size_t blen, olen, bad = 0, cut = 0;

	sg_seal(key1, in, sizeof(in), blob, sizeof(blob), &blen);
	for (size_t bit = 0; bit < blen * 8; bit++) {
		blob[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		bad += sg_unseal(key1, blob, blen, out, sizeof(out), &olen) != -EBADMSG;
		blob[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	tap_ok(bad == 0, "unseal: each of %zu single-bit flips is -EBADMSG (%zu not)", blen * 8,
	       bad);
	for (size_t n = 0; n < blen; n++)
		cut += sg_unseal(key1, blob, n, out, sizeof(out), &olen) != -EBADMSG;
	tap_ok(cut == 0, "unseal: every truncation is -EBADMSG (%zu not)", cut);
	blob[blen] = 0;
	tap_ok(sg_unseal(key1, blob, blen + 1, out, sizeof(out), &olen) == -EBADMSG,
	       "unseal: an appended byte is -EBADMSG");
	tap_ok(sg_unseal(key1, blob, blen, out, sizeof(out), &olen) == 0 &&
		       memcmp(out, in, sizeof(in)) == 0, "unseal: the untouched blob still opens");
}

static void capacity(void)
{
	uint8_t in[100] = { 0 }, blob[100 + SG_SEAL_OVERHEAD], out[100];
	size_t blen = 7, olen = 7;

	tap_ok(sg_seal(key1, in, 100, blob, 100 + SG_SEAL_OVERHEAD - 1, &blen) == -ENOSPC &&
		       blen == 7, "seal: -ENOSPC one byte short, out_len untouched");
	tap_ok(sg_seal(key1, in, 0, blob, SG_SEAL_OVERHEAD - 1, &blen) == -ENOSPC,
	       "seal: -ENOSPC below the overhead");
	tap_ok(sg_seal(key1, in, SIZE_MAX - 3, blob, sizeof(blob), &blen) == -ENOSPC,
	       "seal: -ENOSPC for a length that would overflow");
	sg_seal(key1, in, 100, blob, sizeof(blob), &blen);
	tap_ok(sg_unseal(key1, blob, blen, out, 99, &olen) == -ENOSPC && olen == 7,
	       "unseal: -ENOSPC one byte short");
	tap_ok(sg_unseal(key1, blob, blen, out, 100, &olen) == 0 && olen == 100,
	       "unseal: an exact cap is enough");
}

int main(void)
{
	if (!mkdtemp(tmpdir))
		return 1;
	measurement();
	keys();
	round_trips();
	nonces();
	layout();
	wrong_keys();
	tampering();
	capacity();
	printf("1..%d\n", tap_n);
	tap_rmtree(tmpdir);
	return tap_done();
}
