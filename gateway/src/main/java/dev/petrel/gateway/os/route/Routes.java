package dev.petrel.gateway.os.route;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.netlink.Interfaces;
import dev.petrel.gateway.os.netlink.Link;
import dev.petrel.gateway.os.netlink.NetlinkMessage;
import dev.petrel.gateway.os.netlink.NetlinkReply;
import dev.petrel.gateway.os.netlink.RtNetlink;
import dev.petrel.wire.ip.IpPrefix;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes of the main table in the network namespace this was opened in, over rtnetlink: what {@code ip route
 * replace|del PREFIX dev DEV proto 80 [src SRC]} and {@code ip route get} do. Every route added carries
 * {@link #PROTOCOL}, and {@link #flushStale()} removes every route that does, so that one daemon per namespace can
 * clean up after a predecessor that died. For SA installation, never per packet. Thread-safe.
 */
public final class Routes implements AutoCloseable {
    /**
     * Petrel's routing protocol number (rtm_protocol; {@code ip route show proto 80}): unassigned in the kernel's
     * RTPROT_* list and iproute2's rt_protos. To have ip print it by name: {@code echo "80 petrel" >
     * /etc/iproute2/rt_protos.d/petrel.conf}.
     */
    public static final int PROTOCOL = 80;

    private static final int RTM_NEWROUTE = 24;
    private static final int RTM_DELROUTE = 25;
    private static final int RTM_GETROUTE = 26;
    private static final int RTMSG_LENGTH = 12;
    private static final int RTMSG_PROTOCOL_OFFSET = 5;
    private static final int RT_TABLE_MAIN = 254;
    private static final int RT_SCOPE_UNIVERSE = 0;
    private static final int RT_SCOPE_LINK = 253;
    /** In a delete: any scope. */
    private static final int RT_SCOPE_NOWHERE = 255;
    private static final int RTN_UNICAST = 1;
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RTA_PREFSRC = 7;
    private static final int RTA_METRICS = 8;
    private static final int RTAX_MTU = 2;
    private static final int ESRCH = 3;

    private final RtNetlink netlink;

    private Routes(RtNetlink netlink) {
        this.netlink = netlink;
    }

    /** Routes of the calling thread's network namespace. */
    public static Routes open() throws IOException {
        return new Routes(RtNetlink.open());
    }

    /** Routes {@code destination} into the device with index {@code ifindex}, replacing a route there was to it. */
    public void replace(IpPrefix destination, int ifindex) throws IOException {
        netlink.call(add(destination, ifindex, ""));
    }

    /**
     * As {@link #replace(IpPrefix, int)}, with {@code source} (a local address) as the source the kernel gives
     * packets it sends on this route.
     */
    public void replace(IpPrefix destination, int ifindex, InetAddress source) throws IOException {
        replace(destination, ifindex, source, 0);
    }

    /**
     * As {@link #replace(IpPrefix, int, InetAddress)} (with {@code source} null for none), and an MTU for the route
     * (RTAX_MTU; 0 for the device's): what the kernel sends on it, and the TCP MSS it offers, stay within it.
     */
    public void replace(IpPrefix destination, int ifindex, InetAddress source, int mtu) throws IOException {
        if (source != null && source.getAddress().length != destination.address().getAddress().length) {
            throw new IllegalArgumentException("source " + source.getHostAddress() + " for a route to " + destination);
        }
        NetlinkMessage request = add(destination, ifindex, (source == null ? "" : " src " + source.getHostAddress())
                + (mtu > 0 ? " mtu " + mtu : ""));
        if (source != null) {
            request.attribute(RTA_PREFSRC, source);
        }
        if (mtu > 0) {
            // RTA_METRICS nests its own rtattr: length 8, type RTAX_MTU, the value, in host order like all of netlink
            ByteBuffer metric = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putShort((short) 8)
                    .putShort((short) RTAX_MTU).putInt(mtu);
            request.attribute(RTA_METRICS, metric.array());
        }
        netlink.call(request);
    }

    /** Removes Petrel's route to {@code destination} through the device with index {@code ifindex}. */
    public void delete(IpPrefix destination, int ifindex) throws IOException {
        netlink.call(rtmsg(RTM_DELROUTE, 0, destination, RT_SCOPE_NOWHERE, "RTM_DELROUTE " + destination + " dev " + ifindex)
                .attribute(RTA_OIF, ifindex));
    }

    /** Removes every route tagged {@link #PROTOCOL}, IPv4 and IPv6, in any table; returns how many it removed. */
    public int flushStale() throws IOException {
        List<NetlinkReply> routes = netlink.call(NetlinkMessage.dump(RTM_GETROUTE, "RTM_GETROUTE dump")
                .u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0)); // an rtmsg of AF_UNSPEC: every family
        int removed = 0;
        for (NetlinkReply route : routes) {
            ByteBuffer rtmsg = route.body();
            int family = rtmsg.get(0);
            if ((rtmsg.get(RTMSG_PROTOCOL_OFFSET) & 0xff) != PROTOCOL || family != Libc.AF_INET && family != Libc.AF_INET6) {
                continue;
            }
            ByteBuffer dst = route.attributes(RTMSG_LENGTH).get(RTA_DST);
            String description = "RTM_DELROUTE " + (dst == null ? "default" : NetlinkReply.address(dst).getHostAddress())
                    + "/" + (rtmsg.get(1) & 0xff) + " proto " + PROTOCOL;
            try {
                netlink.call(NetlinkMessage.request(RTM_DELROUTE, 0, description).bytes(rtmsg)); // the route as dumped
                removed++;
            } catch (ErrnoException e) {
                if (e.errno() != ESRCH) { // gone meanwhile, e.g. with its device
                    throw e;
                }
            }
        }
        return removed;
    }

    /** The kernel's route to {@code destination}, as {@code ip route get}. */
    public RouteLookup lookup(InetAddress destination) throws IOException {
        byte[] address = destination.getAddress();
        List<NetlinkReply> answer = netlink.call(NetlinkMessage.request(RTM_GETROUTE, 0, "RTM_GETROUTE " + destination.getHostAddress())
                .u8(address.length == 4 ? Libc.AF_INET : Libc.AF_INET6).u8(8 * address.length) // family, dst_len
                .u8(0).u8(0).u8(0).u8(0).u8(0).u8(0).u32(0) // the rest of the rtmsg: any
                .attribute(RTA_DST, address));
        NetlinkReply route = answer.stream().filter(r -> r.type() == RTM_NEWROUTE).findFirst()
                .orElseThrow(() -> new IOException("RTM_GETROUTE " + destination.getHostAddress() + " answered without a route"));
        Map<Integer, ByteBuffer> attributes = route.attributes(RTMSG_LENGTH);
        ByteBuffer oif = attributes.get(RTA_OIF);
        if (oif == null) {
            throw new IOException("the route to " + destination.getHostAddress() + " has no outgoing device");
        }
        Link link = Interfaces.link(netlink, NetlinkReply.u32(oif));
        ByteBuffer metrics = attributes.get(RTA_METRICS);
        ByteBuffer routeMtu = metrics == null ? null : NetlinkReply.attributes(metrics, 0).get(RTAX_MTU);
        int mtu = routeMtu != null && NetlinkReply.u32(routeMtu) > 0 ? NetlinkReply.u32(routeMtu) : link.mtu();
        return new RouteLookup(link.index(), link.name(), address(attributes.get(RTA_PREFSRC)), address(attributes.get(RTA_GATEWAY)), mtu);
    }

    @Override
    public void close() throws IOException {
        netlink.close();
    }

    private static NetlinkMessage add(IpPrefix destination, int ifindex, String source) {
        // A route into a device without a gateway: scope link in IPv4 (as ip sets it), universe in IPv6.
        int scope = destination.isIpv6() ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
        return rtmsg(RTM_NEWROUTE, RtNetlink.NLM_F_CREATE | RtNetlink.NLM_F_REPLACE, destination, scope,
                "RTM_NEWROUTE " + destination + " dev " + ifindex + source)
                .attribute(RTA_OIF, ifindex);
    }

    /** struct rtmsg for a unicast route of the main table tagged {@link #PROTOCOL}, then RTA_DST. */
    private static NetlinkMessage rtmsg(int type, int flags, IpPrefix destination, int scope, String description) {
        return NetlinkMessage.request(type, flags, description)
                .u8(destination.isIpv6() ? Libc.AF_INET6 : Libc.AF_INET).u8(destination.length()).u8(0).u8(0) // family, dst_len, src_len, tos
                .u8(RT_TABLE_MAIN).u8(PROTOCOL).u8(scope).u8(RTN_UNICAST) // table, protocol, scope, type
                .u32(0) // flags
                .attribute(RTA_DST, destination.address());
    }

    private static Optional<InetAddress> address(ByteBuffer attribute) {
        return Optional.ofNullable(attribute).map(NetlinkReply::address);
    }
}
