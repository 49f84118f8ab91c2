/* advise's repeated-stat: one path stat'ed 200 times, nothing changing it. */
#include <stdio.h>
#include <sys/stat.h>

int main(void)
{
	struct stat st;
	long total = 0;

	for (int i = 0; i < 200; i++)
		if (stat("/etc/passwd", &st) == 0)
			total += (long)st.st_size;
	printf("%ld\n", total);
	return 0;
}
