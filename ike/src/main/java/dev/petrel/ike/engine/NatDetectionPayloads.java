package dev.petrel.ike.engine;

import dev.petrel.ike.nat.NatDetection;
import dev.petrel.wire.ike.NotifyPayload;
import dev.petrel.wire.ike.NotifyType;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;

/**
 * The NAT_DETECTION_SOURCE_IP and NAT_DETECTION_DESTINATION_IP notifies of IKE_SA_INIT (RFC 7296 §2.23): sent by
 * both sides, compared with what each side sees. A connection that forces UDP encapsulation sends a source hash
 * that cannot match, so that both sides see a NAT and move to port 4500 (as strongSwan's {@code encap = yes}).
 */
final class NatDetectionPayloads {
    private NatDetectionPayloads() {}

    /** Our two notifies, hashed over the SPIs as the message carries them (SPIr is zero in the request). */
    static List<NotifyPayload> notifies(IkeSa sa, boolean forceEncapsulation, SecureRandom random) {
        byte[] source = NatDetection.hash(sa.initiatorSpi, sa.responderSpi, sa.local.address(), sa.local.port());
        if (forceEncapsulation) {
            random.nextBytes(source);
        }
        byte[] destination = NatDetection.hash(sa.initiatorSpi, sa.responderSpi, sa.remote.address(), sa.remote.port());
        return List.of(NotifyPayload.of(NotifyType.NAT_DETECTION_SOURCE_IP, source),
                NotifyPayload.of(NotifyType.NAT_DETECTION_DESTINATION_IP, destination));
    }

    /**
     * Compares the peer's notifies with the SPIs of {@code messageResponderSpi} (zero when the peer's message is the
     * request): no matching source hash means the peer is behind a NAT, a destination hash other than ours means
     * we are. A peer that sends neither does not do NAT traversal.
     */
    static void check(IkeSa sa, List<NotifyPayload> notifies, long messageResponderSpi) {
        byte[] peer = NatDetection.hash(sa.initiatorSpi, messageResponderSpi, sa.remote.address(), sa.remote.port());
        byte[] us = NatDetection.hash(sa.initiatorSpi, messageResponderSpi, sa.local.address(), sa.local.port());
        List<NotifyPayload> sources = notifies.stream()
                .filter(n -> n.notifyType() == NotifyType.NAT_DETECTION_SOURCE_IP.value()).toList();
        List<NotifyPayload> destinations = notifies.stream()
                .filter(n -> n.notifyType() == NotifyType.NAT_DETECTION_DESTINATION_IP.value()).toList();
        if (!sources.isEmpty()) {
            sa.remoteBehindNat = sources.stream().noneMatch(n -> MessageDigest.isEqual(n.data(), peer));
        }
        if (!destinations.isEmpty()) {
            sa.localBehindNat = destinations.stream().noneMatch(n -> MessageDigest.isEqual(n.data(), us));
        }
    }
}
