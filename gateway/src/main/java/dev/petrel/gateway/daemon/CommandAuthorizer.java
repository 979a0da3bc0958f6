package dev.petrel.gateway.daemon;

import dev.petrel.ike.auth.Authorizer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code petrel daemon --authorize CMD}: before an IKE SA whose peer authenticated is completed, CMD runs with the
 * peer in its environment ({@code PETREL_CONNECTION}, {@code PETREL_PEER_ID}, {@code PETREL_PEER_EAP_ID} (empty
 * without EAP), {@code PETREL_PEER_ADDRESS}, {@code PETREL_PEER_PORT}, {@code PETREL_PEER_GROUPS} (comma-separated));
 * exit status 0 admits the peer, anything else
 * refuses it with the first line CMD printed as the reason. CMD runs on the IKE thread, so a slow one delays every
 * negotiation: after a timeout ({@link #TIMEOUT} in the daemon) it is killed and the peer refused.
 */
final class CommandAuthorizer implements Authorizer {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(CommandAuthorizer.class.getName());
    /** The most of CMD's output kept for the reason. */
    private static final int REASON_LIMIT = 200;

    private final Path command;
    private final Duration timeout;

    CommandAuthorizer(Path command, Duration timeout) {
        this.command = command;
        this.timeout = timeout;
    }

    @Override
    public String refuse(Peer peer) {
        ProcessBuilder builder = new ProcessBuilder(command.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PETREL_CONNECTION", peer.connection());
        env.put("PETREL_PEER_ID", peer.identity().toString());
        env.put("PETREL_PEER_EAP_ID", peer.eapIdentity() == null ? "" : peer.eapIdentity());
        env.put("PETREL_PEER_ADDRESS", peer.address().getHostAddress());
        env.put("PETREL_PEER_PORT", Integer.toString(peer.port()));
        env.put("PETREL_PEER_GROUPS", String.join(",", new TreeSet<>(peer.groups())));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return "the authorization command " + command + " did not start: " + e.getMessage();
        }
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return "the authorization command " + command + " did not answer within " + timeout.toMillis() + " ms";
            }
            String said = new String(out.readNBytes(REASON_LIMIT), StandardCharsets.UTF_8).strip().lines()
                    .findFirst().orElse("");
            if (process.exitValue() == 0) {
                return null;
            }
            return "the authorization command refused (exit " + process.exitValue() + ")" + (said.isEmpty() ? "" : ": " + said);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "authorization command {0}: {1}", command, e.getMessage());
            return "the authorization command " + command + " failed: " + e.getMessage();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return "interrupted while the authorization command ran";
        }
    }
}
