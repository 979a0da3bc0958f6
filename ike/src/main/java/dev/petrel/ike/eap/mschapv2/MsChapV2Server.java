package dev.petrel.ike.eap.mschapv2;

import dev.petrel.crypto.KeyMaterial;
import dev.petrel.ike.eap.EapException;
import dev.petrel.ike.eap.EapUsers;
import dev.petrel.ike.eap.Identities;
import dev.petrel.ike.eap.MethodResult;
import dev.petrel.ike.eap.ServerMethod;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * EAP-MSCHAPv2 on the authenticator's side (draft-kamath-pppext-eap-mschapv2-02, RFC 2759): a Challenge; the
 * peer's Response, whose NT-Response is checked against the password of the Name it carries (the name the response is
 * computed over, as strongSwan looks it up; it is the identity the peer authenticates as); then a Success request
 * with the authenticator response, which the peer acknowledges, and the MSK (RFC 3079). A wrong password or an
 * unknown user gets the same Failure request, {@code E=691 R=0} (no retry), which the peer acknowledges before
 * EAP-Failure.
 */
public final class MsChapV2Server implements ServerMethod {
    private static final byte[] NAME = "petrel".getBytes(StandardCharsets.US_ASCII);
    private static final int RESPONSE_VALUE = 49;
    private static final int MAX_NAME = 253;

    private enum State { CHALLENGED, SUCCEEDED, REFUSED }

    private final EapUsers users;
    private final SecureRandom random;
    private final byte[] challenge = new byte[MsChapV2.CHALLENGE_LENGTH];
    private State state = State.CHALLENGED;
    private int msChapV2Id;
    private String name;
    private String refusal;
    private byte[] msk;

    public MsChapV2Server(EapUsers users, SecureRandom random) {
        this.users = users;
        this.random = random;
        random.nextBytes(challenge);
    }

    @Override
    public byte[] start(int identifier) {
        msChapV2Id = identifier;
        byte[] data = new byte[1 + challenge.length + NAME.length];
        data[0] = (byte) challenge.length;
        System.arraycopy(challenge, 0, data, 1, challenge.length);
        System.arraycopy(NAME, 0, data, 1 + challenge.length, NAME.length);
        return new MsChapV2Packet(MsChapV2Packet.CHALLENGE, msChapV2Id, data).encode();
    }

    @Override
    public MethodResult receive(byte[] typeData, int nextIdentifier, Instant now) {
        try {
            return switch (state) {
                case CHALLENGED -> response(typeData);
                case SUCCEEDED -> acknowledged(typeData, MsChapV2Packet.SUCCESS)
                        ? new MethodResult.Authenticated(msk.clone(), name)
                        : new MethodResult.Failed("EAP-MSCHAPv2: the peer did not accept our authenticator response "
                                + "(it answered " + answer(typeData) + ")");
                case REFUSED -> new MethodResult.Failed(refusal + (acknowledged(typeData, MsChapV2Packet.FAILURE)
                        ? "; the peer acknowledged our Failure (E=691)" : "; the peer answered our Failure (E=691) with "
                        + answer(typeData)));
            };
        } catch (EapException e) {
            return new MethodResult.Failed(e.getMessage());
        }
    }

    @Override
    public Optional<String> refusal() {
        return state == State.REFUSED ? Optional.of(refusal) : Optional.empty();
    }

    private MethodResult response(byte[] typeData) throws EapException {
        if (acknowledged(typeData, MsChapV2Packet.FAILURE)) {
            return new MethodResult.Failed("EAP-MSCHAPv2: the peer gave up after our Challenge");
        }
        MsChapV2Packet packet = MsChapV2Packet.decode(typeData);
        byte[] data = packet.data();
        if (packet.opCode() != MsChapV2Packet.RESPONSE || packet.msChapV2Id() != msChapV2Id) {
            throw new EapException("EAP-MSCHAPv2: the peer answered our Challenge with "
                    + MsChapV2Packet.opCodeName(packet.opCode()) + " and MS-CHAPv2-ID " + packet.msChapV2Id()
                    + " (expected Response, " + msChapV2Id + ")");
        }
        if (data.length < 1 + RESPONSE_VALUE || data[0] != RESPONSE_VALUE) {
            throw new EapException("EAP-MSCHAPv2: the Response's Value is not 49 octets (RFC 2759 §4)");
        }
        byte[] peerChallenge = Arrays.copyOfRange(data, 1, 17);
        byte[] ntResponse = Arrays.copyOfRange(data, 25, 49);
        byte[] nameOctets = Arrays.copyOfRange(data, 1 + RESPONSE_VALUE, data.length);
        name = Identities.decode(nameOctets, MAX_NAME);
        byte[] password = users.password(name);
        if (password == null) {
            return refuse("EAP-MSCHAPv2: unknown user '" + name + "'");
        }
        byte[] hash = MsChapV2.ntPasswordHash(password);
        KeyMaterial.wipe(password);
        try {
            byte[] expected = MsChapV2.ntResponse(challenge, peerChallenge, nameOctets, hash);
            if (!MessageDigest.isEqual(expected, ntResponse)) {
                return refuse("EAP-MSCHAPv2: wrong password for '" + name + "'");
            }
            String authenticator = MsChapV2.authenticatorResponse(hash, ntResponse, peerChallenge, challenge,
                    nameOctets);
            msk = MsChapV2.msk(hash, ntResponse);
            state = State.SUCCEEDED;
            byte[] text = (authenticator + " M=Welcome to Petrel").getBytes(StandardCharsets.US_ASCII);
            return new MethodResult.Continue(new MsChapV2Packet(MsChapV2Packet.SUCCESS, msChapV2Id, text).encode());
        } finally {
            KeyMaterial.wipe(hash);
        }
    }

    /** A Failure request (RFC 2759 §6): authentication failure, no retry, a fresh challenge as the format wants. */
    private MethodResult refuse(String reason) {
        refusal = reason;
        state = State.REFUSED;
        byte[] fresh = new byte[MsChapV2.CHALLENGE_LENGTH];
        random.nextBytes(fresh);
        String text = "E=691 R=0 C=" + HexFormat.of().withUpperCase().formatHex(fresh) + " V=3 M=Authentication failed";
        return new MethodResult.Continue(new MsChapV2Packet(MsChapV2Packet.FAILURE, msChapV2Id,
                text.getBytes(StandardCharsets.US_ASCII)).encode());
    }

    private static boolean acknowledged(byte[] typeData, int opCode) {
        return typeData.length == 1 && (typeData[0] & 0xff) == opCode;
    }

    private static String answer(byte[] typeData) {
        return typeData.length == 0 ? "nothing" : MsChapV2Packet.opCodeName(typeData[0] & 0xff);
    }

    @Override
    public void destroy() {
        KeyMaterial.wipe(challenge);
        KeyMaterial.wipe(msk);
    }
}
