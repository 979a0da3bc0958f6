package dev.petrel.ike.testing;

import dev.petrel.ike.protect.SkProtection;
import dev.petrel.ike.protect.SkProtectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A test-only walk over IKEv2 messages by hand (RFC 7296 §3.1, §3.2): the 28-octet header, then payloads chained by
 * their generic headers' Next Payload fields, the SK payload last with the first inner payload's type in its header.
 */
public final class IkePayloads {
    public static final int HEADER_LENGTH = 28;
    public static final int GENERIC_HEADER_LENGTH = 4;

    public static final int IKE_SA_INIT = 34;
    public static final int IKE_AUTH = 35;
    public static final int CREATE_CHILD_SA = 36;
    public static final int INFORMATIONAL = 37;

    public static final int SA = 33;
    public static final int KE = 34;
    public static final int ID_INITIATOR = 35;
    public static final int ID_RESPONDER = 36;
    public static final int AUTH = 39;
    public static final int NONCE = 40;
    public static final int NOTIFY = 41;
    public static final int SK = 46;

    public static final int NAT_DETECTION_SOURCE_IP = 16388;
    public static final int NAT_DETECTION_DESTINATION_IP = 16389;

    private IkePayloads() {}

    /** One payload: its type and where its generic header starts in {@code data}. */
    public record Payload(int type, byte[] data, int offset, int length) {
        /** The payload after its generic header. */
        public byte[] body() {
            return Arrays.copyOfRange(data, offset + GENERIC_HEADER_LENGTH, offset + length);
        }

        /** The Next Payload field; for SK, the type of the first inner payload. */
        public int nextType() {
            return data[offset] & 0xff;
        }
    }

    public static long spiI(byte[] message) {
        return u64(message, 0);
    }

    public static long spiR(byte[] message) {
        return u64(message, 8);
    }

    public static int exchangeType(byte[] message) {
        return message[18] & 0xff;
    }

    public static boolean isResponse(byte[] message) {
        return (message[19] & 0x20) != 0;
    }

    /** The payloads of a whole message, up to and including an SK payload. */
    public static List<Payload> payloads(byte[] message) {
        return chain(message, HEADER_LENGTH, message[16] & 0xff);
    }

    /** The payloads chained from {@code offset} with the first of type {@code type}. */
    public static List<Payload> chain(byte[] data, int offset, int type) {
        List<Payload> payloads = new ArrayList<>();
        while (type != 0) {
            int length = u16(data, offset + 2);
            payloads.add(new Payload(type, data, offset, length));
            if (type == SK) {
                break;
            }
            type = data[offset] & 0xff;
            offset += length;
        }
        return payloads;
    }

    /** The first payload of {@code type}. */
    public static Payload find(List<Payload> payloads, int type) {
        return payloads.stream().filter(p -> p.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no payload of type " + type + " in " + payloads));
    }

    /** Every Notify payload's data whose Notify Message Type is {@code notifyType}. */
    public static List<byte[]> notifyData(List<Payload> payloads, int notifyType) {
        List<byte[]> data = new ArrayList<>();
        for (Payload p : payloads) {
            byte[] body = p.body();
            if (p.type() == NOTIFY && u16(body, 2) == notifyType) {
                data.add(Arrays.copyOfRange(body, 4 + (body[1] & 0xff), body.length));
            }
        }
        return data;
    }

    /** Opens the SK payload of a copy of {@code message} and returns the inner payloads. */
    public static List<Payload> open(SkProtection protection, byte[] message) throws SkProtectionException {
        byte[] copy = message.clone();
        Payload sk = find(payloads(copy), SK);
        byte[] plaintext = protection.open(copy, sk.offset() + GENERIC_HEADER_LENGTH, sk.length() - GENERIC_HEADER_LENGTH);
        return chain(plaintext, 0, sk.nextType());
    }

    /** The SPI of the first proposal of an SA payload body (RFC 7296 §3.3.1), 8 octets for an IKE SA. */
    public static long firstProposalSpi(byte[] saBody) {
        if ((saBody[6] & 0xff) != 8) {
            throw new AssertionError("not an IKE proposal: SPI size " + saBody[6]);
        }
        return u64(saBody, 8);
    }

    public static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    private static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }
}
