package dev.petrel.gateway.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.petrel.ike.auth.Authorizer;
import dev.petrel.ike.identity.Identity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external authorization command: it sees the peer in its environment, and its exit status decides. */
class CommandAuthorizerTest {
    private static final Authorizer.Peer CAROL = new Authorizer.Peer("rw", Identity.parse("carol@petrel.test"), "carol",
            InetAddress.ofLiteral("192.0.2.50"), 4500, Set.of("vpn", "staff"));

    @TempDir
    Path dir;

    @Test
    void exitZeroAdmitsThePeerItWasShown() throws IOException {
        Path seen = dir.resolve("seen");
        Path cmd = script("echo \"$PETREL_CONNECTION $PETREL_PEER_ID $PETREL_PEER_EAP_ID $PETREL_PEER_ADDRESS "
                + "$PETREL_PEER_PORT $PETREL_PEER_GROUPS\" > " + seen + "\nexit 0");
        assertNull(new CommandAuthorizer(cmd, Duration.ofSeconds(5)).refuse(CAROL));
        assertEquals("rw carol@petrel.test carol 192.0.2.50 4500 staff,vpn", Files.readString(seen).strip());
    }

    @Test
    void anotherStatusRefusesWithTheFirstLinePrinted() throws IOException {
        Path cmd = script("echo 'carol is not in group vpn'\necho more\nexit 3");
        assertEquals("the authorization command refused (exit 3): carol is not in group vpn",
                new CommandAuthorizer(cmd, Duration.ofSeconds(5)).refuse(CAROL));
    }

    @Test
    void aCommandThatHangsIsKilledAndRefuses() throws IOException {
        Path cmd = script("sleep 30");
        assertEquals("the authorization command " + cmd + " did not answer within 300 ms",
                new CommandAuthorizer(cmd, Duration.ofMillis(300)).refuse(CAROL));
    }

    @Test
    void aMissingCommandRefuses() {
        String reason = new CommandAuthorizer(dir.resolve("absent"), Duration.ofSeconds(1)).refuse(CAROL);
        assertEquals(true, reason.startsWith("the authorization command " + dir.resolve("absent") + " did not start"), reason);
    }

    private Path script(String body) throws IOException {
        Path p = dir.resolve("authorize.sh");
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
