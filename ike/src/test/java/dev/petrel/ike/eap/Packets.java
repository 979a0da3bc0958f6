package dev.petrel.ike.eap;

/** Decoding in tests, where a packet that does not decode is a failed assertion. */
public final class Packets {
    private Packets() {}

    public static EapPacket decode(byte[] message) {
        try {
            return EapPacket.decode(message);
        } catch (EapException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
