/* The work of adv_fault_heavy and its fixed twin: rounds over a fresh
 * 16 MiB buffer, writing a byte per 4 KiB page and summing them; the buffer
 * is faulted in page by page (ADV_FAULT_POPULATE 0) or mapped prefaulted
 * (MAP_POPULATE, 1). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define BUF_SIZE (16ul << 20)
#define PAGE 4096

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 3;
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | (ADV_FAULT_POPULATE ? MAP_POPULATE : 0);
	unsigned long sum = 0;

	for (long r = 0; r < rounds; r++) {
		unsigned char *buf = mmap(NULL, BUF_SIZE, PROT_READ | PROT_WRITE, flags, -1, 0);
		if (buf == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		if (!ADV_FAULT_POPULATE)
			madvise(buf, BUF_SIZE, MADV_NOHUGEPAGE);
		for (size_t off = 0; off < BUF_SIZE; off += PAGE)
			buf[off] = (unsigned char)(r + off / PAGE);
		for (size_t off = 0; off < BUF_SIZE; off += PAGE)
			sum += buf[off];
		munmap(buf, BUF_SIZE);
	}
	printf("%lu\n", sum);
	return 0;
}
