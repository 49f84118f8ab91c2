#!/usr/bin/env python3
"""Generate src/core/netlink_names.c: the names the netlink decoder prints (message
types per netlink protocol, message flags, attribute types, and the constants of
the family headers: interface flags, hardware types, scopes, address flags...).

Names come from the kernel's UAPI headers: enumerations are read in their order
from the enum that holds a given first name, #define'd constants by a pattern;
their values are computed by the C compiler. When one number has several names,
the first one wins. Run:  python3 scripts/gen-netlink.py  and commit the result.
"""
import os
import re
import sys

from uapi_values import INC, define_names, enum_names, table

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "src/core/netlink_names.c")


def netlink_protocols():
    """The protocols of linux/netlink.h: its NETLINK_ names before MAX_LINKS (the
    ones after it are socket options)."""
    names = []
    for line in open(os.path.join(INC, "linux/netlink.h")):
        if re.match(r"\s*#\s*define\s+MAX_LINKS\b", line):
            return names
        m = re.match(r"\s*#\s*define\s+(NETLINK_\w+)\s+\d", line)
        if m:
            names.append(m.group(1))
    raise SystemExit("gen-netlink: no MAX_LINKS in linux/netlink.h")


NLM = ["linux/netlink.h"]
RT = ["linux/rtnetlink.h"]

NF_HDRS = ["sys/types.h", "stdint.h", "linux/types.h", "linux/netfilter/nfnetlink.h",
           "linux/netfilter/nfnetlink_conntrack.h", "linux/netfilter/nfnetlink_queue.h",
           "linux/netfilter/nfnetlink_log.h", "linux/netfilter/nfnetlink_osf.h",
           "linux/netfilter/ipset/ip_set.h", "linux/netfilter/nfnetlink_acct.h",
           "linux/netfilter/nfnetlink_cttimeout.h", "linux/netfilter/nfnetlink_cthelper.h",
           "linux/netfilter/nf_tables.h", "linux/netfilter/nf_tables_compat.h"]

