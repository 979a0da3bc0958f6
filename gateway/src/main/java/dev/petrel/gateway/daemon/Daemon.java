package dev.petrel.gateway.daemon;

import dev.petrel.gateway.Gateway;
import dev.petrel.gateway.config.Child;
import dev.petrel.gateway.config.Connection;
import dev.petrel.gateway.config.GatewayConfig;
import dev.petrel.gateway.config.MssClamp;
import dev.petrel.gateway.config.StartAction;
import dev.petrel.gateway.config.swanctl.SwanctlConfig;
import dev.petrel.gateway.control.AddressPoolStatus;
import dev.petrel.gateway.control.CommandResult;
import dev.petrel.gateway.control.ConnectionStatus;
import dev.petrel.gateway.control.ControlException;
import dev.petrel.gateway.control.ControlServer;
import dev.petrel.gateway.control.GatewayControl;
import dev.petrel.gateway.control.IkeSaStatus;
import dev.petrel.gateway.dataplane.ChildOptions;
import dev.petrel.gateway.os.route.Routes;
import dev.petrel.gateway.os.tun.TunDevice;
import dev.petrel.ike.auth.KeyUsages;
import dev.petrel.ike.config.CertificateAuth;
import dev.petrel.ike.config.EapPolicy;
import dev.petrel.ike.config.EngineSettings;
import dev.petrel.ike.eap.EapType;
import dev.petrel.ike.engine.Action;
import dev.petrel.ike.engine.ChildSa;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.engine.Event;
import dev.petrel.ike.engine.IkeEngine;
import dev.petrel.ike.engine.IkeSaState;
import dev.petrel.ike.engine.IkeSaView;
import dev.petrel.ike.engine.InstallChildSa;
import dev.petrel.ike.engine.RemoveChildSa;
import dev.petrel.ike.engine.TrapChild;
import dev.petrel.ike.event.ChildSaDeleted;
import dev.petrel.ike.event.ChildSaRekeyed;
import dev.petrel.ike.event.IkeSaDeleted;
import dev.petrel.ike.event.IkeSaEstablished;
import dev.petrel.ike.event.IkeSaRekeyed;
import dev.petrel.ike.event.NegotiationFailed;
import dev.petrel.ike.pool.AddressPools;
import dev.petrel.ike.ts.TrafficSelectors;
import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.wire.ip.IpAddressText;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The Petrel daemon: a swanctl.conf loaded into an IKE engine on UDP 500 and the NAT-T port, a TUN device that
 * carries the tunnels' inner traffic, routes for each CHILD_SA's remote selectors, and the control socket. Reload
 * keeps the IKE SAs of unchanged connections; close deletes every IKE SA (the peers are told) and removes what the
 * daemon made. It listens on the connections' {@code local_addrs} (all of the host's for %any): ESP goes raw (IP protocol 50)
 * unless a NAT was detected or {@code encap = yes} asked for UDP (RFC 3948); AH goes raw (IP protocol 51). Children
 * with {@code start_action = trap}, and those a dead peer or a close leaves trapped, get trap policies whose first
 * packets negotiate them.
 */
