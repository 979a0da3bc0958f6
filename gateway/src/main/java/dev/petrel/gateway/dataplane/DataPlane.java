package dev.petrel.gateway.dataplane;

import dev.petrel.esp.ah.AhInboundSa;
import dev.petrel.esp.ah.AhOutboundSa;
import dev.petrel.esp.policy.SecurityPolicy;
import dev.petrel.esp.policy.Spd;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.InboundProcessing;
import dev.petrel.esp.sa.InboundSa;
import dev.petrel.esp.sa.OutboundProcessing;
import dev.petrel.esp.sa.OutboundSa;
import dev.petrel.esp.sa.SaParameters;
import dev.petrel.ike.engine.ActivateChildSa;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ike.ProtocolId;
import java.io.IOException;
import java.math.BigInteger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * The userspace data plane: an outbound worker (inner side → SPD → SA → outer side) and an inbound worker (outer
 * side → SA by SPI → inner side), each a platform thread that owns its buffer and its SAs, so that packets take no
 * lock and allocate nothing, and each SA's packets stay in order. The control plane installs and removes CHILD_SAs
 * from one thread at a time: the SPD changes at once (copy on write); SAs reach and leave a worker through its queue,
 * so an SA is destroyed only by the thread that uses it. Inbound SAs are installed before the outbound policy is
 * published (RFC 4301 §4.4.2), and a rekeyed CHILD_SA is made before the old one is broken (RFC 7296 §2.8): its
 * outbound SA takes over its predecessor's policy in place, while both inbound SAs accept packets.
 */
