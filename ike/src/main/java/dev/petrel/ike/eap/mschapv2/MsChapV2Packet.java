package dev.petrel.ike.eap.mschapv2;

import dev.petrel.ike.eap.EapException;
import java.util.Arrays;

/**
 * The Type-Data of an EAP-MSCHAPv2 packet (draft-kamath-pppext-eap-mschapv2-02 §2): OpCode, MS-CHAPv2-ID, MS-Length
 * (the EAP Length less 5, which is the Type-Data's own length) and the OpCode's data. The peer's Success and Failure
 * responses are the OpCode alone.
 *
 * @param data what follows MS-Length: Value-Size, Value and Name for Challenge and Response, a message for Success and
 *     Failure requests
 */
record MsChapV2Packet(int opCode, int msChapV2Id, byte[] data) {
    static final int CHALLENGE = 1;
    static final int RESPONSE = 2;
    static final int SUCCESS = 3;
    static final int FAILURE = 4;
    private static final int HEADER = 4;

    MsChapV2Packet {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    byte[] encode() {
        int length = HEADER + data.length;
        byte[] out = new byte[length];
        out[0] = (byte) opCode;
        out[1] = (byte) msChapV2Id;
        out[2] = (byte) (length >>> 8);
        out[3] = (byte) length;
        System.arraycopy(data, 0, out, HEADER, data.length);
        return out;
    }

    static MsChapV2Packet decode(byte[] typeData) throws EapException {
        if (typeData.length < HEADER) {
            throw new EapException("EAP-MSCHAPv2: " + typeData.length + " octets of Type-Data are too few for OpCode, "
                    + "MS-CHAPv2-ID and MS-Length");
        }
        int msLength = (typeData[2] & 0xff) << 8 | typeData[3] & 0xff;
        if (msLength != typeData.length) {
            throw new EapException("EAP-MSCHAPv2: MS-Length " + msLength + " is not the EAP Length less 5, "
                    + typeData.length);
        }
        return new MsChapV2Packet(typeData[0] & 0xff, typeData[1] & 0xff, Arrays.copyOfRange(typeData, HEADER,
                typeData.length));
    }

    /** A Success or Failure response: the OpCode alone. */
    static byte[] opCodeOnly(int opCode) {
        return new byte[] {(byte) opCode};
    }

    static String opCodeName(int opCode) {
        return switch (opCode) {
            case CHALLENGE -> "Challenge";
            case RESPONSE -> "Response";
            case SUCCESS -> "Success";
            case FAILURE -> "Failure";
            case 7 -> "Change-Password";
            default -> "OpCode " + opCode;
        };
    }
}
