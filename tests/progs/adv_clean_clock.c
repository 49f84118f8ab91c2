/* advise's clean clock: a compute loop reading the clock through the vDSO
 * (libc's clock_gettime); no finding expected. */
#include <stdio.h>
#include <time.h>

int main(void)
{
	struct timespec ts;
	double sum = 0;

	for (int i = 0; i < 200000; i++) {
		clock_gettime(CLOCK_MONOTONIC, &ts);
		sum += (double)(ts.tv_nsec % 7) * 0.5;
	}
	printf("%.0f\n", sum > 0 ? 1.0 : 0.0);
	return 0;
}
