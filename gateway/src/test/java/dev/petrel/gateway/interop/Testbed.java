package dev.petrel.gateway.interop;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.SendDatagram;
import dev.petrel.ike.event.MessageDropped;
import dev.petrel.testkit.interop.StrongSwanPeer;
import dev.petrel.testkit.interop.SwanctlIkeSa;
import dev.petrel.testkit.netns.Netns;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.wire.ike.IkeHeader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One case's network and what either side does in it: a fresh {@link TestNetwork}, charon in its right namespace with
 * the case's {@link Connection} and its log at level 4 (keys included), and Petrel in the left one. {@link #close()}
 * stops both and removes the namespaces and charon's files.
 */
final class Testbed implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Connection connection;
    private final TestNetwork network;
    private final Path work;
    private final StrongSwanPeer charon;
    private final PetrelPeer petrel;

    /** The IKE SA as each side sees it. */
    record Established(IkeSaView petrel, SwanctlIkeSa strongSwan) {
        ChildSa child(String name) {
            return child(petrel, name);
        }

        static ChildSa child(IkeSaView sa, String name) {
            return sa.children().stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("Petrel has no CHILD_SA " + name + ": " + sa.children()));
        }
    }

    private Testbed(Connection connection, TestNetwork network, Path work, StrongSwanPeer charon, PetrelPeer petrel) {
        this.connection = connection;
        this.network = network;
        this.work = work;
        this.charon = charon;
        this.petrel = petrel;
    }

    /** Both peers with {@code connection} and default settings. */
    static Testbed start(Connection connection) throws Exception {
        return start(connection, Map.of(), EngineSettings.DEFAULTS);
    }

    /** Both peers with {@code connection}, charon with {@code charonSettings} (strongswan.conf keys), Petrel with {@code settings}. */
    static Testbed start(Connection connection, Map<String, String> charonSettings, EngineSettings settings) throws Exception {
        TestNetwork network = TestNetwork.create("pik");
        Path work = null;
        StrongSwanPeer charon = null;
        try {
            work = Files.createTempDirectory("petrel-ike");
            charon = StrongSwanPeer.start(network.right(), work, connection.swanctlConf(), connection.swanctlFiles(),
                    charonSettings, 4);
            return new Testbed(connection, network, work, charon, PetrelPeer.start(network, connection, settings));
        } catch (Exception e) {
            close(e, charon, work, network);
            throw e;
        }
    }

    StrongSwanPeer charon() {
        return charon;
    }

    PetrelPeer petrel() {
        return petrel;
    }

    /**
     * Leaves one half-open IKE SA at charon (RFC 7296 §2.6): an IKE_SA_INIT request like Petrel's, sent from another
     * port of the left host, whose answer nobody reads. Returns charon's unique id of that SA once charon lists it.
     */
    String halfOpenAtCharon() throws Exception {
        try (DatagramChannel stray = Netns.call(network.left(),
                () -> DatagramChannel.open().bind(new InetSocketAddress(connection.left(), 0)))) {
            Endpoint from = Endpoint.of((InetSocketAddress) stray.getLocalAddress());
            Endpoint to = new Endpoint(connection.right(), Endpoint.IKE_PORT);
            IkeEngine engine = new IkeEngine(EngineSettings.DEFAULTS, List.of(connection.petrel()), new SecureRandom());
            byte[] request = engine.initiate(Connection.NAME, "net", from, to, Instant.now()).stream()
                    .filter(a -> a instanceof SendDatagram).map(a -> ((SendDatagram) a).message()).findFirst().orElseThrow();
            stray.send(ByteBuffer.wrap(request), to.socketAddress());
            long spi = IkeHeader.decode(request, 0, request.length).initiatorSpi();
            return charon.awaitSas(sas -> sas.stream().anyMatch(sa -> sa.initiatorSpi() == spi), "the half-open IKE_SA", WAIT)
                    .stream().filter(sa -> sa.initiatorSpi() == spi).findFirst().orElseThrow().attributes().get("uniqueid");
        }
    }

    /**
     * {@code side} sets up the IKE SA with CHILD_SA "net" inside IKE_AUTH (RFC 7296 §1.2); both sides agree on both
     * ({@link #established}, {@link #assertChildAgrees}).
     */
    Established establish(Side side) throws Exception {
        if (side == Side.PETREL) {
            petrel.initiate();
        } else {
            charon.initiate("net");
        }
        Established sa = established(1);
        assertChildAgrees(sa, "net", side);
        return sa;
    }

    /** {@code side} adds CHILD_SA "net2" to the IKE SA with CREATE_CHILD_SA (RFC 7296 §1.3.1). */
    void createChild(Side side) throws Exception {
        if (side == Side.PETREL) {
            long id = ikeSaId();
            petrel.act(e -> e.createChildSa(id, "net2", Instant.now()));
        } else {
            charon.initiate("net2");
        }
    }

    /** {@code side} deletes CHILD_SA {@code name} with an INFORMATIONAL Delete (RFC 7296 §1.4.1). */
    void deleteChild(Side side, String name) throws Exception {
        if (side == Side.PETREL) {
            IkeSaView sa = petrel.sas().getFirst();
            int spi = Established.child(sa, name).inboundSpi();
            petrel.act(e -> e.deleteChildSa(sa.id(), spi, Instant.now()));
        } else {
            charon.terminateChild(name);
        }
    }

    /** {@code side} deletes the IKE SA and with it every CHILD_SA (RFC 7296 §1.4.1); then {@link #assertNothingLeft}. */
    void deleteIke(Side side) throws Exception {
        if (side == Side.PETREL) {
            long id = ikeSaId();
            petrel.act(e -> e.deleteIkeSa(id, Instant.now()));
        } else {
            charon.terminateIke(Connection.NAME);
        }
        assertNothingLeft();
    }

    /**
     * Waits until both sides hold the IKE SA established with {@code children} installed CHILD_SAs, checks that they
     * agree on it ({@link Agreement#ikeSa}), and returns both views.
     */
    Established established(int children) throws Exception {
        IkeSaView ours = petrel.awaitEstablished(children);
        SwanctlIkeSa theirs = charon.awaitSas(sas -> ours(sas).size() == 1 && ours(sas).getFirst().state().equals("ESTABLISHED")
                && ours(sas).getFirst().children().size() == children
                && ours(sas).getFirst().children().stream().allMatch(c -> c.state().equals("INSTALLED")),
                "one established IKE_SA with " + children + " installed CHILD_SAs", WAIT).stream()
                .filter(sa -> sa.name().equals(Connection.NAME)).findFirst().orElseThrow();
        Agreement.ikeSa(ours, theirs);
        return new Established(ours, theirs);
    }

    /** Both sides agree on CHILD_SA {@code name}, whose exchange {@code initiator} started ({@link Agreement#childSa}). */
    void assertChildAgrees(Established sa, String name, Side initiator) throws Exception {
        Agreement.childSa(sa.child(name), petrel, sa.strongSwan(), charon, initiator);
    }

    /**
     * Neither side holds an SA, Petrel removed every CHILD_SA it installed from the data plane, and it dropped no
     * message strongSwan sent.
     */
    private void assertNothingLeft() throws Exception {
        petrel.awaitNoSas();
        charon.awaitSas(List::isEmpty, "empty listing", WAIT);
        assertEquals(List.of(), petrel.of(MessageDropped.class), "messages Petrel dropped");
        assertEquals(petrel.of(InstallChildSa.class).stream().map(i -> List.of(i.inboundSpi(), i.outboundSpi())).collect(toSet()),
                petrel.removed().stream().map(r -> List.of(r.inboundSpi(), r.outboundSpi())).collect(toSet()),
                "every CHILD_SA installed is removed");
    }

    private long ikeSaId() throws Exception {
        return petrel.sas().getFirst().id();
    }

    private static List<SwanctlIkeSa> ours(List<SwanctlIkeSa> sas) {
        return sas.stream().filter(sa -> sa.name().equals(Connection.NAME)).toList();
    }

    @Override
    public void close() throws Exception {
        Exception failure = new Exception("closing the testbed failed");
        close(failure, petrel, charon, work, network);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    /** Closes each of {@code resources} (a folder is deleted, once empty), adding failures to {@code failure}. */
    private static void close(Exception failure, Object... resources) {
        for (Object r : resources) {
            try {
                if (r instanceof AutoCloseable c) {
                    c.close();
                } else if (r instanceof Path p) {
                    Files.deleteIfExists(p);
                }
            } catch (Exception | AssertionError e) {
                failure.addSuppressed(e);
            }
        }
    }
}
