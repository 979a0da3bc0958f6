package dev.petrel.gateway.os.netlink;

import dev.petrel.gateway.os.linux.Libc;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Links and addresses over rtnetlink: RTM_GETLINK, RTM_NEWLINK (MTU, up), RTM_NEWADDR and RTM_DELADDR. */
public final class Interfaces {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_GETLINK = 18;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_DELADDR = 21;
    private static final int IFINFOMSG_LENGTH = 16;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_TXQLEN = 13;
    private static final int IFF_UP = 0x1;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_F_NODAD = 0x02;

    private Interfaces() {}

    /** The link named {@code name}. */
    public static Link link(RtNetlink netlink, String name) throws IOException {
        return parse(netlink.call(ifinfomsg(RTM_GETLINK, 0, 0, 0, "RTM_GETLINK " + name).attribute(IFLA_IFNAME, name)));
    }

    /** The link with index {@code index}. */
    public static Link link(RtNetlink netlink, int index) throws IOException {
        return parse(netlink.call(ifinfomsg(RTM_GETLINK, index, 0, 0, "RTM_GETLINK index " + index)));
    }

    public static void setMtu(RtNetlink netlink, int index, int mtu) throws IOException {
        netlink.call(ifinfomsg(RTM_NEWLINK, index, 0, 0, "RTM_NEWLINK index " + index + " mtu " + mtu).attribute(IFLA_MTU, mtu));
    }

    /** The length of the link's transmit queue (IFLA_TXQLEN): how many packets may wait for the device's reader. */
    public static void setTransmitQueueLength(RtNetlink netlink, int index, int packets) throws IOException {
        netlink.call(ifinfomsg(RTM_NEWLINK, index, 0, 0, "RTM_NEWLINK index " + index + " txqueuelen " + packets)
                .attribute(IFLA_TXQLEN, packets));
    }

    /** Sets the link administratively up or down (IFF_UP, alone: ifi_change masks the other flags). */
    public static void setUp(RtNetlink netlink, int index, boolean up) throws IOException {
        netlink.call(ifinfomsg(RTM_NEWLINK, index, up ? IFF_UP : 0, IFF_UP, "RTM_NEWLINK index " + index + (up ? " up" : " down")));
    }

    /**
     * Adds {@code address}/{@code prefixLength} to the link, or leaves it if there (NLM_F_REPLACE); IPv6 without
     * duplicate address detection, so it is usable at once.
     */
    public static void addAddress(RtNetlink netlink, int index, InetAddress address, int prefixLength) throws IOException {
        netlink.call(ifaddrmsg(RTM_NEWADDR, RtNetlink.NLM_F_CREATE | RtNetlink.NLM_F_REPLACE, index, address, prefixLength));
    }

    /**
     * Removes {@code address}/{@code prefixLength} from the link; an {@link dev.petrel.gateway.os.linux.ErrnoException}
     * (EADDRNOTAVAIL) when it has no such address.
     */
    public static void removeAddress(RtNetlink netlink, int index, InetAddress address, int prefixLength) throws IOException {
        netlink.call(ifaddrmsg(RTM_DELADDR, 0, index, address, prefixLength));
    }

    /**
     * struct ifaddrmsg (family, prefix length, flags, scope, index), then the address as IFA_LOCAL and IFA_ADDRESS
     * (the same on a link without a peer); IPv6 with IFA_F_NODAD.
     */
    private static NetlinkMessage ifaddrmsg(int type, int flags, int index, InetAddress address, int prefixLength) {
        boolean v6 = address instanceof Inet6Address;
        if (prefixLength < 0 || prefixLength > (v6 ? 128 : 32)) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " for " + address.getHostAddress());
        }
        return NetlinkMessage.request(type, flags, (type == RTM_NEWADDR ? "RTM_NEWADDR " : "RTM_DELADDR ")
                        + address.getHostAddress() + "/" + prefixLength + " index " + index)
                .u8(v6 ? Libc.AF_INET6 : Libc.AF_INET).u8(prefixLength).u8(v6 ? IFA_F_NODAD : 0).u8(0) // family, length, flags, scope
                .u32(index)
                .attribute(IFA_LOCAL, address)
                .attribute(IFA_ADDRESS, address);
    }

    /** struct ifinfomsg: family, padding, device type, index, flags, the mask of flags to change. */
    private static NetlinkMessage ifinfomsg(int type, int index, int flags, int change, String description) {
        return NetlinkMessage.request(type, 0, description).u8(0).u8(0).u16(0).u32(index).u32(flags).u32(change);
    }

    private static Link parse(List<NetlinkReply> answer) throws IOException {
        NetlinkReply reply = answer.stream().filter(r -> r.type() == RTM_NEWLINK).findFirst()
                .orElseThrow(() -> new IOException("RTM_GETLINK answered without a link"));
        Map<Integer, ByteBuffer> attributes = reply.attributes(IFINFOMSG_LENGTH);
        ByteBuffer name = attributes.get(IFLA_IFNAME);
        ByteBuffer mtu = attributes.get(IFLA_MTU);
        if (name == null || mtu == null) {
            throw new IOException("RTM_NEWLINK without IFLA_IFNAME or IFLA_MTU");
        }
        ByteBuffer body = reply.body();
        return new Link(body.getInt(4), NetlinkReply.string(name), NetlinkReply.u32(mtu), (body.getInt(8) & IFF_UP) != 0);
    }
}
