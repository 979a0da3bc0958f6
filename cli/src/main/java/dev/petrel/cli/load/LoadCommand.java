package dev.petrel.cli.load;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.gateway.config.ConfigException;
import dev.petrel.gateway.config.Connection;
import dev.petrel.gateway.config.swanctl.SwanctlConfig;
import dev.petrel.gateway.control.ControlJson;
import dev.petrel.ike.config.Authentication;
import dev.petrel.ike.config.CertificatePolicy;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.LocalRound;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.config.RemoteRound;
import dev.petrel.ike.config.TrustAnchors;
import dev.petrel.ike.engine.Endpoint;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.ike.ts.TrafficSelectors;
import dev.petrel.wire.iana.IpProtocol;
import dev.petrel.wire.ike.ProtocolId;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code petrel load}: a load generator for IKEv2 responders, in the spirit of strongSwan's load-tester plugin. Many
 * initiators from one or more sockets set up IKE SAs (with a CHILD_SA unless {@code --no-child}) to one responder,
 * bounded in count, concurrency and time, and the run reports handshakes per second, failures by reason and latency
 * percentiles, as text or JSON. Authentication is a PSK, a certificate issued on the fly for each initiator's
 * identity, or whatever a swanctl.conf connection says (certificates from its x509 folders).
 */
@Command(name = "load", sortOptions = false, description = {
    "Set up many IKE SAs with a responder and measure it: handshakes/s, failures by reason, latency percentiles.",
    "Each IKE SA has an identity of its own (--local-id) and authenticates with a PSK (--psk-file) or a certificate"
            + " a CA issues it (--ca-cert, --ca-key); or as a connection of a swanctl.conf says (--config, --connection).",
    "Send only to hosts you run: this is a flood."})
