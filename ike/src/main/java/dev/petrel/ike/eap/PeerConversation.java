package dev.petrel.ike.eap;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The peer's side of one EAP conversation (RFC 3748 §2): it answers EAP-Identity with our identity, acknowledges
 * EAP-Notification (§5.2), takes the first request of a method it wants and answers any other with a Nak naming those
 * it wants (§5.3), then lets that method answer the rest. Every response carries its request's Identifier; a request
 * repeated octet for octet gets the same response again (§4.1, a retransmission). EAP-Success is accepted only after
 * the method finished and with the Identifier of our last response (§4.2); EAP-Failure ends the conversation. At most
 * {@link ServerConversation#MAX_RESPONSES} requests are answered.
 */
final class PeerConversation implements EapPeer {
    /** A Notification's text goes into a failure's reason, shortened to this many characters. */
    private static final int NOTIFICATION_SHOWN = 200;

    private final String identity;
    private final List<EapType> wanted;
    private final Function<EapType, PeerMethod> methods;
    private PeerMethod method;
    private EapType methodType;
    private byte[] lastRequest;
    private byte[] lastResponse;
    private int lastIdentifier = -1;
    private int requests;
    private String notification;
    private boolean ended;

    /** {@code wanted}: the methods we take, in order of preference; {@code methods} makes one of them. */
    PeerConversation(String identity, List<EapType> wanted, Function<EapType, PeerMethod> methods) {
        this.identity = identity;
        this.wanted = List.copyOf(wanted);
        this.methods = methods;
    }

    @Override
    public EapStep receive(byte[] message, Instant now) {
        if (ended) {
            return new EapStep.Failure(null, "an EAP message arrived after the conversation ended");
        }
        try {
            EapPacket packet = EapPacket.decode(message);
            return switch (packet.code()) {
                case REQUEST -> request(packet, message, now);
                case RESPONSE -> throw new EapException("the server sent an EAP Response; a peer takes Requests, "
                        + "Success and Failure (RFC 3748 §4)");
                case SUCCESS -> success(packet);
                case FAILURE -> fail("the server sent EAP-Failure" + context());
            };
        } catch (EapException e) {
            return fail(e.getMessage());
        }
    }

    private EapStep request(EapPacket request, byte[] message, Instant now) throws EapException {
        byte[] octets = message.clone();
        if (request.identifier() == lastIdentifier && Arrays.equals(octets, lastRequest)) {
            return new EapStep.Send(lastResponse.clone());
        }
        if (++requests > ServerConversation.MAX_RESPONSES) {
            throw new EapException("the server sent more than " + ServerConversation.MAX_RESPONSES + " EAP Requests");
        }
        EapPacket response = answer(request, now);
        lastRequest = octets;
        lastIdentifier = request.identifier();
        lastResponse = response.encode();
        return new EapStep.Send(lastResponse.clone());
    }

    /** The response to {@code request}; a method it starts becomes {@link #method}. */
    private EapPacket answer(EapPacket request, Instant now) throws EapException {
        int type = request.type();
        if (type == EapType.IDENTITY.value()) {
            return EapPacket.response(request.identifier(), type, Identities.encode(identity));
        }
        if (type == EapType.NOTIFICATION.value()) {
            byte[] text = request.typeData();
            notification = Identities.printable(text, text.length, NOTIFICATION_SHOWN);
            return EapPacket.response(request.identifier(), type, new byte[0]);
        }
        if (type == EapType.NAK.value()) {
            throw new EapException("the server sent an EAP-Nak Request; a Nak is a Response (RFC 3748 §5.3)");
        }
        if (method == null) {
            EapType known = request.knownType();
            if (known == null || !wanted.contains(known)) {
                return type == EapPacket.EXPANDED
                        ? EapPacket.response(request.identifier(), EapPacket.EXPANDED, Nak.expanded(wanted))
                        : EapPacket.response(request.identifier(), EapType.NAK.value(), Nak.legacy(wanted));
            }
            method = methods.apply(known);
            methodType = known;
        } else if (type != methodType.value()) {
            throw new EapException("the server asked for " + EapPacket.typeName(type) + " in the middle of "
                    + methodType.text() + " (RFC 3748 §2.1)");
        }
        return switch (method.receive(request.typeData(), request.identifier(), now)) {
            case MethodResult.Continue c -> EapPacket.response(request.identifier(), type, c.typeData());
            case MethodResult.Failed f -> throw new EapException(f.reason());
            case MethodResult.Authenticated a -> throw new IllegalStateException("a peer method authenticated " + a);
        };
    }

    private EapStep success(EapPacket success) throws EapException {
        if (method == null || !method.finished()) {
            throw new EapException("the server sent EAP-Success before " + (method == null ? "any method ran"
                    : methodType.text() + " finished (" + method.status() + ")") + " (RFC 3748 §4.2)");
        }
        if (success.identifier() != lastIdentifier) {
            throw new EapException("the EAP-Success has Identifier " + success.identifier() + ", our last Response "
                    + lastIdentifier + " (RFC 3748 §4.2)");
        }
        byte[] msk = method.msk();
        end();
        return new EapStep.Success(null, msk, identity);
    }

    private String context() {
        return (method == null ? "" : " during " + methodType.text() + " (" + method.status() + ")")
                + (notification == null ? "" : "; its last EAP-Notification said \"" + notification + "\"");
    }

    private EapStep fail(String reason) {
        end();
        return new EapStep.Failure(null, reason);
    }

    private void end() {
        ended = true;
        destroy();
    }

    @Override
    public X509Certificate serverCertificate() {
        return method == null ? null : method.serverCertificate();
    }

    @Override
    public void destroy() {
        if (method != null) {
            method.destroy();
        }
    }
}
