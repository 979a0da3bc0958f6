package dev.petrel.testkit.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys and SPIs of the first CHILD_SA in a charon log written at level 4, where strongSwan prints its
 * keying material ("encryption initiator key => 16 bytes" followed by a hex dump) and the SAs it installs.
 * Test-only: it exists so that tests can decrypt strongSwan's ESP independently of Petrel's IKE.
 */
public record StrongSwanChildKeys(
        long outboundSpi,
        long inboundSpi,
        byte[] encryptionInitiator,
        byte[] encryptionResponder,
        byte[] integrityInitiator,
        byte[] integrityResponder) {

    private static final Pattern MESSAGE = Pattern.compile("^\\S+ \\d+\\[(\\w+)\\] (?:<[^>]*> )?(.*)$");
    private static final Pattern KEY = Pattern.compile("^(encryption|integrity) (initiator|responder) key => (\\d+) bytes.*");
    private static final Pattern DUMP = Pattern.compile("^\\s+\\d+: ((?:[0-9A-F]{2} ?)+).*$");
    private static final Pattern SPI = Pattern.compile("^\\s+SPI 0x([0-9a-f]{8}), src .*");

    /** Parses the first CHILD_SA of {@code log}; fails when the log was not written at level 4. */
    public static StrongSwanChildKeys parse(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        Map<String, byte[]> keys = new HashMap<>();
        Long outbound = null;
        Long inbound = null;
        String direction = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MESSAGE.matcher(lines.get(i));
            if (!m.matches() || !"CHD".equals(m.group(1))) {
                continue;
            }
            String text = m.group(2);
            Matcher key = KEY.matcher(text);
            if (key.matches() && !keys.containsKey(key.group(1) + key.group(2))) {
                keys.put(key.group(1) + key.group(2), readDump(lines, i + 1, Integer.parseInt(key.group(3))));
            } else if (text.startsWith("adding inbound ESP SA")) {
                direction = "in";
            } else if (text.startsWith("adding outbound ESP SA")) {
                direction = "out";
            } else {
                Matcher spi = SPI.matcher(text);
                if (spi.matches() && direction != null) {
                    long value = Long.parseLong(spi.group(1), 16);
                    if (direction.equals("in") && inbound == null) {
                        inbound = value;
                    } else if (direction.equals("out") && outbound == null) {
                        outbound = value;
                    }
                    direction = null;
                }
            }
        }
        if (outbound == null || inbound == null || !keys.containsKey("encryptioninitiator")) {
            throw new IOException(log + " holds no CHILD_SA keys: was charon's log level 4?");
        }
        return new StrongSwanChildKeys(outbound, inbound, keys.get("encryptioninitiator"), keys.get("encryptionresponder"),
                keys.getOrDefault("integrityinitiator", new byte[0]), keys.getOrDefault("integrityresponder", new byte[0]));
    }

    private static byte[] readDump(List<String> lines, int from, int length) throws IOException {
        byte[] out = new byte[length];
        int n = 0;
        for (int i = from; i < lines.size() && n < length; i++) {
            Matcher m = MESSAGE.matcher(lines.get(i));
            Matcher dump = m.matches() ? DUMP.matcher(m.group(2)) : null;
            if (dump == null || !dump.matches()) {
                break;
            }
            for (String octet : dump.group(1).trim().split(" ")) {
                out[n++] = (byte) Integer.parseInt(octet, 16);
            }
        }
        if (n != length) {
            throw new IOException("key dump of " + length + " bytes ended after " + n);
        }
        return out;
    }

    @Override
    public String toString() {
        return "StrongSwanChildKeys[out=" + Long.toHexString(outboundSpi) + ", in=" + Long.toHexString(inboundSpi) + "]";
    }
}
