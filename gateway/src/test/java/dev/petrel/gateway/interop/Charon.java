package dev.petrel.gateway.interop;

import dev.petrel.testkit.exec.CommandResult;
import dev.petrel.testkit.exec.Commands;
import dev.petrel.testkit.vectors.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A strongSwan charon in the right namespace of a test network, run by ../shared/interop/strongswan-peer.sh with its
 * log at level 4 (keys included).
 */
final class Charon implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String namespace;
    private final Path run;
    private final Map<String, String> environment;

    private Charon(String namespace, Path run) {
        this.namespace = namespace;
        this.run = run;
        this.environment = Map.of("INTEROP_RUN", run.toString(), "CHARON_LOGLEVEL", "4");
    }

    static Charon start(String namespace, String swanctlConf, String strongswanConf) throws IOException {
        Path config = Files.createTempDirectory("petrel-charon");
        Files.writeString(config.resolve("swanctl.conf"), swanctlConf);
        if (strongswanConf != null) {
            Files.writeString(config.resolve("strongswan.conf"), strongswanConf);
        }
        Charon charon = new Charon(namespace, Path.of("/run/petrel-ike-interop"));
        charon.script("start", config.toString());
        return charon;
    }

    /** swanctl against this charon, e.g. {@code swanctl("--list-sas")}. */
    String swanctl(String... args) throws IOException {
        List<String> a = new ArrayList<>(List.of("swanctl"));
        a.addAll(List.of(args));
        return script(a.toArray(String[]::new));
    }

    Path log() {
        return run.resolve(namespace).resolve("charon.log");
    }

    private String script(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProjectPaths.shared().resolve("interop/strongswan-peer.sh").toString()));
        command.add(args[0]);
        command.add(namespace);
        command.addAll(List.of(args).subList(1, args.length));
        CommandResult r = Commands.run(command, environment, TIMEOUT);
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + r);
        }
        return r.stdout();
    }

    @Override
    public void close() throws IOException {
        script("stop");
    }
}
