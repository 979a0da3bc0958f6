package dev.petrel.testkit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.petrel.testkit.sim.FaultProfile;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RelayOptionsTest {
    private static final List<String> BASE = List.of("--listen", "127.0.0.1", "--target", "127.0.0.2", "--ports", "500,4500");

    @Test
    void aProfileOptionAppliesToBothDirectionsUnlessOneHasItsOwn() {
        RelayOptions o = parse("--loss", "0.1", "--max-delay", "20", "--backward-loss", "0.5", "--forward-min-delay", "5",
                "--seed", "42", "--queue", "16");
        assertEquals(InetAddress.ofLiteral("127.0.0.1"), o.listen());
        assertEquals(InetAddress.ofLiteral("127.0.0.2"), o.target());
        assertEquals(List.of(500, 4500), o.ports());
        assertEquals(new FaultProfile(0.1, 0, 0, Duration.ofMillis(5), Duration.ofMillis(20)), o.forward());
        assertEquals(new FaultProfile(0.5, 0, 0, Duration.ZERO, Duration.ofMillis(20)), o.backward());
        assertEquals(42, o.seed());
        assertEquals(16, o.queue());
    }

    @Test
    void withoutFaultOptionsTheLinkIsPerfect() {
        RelayOptions o = parse();
        assertEquals(FaultProfile.NONE, o.forward());
        assertEquals(FaultProfile.NONE, o.backward());
        assertEquals(RelayOptions.DEFAULT_SEED, o.seed());
        assertEquals(RelayOptions.DEFAULT_QUEUE, o.queue());
    }

    @Test
    void toArgsParsesBackToTheSameOptions() {
        RelayOptions o = new RelayOptions(InetAddress.ofLiteral("::1"), InetAddress.ofLiteral("2001:db8::2"),
                List.of(20500, 24500), new FaultProfile(0.1, 0.05, 0.2, Duration.ofMillis(1), Duration.ofMillis(30)),
                new FaultProfile(0.3, 0, 0, Duration.ZERO, Duration.ZERO), 9, 100);
        assertEquals(o, RelayOptions.parse(o.toArgs()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--loss 1.5|--loss 1.5 is not a rate within [0, 1]",
            "--forward-reorder x|--forward-reorder x is not a rate within [0, 1]",
            "--max-delay -1|--max-delay -1 is not a whole number of milliseconds",
            "--min-delay 50 --max-delay 10|--min-delay 50 exceeds --max-delay 10",
            "--backward-min-delay 50|--backward-min-delay 50 exceeds --max-delay 0",
            "--seed one|--seed one is not a whole number",
            "--queue 0|--queue 0 is not within [1, 4096]",
            "--jitter 5|unknown option '--jitter'",
            "--sideways-loss 0.1|unknown option '--sideways-loss'",
            "--loss|--loss needs a value",
            "--loss 0.1 --loss 0.2|--loss is given twice"})
    void badOptionsAreNamedWithTheirValue(String extra, String message) {
        List<String> args = new ArrayList<>(BASE);
        args.addAll(List.of(extra.split(" ")));
        assertEquals(message, fails(args).substring(0, message.length()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--listen 127.0.0.1 --ports 500|--target is required",
            "--listen localhost --target 127.0.0.2 --ports 500|--listen localhost is not an IP address literal",
            "--listen 127.0.0.1 --target ::1 --ports 500|--listen 127.0.0.1 and --target 0:0:0:0:0:0:0:1 are of different address families",
            "--listen 127.0.0.1 --target 127.0.0.1 --ports 500|--target 127.0.0.1 is the --listen address",
            "--listen 127.0.0.1 --target 127.0.0.2 --ports 500,x|--ports 500,x: 'x' is not a port number",
            "--listen 127.0.0.1 --target 127.0.0.2 --ports 500,|--ports 500,: '' is not a port number",
            "--listen 127.0.0.1 --target 127.0.0.2 --ports 70000|--ports 70000 is not a port within [1, 65535]",
            "--listen 127.0.0.1 --target 127.0.0.2 --ports 500,500|--ports [500, 500] names a port twice"})
    void badAddressesAndPortsAreNamed(String args, String message) {
        assertEquals(message, fails(List.of(args.split(" "))).substring(0, message.length()));
    }

    @Test
    void delaysMustBeWholeMilliseconds() {
        FaultProfile fine = new FaultProfile(0, 0, 0, Duration.ZERO, Duration.ofNanos(1_500_000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelayOptions.of(
                InetAddress.ofLiteral("127.0.0.1"), InetAddress.ofLiteral("127.0.0.2"), List.of(500), fine));
        assertEquals("the relay takes delays in whole milliseconds up to 3600000, not PT0.0015S", e.getMessage());
    }

    private static RelayOptions parse(String... extra) {
        List<String> args = new ArrayList<>(BASE);
        args.addAll(List.of(extra));
        return RelayOptions.parse(args);
    }

    private static String fails(List<String> args) {
        return assertThrows(IllegalArgumentException.class, () -> RelayOptions.parse(args)).getMessage();
    }
}
