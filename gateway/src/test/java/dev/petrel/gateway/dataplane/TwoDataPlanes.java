package dev.petrel.gateway.dataplane;

import dev.petrel.esp.lifetime.LifetimeLimits;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.engine.ActivateChildSa;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import dev.petrel.wire.iana.EncryptionAlgorithm;
import dev.petrel.wire.iana.IntegrityAlgorithm;
import dev.petrel.wire.ike.ProtocolId;
import dev.petrel.wire.ip.UdpDatagram;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Two data planes back to back in memory, left (192.0.2.1, 198.51.100.0/24 behind it) and right (192.0.2.2,
 * 203.0.113.0/24), and CHILD_SAs between them as each side's engine would hand them out; the unknown SPIs and acquires
 * they report are noted.
 */
final class TwoDataPlanes implements AutoCloseable {
    static final InetAddress LEFT = InetAddress.ofLiteral("192.0.2.1");
    static final InetAddress RIGHT = InetAddress.ofLiteral("192.0.2.2");
    static final byte[] HOST_L = InetAddress.ofLiteral("198.51.100.10").getAddress();
    static final byte[] HOST_R = InetAddress.ofLiteral("203.0.113.20").getAddress();
    static final String LEFT_NET = "198.51.100.0/24";
    static final String RIGHT_NET = "203.0.113.0/24";

    final MemoryPorts.Outer leftOuter = new MemoryPorts.Outer(new InetSocketAddress(LEFT, 4500));
    final MemoryPorts.Outer rightOuter = new MemoryPorts.Outer(new InetSocketAddress(RIGHT, 4500));
    final MemoryPorts.Inner leftInner = new MemoryPorts.Inner();
    final MemoryPorts.Inner rightInner = new MemoryPorts.Inner();
    final List<Integer> unknownSpis = new CopyOnWriteArrayList<>();
    final List<String> acquires = new CopyOnWriteArrayList<>();
    final DataPlane left;
    final DataPlane right;

    TwoDataPlanes() {
        leftOuter.peer = rightOuter;
        rightOuter.peer = leftOuter;
        IkeLink link = new IkeLink() {
            @Override
            public void ikeDatagram(InetSocketAddress local, InetSocketAddress remote, byte[] message) {
            }

            @Override
            public void unknownSpi(InetAddress source, int spi) {
                unknownSpis.add(spi);
            }

            @Override
            public void acquire(String connection, String child) {
                acquires.add(connection + "/" + child);
            }
        };
        left = new DataPlane(leftInner, leftOuter, link).start();
        right = new DataPlane(rightInner, rightOuter, link).start();
    }

    /** The two halves of one CHILD_SA, sending at once both ways, without lifetimes. */
    void install(String child, int leftSpi, int rightSpi, String leftNet, String rightNet, boolean udp, ChildOptions options) {
        install(child, leftSpi, rightSpi, leftNet, rightNet, udp, options, LifetimeLimits.NONE);
    }

    /**
     * The two halves of one CHILD_SA with lifetimes, sending at once both ways; the right one first, so that what a
     * trap on the left releases finds it.
     */
    void install(String child, int leftSpi, int rightSpi, String leftNet, String rightNet, boolean udp,
            ChildOptions options, LifetimeLimits limits) {
        right.install(sa(child, rightSpi, leftSpi, rightNet, leftNet, RIGHT, LEFT, udp, limits, 0, true), options);
        left.install(sa(child, leftSpi, rightSpi, leftNet, rightNet, LEFT, RIGHT, udp, limits, 0, true), options);
    }

    /**
     * A rekeying of the left-to-right CHILD_SA {@code oldLeft}/{@code oldRight}, initiated on the left (RFC 7296 §2.8):
     * the responder installs the new pair before it answers, sending on it only once activated; the initiator then
     * installs it and sends on it at once.
     */
    void rekey(String child, int oldLeft, int oldRight, int newLeft, int newRight) {
        right.install(sa(child, newRight, newLeft, RIGHT_NET, LEFT_NET, RIGHT, LEFT, false, LifetimeLimits.NONE, oldRight,
                false), ChildOptions.DEFAULTS);
        left.install(sa(child, newLeft, newRight, LEFT_NET, RIGHT_NET, LEFT, RIGHT, false, LifetimeLimits.NONE, oldLeft,
                true), ChildOptions.DEFAULTS);
    }

    /** The initiator deleted the old CHILD_SA: the responder starts sending on the new one. */
    void activateRight(String child, int newRight, int oldRight) {
        right.activate(new ActivateChildSa(1, child, newRight, oldRight));
    }

    static void remove(DataPlane plane, String child, int inboundSpi, int outboundSpi) {
        plane.remove(new RemoveChildSa(1, child, ProtocolId.ESP, inboundSpi, outboundSpi));
    }

    static InstallChildSa sa(String child, int in, int out, String localNet, String remoteNet, InetAddress self,
            InetAddress peer, boolean udp, LifetimeLimits limits, int replaces, boolean active) {
        return new InstallChildSa(1, "test", child, ProtocolId.ESP, Mode.TUNNEL, in, out,
                EncryptionAlgorithm.ENCR_AES_GCM_16, 128, IntegrityAlgorithm.NONE, false, key(in), new byte[0], key(out),
                new byte[0], List.of(TrafficSelector.subnet(localNet)), List.of(TrafficSelector.subnet(remoteNet)),
                new Endpoint(self, 4500), new Endpoint(peer, 4500), udp, 64, limits, replaces, active);
    }

    /** The key of the SA with this SPI, the same on both sides. */
    private static byte[] key(int spi) {
        byte[] k = new byte[20]; // AES-128 key and 4-octet salt (RFC 4106 §8.1)
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (spi * 31 + i);
        }
        return k;
    }

    static byte[] udp(byte[] from, byte[] to, int size) {
        return UdpDatagram.packet(from, 40_000, to, 5_201, new byte[size]);
    }

    /** Waits up to 5 s for {@code condition}; whether it came true. */
    static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
