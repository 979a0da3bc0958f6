package dev.petrel.testkit.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    private static final Pattern KEY = Pattern.compile("(encryption|integrity) (initiator|responder) key");
    private static final Pattern SPI = Pattern.compile("^\\s+SPI 0x([0-9a-f]{8}), src .*");

    /** Parses the first CHILD_SA of {@code log}; fails when the log was not written at level 4. */
    public static StrongSwanChildKeys parse(Path log) throws IOException {
        CharonLog charon = CharonLog.read(log);
        Map<String, byte[]> keys = charon.firstDumps("CHD", KEY);
        Long outbound = null;
        Long inbound = null;
        String direction = null;
        for (int i = 0; i < charon.size(); i++) {
            Optional<CharonLog.Message> m = charon.message(i);
            if (m.isEmpty() || !m.get().group().equals("CHD")) {
                continue;
            }
            String text = m.get().text();
            if (text.startsWith("adding inbound ESP SA")) {
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
        if (outbound == null || inbound == null || !keys.containsKey("encryption initiator key")) {
            throw new IOException(log + " holds no CHILD_SA keys: was charon's log level 4?");
        }
        byte[] none = new byte[0];
        return new StrongSwanChildKeys(outbound, inbound, keys.get("encryption initiator key"),
                keys.get("encryption responder key"), keys.getOrDefault("integrity initiator key", none),
                keys.getOrDefault("integrity responder key", none));
    }

    @Override
    public String toString() {
        return "StrongSwanChildKeys[out=" + Long.toHexString(outboundSpi) + ", in=" + Long.toHexString(inboundSpi) + "]";
    }
}
