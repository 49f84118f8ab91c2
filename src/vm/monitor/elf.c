/* Loading the guest: a static ELF64 x86-64 executable, its PT_LOAD segments
 * copied to their physical addresses. Everything in the file is distrusted:
 * sizes, offsets and addresses are checked against the file and guest memory
 * with overflow-safe arithmetic before anything is copied. */
#include <elf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/util.h"
#include "vm_int.h"

#define MAX_PHDRS 64

static int check_header(struct vm *vm, const char *path, const Elf64_Ehdr *eh, size_t len)
{
	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return vm_fail(vm, -ENOEXEC, "'%s' is not an ELF file", path);
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64)
		return vm_fail(vm, -ENOEXEC, "'%s' is not a 64-bit x86 ELF file", path);
	if (eh->e_type != ET_EXEC)
		return vm_fail(vm, -ENOEXEC, "'%s' is not a static executable (link it with "
				   "-static and a fixed address)", path);
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 || eh->e_phnum > MAX_PHDRS ||
	    eh->e_phoff > len || (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr) > len - eh->e_phoff)
		return vm_fail(vm, -ENOEXEC, "'%s': its program headers lie outside the file", path);
	return 0;
}

/* One PT_LOAD segment: inside the file, inside memory above the monitor's low
 * area, and not over another segment already loaded. */
static int check_segment(struct vm *vm, const char *path, const Elf64_Phdr *ph, size_t len,
			 const Elf64_Phdr *done, int ndone)
{
	if (ph->p_filesz > ph->p_memsz || ph->p_offset > len || ph->p_filesz > len - ph->p_offset)
		return vm_fail(vm, -ENOEXEC, "'%s': a segment's bytes lie outside the file", path);
	if (ph->p_paddr < VM_LOW_END || !vm_gpa(vm, ph->p_paddr, ph->p_memsz))
		return vm_fail(vm, -ENOEXEC, "'%s': a segment at 0x%llx (%llu bytes) lies outside "
				   "guest memory 0x%llx-0x%llx (--mem sets its size)", path,
				   (unsigned long long)ph->p_paddr, (unsigned long long)ph->p_memsz,
				   VM_LOW_END, (unsigned long long)vm->mem_size);
	for (int i = 0; i < ndone; i++)
		if (ph->p_paddr < done[i].p_paddr + done[i].p_memsz &&
		    done[i].p_paddr < ph->p_paddr + ph->p_memsz)
			return vm_fail(vm, -ENOEXEC, "'%s': two segments overlap at 0x%llx", path,
				       (unsigned long long)ph->p_paddr);
	return 0;
}

/* The entry must be inside an executable segment. */
static bool entry_ok(uint64_t entry, const Elf64_Phdr *done, int ndone)
{
	for (int i = 0; i < ndone; i++)
		if ((done[i].p_flags & PF_X) && entry >= done[i].p_paddr &&
		    entry - done[i].p_paddr < done[i].p_memsz)
			return true;
	return false;
}

static int load(struct vm *vm, const char *path, const char *file, size_t len, uint64_t *entry,
		uint64_t *end)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)file;
	Elf64_Phdr done[MAX_PHDRS];
	int rc = check_header(vm, path, eh, len), ndone = 0;

	*end = VM_LOW_END;
	for (int i = 0; rc == 0 && i < eh->e_phnum; i++) {
		Elf64_Phdr ph;
		memcpy(&ph, file + eh->e_phoff + (size_t)i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || ph.p_memsz == 0)
			continue;
		rc = check_segment(vm, path, &ph, len, done, ndone);
		if (rc)
			break;
		uint8_t *dst = vm_gpa(vm, ph.p_paddr, ph.p_memsz);
		memcpy(dst, file + ph.p_offset, ph.p_filesz);
		memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
		done[ndone++] = ph;
		if (ph.p_paddr + ph.p_memsz > *end)
			*end = ph.p_paddr + ph.p_memsz;
	}
	if (rc == 0 && ndone == 0)
		rc = vm_fail(vm, -ENOEXEC, "'%s' has nothing to load", path);
	if (rc == 0 && !entry_ok(eh->e_entry, done, ndone))
		rc = vm_fail(vm, -ENOEXEC, "'%s': its entry 0x%llx is not in an executable segment",
			     path, (unsigned long long)eh->e_entry);
	if (rc == 0)
		*entry = eh->e_entry;
	return rc;
}

int vm_load_elf(struct vm *vm, const char *path, uint64_t *entry, uint64_t *end)
{
	struct stat st;
	char *file;
	size_t len;

	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size > vm->mem_size)
		return vm_fail(vm, -EFBIG, "the guest '%s' (%lld bytes) is larger than guest "
				   "memory; give more with --mem", path, (long long)st.st_size);
	int rc = sg_read_file(path, &file, &len);

	if (rc < 0)
		return vm_fail(vm, rc, "cannot read the guest '%s': %s", path, strerror(-rc));
	rc = load(vm, path, file, len, entry, end);
	free(file);
	return rc;
}
