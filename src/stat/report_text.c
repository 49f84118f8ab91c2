/* The human-readable report: an aligned table per section. */
#include "stat_int.h"

#include <stdio.h>
#include <string.h>

#include "core/names.h"

#define LABEL_W 30

static void print_subject(FILE *f, const struct stat_result *r)
{
	char buf[32];

	if (r->scope_label && !r->argv) {
		fprintf(f, "sysgate stat: %s, counted until interrupted\n", r->scope_label);
		return;
	}
	if (r->scope_label)
		fprintf(f, "sysgate stat: %s, while this ran:\n", r->scope_label);
	if (r->argv) {
		fputs("sysgate stat: '", f);
		for (char **a = r->argv; *a; a++)
			fprintf(f, "%s%s", a == r->argv ? "" : " ", *a);
		if (r->term_signal)
			fprintf(f, "' was killed by %s\n",
				sg_signal_name(r->term_signal, buf, sizeof(buf)));
		else
			fprintf(f, "' exited with status %d\n", r->exit_status);
		return;
	}
	fputs("sysgate stat: pid", f);
	for (int i = 0; i < r->npids; i++)
		fprintf(f, "%s %d", i ? "," : "", (int)r->pids[i]);
	fprintf(f, ", counted until %s\n", r->interrupted ? "interrupted" : "it exited");
}

static void print_times(FILE *f, const struct stat_result *r)
{
	fprintf(f, "  wall %.3f s", r->wall_s);
	if (r->have_cpu_split)
		fprintf(f, ", user %.3f s, system %.3f s", r->user_s, r->system_s);
	if (r->have[SC_TASK_CLOCK])
		fprintf(f, ", on cpu %.3f s", (double)r->count[SC_TASK_CLOCK] / 1e9);
	fputs("\n\n", f);
}

/* An empty share column is left out, so lines carry no trailing blanks. */
static void print_header(FILE *f, const char *title, const char *share)
{
	fprintf(f, "  %-*s %12s %14s", LABEL_W, title, "count", "per second");
	fprintf(f, *share ? " %9s\n" : "\n", share);
}

static void print_count_line(FILE *f, const char *label, uint64_t count, double wall,
			     const char *share_text)
{
	fprintf(f, "  %-*s %12llu %14.1f", LABEL_W, label, (unsigned long long)count,
		stat_rate(count, wall));
	fprintf(f, *share_text ? " %9s\n" : "\n", share_text);
}

static void print_row(FILE *f, const struct stat_row *row, double wall, uint64_t entries)
{
	char share[16] = "";

	if (!row->have) {
		fprintf(f, "  %-*s %12s\n", LABEL_W, row->label, "n/a");
		return;
	}
	if (row->kind != ROW_OTHER)
		snprintf(share, sizeof(share), "%.2f%%", 100 * stat_share(row->count, entries));
	print_count_line(f, row->label, row->count, wall, share);
}

static void print_rows(FILE *f, const struct stat_result *r, const struct stat_report *rep)
{
	print_header(f, "kernel entries", "share");
	for (int i = 0; i < rep->nrows; i++) {
		const struct stat_row *row = &rep->rows[i];
		if (row->kind == ROW_OTHER && (i == 0 || rep->rows[i - 1].kind != ROW_OTHER)) {
			fputc('\n', f);
			print_header(f, "other events", "");
		}
		print_row(f, row, r->wall_s, rep->entries);
	}
}

static void print_top(FILE *f, const struct stat_result *r, const struct stat_report *rep)
{
	char share[16];

	fputc('\n', f);
	print_header(f, "top syscalls", "%syscalls");
	for (int i = 0; i < rep->ntop; i++) {
		snprintf(share, sizeof(share), "%.2f%%",
			 100 * stat_share(rep->top[i].count, rep->syscalls));
		print_count_line(f, rep->top[i].name, rep->top[i].count, r->wall_s, share);
	}
	if (rep->syscalls_unnamed) {
		snprintf(share, sizeof(share), "%.2f%%",
			 100 * stat_share(rep->syscalls_unnamed, rep->syscalls));
		print_count_line(f, "(unnamed)", rep->syscalls_unnamed, r->wall_s, share);
	}
	if (!r->have_syscall_names)
		fputs("  (no syscall numbers in raw_syscalls:sys_enter: names unknown)\n", f);
	else if (r->syscall_lost)
		fprintf(f, "  (%llu samples lost: sysgate could not keep up; they are unnamed)\n",
			(unsigned long long)r->syscall_lost);
	if (r->have_syscall_names && r->names_by && r->bpf_refused)
		fprintf(f, "  (named from a sample of every sys_enter: the kernel refused the BPF "
			   "counter, %s)\n",
			strerror(r->bpf_refused));
	else if (r->have_syscall_names && r->names_by)
		fprintf(f, "  (named %s)\n",
			strcmp(r->names_by, "bpf") == 0 ? "by a BPF counter in the kernel"
							: "from a sample of every sys_enter");
}

static void print_notes(FILE *f, const struct stat_result *r)
{
	if (r->csw_split_approx && r->have_csw_split)
		fputs("\n  note: voluntary/involuntary are sampled from /proc for the threads "
		      "of the process (approximate); the context switch total is exact.\n",
		      f);
}

int stat_write_text(FILE *f, const struct stat_result *r, const struct stat_report *rep)
{
	print_subject(f, r);
	print_times(f, r);
	print_rows(f, r, rep);
	print_top(f, r, rep);
	print_notes(f, r);
	return ferror(f) ? -1 : 0;
}