public final class DataPlane implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DataPlane.class.getName());
    /** Room before a packet for an outer IPv6 header, UDP, ESP header and IV, or AH; and after it for padding and ICV. */
    static final int HEADROOM = 128;
    static final int TAILROOM = 128;
    private static final int MAX_PACKET = 65_535;
    private static final int POLL_MILLIS = 100;
    /** Inner packets read, protected and queued before the outer port sends them together. */
    public static final int BURST = 32;
    /** RFC 3948 §4: strongSwan's keep_alive default. */
    private static final long KEEPALIVE_NANOS = 20_000_000_000L;

    private final InnerPort inner;
    private final OuterPort outer;
    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final Spd<Protection> spd = new Spd<>();
    private final OutboundPath outbound;
    private final InboundPath inbound;
    private final Queue<Consumer<OutboundPath>> outboundTasks = new ConcurrentLinkedQueue<>();
    private final Queue<Consumer<InboundPath>> inboundTasks = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Installed> installed = new ConcurrentHashMap<>();
    /** Trap policies by {@link Trap#name}; changed under this object's lock, like the policies' owners. */
    private final Map<String, Trap> traps = new HashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running = true;

    /** What is installed for one CHILD_SA, by our inbound SPI. */
    private static final class Installed {
        final String connection;
        final String child;
        final int inboundSpi;
        final List<TrafficSelector> localTs;
        final List<TrafficSelector> remoteTs;
        final InboundProcessing in;
        final OutboundChild out;
        /** The name of the SPD policy its outbound SA serves; null before it sends, or once a successor took it over. */
        String policy;
        /** Inbound packets at the last {@link #poll}; the polling thread's. */
        long packetsSeen;

        Installed(InstallChildSa sa, InboundProcessing in, OutboundChild out) {
            this.connection = sa.connection();
            this.child = sa.child();
            this.inboundSpi = sa.inboundSpi();
            this.localTs = sa.localTs();
            this.remoteTs = sa.remoteTs();
            this.in = in;
            this.out = out;
        }
    }

    public DataPlane(InnerPort inner, OuterPort outer, IkeLink ike) {
        this.inner = inner;
        this.outer = outer;
        this.outbound = new OutboundPath(spd, outer, inner, ike, counters);
        this.inbound = new InboundPath(inner, ike, counters);
    }

    /** Starts the two workers. */
    public DataPlane start() {
        workers.add(Thread.ofPlatform().name("petrel-outbound").daemon().start(this::runOutbound));
        workers.add(Thread.ofPlatform().name("petrel-inbound").daemon().start(this::runInbound));
        return this;
    }

    /**
     * Installs a negotiated CHILD_SA pair: the inbound SA at once; the outbound one sends when {@code sa} says it is
     * active, taking over the policy of the CHILD_SA it {@code replaces} if that still has one (a rekeying), else under
     * a policy of its own; otherwise it waits for {@link #activate}. Copies the keys; the caller still wipes
     * {@code sa}'s.
     */
    public synchronized void install(InstallChildSa sa, ChildOptions options) {
        SaParameters in = sa.inbound();
        SaParameters out = sa.outbound();
        boolean ah = sa.protocol() == ProtocolId.AH;
        int protocol = ah ? IpProtocol.AH : IpProtocol.ESP;
        InboundProcessing inboundSa = ah ? new AhInboundSa(in, sa.inboundIntegrityKey().clone())
                : new InboundSa(in, sa.inboundEncryptionKey().clone(), sa.inboundIntegrityKey().clone());
        OutboundProcessing outboundSa = ah ? new AhOutboundSa(out, sa.outboundIntegrityKey().clone())
                : new OutboundSa(out, sa.outboundEncryptionKey().clone(), sa.outboundIntegrityKey().clone());
        LifetimeFlags lifetime = new LifetimeFlags();
        // AH cannot travel in UDP (RFC 3948 covers ESP only)
        OutboundChild child = new OutboundChild(sa.connection() + "/" + sa.child(), outboundSa, lifetime,
                sa.remote().socketAddress(), sa.udpEncapsulation() && !ah, protocol, options, System.nanoTime());
        InboundChild inboundChild = InboundChild.of(inboundSa, protocol, child.mss4, child.mss6, lifetime);
        Installed entry = new Installed(sa, inboundSa, child);
        installed.put(sa.inboundSpi(), entry);
        inboundTasks.add(path -> path.add(sa.inboundSpi(), inboundChild));
        if (sa.outboundActive()) {
            send(entry, sa.replaces());
        }
        LOG.log(Level.DEBUG, "installed {0}", child);
    }

    /**
     * The peer can now receive on the rekeyed CHILD_SA installed inbound only: its outbound SA takes over the policy of
     * the one it replaces, or, if that is gone, sends under a policy of its own.
     */
    public synchronized void activate(ActivateChildSa sa) {
        Installed entry = installed.get(sa.inboundSpi());
        if (entry != null && entry.policy == null) {
            send(entry, sa.replaces());
        }
    }

    /**
     * Starts sending with {@code entry}'s outbound SA. A predecessor's policy changes its SA in place, so that there is
     * no moment without a policy and the order of the policies stays (RFC 7296 §2.8: make before break); packets a
     * trap of the same child held go out through it.
     */
    private void send(Installed entry, int replaces) {
        Installed predecessor = replaces == 0 ? null : installed.get(replaces);
        if (predecessor != null && predecessor.policy != null) {
            entry.policy = predecessor.policy;
            predecessor.policy = null;
            spd.replace(SecurityPolicy.protect(entry.policy, entry.localTs, entry.remoteTs, entry.out));
        } else {
            entry.policy = "child-" + Integer.toHexString(entry.inboundSpi);
            SecurityPolicy<Protection> policy = SecurityPolicy.protect(entry.policy, entry.localTs, entry.remoteTs, entry.out);
            spd.insert(rank(policy), policy);
        }
        Trap trap = traps.get(Trap.name(entry.connection, entry.child));
        if (trap != null) {
            outboundTasks.add(path -> path.release(trap, System.nanoTime()));
        }
    }

    /**
     * Installs a trap policy for {@code child} of {@code connection} over its selectors, unless it has one: matching
     * packets with no CHILD_SA's policy above it are held and acquire the CHILD_SA through {@link IkeLink#acquire}.
     * It stays below the CHILD_SA's policies, to fire again when they are gone.
     *
     * @return false when the child had a trap already
     */
    public synchronized boolean trap(String connection, String child, List<TrafficSelector> local,
            List<TrafficSelector> remote) {
        String name = Trap.name(connection, child);
        if (traps.containsKey(name)) {
            return false;
        }
        Trap trap = new Trap(connection, child, System.nanoTime());
        traps.put(name, trap);
        SecurityPolicy<Protection> policy = SecurityPolicy.protect(name, local, remote, trap);
        spd.insert(rank(policy), policy);
        LOG.log(Level.DEBUG, "trap policy {0}", policy);
        return true;
    }

    /**
     * Removes the trap of {@code child} of {@code connection}, if there is one, and drops what it held.
     *
     * @return false when the child had no trap
     */
    public synchronized boolean untrap(String connection, String child) {
        Trap trap = traps.remove(Trap.name(connection, child));
        if (trap == null) {
            return false;
        }
        spd.remove(Trap.name(connection, child));
        outboundTasks.add(path -> trap.held.clear());
        return true;
    }

    /**
     * Where a new policy goes: before the first broader one, so that the most specific policy matches first whatever
     * the order the CHILD_SAs came in (as strongSwan ranks its policies by their selectors' prefix lengths); a trap
     * goes below the CHILD_SAs' policies of the same breadth, and a CHILD_SA's above the traps.
     */
    private int rank(SecurityPolicy<Protection> policy) {
        List<SecurityPolicy<Protection>> policies = spd.policies();
        double breadth = breadth(policy);
        boolean trap = policy.protection() instanceof Trap;
        for (int i = 0; i < policies.size(); i++) {
            double other = breadth(policies.get(i));
            if (other > breadth || other == breadth && !trap && policies.get(i).protection() instanceof Trap) {
                return i;
            }
        }
        return policies.size();
    }

    /** log2 of how much traffic a policy covers: addresses on both sides, protocols, ports. */
    private static double breadth(SecurityPolicy<?> policy) {
        double bits = 0;
        for (List<TrafficSelector> side : List.of(policy.local(), policy.remote())) {
            double sum = 0;
            for (TrafficSelector ts : side) {
                sum += Math.pow(2, new BigInteger(1, ts.endAddress()).subtract(new BigInteger(1, ts.startAddress())).add(BigInteger.ONE).bitLength())
                        * (ts.ipProtocol() == 0 ? 256 : 1) * (ts.endPort() - ts.startPort() + 1);
            }
            bits += Math.log(sum) / Math.log(2);
        }
        return bits;
    }

    /**
     * Removes both SAs of a CHILD_SA: its policy at once, unless a successor took it over, and the SAs by the workers
     * that use them.
     */
    public synchronized void remove(RemoveChildSa sa) {
        Installed gone = installed.remove(sa.inboundSpi());
        if (gone == null) {
            return;
        }
        if (gone.policy != null) {
            spd.remove(gone.policy);
        }
        outboundTasks.add(path -> gone.out.sa.destroy());
        inboundTasks.add(path -> path.remove(sa.inboundSpi()));
    }

    /**
     * Reports to {@code events} the lifetime limits each CHILD_SA reached and the CHILD_SAs that received packets since
     * the last call. For one thread, the control plane's, called every second or so; it allocates nothing per SA.
     */
    public void poll(ChildEvents events) {
        for (Map.Entry<Integer, Installed> e : installed.entrySet()) {
            Installed i = e.getValue();
            int spi = e.getKey();
            int limit = i.out.lifetime.takeNew();
            if (limit != 0) {
                events.lifetime(spi, limit == LifetimeFlags.HARD);
            }
            long packets = i.in.counters().packets();
            if (packets != i.packetsSeen) {
                i.packetsSeen = packets;
                events.inboundActivity(spi);
            }
        }
    }

    /** What the CHILD_SA with our inbound SPI {@code inboundSpi} carried, if it is installed. */
    public Optional<ChildTraffic> traffic(int inboundSpi) {
        Installed i = installed.get(inboundSpi);
        return i == null ? Optional.empty() : Optional.of(new ChildTraffic(i.in.counters().bytes(),
                i.in.counters().packets(), i.out.sa.counters().bytes(), i.out.sa.counters().packets()));
    }

    /** The largest inner packet the CHILD_SA with our inbound SPI carries within its path MTU, if it is installed. */
    public OptionalInt maxInnerPacket(int inboundSpi) {
        Installed i = installed.get(inboundSpi);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i.out.maxPacket);
    }

    public DataPlaneCounters counters() {
        return counters;
    }

    private void runOutbound() {
        byte[] buf = new byte[HEADROOM + MAX_PACKET + TAILROOM];
        long nextKeepaliveCheck = System.nanoTime();
        while (running) {
            drain(outboundTasks, outbound);
            try {
                int n = inner.read(buf, HEADROOM, MAX_PACKET, POLL_MILLIS);
                drain(outboundTasks, outbound); // changes made while the read waited apply to the packet it brought
                long now = System.nanoTime();
                // a burst: what is waiting already goes out with the first packet, in one system call
                for (int burst = 0; n > 0; n = ++burst < BURST ? inner.read(buf, HEADROOM, MAX_PACKET, 0) : 0) {
                    outbound.process(buf, HEADROOM, n, now);
                }
                if (now - nextKeepaliveCheck >= 0) {
                    sendKeepalives(now);
                    nextKeepaliveCheck = now + 1_000_000_000L;
                }
                outbound.flush();
            } catch (IOException | RuntimeException e) {
                failed("outbound", e);
            }
        }
        drain(outboundTasks, outbound);
    }

    private void sendKeepalives(long now) {
        for (SecurityPolicy<Protection> p : spd.policies()) {
            if (p.protection() instanceof OutboundChild child && child.udpPeer != null
                    && now - child.lastSent >= KEEPALIVE_NANOS) {
                outbound.keepalive(child, now);
            }
        }
    }

    private void runInbound() {
        byte[] buf = new byte[HEADROOM + MAX_PACKET];
        Arrival arrival = new Arrival();
        while (running) {
            drain(inboundTasks, inbound);
            try {
                // what has come already goes first; before waiting, what the inner port holds goes out
                boolean received = outer.receive(buf, HEADROOM, MAX_PACKET, 0, arrival);
                if (!received) {
                    inner.flush();
                    received = outer.receive(buf, HEADROOM, MAX_PACKET, POLL_MILLIS, arrival);
                }
                if (received) {
                    drain(inboundTasks, inbound); // an SA installed while the receive waited may be this packet's
                    inbound.process(buf, HEADROOM, arrival);
                }
            } catch (IOException | RuntimeException e) {
                failed("inbound", e);
            }
        }
        drain(inboundTasks, inbound);
        inbound.destroyAll();
    }

    private static <P> void drain(Queue<Consumer<P>> tasks, P path) {
        Consumer<P> task;
        while ((task = tasks.poll()) != null) {
            task.accept(path);
        }
    }

    private void failed(String worker, Exception e) {
        if (!running) {
            return;
        }
        counters.ioErrors.increment();
        LOG.log(Level.WARNING, "{0} worker: {1}", worker, e.toString());
        try {
            Thread.sleep(POLL_MILLIS); // a failing device must not spin the core
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the workers and destroys every SA. */
    @Override
    public void close() {
        running = false;
        for (Thread t : workers) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Installed i : installed.values()) {
            i.out.sa.destroy();
            i.in.destroy();
        }
        installed.clear();
        spd.replaceAll(List.of());
    }
}
