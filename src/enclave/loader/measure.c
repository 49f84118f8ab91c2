/* The enclave measurement (the MRENCLAVE analog): SHA-256 over what the loader maps
 * read-only from a 64-bit x86_64 ELF shared object, after checking that the file is
 * well formed enough for the loader and for us to read every segment we hash. */
#include "enclave_int.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#define MEASURE_MAX_FILE (256u << 20)

/* The file in memory, and where its errors go. */
struct elf_file {
	const char *path;
	char *err;
	size_t errlen;
	uint8_t *buf;
	size_t size;
	Elf64_Ehdr eh;
};

/* Write "'PATH': MSG" to the caller's buffer and return rc. */
static int __attribute__((format(printf, 3, 4)))
fail(const struct elf_file *f, int rc, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!f->err || f->errlen == 0)
		return rc;
	n = snprintf(f->err, f->errlen, "'%s': ", f->path);
	if (n >= 0 && (size_t)n < f->errlen) {
		va_start(ap, fmt);
		vsnprintf(f->err + n, f->errlen - n, fmt, ap);
		va_end(ap);
	}
	return rc;
}

static int fail_errno(const struct elf_file *f, int e)
{
	return fail(f, -e, "%s", strerror(e));
}

static int read_fd(struct elf_file *f, int fd, size_t want)
{
	size_t got = 0;

	/* One spare byte so that malloc(0) is never asked for an empty file. */
	f->buf = malloc(want + 1);
	if (!f->buf)
		return fail_errno(f, ENOMEM);
	while (got < want) {
		ssize_t n = read(fd, f->buf + got, want - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return fail_errno(f, errno);
		if (n == 0)
			break; /* shrank since fstat: measure what is there */
		got += (size_t)n;
	}
	f->size = got;
	return 0;
}

static int read_file(struct elf_file *f)
{
	struct stat st;
	int fd, rc;

	fd = open(f->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail_errno(f, errno);
	if (fstat(fd, &st) != 0) {
		rc = fail_errno(f, errno);
	} else if (S_ISDIR(st.st_mode)) {
		rc = fail_errno(f, EISDIR);
	} else if (!S_ISREG(st.st_mode)) {
		rc = fail(f, -EINVAL, "not a regular file");
	} else if ((uint64_t)st.st_size > MEASURE_MAX_FILE) {
		rc = fail(f, -EFBIG, "larger than 256 MiB");
	} else {
		rc = read_fd(f, fd, (size_t)st.st_size);
	}
	close(fd);
	return rc;
}

static int check_header(struct elf_file *f)
{
	const uint8_t *id = f->buf;

	if (f->size < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
		return fail(f, -ENOEXEC, "not an ELF file");
	if (f->size < sizeof(f->eh))
		return fail(f, -ENOEXEC, "truncated ELF header");
	/* The buffer need not be aligned for Elf64_*: copy, never cast. */
	memcpy(&f->eh, f->buf, sizeof(f->eh));
	if (id[EI_CLASS] != ELFCLASS64 || id[EI_DATA] != ELFDATA2LSB ||
	    f->eh.e_machine != EM_X86_64 || f->eh.e_type != ET_DYN)
		return fail(f, -ENOEXEC, "not an x86_64 shared object");
	if (f->eh.e_phnum == 0)
		return fail(f, -ENOEXEC, "no program headers");
	/* PN_XNUM moves the count into section 0; no shared object needs that many. */
	if (f->eh.e_phnum == PN_XNUM)
		return fail(f, -ENOEXEC, "too many program headers");
	if (f->eh.e_phentsize != sizeof(Elf64_Phdr))
		return fail(f, -ENOEXEC, "program header size %u, not %zu", f->eh.e_phentsize,
			    sizeof(Elf64_Phdr));
	/* phnum * phentsize is at most 0xfffe * 0xffff: no overflow in 64 bits. */
	if (f->eh.e_phoff > f->size ||
	    f->size - f->eh.e_phoff < (uint64_t)f->eh.e_phnum * sizeof(Elf64_Phdr))
		return fail(f, -ENOEXEC, "truncated program header table");
	return 0;
}

static void get_phdr(const struct elf_file *f, unsigned i, Elf64_Phdr *ph)
{
	memcpy(ph, f->buf + f->eh.e_phoff + (size_t)i * sizeof(*ph), sizeof(*ph));
}

/* Segments are named by their index in the program header table (as readelf's
 * segment-to-section mapping numbers them). */
static int check_segments(const struct elf_file *f)
{
	unsigned i, nexec = 0;
	Elf64_Phdr ph;

	for (i = 0; i < f->eh.e_phnum; i++) {
		get_phdr(f, i, &ph);
		if (ph.p_type != PT_LOAD)
			continue;
		if (ph.p_offset > f->size || f->size - ph.p_offset < ph.p_filesz)
			return fail(f, -ENOEXEC, "segment %u lies outside the file", i);
		if (ph.p_filesz > ph.p_memsz)
			return fail(f, -ENOEXEC, "segment %u is larger in the file than in memory",
				    i);
		/* Writable segments are not measured, so writable code would be
		 * unmeasured code: refuse it rather than vouch for it. */
		if ((ph.p_flags & PF_X) && (ph.p_flags & PF_W))
			return fail(f, -ENOEXEC, "segment %u is writable and executable", i);
		nexec += !!(ph.p_flags & PF_X);
	}
	if (nexec == 0)
		return fail(f, -ENOEXEC, "no executable segment");
	return 0;
}

static void put_le64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static int hash_segment(EVP_MD_CTX *md, const struct elf_file *f, const Elf64_Phdr *ph)
{
	uint8_t head[16];

	put_le64(head, ph->p_vaddr);
	put_le64(head + 8, ph->p_filesz);
	if (EVP_DigestUpdate(md, head, sizeof(head)) != 1)
		return -1;
	if (ph->p_filesz && EVP_DigestUpdate(md, f->buf + ph->p_offset, ph->p_filesz) != 1)
		return -1;
	return 0;
}

static int hash_segments(const struct elf_file *f, uint8_t out[SG_MEASUREMENT_LEN])
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned i, len = 0;
	Elf64_Phdr ph;
	int ok;

	if (!md)
		return fail_errno(f, ENOMEM);
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1;
	for (i = 0; ok && i < f->eh.e_phnum; i++) {
		get_phdr(f, i, &ph);
		if (ph.p_type == PT_LOAD && !(ph.p_flags & PF_W))
			ok = hash_segment(md, f, &ph) == 0;
	}
	ok = ok && EVP_DigestFinal_ex(md, out, &len) == 1 && len == SG_MEASUREMENT_LEN;
	EVP_MD_CTX_free(md);
	return ok ? 0 : fail(f, -EIO, "SHA-256 failed");
}

int sg_enclave_measure_file(const char *path, uint8_t out[SG_MEASUREMENT_LEN], char *err,
			    size_t errlen)
{
	struct elf_file f = { .path = path, .err = err, .errlen = errlen };
	int rc;

	if (err && errlen)
		err[0] = '\0';
	rc = read_file(&f);
	if (rc == 0)
		rc = check_header(&f);
	if (rc == 0)
		rc = check_segments(&f);
	if (rc == 0)
		rc = hash_segments(&f, out);
	free(f.buf);
	return rc;
}

void sg_measurement_hex(const uint8_t m[SG_MEASUREMENT_LEN], char out[65])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < SG_MEASUREMENT_LEN; i++) {
		out[2 * i] = digits[m[i] >> 4];
		out[2 * i + 1] = digits[m[i] & 0xf];
	}
	out[2 * SG_MEASUREMENT_LEN] = '\0';
}
