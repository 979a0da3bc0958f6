package dev.petrel.ike.eap.mschapv2;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.eap.EapException;
import dev.petrel.ike.eap.MethodResult;
import dev.petrel.ike.eap.PeerMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * EAP-MSCHAPv2 on the peer's side (draft-kamath-pppext-eap-mschapv2-02, RFC 2759): it answers the Challenge with a
 * Response over our name; it checks the server's authenticator response in the Success request ({@code S=}, §5),
 * which shows the server knows the password, and only then acknowledges and is finished; a Failure request is
 * acknowledged too (no retry, no password change), and its error stays for the reason of the EAP-Failure to follow.
 */
public final class MsChapV2Peer implements PeerMethod {
    private static final int AUTHENTICATOR_HEX = 40;

    private enum State { NEW, RESPONDED, FINISHED, REFUSED }

    private final byte[] name;
    private final byte[] password;
    private final SecureRandom random;
    private State state = State.NEW;
    private int msChapV2Id;
    private byte[] authenticator;
    private byte[] msk;
    private String refusal;

    /** {@code password} becomes this method's, which wipes it. */
    public MsChapV2Peer(String name, byte[] password, SecureRandom random) {
        this.name = name.getBytes(StandardCharsets.UTF_8);
        this.password = password;
        this.random = random;
    }

    @Override
    public MethodResult receive(byte[] typeData, int identifier, Instant now) {
        try {
            MsChapV2Packet packet = MsChapV2Packet.decode(typeData);
            int opCode = packet.opCode();
            if (state == State.NEW && opCode == MsChapV2Packet.CHALLENGE) {
                return challenge(packet);
            }
            if (state == State.RESPONDED && opCode == MsChapV2Packet.SUCCESS) {
                return success(packet);
            }
            if (state == State.RESPONDED && opCode == MsChapV2Packet.FAILURE) {
                Map<String, String> fields = MsChapV2Text.fields(packet.data());
                refusal = "the server's MS-CHAPv2 Failure said E=" + MsChapV2Text.error(fields.getOrDefault("E", "?"))
                        + (fields.containsKey("M") ? ", \"" + fields.get("M") + "\"" : "");
                state = State.REFUSED;
                return new MethodResult.Continue(MsChapV2Packet.opCodeOnly(MsChapV2Packet.FAILURE));
            }
            throw new EapException("EAP-MSCHAPv2: an unexpected " + MsChapV2Packet.opCodeName(opCode) + " request ("
                    + status() + ")");
        } catch (EapException e) {
            return new MethodResult.Failed(e.getMessage());
        }
    }

    private MethodResult challenge(MsChapV2Packet packet) throws EapException {
        byte[] data = packet.data();
        if (data.length < 1 + MsChapV2.CHALLENGE_LENGTH || data[0] != MsChapV2.CHALLENGE_LENGTH) {
            throw new EapException("EAP-MSCHAPv2: the Challenge's Value is not 16 octets (RFC 2759 §3)");
        }
        byte[] serverChallenge = Arrays.copyOfRange(data, 1, 1 + MsChapV2.CHALLENGE_LENGTH);
        byte[] peerChallenge = new byte[MsChapV2.CHALLENGE_LENGTH];
        random.nextBytes(peerChallenge);
        byte[] hash = MsChapV2.ntPasswordHash(password);
        byte[] ntResponse = MsChapV2.ntResponse(serverChallenge, peerChallenge, name, hash);
        authenticator = MsChapV2.authenticatorResponse(hash, ntResponse, peerChallenge, serverChallenge, name)
                .substring(2).getBytes(StandardCharsets.US_ASCII);
        msk = MsChapV2.msk(hash, ntResponse);
        KeyMaterial.wipe(hash);
        msChapV2Id = packet.msChapV2Id();
        // Response (RFC 2759 §4): Value-Size 49, Peer-Challenge, 8 reserved zero octets, NT-Response, Flags 0, Name
        byte[] response = new byte[1 + 49 + name.length];
        response[0] = 49;
        System.arraycopy(peerChallenge, 0, response, 1, peerChallenge.length);
        System.arraycopy(ntResponse, 0, response, 25, ntResponse.length);
        System.arraycopy(name, 0, response, 50, name.length);
        state = State.RESPONDED;
        return new MethodResult.Continue(new MsChapV2Packet(MsChapV2Packet.RESPONSE, msChapV2Id, response).encode());
    }

    private MethodResult success(MsChapV2Packet packet) throws EapException {
        String sent = MsChapV2Text.fields(packet.data()).get("S");
        if (sent == null || sent.length() != AUTHENTICATOR_HEX || !sent.chars().allMatch(HexFormat::isHexDigit)) {
            throw new EapException("EAP-MSCHAPv2: the Success request has no authenticator response S= of 40 "
                    + "hexadecimal digits (RFC 2759 §5)");
        }
        byte[] received = sent.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(received, authenticator)) {
            throw new EapException("EAP-MSCHAPv2: the server's authenticator response is wrong: it does not know our "
                    + "password (RFC 2759 §5)");
        }
        state = State.FINISHED;
        return new MethodResult.Continue(MsChapV2Packet.opCodeOnly(MsChapV2Packet.SUCCESS));
    }

    @Override
    public boolean finished() {
        return state == State.FINISHED;
    }

    @Override
    public byte[] msk() {
        return finished() ? msk.clone() : null;
    }

    @Override
    public String status() {
        return switch (state) {
            case NEW -> "no Challenge yet";
            case RESPONDED -> "our Response is unanswered";
            case FINISHED -> "the server proved it knows the password";
            case REFUSED -> refusal;
        };
    }

    @Override
    public void destroy() {
        KeyMaterial.wipe(password);
        KeyMaterial.wipe(authenticator);
        KeyMaterial.wipe(msk);
    }
}
