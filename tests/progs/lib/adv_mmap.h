/* The work of adv_mmap_churn and its fixed twin: every job gets a 256 KiB
 * anonymous scratch buffer (sized for the worst case) and, like most jobs,
 * uses its first 8 KiB: writes a byte per 4 KiB page there and sums them. The
 * buffer is mapped per job (ADV_MMAP_REUSE 0) or once (1). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define BUF_SIZE (256 * 1024)
#define USED (8 * 1024)
#define PAGE 4096

static unsigned char *map_buffer(void)
{
	void *p = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	return p;
}

static unsigned long job(unsigned char *buf, long i)
{
	unsigned long sum = 0;

	for (size_t off = 0; off < USED; off += PAGE)
		buf[off] = (unsigned char)(i + off / PAGE);
	for (size_t off = 0; off < USED; off += PAGE)
		sum += buf[off];
	return sum;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000;
	unsigned long sum = 0;
	unsigned char *kept = ADV_MMAP_REUSE ? map_buffer() : NULL;

	for (long i = 0; i < n; i++) {
		unsigned char *buf = kept ? kept : map_buffer();
		sum += job(buf, i);
		if (!kept)
			munmap(buf, BUF_SIZE);
	}
	if (kept)
		munmap(kept, BUF_SIZE);
	printf("%lu\n", sum);
	return 0;
}
