package dev.petrel.testkit.interop;

import dev.petrel.testkit.exec.CommandResult;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.netns.RoadWarriorNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strongSwan road warrior: charon in one client namespace of a {@link RoadWarriorNetwork}, configured by
 * {@link RoadWarriorConfig#clientConf}. With kernel-libipsec, charon puts the virtual IP the gateway assigned on its TUN
 * device ipsec0 (as a /32) and routes {@link RoadWarriorNetwork#INSIDE_NETWORK} through ipsec0 with that address as the
 * source, in routing table 220 (looked up by a rule of priority 220 before the main table).
 */
public final class RoadWarriorClient implements AutoCloseable {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern RECEIVED = Pattern.compile("(\\d+) received");

    private final RoadWarriorConfig.Client client;
    private final StrongSwanPeer charon;

    private RoadWarriorClient(RoadWarriorConfig.Client client, StrongSwanPeer charon) {
        this.client = client;
        this.charon = charon;
    }

    /** Starts charon as {@code client} in client namespace {@code index} (from 1), its files under {@code workDir}. */
    public static RoadWarriorClient start(RoadWarriorNetwork network, int index, Path workDir, RoadWarriorConfig config,
            RoadWarriorConfig.Client client, int logLevel) throws IOException {
        return start(network, index, workDir, config, client, Map.of(), logLevel);
    }

    /** {@link #start}, charon's settings {@link RoadWarriorConfig#charonSettings}({@code settings}). */
    public static RoadWarriorClient start(RoadWarriorNetwork network, int index, Path workDir, RoadWarriorConfig config,
            RoadWarriorConfig.Client client, Map<String, String> settings, int logLevel) throws IOException {
        return new RoadWarriorClient(client, StrongSwanPeer.start(network.client(index), workDir, config.clientConf(client),
                config.clientFiles(client), RoadWarriorConfig.charonSettings(settings), logLevel));
    }

    /** How this client authenticates. */
    public RoadWarriorConfig.Client client() {
        return client;
    }

    /** The charon behind this client, for its log and listings. */
    public StrongSwanPeer charon() {
        return charon;
    }

    /**
     * Brings the tunnel up (IKE_SA with EAP, then the CHILD_SA) and returns the IKE_SA once it is established with its
     * CHILD_SA installed and a virtual IP; fails when charon reports a failure or that does not happen within
     * {@code timeout}.
     */
    public SwanctlIkeSa connect(Duration timeout) throws IOException, TimeoutException {
        charon.initiate(RoadWarriorConfig.CHILD);
        List<SwanctlIkeSa> sas = charon.awaitSas(now -> now.stream().anyMatch(RoadWarriorClient::up),
                "an ESTABLISHED IKE_SA with an INSTALLED CHILD_SA and a virtual IP", timeout);
        return sas.stream().filter(RoadWarriorClient::up).findFirst().orElseThrow();
    }

    /** The virtual IP the gateway assigned, as charon lists it; fails unless there is exactly one IKE_SA with one. */
    public InetAddress virtualIp() throws IOException {
        List<SwanctlIkeSa> sas = charon.listSas();
        if (sas.size() != 1 || sas.getFirst().localVirtualIps().size() != 1) {
            throw new IOException(charon.namespace() + " has not exactly one IKE_SA with one virtual IP: "
                    + sas.stream().map(sa -> sa.name() + " " + sa.state() + " " + sa.localVirtualIps()).toList());
        }
        return InetAddress.ofLiteral(sas.getFirst().localVirtualIps().getFirst());
    }

    /**
     * Sends {@code count} pings from the virtual IP to {@code target} (0.05 s apart, waiting up to 10 s for the replies)
     * and returns how many replies came back.
     */
    public int ping(InetAddress target, int count) throws IOException {
        // -w: wait for every reply up to a deadline; with -W alone ping gives the last one only two round trips
        CommandResult ping = Commands.run(List.of("ip", "netns", "exec", charon.namespace(), "ping", "-n", "-q", "-c",
                Integer.toString(count), "-i", "0.05", "-w", "10", "-I", virtualIp().getHostAddress(), target.getHostAddress()),
                Map.of(), PING_TIMEOUT);
        Matcher received = RECEIVED.matcher(ping.stdout());
        if (!received.find()) {
            throw new IOException("ping in " + charon.namespace() + " printed no summary:" + ping.output());
        }
        return Integer.parseInt(received.group(1));
    }

    /** Deletes the IKE_SA (and so its CHILD_SA), waiting for the gateway's answer. */
    public void disconnect() throws IOException {
        charon.terminateIke(RoadWarriorConfig.CLIENT_CONNECTION);
    }

    /** Stops charon by PID and deletes its folder. */
    @Override
    public void close() throws IOException {
        charon.close();
    }

    private static boolean up(SwanctlIkeSa sa) {
        return sa.state().equals("ESTABLISHED") && !sa.localVirtualIps().isEmpty()
                && sa.children().stream().anyMatch(c -> c.state().equals("INSTALLED"));
    }
}
