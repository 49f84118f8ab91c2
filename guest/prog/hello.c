/* The guest program: greets, asks its system for a pid and the time, and
 * exits. Given "kmem" it reads kernel memory, given "priv" it runs a privileged
 * instruction: in ring 3 each is a fault the guest kernel reports before it
 * kills the program. Given "bench N S" it times S samples of N getpid calls. */
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

static int starts(const char *s, const char *word)
{
	while (*word && *s == *word)
		s++, word++;
	return *word == 0 && (*s == 0 || *s == ' ');
}

/* The word after the first in s (or the empty end). */
static const char *next_word(const char *s)
{
	while (*s && *s != ' ')
		s++;
	return *s ? s + 1 : s;
}

static uint64_t number(const char *s)
{
	uint64_t n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + (uint64_t)(*s++ - '0');
	return n;
}

static void put_number(uint64_t v)
{
	char s[24];
	int i = 23;

	s[i] = 0;
	do
		s[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i > 0);
	say(s + i);
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
	if (starts(args, "kmem")) {
		say("reading kernel memory at 0x100000\n");
		say(*(volatile char *)0x100000 ? "read it: FAILURE\n" : "read zero: FAILURE\n");
	} else if (starts(args, "priv")) {
		say("running hlt\n");
		__asm__ volatile("hlt");
		say("hlt ran: FAILURE\n");
	}
}

int prog_main(const char *args)
{
	if (starts(args, "bench")) {
		const char *n = next_word(args), *samples = next_word(n);
		bench(number(n), number(samples) ? number(samples) : 1);
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
