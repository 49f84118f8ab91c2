/* Decoders for memory-management arguments: protections, mmap flags, advice. */
#include "decode_int.h"

#include <sys/mman.h>

void sg_kind_prot(struct sg_dctx *d)
{
	static const struct sg_flag prot[] = {
		SG_FLAG(PROT_READ),	 SG_FLAG(PROT_WRITE),	  SG_FLAG(PROT_EXEC),
		SG_FLAG(PROT_GROWSDOWN), SG_FLAG(PROT_GROWSUP), SG_FLAG_END,
	};
	sg_print_flags(d->out, prot, sg_arg(d, d->idx), "PROT_NONE");
}

void sg_kind_mmap_flags(struct sg_dctx *d)
{
	static const struct sg_flag type[] = {
		SG_FLAG(MAP_SHARED), SG_FLAG(MAP_PRIVATE), SG_FLAG(MAP_SHARED_VALIDATE),
		SG_FLAG_END,
	};
	static const struct sg_flag flags[] = {
		SG_FLAG(MAP_FIXED),	  SG_FLAG(MAP_ANONYMOUS), SG_FLAG(MAP_32BIT),
		SG_FLAG(MAP_GROWSDOWN),	  SG_FLAG(MAP_DENYWRITE), SG_FLAG(MAP_EXECUTABLE),
		SG_FLAG(MAP_LOCKED),	  SG_FLAG(MAP_NORESERVE), SG_FLAG(MAP_POPULATE),
		SG_FLAG(MAP_NONBLOCK),	  SG_FLAG(MAP_STACK),	  SG_FLAG(MAP_HUGETLB),
		SG_FLAG(MAP_SYNC),	  SG_FLAG(MAP_FIXED_NOREPLACE), SG_FLAG_END,
	};
	unsigned long long v = sg_arg(d, d->idx);
	unsigned long long rest = v & ~(unsigned long long)MAP_TYPE;

	sg_print_xlat(d->out, type, (long long)(v & MAP_TYPE));
	if (rest) {
		sg_str_addc(d->out, '|');
		sg_print_flags(d->out, flags, rest, NULL);
	}
}

void sg_kind_madvice(struct sg_dctx *d)
{
	static const struct sg_flag advice[] = {
		SG_FLAG(MADV_NORMAL),	  SG_FLAG(MADV_RANDOM),	  SG_FLAG(MADV_SEQUENTIAL),
		SG_FLAG(MADV_WILLNEED),	  SG_FLAG(MADV_DONTNEED), SG_FLAG(MADV_FREE),
		SG_FLAG(MADV_REMOVE),	  SG_FLAG(MADV_DONTFORK), SG_FLAG(MADV_DOFORK),
		SG_FLAG(MADV_MERGEABLE),  SG_FLAG(MADV_UNMERGEABLE), SG_FLAG(MADV_HUGEPAGE),
		SG_FLAG(MADV_NOHUGEPAGE), SG_FLAG(MADV_DONTDUMP), SG_FLAG(MADV_DODUMP),
		SG_FLAG(MADV_WIPEONFORK), SG_FLAG(MADV_KEEPONFORK), SG_FLAG(MADV_COLD),
		SG_FLAG(MADV_PAGEOUT),	  SG_FLAG(MADV_HWPOISON), SG_FLAG_END,
	};
	sg_print_xlat(d->out, advice, (int)sg_arg(d, d->idx));
}