# (C name, rows). Flag tables keep the order their names print in.
TABLES = [
    ("sg_netlink_protocols", lambda: table(NLM, netlink_protocols())),
    ("sg_nl_types", lambda: table(NLM, ["NLMSG_NOOP", "NLMSG_ERROR", "NLMSG_DONE",
                                        "NLMSG_OVERRUN"])),
    ("sg_nl_flags", lambda: table(NLM, ["NLM_F_REQUEST", "NLM_F_MULTI", "NLM_F_ACK",
                                        "NLM_F_ECHO", "NLM_F_DUMP_INTR",
                                        "NLM_F_DUMP_FILTERED"], False)),
    ("sg_nl_get_flags", lambda: table(NLM, ["NLM_F_DUMP", "NLM_F_ROOT", "NLM_F_MATCH",
                                            "NLM_F_ATOMIC"], False)),
    ("sg_nl_new_flags", lambda: table(NLM, ["NLM_F_REPLACE", "NLM_F_EXCL", "NLM_F_CREATE",
                                            "NLM_F_APPEND"], False)),
    ("sg_nl_delete_flags", lambda: table(NLM, ["NLM_F_NONREC", "NLM_F_BULK"], False)),
    ("sg_nl_ack_flags", lambda: table(NLM, ["NLM_F_CAPPED", "NLM_F_ACK_TLVS"], False)),
    ("sg_nlmsgerr_attrs", lambda: table(NLM, enum_names("linux/netlink.h",
                                                         "NLMSGERR_ATTR_UNUSED"))),
    ("sg_nl_route_types", lambda: table(RT, [n for n in enum_names("linux/rtnetlink.h",
                                                                   "RTM_NEWLINK")
                                             if n != "RTM_BASE"])),
    ("sg_nl_sock_diag_types", lambda: table(["linux/sock_diag.h"],
                                            ["SOCK_DIAG_BY_FAMILY", "SOCK_DESTROY"])),
    ("sg_nl_netfilter_subsys", lambda: table(NLM + ["linux/netfilter/nfnetlink.h"], define_names(
        "linux/netfilter/nfnetlink.h", r"NFNL_SUBSYS_\w+", r"NFNL_SUBSYS_COUNT"))),
    ("sg_nl_netfilter_types", lambda: table(NLM + ["linux/netfilter/nfnetlink.h"],
                                            ["NFNL_MSG_BATCH_BEGIN", "NFNL_MSG_BATCH_END"])),
    ("sg_nl_audit_types", lambda: [r for r in table(["linux/audit.h"], define_names(
        "linux/audit.h", r"AUDIT_\w+",
        r"AUDIT_(FIRST|LAST)_\w+|AUDIT_(ARCH|FILTER|BITMASK|STATUS|FEATURE|PERM|CONFIG|"
        r"COMPARE|ARG|FAIL|VERSION|NLGRP|TIMING|UID|GID|LOGINUID|FILTERKEY|FIELD|"
        r"OBJ|SUBJ|MSGTYPE|SADDR|DIR|INODE|DEVMAJOR|DEVMINOR|WATCH|PERS|EXIT|"
        r"SUCCESS|SESSIONID|EXE|FILETYPE|OPERATORS|ENABLE|RATE|BACKLOG|LOST|PID|"
        r"PPID|EUID|SUID|FSUID|EGID|SGID|FSGID|EQUAL|NOT_EQUAL|BIT|LESS|GREATER|"
        r"NEGATE|POSSIBLE|ALWAYS|NEVER|UNUSED|MAX|STATUS_\w+|FEATURE_\w+|"
        r"LOGINUID_\w+|SESSIONID_\w+|FILTER_\w+)\w*"))
        if 1000 <= r[0] < 3000]),
    ("sg_nl_selinux_types", lambda: table(NLM + ["linux/selinux_netlink.h"],
                                          ["SELNL_MSG_SETENFORCE", "SELNL_MSG_POLICYLOAD"])),
    ("sg_nl_xfrm_types", lambda: table(NLM + ["linux/xfrm.h"], [n for n in enum_names(
        "linux/xfrm.h", "XFRM_MSG_NEWSA") if n != "XFRM_MSG_BASE"])),
    ("sg_nl_crypto_types", lambda: table(NLM + ["linux/cryptouser.h"], [n for n in enum_names(
        "linux/cryptouser.h", "CRYPTO_MSG_NEWALG") if n != "CRYPTO_MSG_BASE"])),
    ("sg_ifla_names", lambda: table(["linux/if_link.h"],
                                    enum_names("linux/if_link.h", "IFLA_IFNAME"))),
    ("sg_ifa_names", lambda: table(["linux/if_addr.h"],
                                   enum_names("linux/if_addr.h", "IFA_ADDRESS"))),
    ("sg_rta_names", lambda: table(RT, enum_names("linux/rtnetlink.h", "RTA_DST"))),
    ("sg_iff_flags", lambda: table(["linux/if.h"],
                                   enum_names("linux/if.h", "IFF_UP"), False)),
    ("sg_arphrd_names", lambda: table(["linux/if_arp.h"], define_names(
        "linux/if_arp.h", r"ARPHRD_\w+"))),
    ("sg_rt_scopes", lambda: table(RT, enum_names("linux/rtnetlink.h", "RT_SCOPE_UNIVERSE"))),
    ("sg_rtn_types", lambda: table(RT, enum_names("linux/rtnetlink.h", "RTN_UNICAST"))),
    ("sg_rt_tables", lambda: table(RT, enum_names("linux/rtnetlink.h", "RT_TABLE_MAIN"))),
    ("sg_rtprot_names", lambda: table(RT, define_names("linux/rtnetlink.h", r"RTPROT_\w+"))),
    ("sg_rtm_f_flags", lambda: table(RT, define_names("linux/rtnetlink.h", r"RTM_F_\w+"),
                                     False)),
    ("sg_rtnh_flags", lambda: table(RT, define_names("linux/rtnetlink.h", r"RTNH_F_\w+",
                                                     r"RTNH_F_COMPARE_MASK"), False)),
    ("sg_ifa_flags", lambda: table(["linux/if_addr.h"], define_names(
        "linux/if_addr.h", r"IFA_F_\w+", r"IFA_F_SECONDARY"), False)),
    ("sg_af_names", lambda: table(["sys/socket.h"], define_names(
        "x86_64-linux-gnu/bits/socket.h", r"AF_\w+", r"AF_(LOCAL|FILE|ROUTE|MAX)"))),
    ("sg_ipproto_names", lambda: table(["linux/in.h"], define_names(
        "linux/in.h", r"IPPROTO_\w+", r"IPPROTO_MAX"))),
    ("sg_udiag_show_flags", lambda: table(["linux/types.h", "linux/unix_diag.h"], define_names(
        "linux/unix_diag.h", r"UDIAG_SHOW_\w+"), False)),
    ("sg_inet_diag_exts", lambda: table(["linux/inet_diag.h"], enum_names(
        "linux/inet_diag.h", "INET_DIAG_MEMINFO"))),
    ("sg_rtext_filter_flags", lambda: table(RT, define_names(
        "linux/rtnetlink.h", r"RTEXT_FILTER_\w+"), False)),
    ("sg_ifla_inet6_names", lambda: table(["linux/if_link.h"],
                                          enum_names("linux/if_link.h", "IFLA_INET6_FLAGS"))),
    ("sg_in6_addr_gen_modes", lambda: table(["linux/if_link.h"], enum_names(
        "linux/if_link.h", "IN6_ADDR_GEN_MODE_EUI64"))),
    # strace 6.1 stops at DEVCONF_ACCEPT_UNTRACKED_NA
    ("sg_devconf_names", lambda: table(["linux/ipv6.h"], [
        n for n in enum_names("linux/ipv6.h", "DEVCONF_FORWARDING")
        if n not in ("DEVCONF_ACCEPT_RA_MIN_LFT",)])),
    ("sg_ipstats_mib_names", lambda: table(["linux/snmp.h"],
                                           enum_names("linux/snmp.h", "IPSTATS_MIB_NUM"))),
    # strace 6.1 stops at ICMP6_MIB_CSUMERRORS: the counters after it print as numbers
    ("sg_icmp6_mib_names", lambda: table(["linux/snmp.h"], [
        n for n in enum_names("linux/snmp.h", "ICMP6_MIB_NUM") if n != "ICMP6_MIB_RATELIMITHOST"])),
    ("sg_nda_names", lambda: table(["linux/neighbour.h"],
                                   enum_names("linux/neighbour.h", "NDA_DST"))),
    ("sg_nud_flags", lambda: table(["linux/neighbour.h"], define_names(
        "linux/neighbour.h", r"NUD_\w+", r"NUD_NONE"), False)),
    # ndm_flags (NTF_EXT_MANAGED and NTF_EXT_LOCKED are bits of NDA_FLAGS_EXT)
    ("sg_ntf_flags", lambda: table(["linux/neighbour.h"], define_names(
        "linux/neighbour.h", r"NTF_\w+", r"NTF_EXT_(MANAGED|LOCKED)"), False)),
    ("sg_fra_names", lambda: table(["linux/fib_rules.h"],
                                   enum_names("linux/fib_rules.h", "FRA_DST"))),
    ("sg_fr_act_names", lambda: table(["linux/fib_rules.h"],
                                      enum_names("linux/fib_rules.h", "FR_ACT_UNSPEC"))),
    ("sg_fib_rule_flags", lambda: table(["linux/fib_rules.h"], define_names(
        "linux/fib_rules.h", r"FIB_RULE_\w+", r"FIB_RULE_DEV_DETACHED"), False)),
    ("sg_ipv4_devconf_names", lambda: table(["linux/ip.h"], enum_names(
        "linux/ip.h", "IPV4_DEVCONF_FORWARDING"))),
    ("sg_ifla_inet_names", lambda: table(["linux/if_link.h"],
                                         enum_names("linux/if_link.h", "IFLA_INET_CONF"))),
    ("sg_ifla_info_names", lambda: table(["linux/if_link.h"],
                                         enum_names("linux/if_link.h", "IFLA_INFO_KIND"))),
    ("sg_ifla_xdp_names", lambda: table(["linux/if_link.h"],
                                        enum_names("linux/if_link.h", "IFLA_XDP_FD"))),
    ("sg_xdp_attached_names", lambda: table(["linux/if_link.h"], enum_names(
        "linux/if_link.h", "XDP_ATTACHED_NONE"))),
    # the type of service bits of rtm_tos and fib_rule_hdr's tos
    ("sg_iptos_flags", lambda: table(["linux/ip.h"], define_names(
        "linux/ip.h", r"IPTOS_(LOWDELAY|THROUGHPUT|RELIABILITY|MINCOST)"), False)),
    ("sg_netconfa_names", lambda: table(["linux/netconf.h"],
                                        enum_names("linux/netconf.h", "NETCONFA_IFINDEX"))),
    ("sg_ifla_stats_names", lambda: table(["linux/if_link.h"],
                                          enum_names("linux/if_link.h", "IFLA_STATS_LINK_64"))),
    # strace 6.1 stops at IFLA_OFFLOAD_XSTATS_CPU_HIT
    ("sg_ifla_offload_xstats_names", lambda: table(["linux/if_link.h"], [
        n for n in enum_names("linux/if_link.h", "IFLA_OFFLOAD_XSTATS_CPU_HIT")
        if n in ("IFLA_OFFLOAD_XSTATS_UNSPEC", "IFLA_OFFLOAD_XSTATS_CPU_HIT")])),
    ("sg_ndta_names", lambda: table(["linux/neighbour.h"],
                                    enum_names("linux/neighbour.h", "NDTA_NAME"))),
    ("sg_ndtpa_names", lambda: table(["linux/neighbour.h"],
                                     enum_names("linux/neighbour.h", "NDTPA_IFINDEX"))),
    # NETLINK_SOCK_DIAG replies (decode_netlink_diag.c); the INET_DIAG_ attributes
    # are the extensions above
    ("sg_inet_diag_req_attrs", lambda: table(["linux/inet_diag.h"], enum_names(
        "linux/inet_diag.h", "INET_DIAG_REQ_NONE"))),
    ("sg_inet_ulp_info_attrs", lambda: table(["linux/inet_diag.h"], enum_names(
        "linux/inet_diag.h", "INET_ULP_INFO_UNSPEC"))),
    ("sg_unix_diag_attrs", lambda: table(["linux/unix_diag.h"], enum_names(
        "linux/unix_diag.h", "UNIX_DIAG_NAME"))),
    ("sg_packet_diag_attrs", lambda: table(["linux/packet_diag.h"], enum_names(
        "linux/packet_diag.h", "PACKET_DIAG_INFO"))),
    ("sg_netlink_diag_attrs", lambda: table(["linux/netlink_diag.h"], enum_names(
        "linux/netlink_diag.h", "NETLINK_DIAG_MEMINFO"))),
    # SK_MEMINFO_VARS counts them: it is not an index
    ("sg_sk_meminfo_names", lambda: table(["linux/sock_diag.h"], [n for n in enum_names(
        "linux/sock_diag.h", "SK_MEMINFO_RMEM_ALLOC") if n != "SK_MEMINFO_VARS"])),
    ("sg_packet_show_flags", lambda: table(["linux/packet_diag.h"], define_names(
        "linux/packet_diag.h", r"PACKET_SHOW_\w+"), False)),
    ("sg_pdi_flags", lambda: table(["linux/packet_diag.h"], define_names(
        "linux/packet_diag.h", r"PDI_\w+"), False)),
    ("sg_tpacket_versions", lambda: table(["linux/if_packet.h"], enum_names(
        "linux/if_packet.h", "TPACKET_V1"))),
    ("sg_ndiag_show_flags", lambda: table(["linux/netlink_diag.h"], define_names(
        "linux/netlink_diag.h", r"NDIAG_SHOW_\w+"), False)),
    ("sg_ndiag_flags", lambda: table(["linux/netlink_diag.h"], define_names(
        "linux/netlink_diag.h", r"NDIAG_FLAG_\w+"), False)),
    ("sg_ndiag_protocols", lambda: table(["linux/netlink_diag.h"], ["NDIAG_PROTO_ALL"])),
    ("sg_eth_protocols", lambda: table(["linux/if_ether.h"], define_names(
        "linux/if_ether.h", r"ETH_P_\w+"))),
    ("sg_sock_types", lambda: table(["sys/socket.h"], define_names(
        "x86_64-linux-gnu/bits/socket_type.h", r"SOCK_\w+", r"SOCK_(CLOEXEC|NONBLOCK)"))),
    # nfnetlink: each subsystem's message types (decode_netlink_netfilter.c)
    ("sg_nf_ctnetlink_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nfnetlink_conntrack.h", "IPCTNL_MSG_CT_NEW"), False)),
    ("sg_nf_ctnetlink_exp_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nfnetlink_conntrack.h", "IPCTNL_MSG_EXP_NEW"), False)),
    ("sg_nf_queue_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nfnetlink_queue.h", "NFQNL_MSG_PACKET"), False)),
    ("sg_nf_ulog_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nfnetlink_log.h", "NFULNL_MSG_PACKET"), False)),
    ("sg_nf_osf_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nfnetlink_osf.h", "OSF_MSG_ADD"), False)),
    ("sg_nf_ipset_types", lambda: table(NF_HDRS, [n for n in define_names(
        "linux/netfilter/ipset/ip_set.h", r"IPSET_CMD_\w+")], False)),
    ("sg_nf_acct_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nfnetlink_acct.h", "NFNL_MSG_ACCT_NEW"), False)),
    ("sg_nf_cttimeout_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nfnetlink_cttimeout.h", "IPCTNL_MSG_TIMEOUT_NEW"), False)),
    ("sg_nf_cthelper_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nfnetlink_cthelper.h", "NFNL_MSG_CTHELPER_NEW"), False)),
    ("sg_nf_nftables_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nf_tables.h", "NFT_MSG_NEWTABLE"), False)),
    ("sg_nf_compat_types", lambda: table(NF_HDRS, enum_names(
        "linux/netfilter/nf_tables_compat.h", "NFNL_MSG_COMPAT_GET"), False)),
    # NETLINK_CRYPTO (decode_netlink_crypto.c)
    ("sg_crypto_attrs", lambda: table(["linux/cryptouser.h"], enum_names(
        "linux/cryptouser.h", "CRYPTOCFGA_UNSPEC"))),
]

