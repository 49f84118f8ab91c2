/* Names the netlink decoder prints, generated from the kernel's UAPI headers by
 * scripts/gen-netlink.py (netlink_names.c): message types per protocol, message
 * flags, attribute types and the constants of the family headers. */
#ifndef SG_CORE_NETLINK_NAMES_H
#define SG_CORE_NETLINK_NAMES_H

#include "decode_int.h"

/* generated: */
extern const struct sg_flag sg_netlink_protocols[];
extern const struct sg_flag sg_nl_types[];
extern const struct sg_flag sg_nl_flags[];
extern const struct sg_flag sg_nl_get_flags[];
extern const struct sg_flag sg_nl_new_flags[];
extern const struct sg_flag sg_nl_delete_flags[];
extern const struct sg_flag sg_nl_ack_flags[];
extern const struct sg_flag sg_nlmsgerr_attrs[];
extern const struct sg_flag sg_nl_route_types[];
extern const struct sg_flag sg_nl_sock_diag_types[];
extern const struct sg_flag sg_nl_netfilter_subsys[];
extern const struct sg_flag sg_nl_netfilter_types[];
extern const struct sg_flag sg_nl_audit_types[];
extern const struct sg_flag sg_nl_selinux_types[];
extern const struct sg_flag sg_nl_xfrm_types[];
extern const struct sg_flag sg_nl_crypto_types[];
extern const struct sg_flag sg_ifla_names[];
extern const struct sg_flag sg_ifa_names[];
extern const struct sg_flag sg_rta_names[];
extern const struct sg_flag sg_iff_flags[];
extern const struct sg_flag sg_arphrd_names[];
extern const struct sg_flag sg_rt_scopes[];
extern const struct sg_flag sg_rtn_types[];
extern const struct sg_flag sg_rt_tables[];
extern const struct sg_flag sg_rtprot_names[];
extern const struct sg_flag sg_rtm_f_flags[];
extern const struct sg_flag sg_rtnh_flags[];
extern const struct sg_flag sg_ifa_flags[];
extern const struct sg_flag sg_af_names[];
extern const struct sg_flag sg_ipproto_names[];
extern const struct sg_flag sg_udiag_show_flags[];
extern const struct sg_flag sg_inet_diag_exts[];
extern const struct sg_flag sg_rtext_filter_flags[];
extern const struct sg_flag sg_ifla_inet6_names[];
extern const struct sg_flag sg_in6_addr_gen_modes[];
extern const struct sg_flag sg_devconf_names[];
extern const struct sg_flag sg_ipstats_mib_names[];
extern const struct sg_flag sg_icmp6_mib_names[];
extern const struct sg_flag sg_nda_names[];
extern const struct sg_flag sg_nud_flags[];
extern const struct sg_flag sg_ntf_flags[];
extern const struct sg_flag sg_fra_names[];
extern const struct sg_flag sg_fr_act_names[];
extern const struct sg_flag sg_fib_rule_flags[];
extern const struct sg_flag sg_ipv4_devconf_names[];
extern const struct sg_flag sg_ifla_inet_names[];
extern const struct sg_flag sg_ifla_info_names[];
extern const struct sg_flag sg_ifla_xdp_names[];
extern const struct sg_flag sg_xdp_attached_names[];
extern const struct sg_flag sg_iptos_flags[];
extern const struct sg_flag sg_netconfa_names[];
extern const struct sg_flag sg_ifla_stats_names[];
extern const struct sg_flag sg_ifla_offload_xstats_names[];
extern const struct sg_flag sg_ndta_names[];
extern const struct sg_flag sg_ndtpa_names[];
extern const struct sg_flag sg_inet_diag_req_attrs[];
extern const struct sg_flag sg_inet_ulp_info_attrs[];
extern const struct sg_flag sg_unix_diag_attrs[];
extern const struct sg_flag sg_packet_diag_attrs[];
extern const struct sg_flag sg_netlink_diag_attrs[];
extern const struct sg_flag sg_sk_meminfo_names[];
extern const struct sg_flag sg_packet_show_flags[];
extern const struct sg_flag sg_pdi_flags[];
extern const struct sg_flag sg_tpacket_versions[];
extern const struct sg_flag sg_ndiag_show_flags[];
extern const struct sg_flag sg_ndiag_flags[];
extern const struct sg_flag sg_ndiag_protocols[];
extern const struct sg_flag sg_eth_protocols[];
extern const struct sg_flag sg_sock_types[];
extern const struct sg_flag sg_nf_ctnetlink_types[];
extern const struct sg_flag sg_nf_ctnetlink_exp_types[];
extern const struct sg_flag sg_nf_queue_types[];
extern const struct sg_flag sg_nf_ulog_types[];
extern const struct sg_flag sg_nf_osf_types[];
extern const struct sg_flag sg_nf_ipset_types[];
extern const struct sg_flag sg_nf_acct_types[];
extern const struct sg_flag sg_nf_cttimeout_types[];
extern const struct sg_flag sg_nf_cthelper_types[];
extern const struct sg_flag sg_nf_nftables_types[];
extern const struct sg_flag sg_nf_compat_types[];
extern const struct sg_flag sg_crypto_attrs[];
extern const struct sg_flag sg_tcp_states[];
extern const struct sg_flag sg_inet6_if_flags[];
extern const struct sg_flag sg_shutdown_flags[];
extern const struct sg_flag sg_netlink_states[];

#endif
