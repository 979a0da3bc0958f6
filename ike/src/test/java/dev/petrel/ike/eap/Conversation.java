package dev.petrel.ike.eap;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an EAP conversation between a server and a peer, message by message, and keeps what each sent. It ends when
 * either side stops: the server with Success or Failure (which the peer then receives), or the peer with a Failure.
 */
public record Conversation(EapStep server, EapStep peer, List<byte[]> requests, List<byte[]> responses) {
    public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MAX_ROUNDS = 400;

    public static Conversation run(EapServer server, EapPeer peer) {
        List<byte[]> requests = new ArrayList<>();
        List<byte[]> responses = new ArrayList<>();
        EapStep serverStep = server.start();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            byte[] request = switch (serverStep) {
                case EapStep.Send s -> s.message();
                case EapStep.Success s -> s.message();
                case EapStep.Failure f -> f.message();
            };
            requests.add(request);
            EapStep peerStep = peer.receive(request, NOW);
            if (!(serverStep instanceof EapStep.Send) || !(peerStep instanceof EapStep.Send response)) {
                return new Conversation(serverStep, peerStep, requests, responses);
            }
            responses.add(response.message());
            serverStep = server.receive(response.message(), NOW);
        }
        throw new AssertionError("the conversation did not end in " + MAX_ROUNDS + " rounds");
    }

    public EapStep.Success serverSuccess() {
        return as(server, EapStep.Success.class, "server");
    }

    public EapStep.Success peerSuccess() {
        return as(peer, EapStep.Success.class, "peer");
    }

    public EapStep.Failure serverFailure() {
        return as(server, EapStep.Failure.class, "server");
    }

    public EapStep.Failure peerFailure() {
        return as(peer, EapStep.Failure.class, "peer");
    }

    private static <T extends EapStep> T as(EapStep step, Class<T> type, String side) {
        if (!type.isInstance(step)) {
            throw new AssertionError("the " + side + " ended with " + step + ", not " + type.getSimpleName());
        }
        return type.cast(step);
    }
}