# TCP states as strace names them; the UAPI has no enum of them.
TCP_STATES = ["TCP_ESTABLISHED", "TCP_SYN_SENT", "TCP_SYN_RECV", "TCP_FIN_WAIT1",
              "TCP_FIN_WAIT2", "TCP_TIME_WAIT", "TCP_CLOSE", "TCP_CLOSE_WAIT", "TCP_LAST_ACK",
              "TCP_LISTEN", "TCP_CLOSING", "TCP_NEW_SYN_RECV"]


# The flags of an IPv6 interface (IFLA_INET6_FLAGS) as strace names them: the
# kernel keeps them in net/if_inet6.h, which is not UAPI.
INET6_IF_FLAGS = [(0x10, "IF_RS_SENT"), (0x20, "IF_RA_RCVD"), (0x40, "IF_RA_MANAGED"),
                  (0x80, "IF_RA_OTHERCONF"), (0x80000000, "IF_READY")]
# Kernel-internal names strace prints, which no UAPI header holds: how a socket
# was shut down (INET_DIAG_SHUTDOWN), a netlink socket's state (netlink_diag_msg;
# a socket never connected keeps the TCP_CLOSE it was created with).
HAND_TABLES = [
    ("sg_shutdown_flags", [(1, "RCV_SHUTDOWN"), (2, "SEND_SHUTDOWN")]),
    ("sg_netlink_states", [(0, "NETLINK_UNCONNECTED"), (1, "NETLINK_CONNECTED"),
                           (7, "TCP_CLOSE")]),
]


