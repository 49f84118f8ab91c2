/* The guest program: greets, asks its system for a pid and the time, and
 * exits. Given "kmem" it reads kernel memory, given "priv" it runs a privileged
 * instruction: in ring 3 each is a fault the guest kernel reports before it
 * kills the program. Given "bench N S" it times S samples of N getpid calls. */
#include "lib/words.h"
#include "prog/prog.h"

static size_t len_of(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void say(const char *s)
{
	prog_write(1, s, len_of(s));
}

static void put_number(uint64_t v)
{
	char buf[24];

	say(word_decimal(buf, v));
}

static uint64_t now_ns(void)
{
	struct prog_time t;

	prog_clock_gettime(1, &t); /* CLOCK_MONOTONIC */
	return (uint64_t)t.sec * 1000000000ull + (uint64_t)t.nsec;
}

/* S samples of N getpid calls, in picoseconds each (ns alone are too coarse). */
static void bench(uint64_t n, uint64_t samples)
{
	for (uint64_t s = 0; s < samples; s++) {
		uint64_t t0 = now_ns();
		for (uint64_t i = 0; i < n; i++)
			prog_getpid();
		uint64_t t1 = now_ns();
		say("bench getpid ");
		put_number(n ? (t1 - t0) * 1000 / n : 0);
		say(" ps\n");
	}
}

static void misbehave(const char *args)
{
	if (word_starts(args, "kmem")) {
		say("reading kernel memory at 0x100000\n");
		say(*(volatile char *)0x100000 ? "read it: FAILURE\n" : "read zero: FAILURE\n");
	} else if (word_starts(args, "priv")) {
		say("running hlt\n");
		__asm__ volatile("hlt");
		say("hlt ran: FAILURE\n");
	}
}

int prog_main(const char *args)
{
	if (word_starts(args, "bench")) {
		const char *n = word_next(args), *samples = word_next(n);
		bench(word_number(n), word_number(samples) ? word_number(samples) : 1);
		return 0;
	}
	misbehave(args);
	say("hello from the program\n");
	say("pid ");
	put_number((uint64_t)prog_getpid());
	say("\n");
	char uts[PROG_UTS_LEN];
	if (prog_uname(uts) == 0) {
		say("the host says it is ");
		say(uts);
		say("\n");
	}
	uint64_t a = now_ns(), b = now_ns();
	say(b >= a && a > 0 ? "the clock moves forward\n" : "the clock is wrong: FAILURE\n");
	say("SUCCESS\n");
	return 0;
}
