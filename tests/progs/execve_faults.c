/* execve with argument arrays that run into unreadable memory: each call fails
 * with EFAULT, and a tracer must show where the readable part ends. */
#include <sys/mman.h>
#include <unistd.h>

int main(void)
{
	char *page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED || munmap(page + 4096, 4096) != 0)
		return 1;
	/* argv with no NULL before the unmapped page */
	char **argv = (char **)(page + 4096 - 2 * sizeof(char *));
	argv[0] = "true";
	argv[1] = "x";
	execve("/bin/true", argv, NULL);
	/* an element that points into the unmapped page */
	char *bad[] = { "true", page + 4096, NULL };
	execve("/bin/true", bad, NULL);
	/* an environment that is not readable at all */
	char *ok[] = { "true", NULL };
	execve("/bin/true", ok, (char **)(page + 4096));
	return 0;
}
