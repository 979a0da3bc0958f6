package dev.petrel.gateway.os.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One message of the kernel's answer: its type (RTM_NEWROUTE ...), flags, and the body after the nlmsghdr. */
public record NetlinkReply(int type, int flags, ByteBuffer body) {
    /** nla_type without NLA_F_NESTED and NLA_F_NET_BYTEORDER. */
    private static final int TYPE_MASK = 0x3fff;

    /** The attributes after the family header of {@code headerLength} octets, by type; the last wins. */
    public Map<Integer, ByteBuffer> attributes(int headerLength) {
        return attributes(body, headerLength);
    }

    /** The attributes in {@code buffer} from {@code offset} on (also for nested ones, with offset 0), by type. */
    public static Map<Integer, ByteBuffer> attributes(ByteBuffer buffer, int offset) {
        Map<Integer, ByteBuffer> out = new HashMap<>();
        int at = offset;
        while (at + 4 <= buffer.limit()) {
            int length = buffer.getShort(at) & 0xffff;
            if (length < 4 || at + length > buffer.limit()) {
                break; // a truncated or malformed tail: keep what was well formed
            }
            out.put(buffer.getShort(at + 2) & TYPE_MASK, buffer.slice(at + 4, length - 4).order(ByteOrder.nativeOrder()));
            at += RtNetlink.align(length);
        }
        return out;
    }

    public static int u32(ByteBuffer value) {
        return value.getInt(0);
    }

    /** A NUL-terminated string. */
    public static String string(ByteBuffer value) {
        byte[] b = new byte[value.remaining()];
        value.get(0, b);
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.US_ASCII);
    }

    /** An address attribute (RTA_DST, RTA_PREFSRC, IFA_ADDRESS ...): four or sixteen octets. */
    public static InetAddress address(ByteBuffer value) {
        byte[] b = new byte[value.remaining()];
        value.get(0, b);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address attribute of " + b.length + " octets", e);
        }
    }
}