def emit(out, cname, rows):
    out.append("const struct sg_flag %s[] = {\n" % cname)
    out += ['\t{ %#x, "%s" },\n' % (v & 0xffffffffffffffff, n) for v, n in rows]
    out.append("\tSG_FLAG_END,\n};\n\n")


def main():
    out = ["/* Generated by scripts/gen-netlink.py from the kernel's UAPI headers. */\n",
           '#include "netlink_names.h"\n\n']
    for cname, rows in TABLES:
        emit(out, cname, rows())
    emit(out, "sg_tcp_states", [(i + 1, n) for i, n in enumerate(TCP_STATES)])
    emit(out, "sg_inet6_if_flags", INET6_IF_FLAGS)
    for cname, rows in HAND_TABLES:
        emit(out, cname, rows)
    with open(OUT + ".tmp", "w") as f:
        f.write("".join(out))
    os.rename(OUT + ".tmp", OUT)
    hdr = os.path.join(ROOT, "src/core/netlink_names.h")
    names = ([c for c, _ in TABLES] + ["sg_tcp_states", "sg_inet6_if_flags"] +
             [c for c, _ in HAND_TABLES])
    print("gen-netlink: %d tables" % len(names))
    decl = "".join("extern const struct sg_flag %s[];\n" % n for n in names)
    with open(hdr) as f:
        text = f.read()
    text = re.sub(r"(/\* generated: \*/\n).*?(\n#endif)", lambda m: m.group(1) + decl + m.group(2),
                  text, flags=re.S)
    with open(hdr, "w") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
