package dev.petrel.ike.eap;

import dev.petrel.ike.config.EapPolicy;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authenticator's side of one EAP conversation (RFC 3748 §2): EAP-Identity first if the policy asks, then the
 * configured method. Each request takes the next Identifier, starting at a random one (§4.1), and each response must
 * carry the Identifier of the request outstanding. A Nak to the method's first request (§5.3.1) ends the conversation
 * unless it names the configured method, which then starts over once. The conversation is bounded: at most
 * {@link #MAX_RESPONSES} responses.
 */
final class ServerConversation implements EapServer {
    /** Enough for EAP-TLS with 64 KiB flights in 1000-octet fragments; a peer that needs more is broken or hostile. */
    static final int MAX_RESPONSES = 160;
    /** Network Access Identifiers are at most 253 octets (RFC 7542 §2.2); EAP-Identity carries one. */
    static final int MAX_IDENTITY = 253;

    private enum State { NEW, IDENTITY, METHOD, ENDED }

    private final EapPolicy policy;
    private final EapType type;
    private final String ikeIdentity;
    private final Function<String, ServerMethod> methods;
    private State state = State.NEW;
    private int identifier;
    private int responses;
    private boolean methodAnswered;
    private boolean restarted;
    private String identity;
    private ServerMethod method;

    /** {@code methods} makes the configured method for the peer's EAP identity. */
    ServerConversation(EapPolicy policy, String ikeIdentity, SecureRandom random, Function<String, ServerMethod> methods) {
        this.policy = policy;
        this.type = policy.method();
        this.ikeIdentity = ikeIdentity;
        this.methods = methods;
        this.identifier = random.nextInt(256);
    }

    @Override
    public EapStep start() {
        if (state != State.NEW) {
            throw new IllegalStateException("the EAP conversation has started already");
        }
        if (policy.askIdentity()) {
            state = State.IDENTITY;
            return send(EapPacket.request(identifier, EapType.IDENTITY, new byte[0]));
        }
        return beginMethod(ikeIdentity);
    }

    @Override
    public EapStep receive(byte[] message, Instant now) {
        if (state == State.NEW || state == State.ENDED) {
            return new EapStep.Failure(null, "an EAP message arrived " + (state == State.NEW
                    ? "before the conversation started" : "after the conversation ended"));
        }
        try {
            EapPacket response = EapPacket.decode(message);
            check(response);
            return state == State.IDENTITY ? identityResponse(response) : methodResponse(response, now);
        } catch (EapException e) {
            return fail(e.getMessage());
        }
    }

    @Override
    public Optional<String> refusal() {
        return state == State.METHOD ? method.refusal() : Optional.empty();
    }

    private void check(EapPacket response) throws EapException {
        if (response.code() != EapCode.RESPONSE) {
            throw new EapException("the peer sent an EAP " + response.code() + "; an authenticator takes Responses "
                    + "only (RFC 3748 §4)");
        }
        if (response.identifier() != identifier) {
            throw new EapException("the EAP Response has Identifier " + response.identifier() + ", the outstanding "
                    + "request " + identifier + " (RFC 3748 §4.1)");
        }
        if (++responses > MAX_RESPONSES) {
            throw new EapException("the peer sent more than " + MAX_RESPONSES + " EAP Responses");
        }
    }

    private EapStep identityResponse(EapPacket response) throws EapException {
        if (response.type() != EapType.IDENTITY.value()) {
            throw new EapException("the peer answered EAP-Identity with " + EapPacket.typeName(response.type()));
        }
        return beginMethod(Identities.decode(response.typeData(), MAX_IDENTITY));
    }

    private EapStep beginMethod(String peerIdentity) {
        identity = peerIdentity;
        method = methods.apply(peerIdentity);
        state = State.METHOD;
        identifier = next(identifier);
        return send(EapPacket.request(identifier, type, method.start(identifier)));
    }

    private EapStep methodResponse(EapPacket response, Instant now) throws EapException {
        if (response.type() == EapType.NAK.value() && !methodAnswered) {
            return nak(Nak.decodeLegacy(response.typeData()));
        }
        if (response.type() != type.value()) {
            throw new EapException("the peer answered " + type.text() + " with " + EapPacket.typeName(response.type())
                    + (response.type() == EapType.NAK.value() ? " after it had taken part in the method (RFC 3748 "
                    + "§5.3.1: a Nak answers the first request only)" : ""));
        }
        methodAnswered = true;
        int next = next(identifier);
        return switch (method.receive(response.typeData(), next, now)) {
            case MethodResult.Continue c -> {
                identifier = next;
                yield send(EapPacket.request(identifier, type, c.typeData()));
            }
            case MethodResult.Authenticated a -> {
                end();
                yield new EapStep.Success(EapPacket.success(identifier).encode(), a.msk(), a.identity());
            }
            case MethodResult.Failed f -> fail(f.reason());
        };
    }

    private EapStep nak(List<Integer> wanted) throws EapException {
        if (!wanted.contains(type.value())) {
            throw new EapException("the peer will not do " + type.text() + ", the configured method: its Nak asks for "
                    + (wanted.isEmpty() ? "no method at all" : wanted.stream().map(EapPacket::typeName).toList()));
        }
        if (restarted) {
            throw new EapException("the peer Nak'd " + type.text() + " twice while asking for it");
        }
        restarted = true;
        method.destroy();
        return beginMethod(identity);
    }

    private EapStep fail(String reason) {
        end();
        return new EapStep.Failure(EapPacket.failure(identifier).encode(), reason);
    }

    private void end() {
        state = State.ENDED;
        destroy();
    }

    private static EapStep send(EapPacket request) {
        return new EapStep.Send(request.encode());
    }

    private static int next(int identifier) {
        return (identifier + 1) & 0xff;
    }

    @Override
    public void destroy() {
        if (method != null) {
            method.destroy();
        }
    }
}