public final class Daemon implements GatewayControl, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());
    /** The TUN MTU: the path's; each tunnel's route carries the lower MTU its SA leaves. */
    static final int TUN_MTU = 1500;
    /** Packets the kernel queues for the outbound worker: enough for a burst while it is descheduled. */
    static final int TUN_QUEUE = 4096;
    private static final Duration POLL = Duration.ofMillis(100);
    /** Socket buffers that hold a burst of a few thousand packets while the inbound worker catches up. */
    private static final int SOCKET_BUFFER = 8 << 20;
    private static final Duration INITIATE_WAIT = Duration.ofSeconds(60);
    private static final Duration DELETE_WAIT = Duration.ofSeconds(3);

    private final Path configFile;
    private final Routes routes;
    private final TunDevice tun;
    private final LinuxOuterPort outer;
    private final IkeEngine engine;
    private final Gateway gateway;
    private final TunnelRoutes tunnelRoutes;
    private final VirtualAddresses virtualAddresses;
    private final AddressPools pools;
    private final ControlServer control;
    private final Map<Long, Instant> established = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> installed = new ConcurrentHashMap<>();
    /** The latest failures, numbered, for initiate to report its own; bounded, since peers can cause any number. */
    private final Deque<Numbered> failures = new ConcurrentLinkedDeque<>();
    private final AtomicLong failureCount = new AtomicLong();
    private static final int KEPT_FAILURES = 256;

    private record Numbered(long number, NegotiationFailed failure) {}
    /** The IKE loop's: what trap policies' acquires started. */
    private final Acquisitions acquisitions = new Acquisitions();
    private volatile GatewayConfig config;
    private final List<InetAddress> locals;

    private Daemon(Path configFile, GatewayConfig config, Path socket, String tunName, Path authorize) throws IOException {
        this.configFile = configFile;
        this.config = config;
        List<InetAddress> locals = localAddresses(config);
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            this.routes = Routes.open();
            opened.add(routes);
            int stale = routes.flushStale();
            if (stale > 0) {
                LOG.log(Level.INFO, "removed {0} routes a previous daemon left behind", stale);
            }
            this.tun = openTun(tunName);
            opened.add(tun);
            tun.setMtu(TUN_MTU);
            tun.setTransmitQueueLength(TUN_QUEUE);
            tun.up();
            EngineSettings settings = EngineSettings.DEFAULTS;
            List<LocalSockets> sockets = new ArrayList<>();
            for (InetAddress local : locals) {
                LocalSockets l = LocalSockets.open(local, deviceOf(local), settings.ports().ike(), settings.ports().natTraversal(),
                        SOCKET_BUFFER);
                opened.add(l);
                sockets.add(l);
            }
            this.outer = new LinuxOuterPort(sockets, POLL);
            this.engine = new IkeEngine(settings, config.ikeConfigs(), new SecureRandom());
            this.pools = new AddressPools(List.copyOf(config.pools().values()));
            engine.pools(pools);
            if (authorize != null) {
                engine.authorizer(new CommandAuthorizer(authorize, CommandAuthorizer.TIMEOUT));
            }
            this.tunnelRoutes = new TunnelRoutes(routes, tun.index());
            this.virtualAddresses = new VirtualAddresses(tun);
            this.gateway = new Gateway(engine, List.of(), outer, new TunPort(tun.queue(0), POLL, tun.offloads()), this::options, this::observe,
                    this::acquire);
            opened.add(gateway);
            this.control = new ControlServer(socket, this);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : opened.reversed()) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        this.locals = locals;
        LOG.log(Level.INFO, "Petrel daemon: {0} connections from {1} on {2}, TUN {3}, control socket {4}",
                config.connections().size(), configFile, locals.stream().map(IpAddressText::of).toList(), tun.name(), socket);
    }

    /**
     * Loads {@code configFile}, opens everything and starts the connections whose start_action is start.
     *
     * @param authorize the command that admits authenticated peers ({@link CommandAuthorizer}), or null for all
     */
    public static Daemon start(Path configFile, Path socket, String tunName, Path authorize) throws IOException {
        GatewayConfig config = SwanctlConfig.load(configFile);
        warnAbout(config);
        Daemon daemon = new Daemon(configFile, config, socket, tunName, authorize);
        daemon.startConnections(daemon.config.connections());
        return daemon;
    }

    public String tunName() {
        return tun.name();
    }

    /** The TUN device, with TCP segmentation offload where the kernel allows it. */
    private static TunDevice openTun(String name) throws IOException {
        try {
            return TunDevice.openWithOffloads(name);
        } catch (IOException e) {
            LOG.log(Level.INFO, "TUN offloads refused ({0}): one packet per read", e.getMessage());
            return TunDevice.open(name);
        }
    }

    /** The network device that holds {@code local}, which the daemon's sockets are bound to. */
    private static String deviceOf(InetAddress local) throws IOException {
        NetworkInterface device = NetworkInterface.getByInetAddress(local);
        if (device == null) {
            throw new IOException("local_addrs " + local.getHostAddress() + " is not an address of this host");
        }
        return device.getName();
    }

    /**
     * What a loaded configuration asks that is unwise, said at start and reload: a remote-access gateway certificate
     * without serverAuth, and EAP-MD5.
     */
    private static void warnAbout(GatewayConfig config) {
        for (Connection c : config.connections()) {
            if (c.ike().localAuth() instanceof CertificateAuth ours && !KeyUsages.namesServerAuth(ours.certificate())
                    && c.ike().remoteRounds().stream().anyMatch(r -> r.auth() instanceof EapPolicy)) {
                LOG.log(Level.WARNING, "connection {0}: certificate {1} has no extendedKeyUsage serverAuth, which "
                        + "Windows, macOS and iOS clients require of a gateway they authenticate by EAP", c.name(),
                        ours.certificate().getSubjectX500Principal());
            }
            if (c.ike().remoteRounds().stream().anyMatch(r -> r.auth() instanceof EapPolicy p
                    && p.method() == EapType.MD5_CHALLENGE)) {
                LOG.log(Level.WARNING, "connection {0}: EAP-MD5 is for testing: it derives no MSK, does not "
                        + "authenticate the gateway, and its challenge and answer invite a dictionary attack", c.name());
            }
        }
    }

    /**
     * The addresses the daemon listens on: every connection's local_addrs, and when one says %any, every address of
     * this host (but loopback and link-local), as strongSwan listens on all.
     */
    private static List<InetAddress> localAddresses(GatewayConfig config) throws IOException {
        Set<InetAddress> out = new LinkedHashSet<>();
        boolean any = false;
        for (Connection c : config.connections()) {
            if (c.ike().localAddress() == null) {
                any = true;
            } else {
                out.add(c.ike().localAddress());
            }
        }
        if (any) {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (i.isUp() && !i.isLoopback()) {
                    Collections.list(i.getInetAddresses()).stream()
                            .filter(a -> !a.isLinkLocalAddress() && !a.isLoopbackAddress()).forEach(out::add);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no local address to listen on: name local_addrs, or bring up an interface");
        }
        return List.copyOf(out);
    }

    private ChildOptions options(InstallChildSa sa) {
        MssClamp clamp = config.connection(sa.connection()).flatMap(c -> c.children().stream()
                .filter(ch -> ch.name().equals(sa.child())).findFirst()).map(Child::mssClamp).orElse(MssClamp.OFF);
        int mss = switch (clamp) {
            case MssClamp.Off off -> 0;
            case MssClamp.PathMtu path -> ChildOptions.AUTO;
            case MssClamp.Fixed fixed -> fixed.mss();
        };
        return new ChildOptions(1500, mss);
    }

    /** On the IKE loop, after the data plane took the action. */
    private void observe(Action action) {
        switch (action) {
            case InstallChildSa sa -> {
                installed.put(sa.inboundSpi(), Instant.now());
                acquisitions.installed(sa.connection(), sa.child());
                tunnelRoutes.installed(sa, gateway.dataPlane().maxInnerPacket(sa.inboundSpi()).orElse(0));
                LOG.log(Level.INFO, "CHILD_SA {0}/{1} installed: {2}", sa.connection(), sa.child(), sa);
            }
            case RemoveChildSa sa -> {
                installed.remove(sa.inboundSpi());
                tunnelRoutes.removed(sa);
                LOG.log(Level.INFO, "CHILD_SA removed: {0}", sa);
            }
            case TrapChild t -> config.connection(t.connection()).ifPresent(c -> c.children().stream()
                    .filter(ch -> ch.name().equals(t.child())).findFirst().ifPresent(ch -> trap(c, ch)));
            case Event(IkeSaEstablished e) -> {
                established.put(e.ikeSaId(), Instant.now());
                virtualAddresses.established(e);
                LOG.log(Level.INFO, "IKE SA {0} #{1} established with {2} ({3})", e.connection(), e.ikeSaId(), e.remote(), e.remoteId());
            }
            case Event(IkeSaRekeyed e) -> {
                established.put(e.newIkeSaId(), Instant.now()); // swanctl counts a rekeyed IKE SA's age from its rekeying
                virtualAddresses.rekeyed(e);
                LOG.log(Level.INFO, "IKE SA {0} #{1} rekeyed: #{2} takes over", e.connection(), e.ikeSaId(), e.newIkeSaId());
            }
            case Event(IkeSaDeleted e) -> {
                established.remove(e.ikeSaId());
                virtualAddresses.deleted(e);
                acquisitions.ended(e.connection());
                LOG.log(Level.INFO, "IKE SA {0} #{1} deleted: {2}", e.connection(), e.ikeSaId(), e.reason());
            }
            case Event(ChildSaRekeyed e) -> LOG.log(Level.INFO, "CHILD_SA {0}/{1} rekeyed: {2} replaces {3}", e.connection(),
                    e.child(), spi(e.newInboundSpi()), spi(e.oldInboundSpi()));
            case Event(ChildSaDeleted e) -> LOG.log(Level.INFO, "CHILD_SA {0}/{1} {2} deleted: {3}", e.connection(), e.child(),
                    spi(e.inboundSpi()), e.reason());
            case Event(NegotiationFailed f) -> {
                acquisitions.ended(f.connection());
                failures.addLast(new Numbered(failureCount.incrementAndGet(), f));
                while (failures.size() > KEPT_FAILURES) {
                    failures.pollFirst();
                }
                LOG.log(Level.WARNING, "{0}: {1}", f.connection(), f.explanation());
            }
            default -> { }
        }
    }

    private static String spi(int spi) {
        return String.format("%08x", spi);
    }

    /** Installs the traps of children with start_action = trap and initiates those with start. */
    private void startConnections(List<Connection> connections) {
        for (Connection c : connections) {
            List<Child> traps = c.children().stream().filter(ch -> ch.startAction() == StartAction.TRAP).toList();
            if (!traps.isEmpty()) {
                gateway.ike().act(e -> {
                    traps.forEach(ch -> trap(c, ch));
                    return List.of();
                });
            }
            List<String> children = c.children().stream().filter(ch -> ch.startAction() == StartAction.START).map(Child::name).toList();
            if (!children.isEmpty() && c.ike().remoteAddress() != null) {
                start(c, children);
            }
        }
    }

    /** Initiates an IKE SA of {@code c} with the first of {@code children} in IKE_AUTH and the others after it. */
    private CompletableFuture<List<Action>> start(Connection c, List<String> children) {
        Endpoint local = localEndpoint(c);
        return gateway.ike().act(e -> e.initiate(c.name(), children, local,
                endpoint(c.ike().remoteAddress(), c.remotePort()), Instant.now()));
    }

    /**
     * A trap policy for {@code child} of {@code c} over its selectors, {@code dynamic} as the addresses an initiation
     * would use (the configuration refuses a trap that has no peer address or uses virtual IPs), with the routes that
     * bring its traffic. On the IKE loop.
     */
    private void trap(Connection c, Child child) {
        List<TrafficSelector> local = TrafficSelectors.resolve(child.config().localTs(),
                List.of(TrafficSelectors.host(localEndpoint(c).address())));
        List<TrafficSelector> remote = TrafficSelectors.resolve(child.config().remoteTs(),
                List.of(TrafficSelectors.host(c.ike().remoteAddress())));
        if (gateway.dataPlane().trap(c.name(), child.name(), local, remote)) {
            tunnelRoutes.trapped(c.name(), child.name(), local, remote);
            LOG.log(Level.INFO, "trap policy for {0}/{1}: {2} === {3}", c.name(), child.name(), local, remote);
        }
    }

    /** Removes the traps of {@code c}'s children, and their routes. On the IKE loop. */
    private void untrap(Connection c) {
        for (Child child : c.children()) {
            if (gateway.dataPlane().untrap(c.name(), child.name())) {
                tunnelRoutes.untrapped(c.name(), child.name());
            }
        }
    }

    /** A trap policy held a packet for {@code child} of {@code connection}: negotiate it (RFC 4301 §5.1). On the IKE loop. */
    private List<Action> acquire(IkeEngine engine, String connection, String child, Instant now) {
        Connection c = config.connection(connection).orElse(null);
        if (c == null) {
            return List.of(); // reloaded away since the packet met the trap
        }
        return switch (acquisitions.decide(engine.sas(), connection, child, now)) {
            case Acquisitions.Decision.Initiate i -> {
                LOG.log(Level.INFO, "acquire for {0}/{1}: initiating", connection, child);
                yield engine.initiate(connection, List.of(child), localEndpoint(c),
                        endpoint(c.ike().remoteAddress(), c.remotePort()), now);
            }
            case Acquisitions.Decision.CreateChild(long ikeSaId) -> {
                LOG.log(Level.INFO, "acquire for {0}/{1}: CREATE_CHILD_SA on IKE SA #{2}", connection, child, ikeSaId);
                yield engine.createChildSa(ikeSaId, child, now);
            }
            case Acquisitions.Decision.Wait(String why) -> {
                LOG.log(Level.DEBUG, "acquire for {0}/{1} waits: {2}", connection, child, why);
                yield List.of();
            }
        };
    }

    /** Where an initiation starts: the connection's local_addrs, or for %any the source the kernel would choose. */
    private Endpoint localEndpoint(Connection c) {
        InetAddress local = c.ike().localAddress();
        if (local == null) {
            try {
                local = routes.lookup(c.ike().remoteAddress()).source().filter(locals::contains).orElse(null);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "no route to {0}: {1}", c.ike().remoteAddress(), e.getMessage());
            }
        }
        if (local == null) {
            boolean v6 = c.ike().remoteAddress().getAddress().length == 16;
            local = locals.stream().filter(a -> (a.getAddress().length == 16) == v6).findFirst().orElse(locals.getFirst());
        }
        return endpoint(local, c.localPort());
    }

    private static Endpoint endpoint(InetAddress address, int port) {
        return new Endpoint(address, port);
    }

    @Override
    public CommandResult initiate(String name) throws ControlException {
        Connection c = config.connection(name).orElseThrow(() -> new ControlException("no connection named '" + name + "'"));
        if (c.ike().remoteAddress() == null) {
            throw new ControlException("connection " + name + " has remote_addrs = %any: it can only respond");
        }
        List<String> children = c.children().stream().map(Child::name).toList();
        long failed = failureCount.get();
        start(c, children).join();
        long deadline = System.nanoTime() + INITIATE_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Numbered n : failures) {
                if (n.number() > failed && name.equals(n.failure().connection())) {
                    return CommandResult.failure("initiating " + name + " failed: " + n.failure().explanation());
                }
            }
            if (!sas(sa -> name.equals(sa.connection()) && sa.state() == IkeSaState.ESTABLISHED
                    && sa.children().size() >= children.size()).isEmpty()) {
                return CommandResult.success("initiate completed successfully", "IKE SA " + name + " established"
                        + (children.isEmpty() ? "" : ", CHILD_SAs " + String.join(", ", children) + " installed"));
            }
            sleep(Duration.ofMillis(20));
        }
        return CommandResult.failure("initiating " + name + " did not complete within " + INITIATE_WAIT.toSeconds() + " s");
    }

    @Override
    public CommandResult terminate(String name) throws ControlException {
        config.connection(name).orElseThrow(() -> new ControlException("no connection named '" + name + "'"));
        List<IkeSaView> sas = sas(sa -> name.equals(sa.connection()));
        if (sas.isEmpty()) {
            return CommandResult.failure("no IKE SA of " + name + " to terminate");
        }
        deleteAndWait(sas);
        return CommandResult.success("terminate completed successfully", sas.size() + " IKE SA(s) of " + name + " deleted");
    }

    @Override
    public CommandResult reload() throws ControlException {
        GatewayConfig next;
        try {
            next = SwanctlConfig.load(configFile);
            warnAbout(next);
            if (!locals.containsAll(localAddresses(next))) {
                return CommandResult.failure("reload refused: local_addrs name an address the daemon does not listen on;"
                        + " restart it for that");
            }
        } catch (RuntimeException | IOException e) {
            return CommandResult.failure("reload failed, the running configuration stays: " + e.getMessage());
        }
        GatewayConfig previous = config;
        List<Connection> changed = previous.connections().stream()
                .filter(c -> next.connection(c.name()).filter(c::equals).isEmpty()).toList();
        List<Connection> added = next.connections().stream()
                .filter(c -> previous.connection(c.name()).filter(c::equals).isEmpty()).toList();
        config = next;
        gateway.ike().act(e -> {
            pools.update(List.copyOf(next.pools().values()));
            e.configure(next.ikeConfigs());
            changed.forEach(this::untrap);
            return List.of();
        }).join();
        List<String> changedNames = changed.stream().map(Connection::name).toList();
        deleteAndWait(sas(sa -> changedNames.contains(sa.connection())));
        startConnections(added);
        return CommandResult.success("reload completed successfully", next.connections().size() + " connections loaded, "
                + changed.size() + " changed or removed (their IKE SAs deleted), " + added.size() + " new or changed");
    }

    @Override
    public CommandResult rekeyIke(String name, boolean reauthenticate) throws ControlException {
        config.connection(name).orElseThrow(() -> new ControlException("no connection named '" + name + "'"));
        List<String> started = new ArrayList<>(); // filled on the loop, read after join
        gateway.ike().act(e -> {
            Instant now = Instant.now();
            List<Action> actions = new ArrayList<>();
            for (IkeSaView sa : e.sas()) {
                if (name.equals(sa.connection()) && sa.state() == IkeSaState.ESTABLISHED) {
                    actions.addAll(reauthenticate ? e.reauthenticate(sa.id(), now) : e.rekeyIkeSa(sa.id(), now));
                    started.add("#" + sa.id());
                }
            }
            return actions;
        }).join();
        String what = reauthenticate ? "reauthenticating" : "rekeying";
        return started.isEmpty() ? CommandResult.failure("no established IKE SA of " + name + " to rekey")
                : CommandResult.success(what + " started", what + " IKE SA(s) " + String.join(", ", started) + " of " + name);
    }

    @Override
    public CommandResult rekeyChild(String child) throws ControlException {
        if (config.connections().stream().noneMatch(c -> c.children().stream().anyMatch(ch -> ch.name().equals(child)))) {
            throw new ControlException("no child named '" + child + "'");
        }
        List<String> started = new ArrayList<>(); // filled on the loop, read after join
        gateway.ike().act(e -> {
            Instant now = Instant.now();
            List<Action> actions = new ArrayList<>();
            for (IkeSaView sa : e.sas()) {
                for (ChildSa c : sa.state() == IkeSaState.ESTABLISHED ? sa.children() : List.<ChildSa>of()) {
                    if (c.name().equals(child) && !sa.retiring().contains(c.inboundSpi())) {
                        actions.addAll(e.rekeyChildSa(sa.id(), c.inboundSpi(), now));
                        started.add(spi(c.inboundSpi()));
                    }
                }
            }
            return actions;
        }).join();
        return started.isEmpty() ? CommandResult.failure("no CHILD_SA of " + child + " to rekey")
                : CommandResult.success("rekeying started", "rekeying CHILD_SA(s) " + String.join(", ", started) + " of " + child);
    }

    @Override
    public List<IkeSaStatus> listSas() {
        Instant now = Instant.now();
        return sas(sa -> true).stream().map(sa -> Statuses.ikeSa(sa, now, established, installed,
                spi -> gateway.dataPlane().traffic(spi), sa.natDetected())).toList();
    }

    @Override
    public List<AddressPoolStatus> listPools() {
        return pools.status().stream().map(Statuses::pool).toList();
    }

    @Override
    public List<ConnectionStatus> listConns() {
        return config.connections().stream().map(Statuses::connection).toList();
    }

    private List<IkeSaView> sas(Predicate<IkeSaView> which) {
        return gateway.ike().query(IkeEngine::sas).join().stream().filter(which).toList();
    }

    /**
     * Deletes the IKE SAs (the peers are told) and waits a little for the answers. Only an established IKE SA can be
     * deleted: one still connecting is left to its retransmission timeout, one already deleting is only waited for.
     * The states are read again on the IKE loop, where they cannot change under us.
     */
    private void deleteAndWait(List<IkeSaView> sas) {
        if (sas.isEmpty()) {
            return;
        }
        List<Long> candidates = sas.stream().map(IkeSaView::id).toList();
        List<Long> ids = gateway.ike().query(e -> e.sas().stream()
                .filter(sa -> candidates.contains(sa.id()) && sa.state() != IkeSaState.CONNECTING).map(IkeSaView::id).toList()).join();
        // only those still established when the loop runs: the peer may have deleted one meanwhile
        gateway.ike().act(e -> e.sas().stream().filter(sa -> ids.contains(sa.id()) && sa.state() == IkeSaState.ESTABLISHED)
                .flatMap(sa -> e.deleteIkeSa(sa.id(), Instant.now()).stream()).toList()).join();
        long deadline = System.nanoTime() + DELETE_WAIT.toNanos();
        while (System.nanoTime() < deadline && !sas(sa -> ids.contains(sa.id())).isEmpty()) {
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes every IKE SA, telling the peers, then closes the socket, the data plane, the TUN device and its routes. */
    @Override
    public void close() throws IOException {
        control.close();
        deleteAndWait(sas(sa -> sa.state() != IkeSaState.DESTROYED));
        gateway.close();
        outer.close();
        tun.close();
        routes.flushStale();
        routes.close();
        LOG.log(Level.INFO, "Petrel daemon stopped");
    }
}
