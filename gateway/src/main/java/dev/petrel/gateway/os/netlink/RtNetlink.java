package dev.petrel.gateway.os.netlink;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import dev.petrel.gateway.os.linux.ErrnoException;
import dev.petrel.gateway.os.linux.Libc;
import dev.petrel.gateway.os.linux.WakeableFd;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An rtnetlink socket (AF_NETLINK, NETLINK_ROUTE) of the network namespace it was opened in. One request at a
 * time: {@link #call} sends it and gathers the answer up to the acknowledgement or NLMSG_DONE. A refusal becomes an
 * {@link ErrnoException} named after the request, with the kernel's extended acknowledgement text when it gives one.
 */
public final class RtNetlink implements AutoCloseable {
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_CREATE = 0x400;

    private static final int NETLINK_ROUTE = 0;
    private static final int SOL_NETLINK = 270;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int NLMSG_ERROR = 2;
    private static final int NLMSG_DONE = 3;
    private static final int NLM_F_CAPPED = 0x100;
    private static final int NLM_F_ACK_TLVS = 0x200;
    private static final int NLMSGERR_ATTR_MSG = 1;
    /** How long the kernel may stay silent while an answer is due. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    /** A dump datagram holds at most about 32 KiB; anything longer is reported, never truncated silently. */
    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final WakeableFd fd;
    private final MemorySegment buffer = Arena.ofAuto().allocate(RECEIVE_BUFFER);
    private int sequence;

    private RtNetlink(WakeableFd fd) {
        this.fd = fd;
    }

    /** A socket in the calling thread's network namespace. */
    public static RtNetlink open() throws IOException {
        int fd = (int) ErrnoException.check(Libc.socket(Libc.AF_NETLINK,
                Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, NETLINK_ROUTE), "socket(AF_NETLINK)");
        WakeableFd wakeable = WakeableFd.of(fd);
        // Extended acknowledgements say why a request was refused; without them (before Linux 4.12), errno only.
        Libc.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
        return new RtNetlink(wakeable);
    }

    /** Sends {@code message} and returns the kernel's answer: what a get or dump asks for, nothing for a change. */
    public synchronized List<NetlinkReply> call(NetlinkMessage message) throws IOException {
        int seq = ++sequence;
        fd.enter();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment request = arena.allocateFrom(JAVA_BYTE, message.encode(seq));
            long deadline = WakeableFd.deadline(ANSWER_TIMEOUT);
            long n;
            while ((n = Libc.send(fd.fd(), request, 0)) == -Libc.EAGAIN && fd.await(Libc.POLLOUT, deadline)) { }
            ErrnoException.check(n, "send(" + message.description() + ")");
            List<NetlinkReply> answer = new ArrayList<>();
            boolean complete = false;
            while (!complete) { // each datagram must come within ANSWER_TIMEOUT; the kernel always ends its answer
                deadline = WakeableFd.deadline(ANSWER_TIMEOUT);
                while ((n = Libc.recv(fd.fd(), buffer, Libc.MSG_TRUNC)) == -Libc.EAGAIN && fd.await(Libc.POLLIN, deadline)) { }
                if (n == -Libc.EAGAIN) {
                    throw new IOException("no answer from the kernel to " + message.description() + " within " + ANSWER_TIMEOUT);
                }
                ErrnoException.check(n, "recv(" + message.description() + ")");
                if (n > RECEIVE_BUFFER) {
                    throw new IOException("an answer of " + n + " octets to " + message.description() + " does not fit " + RECEIVE_BUFFER);
                }
                ByteBuffer datagram = ByteBuffer.wrap(buffer.asSlice(0, n).toArray(JAVA_BYTE)).order(ByteOrder.nativeOrder());
                complete = read(datagram, seq, message, answer);
            }
            return answer;
        } finally {
            fd.exit();
        }
    }

    /** Adds the datagram's messages for {@code seq} to {@code answer}; true once it held the end of the answer. */
    private static boolean read(ByteBuffer datagram, int seq, NetlinkMessage message, List<NetlinkReply> answer) throws IOException {
        int at = 0;
        while (at + NetlinkMessage.HEADER_LENGTH <= datagram.limit()) {
            int length = datagram.getInt(at);
            if (length < NetlinkMessage.HEADER_LENGTH || at + length > datagram.limit()) {
                throw new IOException("a malformed netlink message in the answer to " + message.description());
            }
            int type = datagram.getShort(at + 4) & 0xffff;
            int flags = datagram.getShort(at + 6) & 0xffff;
            ByteBuffer body = datagram.slice(at + NetlinkMessage.HEADER_LENGTH, length - NetlinkMessage.HEADER_LENGTH)
                    .order(ByteOrder.nativeOrder());
            boolean ours = datagram.getInt(at + 8) == seq; // else left over from an earlier, abandoned request
            at += align(length);
            if (!ours) {
                continue;
            }
            if (type == NLMSG_ERROR || type == NLMSG_DONE) {
                int error = body.remaining() >= 4 ? body.getInt(0) : 0;
                if (error < 0) {
                    throw new ErrnoException(message.description(), -error, type == NLMSG_ERROR ? extendedAck(body, flags) : null);
                }
                return true;
            }
            answer.add(new NetlinkReply(type, flags, body));
        }
        return false;
    }

    /** The text of an extended acknowledgement: after the errno, the request's header (or all of it), then attributes. */
    private static String extendedAck(ByteBuffer error, int flags) {
        if ((flags & NLM_F_ACK_TLVS) == 0 || error.remaining() < 4 + NetlinkMessage.HEADER_LENGTH) {
            return null;
        }
        int echoed = (flags & NLM_F_CAPPED) != 0 ? NetlinkMessage.HEADER_LENGTH : error.getInt(4);
        ByteBuffer text = NetlinkReply.attributes(error, align(4 + echoed)).get(NLMSGERR_ATTR_MSG);
        return text == null ? null : NetlinkReply.string(text);
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }

    @Override
    public void close() throws IOException {
        fd.close();
    }
}
