/* Internal to src/cli: the subcommand table. */
#ifndef SG_CLI_COMMANDS_H
#define SG_CLI_COMMANDS_H

struct sg_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *doc; /* docs/ page for `sysgate help CMD` */
};

extern const struct sg_command sg_commands[];
const struct sg_command *sg_command_find(const char *name);
int sg_cmd_demo(int argc, char **argv);
int sg_cmd_syscalls(int argc, char **argv);

#endif
