/* NETLINK_NETFILTER messages sent to the kernel, harmless (dumps and a batch
 * that the kernel refuses): a conntrack dump with an attribute, an nftables
 * table dump with its res_id in either byte order, a batch marker, a queue
 * verdict for no queue, and the replies. strace decodes nfgenmsg and the
 * attributes by number. Then NETLINK_XFRM dumps, whose request flags strace
 * names by the message type, and NETLINK_SELINUX's two notices (which the
 * kernel only sends: these go nowhere). */
#include <arpa/inet.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>
#include <linux/netfilter/nfnetlink_queue.h>
#include <linux/netlink.h>
#include <linux/selinux_netlink.h>
#include <linux/xfrm.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

struct request {
	struct nlmsghdr h;
	struct nfgenmsg g;
	struct nlattr a;
	unsigned value;
};

static void send_one(int fd, unsigned type, unsigned flags, unsigned short res_id, int attr)
{
	struct request r;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

	memset(&r, 0, sizeof(r));
	r.h.nlmsg_len = attr ? sizeof(r) : NLMSG_LENGTH(sizeof(r.g));
	r.h.nlmsg_type = (unsigned short)type;
	r.h.nlmsg_flags = (unsigned short)flags;
	r.h.nlmsg_seq = 1;
	r.g.nfgen_family = AF_INET;
	r.g.version = NFNETLINK_V0;
	r.g.res_id = res_id;
	r.a.nla_len = 8;
	r.a.nla_type = 1;
	r.value = 0x01020304;
	sendto(fd, &r, r.h.nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel));
}

static int xfrm_dumps(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_XFRM);
	struct sockaddr_nl self = { .nl_family = AF_NETLINK }, kernel = self;
	static const unsigned short types[] = { XFRM_MSG_GETSA, XFRM_MSG_GETPOLICY };

	if (fd < 0 || bind(fd, (struct sockaddr *)&self, sizeof(self)) < 0)
		return 1;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		struct nlmsghdr h = { .nlmsg_len = sizeof(h), .nlmsg_type = types[i],
				      .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 2 };
		sendto(fd, &h, sizeof(h), 0, (struct sockaddr *)&kernel, sizeof(kernel));
	}
	close(fd);
	return 0;
}

static void selinux_notices(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_SELINUX);
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr h;
		uint32_t value;
	} m = { { NLMSG_LENGTH(4), SELNL_MSG_SETENFORCE, NLM_F_REQUEST, 3, 0 }, 1 };

	if (fd < 0)
		return;
	sendto(fd, &m, sizeof(m), 0, (struct sockaddr *)&kernel, sizeof(kernel));
	m.h.nlmsg_type = SELNL_MSG_POLICYLOAD;
	m.value = 42;
	sendto(fd, &m, sizeof(m), 0, (struct sockaddr *)&kernel, sizeof(kernel));
	close(fd);
}

int main(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER);
	struct sockaddr_nl self = { .nl_family = AF_NETLINK };
	struct timeval wait = { 0, 200000 };
	char buf[8192];

	if (fd < 0 || bind(fd, (struct sockaddr *)&self, sizeof(self)) < 0)
		return 1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof(wait));
	send_one(fd, NFNL_SUBSYS_CTNETLINK << 8 | IPCTNL_MSG_CT_GET, NLM_F_REQUEST | NLM_F_DUMP, 0, 1);
	send_one(fd, NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETTABLE, NLM_F_REQUEST | NLM_F_DUMP,
		 htons(NFNL_SUBSYS_NFTABLES), 0);
	send_one(fd, NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_GETCHAIN, NLM_F_REQUEST | NLM_F_DUMP,
		 NFNL_SUBSYS_NFTABLES, 0);
	send_one(fd, NFNL_MSG_BATCH_BEGIN, NLM_F_REQUEST, htons(NFNL_SUBSYS_NFTABLES), 1);
	send_one(fd, NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_VERDICT, NLM_F_REQUEST, htons(7), 1);
	for (int i = 0; i < 8; i++)
		if (recv(fd, buf, sizeof(buf), 0) < 0)
			break;
	close(fd);
	selinux_notices();
	return xfrm_dumps();
}
