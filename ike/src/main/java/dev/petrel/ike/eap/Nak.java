package dev.petrel.ike.eap;

import java.util.ArrayList;
import java.util.List;

/**
 * The Type-Data of a Nak (RFC 3748 §5.3): the peer will not do the method the server asked for and names the ones it
 * would. A legacy Nak (Type 3) lists one octet per type, 0 alone meaning none (§5.3.1); an Expanded Nak, the answer
 * to an expanded-type request (§5.3.2), is an expanded type of its own (254, Vendor-Id 0, Vendor-Type 3) followed by
 * the wanted types as expanded types with Vendor-Id 0.
 */
public final class Nak {
    private static final int EXPANDED_TYPE_LENGTH = 8;

    private Nak() {}

    /** A legacy Nak's Type-Data naming {@code wanted}, or 0 when it is empty. */
    public static byte[] legacy(List<EapType> wanted) {
        if (wanted.isEmpty()) {
            return new byte[] {0};
        }
        byte[] out = new byte[wanted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) wanted.get(i).value();
        }
        return out;
    }

    /** An Expanded Nak's Type-Data, after its Type octet 254, naming {@code wanted}, or type 0 when it is empty. */
    public static byte[] expanded(List<EapType> wanted) {
        List<Integer> types = new ArrayList<>();
        wanted.forEach(t -> types.add(t.value()));
        if (types.isEmpty()) {
            types.add(0);
        }
        byte[] out = new byte[7 + EXPANDED_TYPE_LENGTH * types.size()];
        out[6] = (byte) EapType.NAK.value(); // Vendor-Id 0, Vendor-Type 3
        for (int i = 0; i < types.size(); i++) {
            int at = 7 + EXPANDED_TYPE_LENGTH * i;
            out[at] = (byte) EapPacket.EXPANDED;
            out[at + EXPANDED_TYPE_LENGTH - 1] = (byte) (int) types.get(i);
        }
        return out;
    }

    /** The types a legacy Nak's Type-Data asks for; empty when it says 0, none. */
    public static List<Integer> decodeLegacy(byte[] typeData) throws EapException {
        if (typeData.length == 0) {
            throw new EapException("an EAP-Nak names no type, not even 0 for none (RFC 3748 §5.3.1)");
        }
        List<Integer> out = new ArrayList<>();
        for (byte b : typeData) {
            int t = b & 0xff;
            if (t == 0 && typeData.length > 1) {
                throw new EapException("an EAP-Nak lists type 0, none, among other types (RFC 3748 §5.3.1)");
            }
            if (t != 0) {
                out.add(t);
            }
        }
        return out;
    }
}
