package dev.petrel.ike.eap;

import dev.petrel.wire.iana.IanaValue;
import java.util.Arrays;

/**
 * One EAP packet (RFC 3748 §4): Code, Identifier, and for a Request or Response the Type and its Type-Data. Success
 * and Failure have no Type ({@link #NO_TYPE}). {@link #decode} is strict: the Length field must fit the octets
 * received (octets beyond it are padding, §4.1), a Request or Response needs a Type other than 0, a Success or
 * Failure is exactly 4 octets.
 *
 * @param type the method type (an {@link EapType} value, or any other number a peer may send), {@link #NO_TYPE} for
 *     Success and Failure
 */
public record EapPacket(EapCode code, int identifier, int type, byte[] typeData) {
    /** The Type of Success and Failure, which carry none; 0 is reserved in the registry. */
    public static final int NO_TYPE = 0;
    /** The Expanded Type (§5.7). */
    public static final int EXPANDED = 254;
    /** The largest EAP packet: its Length field is 16 bits. */
    public static final int MAX_LENGTH = 0xffff;
    private static final int HEADER = 4;

    public EapPacket {
        if (identifier < 0 || identifier > 0xff) {
            throw new IllegalArgumentException("EAP Identifier " + identifier + " is not one octet");
        }
        typeData = typeData.clone();
        boolean hasType = code == EapCode.REQUEST || code == EapCode.RESPONSE;
        if (hasType != (type != NO_TYPE) || type < 0 || type > 0xff || (!hasType && typeData.length > 0)
                || HEADER + (hasType ? 1 : 0) + typeData.length > MAX_LENGTH) {
            throw new IllegalArgumentException("an EAP " + code + " with Type " + type + " and " + typeData.length
                    + " octets of Type-Data");
        }
    }

    public static EapPacket request(int identifier, EapType type, byte[] typeData) {
        return new EapPacket(EapCode.REQUEST, identifier, type.value(), typeData);
    }

    public static EapPacket response(int identifier, int type, byte[] typeData) {
        return new EapPacket(EapCode.RESPONSE, identifier, type, typeData);
    }

    public static EapPacket success(int identifier) {
        return new EapPacket(EapCode.SUCCESS, identifier, NO_TYPE, new byte[0]);
    }

    public static EapPacket failure(int identifier) {
        return new EapPacket(EapCode.FAILURE, identifier, NO_TYPE, new byte[0]);
    }

    @Override
    public byte[] typeData() {
        return typeData.clone();
    }

    /** The Type as a known method, or null. */
    public EapType knownType() {
        return IanaValue.byValue(EapType.class, type).orElse(null);
    }

    public byte[] encode() {
        boolean hasType = type != NO_TYPE;
        int length = HEADER + (hasType ? 1 : 0) + typeData.length;
        byte[] out = new byte[length];
        out[0] = (byte) code.value();
        out[1] = (byte) identifier;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        if (hasType) {
            out[4] = (byte) type;
            System.arraycopy(typeData, 0, out, 5, typeData.length);
        }
        return out;
    }

    public static EapPacket decode(byte[] message) throws EapException {
        if (message.length < HEADER) {
            throw new EapException("an EAP packet of " + message.length + " octets is shorter than its 4-octet header "
                    + "(RFC 3748 §4)");
        }
        EapCode code = IanaValue.byValue(EapCode.class, message[0] & 0xff).orElseThrow(() -> new EapException(
                "EAP Code " + (message[0] & 0xff) + " is none of Request, Response, Success, Failure (RFC 3748 §4)"));
        int identifier = message[1] & 0xff;
        int length = (message[2] & 0xff) << 8 | message[3] & 0xff;
        if (length > message.length) {
            throw new EapException("the EAP Length field says " + length + " octets, but " + message.length
                    + " arrived (RFC 3748 §4.1)");
        }
        if (code == EapCode.SUCCESS || code == EapCode.FAILURE) {
            if (length != HEADER) {
                throw new EapException("an EAP " + code + " has Length " + length + "; it must be 4 (RFC 3748 §4.2)");
            }
            return new EapPacket(code, identifier, NO_TYPE, new byte[0]);
        }
        if (length < HEADER + 1) {
            throw new EapException("an EAP " + code + " has Length " + length + ", leaving no room for its Type "
                    + "(RFC 3748 §4.1)");
        }
        int type = message[4] & 0xff;
        if (type == NO_TYPE) {
            throw new EapException("an EAP " + code + " has Type 0, which is reserved (RFC 3748 §5)");
        }
        return new EapPacket(code, identifier, type, Arrays.copyOfRange(message, HEADER + 1, length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EapPacket p && p.code == code && p.identifier == identifier && p.type == type
                && Arrays.equals(p.typeData, typeData);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * code.hashCode() + identifier) + type;
    }

    /** Code, Identifier, Type and the size of the Type-Data: methods carry secrets there, so never its octets. */
    @Override
    public String toString() {
        return "EapPacket[" + code + " " + identifier + (type == NO_TYPE ? "" : ", type " + typeName(type) + ", "
                + typeData.length + " octets") + "]";
    }

    /** The registry's name of a type, or its number. */
    public static String typeName(int type) {
        return IanaValue.byValue(EapType.class, type).map(EapType::text).orElse("EAP type " + type);
    }
}
