package dev.petrel.cli.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.petrel.cli.Petrel;
import dev.petrel.gateway.control.AddressPoolStatus;
import dev.petrel.gateway.control.ConnectionStatus;
import dev.petrel.gateway.control.ControlServer;
import dev.petrel.gateway.control.IkeSaStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ControlCommandsTest {
    /** What one {@code petrel} run printed and returned. */
    private record Run(int exitCode, String out, String err) { }

    @TempDir
    Path dir;
    private Path socket;
    private ControlServer daemon;

    @BeforeEach
    void start() throws IOException {
        socket = dir.resolve("petrel.sock");
        daemon = new ControlServer(socket, new FakeDaemon());
    }

    @AfterEach
    void stop() throws IOException {
        daemon.close();
    }

    @Test
    void listSasPrintsSwanctlsLayout() {
        assertEquals(new Run(0, """
                home: #1, ESTABLISHED, IKEv2, 6fd55d95f66b4a67_i* cea64d4a303e0ca2_r
                  local  'moon.example.org' @ 192.0.2.1[4500]
                  remote 'sun.example.org' @ 192.0.2.2[4500]
                  AES_GCM_16-256/PRF_HMAC_SHA2_256/CURVE_25519
                  established 42s ago
                  net: #1, reqid 1, INSTALLED, TUNNEL-in-UDP, ESP:AES_GCM_16-128
                    installed 41s ago
                    in  c8931e89,  12345 bytes,   100 packets
                    out cee78125,    168 bytes,     2 packets
                    local  198.51.100.0/24
                    remote 203.0.113.0/24
                  mgmt: #2, reqid 2, REKEYING, TRANSPORT, ESP:AES_CBC-128/HMAC_SHA2_256_128/ECP_256/ESN
                    installed 7s ago
                    in  c1234567,      0 bytes,     0 packets
                    out c7654321, 1234567 bytes,  8901 packets
                    local  192.0.2.1/32[udp/161]
                    remote 192.0.2.2/32 2001:db8::2/128
                office: #2, CONNECTING, IKEv2, 0011223344556677_i 8899aabbccddeeff_r*
                  local  'moon.example.org' @ 2001:db8::1[500]
                  remote '%any' @ 2001:db8::3[500]
                """, ""), petrel("list-sas", "--socket", socket.toString()));
    }

    @Test
    void listConnsPrintsSwanctlsLayout() {
        assertEquals(new Run(0, """
                home: IKEv2
                  local:  192.0.2.1
                  remote: 192.0.2.2
                  proposals: aes256gcm16-prfsha256-x25519, aes128-sha256-ecp256
                  local pre-shared key authentication:
                    id: moon.example.org
                  remote pre-shared key authentication:
                    id: sun.example.org
                  net: TUNNEL
                    local:  198.51.100.0/24
                    remote: 203.0.113.0/24
                    esp proposals: aes128gcm16
                    start action: start
                office: IKEv2
                  local:  %any
                  remote: 2001:db8::3
                  remote: 2001:db8::4
                  proposals: aes256gcm16-prfsha384-ecp384
                  local pre-shared key authentication:
                    id: moon.example.org
                  remote pre-shared key authentication:
                    id: %any
                """, ""), petrel("list-conns", "--socket", socket.toString()));
    }

    @Test
    void listPoolsShowsEveryLease() {
        assertEquals(new Run(0, """
                rw-pool              10.3.0.1-10.3.0.14                 1 / 1 / 14
                  10.3.0.1                       online   'carol@petrel.test'
                  10.3.0.2                       offline  'dave@petrel.test'
                """, ""), petrel("list-pools", "--socket", socket.toString()));
    }

    @Test
    void jsonListingsReadBackAsTheDaemonsRecords() throws IOException {
        JsonMapper json = new JsonMapper();
        Run sas = petrel("list-sas", "--json", "--socket", socket.toString());
        assertEquals(0, sas.exitCode());
        assertEquals(FakeDaemon.SAS, json.readValue(sas.out(), new TypeReference<List<IkeSaStatus>>() { }));
        Run conns = petrel("list-conns", "--socket", socket.toString(), "--json");
        assertEquals(0, conns.exitCode());
        assertEquals(FakeDaemon.CONNS, json.readValue(conns.out(), new TypeReference<List<ConnectionStatus>>() { }));
        Run pools = petrel("list-pools", "--socket", socket.toString(), "--json");
        assertEquals(FakeDaemon.POOLS, json.readValue(pools.out(), new TypeReference<List<AddressPoolStatus>>() { }));
    }

    @Test
    void commandsPrintTheDaemonsLinesAndSucceed() {
        assertEquals(new Run(0, "initiating home\nIKE SA home established\n", ""),
                petrel("initiate", "home", "--socket", socket.toString()));
        assertEquals(new Run(0, "IKE SA home deleted\n", ""),
                petrel("terminate", "--socket", socket.toString(), "home"));
        assertEquals(new Run(0, "loaded 2 connections\n", ""), petrel("reload", "--socket", socket.toString()));
        assertEquals(new Run(0, "rekeying IKE SA(s) #1 of home\n", ""),
                petrel("rekey", "--ike", "home", "--socket", socket.toString()));
        assertEquals(new Run(0, "reauthenticating IKE SA(s) #1 of home\n", ""),
                petrel("rekey", "--reauth", "--ike", "home", "--socket", socket.toString()));
        assertEquals(new Run(0, "rekeying CHILD_SA(s) c8931e89 of net\n", ""),
                petrel("rekey", "--child", "net", "--socket", socket.toString()));
    }

    @Test
    void rekeyNamesAConnectionOrAChild() {
        for (String args : List.of("rekey", "rekey --ike home --child net", "rekey --child net --reauth", "rekey --reauth")) {
            assertEquals(2, petrel((args + " --socket " + socket).split(" ")).exitCode(), args);
        }
        assertEquals(new Run(1, "", "petrel rekey: no child named 'web'\n"),
                petrel("rekey", "--child", "web", "--socket", socket.toString()));
    }

    @Test
    void aCommandTheDaemonCouldNotCompleteFails() {
        assertEquals(new Run(1, "no IKE SA of office to terminate\n", "petrel terminate: failed\n"),
                petrel("terminate", "office", "--socket", socket.toString()));
    }

    @Test
    void aRefusalIsOneLineOnStandardError() {
        assertEquals(new Run(1, "", "petrel initiate: no connection named 'nowhere'\n"),
                petrel("initiate", "nowhere", "--socket", socket.toString()));
        assertEquals(new Run(1, "", "petrel terminate: a connection name is required\n"),
                petrel("terminate", " ", "--socket", socket.toString()));
    }

    @Test
    void everyCommandSaysClearlyThatNoDaemonIsRunning() {
        Path missing = dir.resolve("run/petrel/petrel.sock");
        Stream.of("initiate home", "terminate home", "rekey --ike home", "list-sas", "list-sas --json", "list-conns", "reload")
                .forEach(command -> {
                    String[] args = (command + " --socket " + missing).split(" ");
                    assertEquals(new Run(1, "", "petrel " + args[0] + ": no Petrel daemon at " + missing
                            + ": no such file or directory\n"), petrel(args), command);
                });
    }

    @Test
    void theSocketDefaultsToTheDaemonsPath() {
        for (String command : List.of("initiate home", "terminate home", "list-sas", "list-conns", "reload")) {
            CommandLine.ParseResult parsed = new CommandLine(new Petrel()).parseArgs(command.split(" "));
            assertEquals(Path.of("/run/petrel/petrel.sock"),
                    parsed.subcommand().commandSpec().findOption("--socket").getValue(), command);
        }
    }

    @Test
    void aMissingConnectionNameIsAUsageError() {
        assertEquals(2, petrel("initiate", "--socket", socket.toString()).exitCode());
    }

    private static Run petrel(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Petrel());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