public final class LoadCommand implements Callable<Integer> {
    static final String DEFAULT_IKE = "aes128gcm16-prfsha256-x25519";
    static final String DEFAULT_ESP = "aes128gcm16";
    static final String DEFAULT_LOCAL_ID = "load-%d.petrel.test";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "the responder's IP address")
    String target;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "500", description = "the responder's IKE port, default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--nat-t-port", paramLabel = "PORT", defaultValue = "4500",
            description = "the responder's NAT-T port, default ${DEFAULT-VALUE}")
    int natTraversalPort;

    @Option(names = "--source", paramLabel = "ADDR", split = ",",
            description = "source addresses, one socket per address and port (default: the one routed to TARGET)")
    List<String> sources = new ArrayList<>();

    @Option(names = "--ports", paramLabel = "LOW[-HIGH]", defaultValue = "0",
            description = "local UDP ports, one socket each; handshakes take the sockets in turn (default: one ephemeral port)")
    String ports;

    @Option(names = "--psk-file", paramLabel = "FILE", description = "the pre-shared key: the file's first line")
    Path pskFile;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "a CA certificate (PEM) that issues each initiator a certificate for its identity, and that the responder's must chain to")
    Path caCertificate;

    @Option(names = "--ca-key", paramLabel = "FILE", description = "the CA's private key (PEM, unencrypted)")
    Path caKey;

    @Option(names = "--config", paramLabel = "FILE", description = "a swanctl.conf whose --connection to use (auth, proposals, children)")
    Path config;

    @Option(names = "--connection", paramLabel = "NAME", description = "the connection of --config")
    String connection;

    @Option(names = "--ike-proposals", paramLabel = "PROPOSALS",
            description = "IKE proposals in strongSwan syntax (default " + DEFAULT_IKE + ", or the connection's)")
    String ikeProposals;

    @Option(names = "--esp-proposals", paramLabel = "PROPOSALS",
            description = "ESP proposals of the CHILD_SA (default " + DEFAULT_ESP + ", or the child's)")
    String espProposals;

    @Option(names = "--local-id", paramLabel = "ID", description = "our identity, %%d the handshake's number "
            + "(default load-%%d.petrel.test; with --config the connection's)")
    String localId;

    @Option(names = "--remote-id", paramLabel = "ID", defaultValue = "%any",
            description = "the responder's identity we accept, default %%any")
    String remoteId;

    @Option(names = "--no-child", description = "set up the IKE SA alone, without a CHILD_SA")
    boolean noChild;

    @Option(names = "--local-ts", paramLabel = "PREFIX", split = ",", description = "our traffic selectors (default dynamic)")
    List<String> localTs = new ArrayList<>();

    @Option(names = "--remote-ts", paramLabel = "PREFIX", split = ",", description = "the responder's (default dynamic)")
    List<String> remoteTs = new ArrayList<>();

    @Option(names = "--count", paramLabel = "N", defaultValue = "1000", description = "handshakes in all, default ${DEFAULT-VALUE}")
    int count;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "IKE SAs under way at once (set up, or deleted after), default ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s",
            description = "start no handshake after this, default ${DEFAULT-VALUE} (ms, s, m, h)")
    String duration;

    @Option(names = "--timeout", paramLabel = "TIME", defaultValue = "10s",
            description = "one handshake, and then its DELETE, may take this long, default ${DEFAULT-VALUE}")
    String timeout;

    @Option(names = "--keep", description = "keep the IKE SAs up until the end instead of deleting each at once")
    boolean keep;

    @Option(names = "--hold", paramLabel = "TIME", defaultValue = "0s",
            description = "with --keep, hold them this long after the last is up, then delete them")
    String hold;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        LoadPlan plan;
        Initiators initiators;
        try {
            plan = plan();
            initiators = initiators();
        } catch (IllegalArgumentException | ConfigException | GeneralSecurityException | IOException e) {
            err.println("petrel load: " + e.getMessage());
            err.flush();
            return 2;
        }
        LoadReport report;
        try (LoadGenerator generator = new LoadGenerator(plan, initiators, new SecureRandom())) {
            report = generator.run(setup(plan, generator.locals().size()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ControlJson.pretty(report));
            out.flush();
        } else {
            report.print(out);
        }
        return report.succeeded() > 0 && report.failed() == 0 && report.unfinished() == 0 ? 0 : 1;
    }

    /** The options' bounds and addresses, checked. */
    LoadPlan plan() {
        InetAddress to = address(target);
        return new LoadPlan(new Endpoint(to, port), natTraversalPort, sources.stream().map(LoadCommand::address).toList(),
                PortRange.parse(ports), count, concurrency, duration("--duration", duration), duration("--timeout", timeout),
                keep, duration("--hold", hold));
    }

    /**
     * What each handshake initiates: the swanctl connection, or a PSK or certificates issued by the CA given, with the
     * options' proposals and identity.
     */
    Initiators initiators() throws ConfigException, IOException, GeneralSecurityException {
        if ((config == null) != (connection == null)) {
            throw new IllegalArgumentException("--config and --connection go together");
        }
        if ((caCertificate == null) != (caKey == null)) {
            throw new IllegalArgumentException("--ca-cert and --ca-key go together");
        }
        if (Stream.of(config, pskFile, caCertificate).filter(Objects::nonNull).count() != 1) {
            throw new IllegalArgumentException("authenticate with one of --psk-file, --ca-cert and --ca-key, or --config and --connection");
        }
        if (config != null) {
            return fromConnection(SwanctlConfig.load(config).connection(connection).orElseThrow(
                    () -> new IllegalArgumentException(config + " has no connection " + connection)));
        }
        Function<Identity, Authentication.Local> auth;
        Authentication.Remote remote;
        if (pskFile != null) {
            PreSharedKey psk = new PreSharedKey(readPsk(pskFile));
            auth = id -> psk;
            remote = psk;
        } else {
            CertificateIssuer issuer = CertificateIssuer.read(caCertificate, caKey);
            auth = issuer::issue;
            remote = new TrustAnchors(List.of(issuer.ca()));
        }
        LongFunction<List<LocalRound>> local = identities(localId == null ? DEFAULT_LOCAL_ID : localId,
                id -> List.of(new LocalRound(id, auth.apply(id))));
        return new Initiators(ProposalParser.parseList(ikeProposals == null ? DEFAULT_IKE : ikeProposals, ProtocolId.IKE),
                noChild ? null : child(ProposalParser.parseList(espProposals == null ? DEFAULT_ESP : espProposals,
                        ProtocolId.ESP), selectors(localTs), selectors(remoteTs)),
                local, List.of(new RemoteRound(IdentityMatcher.parse(remoteId), remote)), false, CertificatePolicy.DEFAULT);
    }

    private Initiators fromConnection(Connection c) {
        IkeConfig ike = c.ike();
        LongFunction<List<LocalRound>> local = localId == null ? n -> ike.localRounds() : identities(localId, id -> {
            List<LocalRound> rounds = new ArrayList<>(ike.localRounds());
            rounds.set(0, new LocalRound(id, ike.localAuth()));
            return rounds;
        });
        ChildConfig child = null;
        if (!noChild) {
            ChildConfig first = ike.children().stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "connection " + c.name() + " has no child (give --no-child for IKE SAs alone)"));
            child = new ChildConfig(first.name(), localTs.isEmpty() ? first.localTs() : selectors(localTs),
                    remoteTs.isEmpty() ? first.remoteTs() : selectors(remoteTs),
                    espProposals == null ? first.proposals() : ProposalParser.parseList(espProposals, ProtocolId.ESP),
                    first.mode(), first.replayWindow());
        }
        return new Initiators(ikeProposals == null ? ike.proposals() : ProposalParser.parseList(ikeProposals, ProtocolId.IKE),
                child, local, ike.remoteRounds(), ike.forceEncapsulation(), ike.certificates());
    }

    /**
     * Handshake number to its rounds, with the identity {@code pattern} and its {@code %d} replaced by the number;
     * the pattern is checked once here.
     */
    private static LongFunction<List<LocalRound>> identities(String pattern,
            Function<Identity, List<LocalRound>> rounds) {
        Identity.parse(pattern.replace("%d", "0"));
        if (!pattern.contains("%d")) {
            List<LocalRound> fixed = rounds.apply(Identity.parse(pattern));
            return n -> fixed;
        }
        return n -> rounds.apply(Identity.parse(pattern.replace("%d", Long.toString(n))));
    }

    private static ChildConfig child(List<dev.petrel.ike.proposal.CryptoProposal> esp, List<TrafficSelector> local,
            List<TrafficSelector> remote) {
        return new ChildConfig("load", local, remote, esp, Mode.TUNNEL, 64);
    }

    /** Prefixes, or swanctl's dynamic (the side's address, RFC 7296 §2.9) when none are given. */
    private static List<TrafficSelector> selectors(List<String> prefixes) {
        return prefixes.isEmpty() ? List.of(TrafficSelectors.dynamic(IpProtocol.ANY, 0, 65_535))
                : prefixes.stream().map(TrafficSelector::subnet).toList();
    }

    private String setup(LoadPlan plan, int sockets) {
        String auth = config != null ? "connection " + connection + " of " + config
                : pskFile != null ? "PSK" : "certificates from " + caCertificate;
        return plan.target() + " from " + sockets + (sockets == 1 ? " socket" : " sockets") + ", " + auth
                + ", IKE " + (ikeProposals != null ? ikeProposals : config != null ? "as configured" : DEFAULT_IKE)
                + (noChild ? ", no CHILD_SA" : ", ESP " + (espProposals != null ? espProposals
                        : config != null ? "as configured" : DEFAULT_ESP))
                + ", concurrency " + plan.concurrency() + (plan.keep() ? ", IKE SAs kept" : "");
    }

    /** The PSK file's first line, without its line end. */
    static byte[] readPsk(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        int end = 0;
        while (end < content.length && content[end] != '\n' && content[end] != '\r') {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("--psk-file " + file + " starts with an empty line");
        }
        byte[] psk = Arrays.copyOf(content, end);
        Arrays.fill(content, (byte) 0);
        return psk;
    }

    /** {@code 10}, {@code 10s}, {@code 500ms}, {@code 2m} or {@code 1h}; seconds without a unit. */
    static Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + text + "' is not a time such as 30s, 500ms, 2m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static InetAddress address(String literal) {
        if (!literal.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address (host names are not looked up)");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + literal + "' is not an IP address");
        }
    }
}
