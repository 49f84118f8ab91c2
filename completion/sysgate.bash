# bash completion for sysgate: subcommands, each one's options (read from
# `sysgate help CMD`, so they are never listed twice), syscall names and classes
# after trace= (from `sysgate syscalls`, the one table), files for profiles and
# policies. Installed as share/bash-completion/completions/sysgate.

_sysgate_syscalls() { # the names and the %classes of the syscall table
	sysgate syscalls 2>/dev/null | awk -F'\t' '{ print $2; n = split($4, c, ","); for (i = 1; i <= n; i++) print c[i] }' | sort -u
}

_sysgate() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd=${COMP_WORDS[1]} before=""
	((COMP_CWORD >= 2)) && before=${COMP_WORDS[COMP_CWORD - 2]}
	COMPREPLY=()
	if ((COMP_CWORD == 1)); then
		local cmds
		cmds=$(sysgate --help 2>/dev/null | awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } /^$/ { on = 0 }')
		COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
		return
	fi
	# -e trace=SET, --trace=SET (bash splits at '='): names and classes, after
	# the last ',' or '!' of the set
	if [[ $prev == = && ($before == trace || $before == --trace) ]] || [[ $prev == trace= ]]; then
		local head=${cur%"${cur##*[,!]}"} word=${cur##*[,!]}
		COMPREPLY=($(compgen -P "$head" -W "$(_sysgate_syscalls)" -- "$word"))
		return
	fi
	case $prev in
	--profile | --policy | -o | --output | --record | --replay | --audit | --json | --svg | --compare | --disk)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--format | --runtime | --opens | --on-violation) # the choices the usage line spells as a|b|c
		local vals
		vals=$(sysgate help "$cmd" 2>/dev/null | grep -oE -- "$prev [a-z]+(\|[a-z]+)+" | head -n1 | cut -d' ' -f2 | tr '|' ' ')
		COMPREPLY=($(compgen -W "$vals" -- "$cur"))
		return
		;;
	-p | --attach)
		COMPREPLY=($(compgen -W "$(ps -eo pid= 2>/dev/null)" -- "$cur"))
		return
		;;
	esac
	if [[ $cur == -* ]]; then
		local opts
		opts=$(sysgate help "$cmd" 2>/dev/null | grep -oE -- '(^|[ ,/[])--?[a-zA-Z][-a-zA-Z0-9]*' | sed -E 's/^[ ,/[]//' | sort -u)
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _sysgate sysgate
