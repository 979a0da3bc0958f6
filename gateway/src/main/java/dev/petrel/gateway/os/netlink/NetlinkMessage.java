package dev.petrel.gateway.os.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A netlink request being built: the fields of its family header in order ({@link #u8}, {@link #u16}, {@link #u32}),
 * then attributes (struct rtattr, four-octet aligned). The nlmsghdr is added by {@link RtNetlink#call}, which also
 * names the request in errors by its {@link #description()}.
 */
public final class NetlinkMessage {
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int HEADER_LENGTH = 16;
    private static final int ATTRIBUTE_HEADER_LENGTH = 4;

    private final int type;
    private final int flags;
    private final String description;
    private ByteBuffer body = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    private NetlinkMessage(int type, int flags, String description) {
        this.type = type;
        this.flags = flags;
        this.description = description;
    }

    /**
     * A request of {@code type} (RTM_NEWROUTE ...) with NLM_F_REQUEST, NLM_F_ACK and {@code flags} (NLM_F_CREATE,
     * NLM_F_REPLACE ...): its answer ends with the kernel's acknowledgement. {@code description} says what it does,
     * e.g. "RTM_NEWROUTE 203.0.113.0/24 dev 7".
     */
    public static NetlinkMessage request(int type, int flags, String description) {
        return new NetlinkMessage(type, NLM_F_REQUEST | NLM_F_ACK | flags, description);
    }

    /** A dump request of {@code type} (RTM_GETROUTE ...): its answer is every such object, then NLMSG_DONE. */
    public static NetlinkMessage dump(int type, String description) {
        return new NetlinkMessage(type, NLM_F_REQUEST | NLM_F_DUMP, description);
    }

    public NetlinkMessage u8(int value) {
        room(1).put((byte) value);
        return this;
    }

    public NetlinkMessage u16(int value) {
        room(2).putShort((short) value);
        return this;
    }

    public NetlinkMessage u32(int value) {
        room(4).putInt(value);
        return this;
    }

    /** Appends {@code bytes} as they are (e.g. the body of a dumped object, to send it back as a delete). */
    public NetlinkMessage bytes(ByteBuffer bytes) {
        room(bytes.remaining()).put(bytes.duplicate());
        return this;
    }

    public NetlinkMessage attribute(int attributeType, byte[] value) {
        align();
        room(ATTRIBUTE_HEADER_LENGTH + value.length).putShort((short) (ATTRIBUTE_HEADER_LENGTH + value.length))
                .putShort((short) attributeType).put(value);
        align();
        return this;
    }

    public NetlinkMessage attribute(int attributeType, int u32) {
        return attribute(attributeType, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(u32).array());
    }

    /** The address's four or sixteen octets. */
    public NetlinkMessage attribute(int attributeType, InetAddress address) {
        return attribute(attributeType, address.getAddress());
    }

    /** A NUL-terminated string. */
    public NetlinkMessage attribute(int attributeType, String value) {
        byte[] text = value.getBytes(StandardCharsets.US_ASCII);
        byte[] terminated = new byte[text.length + 1];
        System.arraycopy(text, 0, terminated, 0, text.length);
        return attribute(attributeType, terminated);
    }

    public String description() {
        return description;
    }

    /** The whole message: nlmsghdr (length, type, flags, {@code sequence}, port 0 for the kernel to fill in), body. */
    byte[] encode(int sequence) {
        align();
        int length = HEADER_LENGTH + body.position();
        return ByteBuffer.allocate(length).order(ByteOrder.nativeOrder())
                .putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(0)
                .put(body.array(), 0, body.position())
                .array();
    }

    private void align() {
        room(3).position(RtNetlink.align(body.position()));
    }

    private ByteBuffer room(int octets) {
        if (body.remaining() < octets) {
            body = ByteBuffer.allocate(2 * (body.position() + octets)).order(ByteOrder.nativeOrder())
                    .put(body.array(), 0, body.position());
        }
        return body;
    }
}
