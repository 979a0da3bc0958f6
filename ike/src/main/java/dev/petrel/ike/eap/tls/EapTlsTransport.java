package dev.petrel.ike.eap.tls;

import dev.petrel.ike.eap.EapException;
import java.io.ByteArrayOutputStream;

/**
 * EAP-TLS fragmentation and reassembly (RFC 5216 §2.1.5): a TLS message goes out in fragments of at most
 * {@link #FRAGMENT} octets of TLS data, the first with the L flag and the total length, all but the last with the M
 * flag, each acknowledged before the next; one comes in the same way, acknowledged fragment by fragment, at most
 * {@link #MAX_MESSAGE} octets in all. 1000 octets keep an IKE message carrying a fragment under 1280 octets.
 */
final class EapTlsTransport {
    static final int FRAGMENT = 1000;
    static final int MAX_MESSAGE = 64 * 1024;

    private byte[] outgoing;
    private int sent;
    private ByteArrayOutputStream incoming;
    private long expected;

    /** True while fragments of our message remain to be sent. */
    boolean sending() {
        return outgoing != null;
    }

    /** Starts sending {@code message}; returns the first fragment's Type-Data. */
    byte[] send(byte[] message) {
        outgoing = message;
        sent = 0;
        return nextFragment();
    }

    /** The next fragment's Type-Data, once the other side acknowledged the last. */
    byte[] nextFragment() {
        int to = Math.min(outgoing.length, sent + FRAGMENT);
        boolean more = to < outgoing.length;
        byte[] frame = EapTlsFrame.encode(more, sent == 0 ? outgoing.length : -1, outgoing, sent, to);
        sent = to;
        if (!more) {
            outgoing = null;
        }
        return frame;
    }

    /** Adds a fragment; returns the whole TLS message with its last fragment, null while more are to come. */
    byte[] receive(EapTlsFrame frame) throws EapException {
        if (incoming == null) {
            if (frame.length() < 0 && frame.more()) {
                throw new EapException("EAP-TLS: the first fragment of a message lacks the L flag and length "
                        + "(RFC 5216 §2.1.5)");
            }
            expected = frame.length() < 0 ? frame.size() : frame.length();
            if (expected > MAX_MESSAGE) {
                throw new EapException("EAP-TLS: a TLS message of " + expected + " octets is more than the "
                        + MAX_MESSAGE + " Petrel takes");
            }
            incoming = new ByteArrayOutputStream();
        } else if (frame.length() >= 0 && frame.length() != expected) {
            throw new EapException("EAP-TLS: a fragment says the message has " + frame.length() + " octets, the "
                    + "first said " + expected);
        }
        incoming.writeBytes(frame.data());
        if (incoming.size() > expected || (frame.more() && incoming.size() == expected)
                || (!frame.more() && incoming.size() != expected)) {
            throw new EapException("EAP-TLS: fragments of " + incoming.size() + " octets" + (frame.more()
                    ? " and more to come" : "") + " do not make the " + expected + " the L flag announced (RFC 5216 "
                    + "§3.1)");
        }
        if (frame.more()) {
            return null;
        }
        byte[] message = incoming.toByteArray();
        incoming = null;
        return message;
    }
}
