package dev.petrel.testkit.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys and SPIs of a CHILD_SA in a charon log written at level 4, where strongSwan prints its keying material
 * (RFC 7296 §2.17: "encryption initiator key => 16 bytes" followed by a hex dump) and then the SAs it installs, inbound
 * first. "Initiator" is the side that initiated the exchange that created the CHILD_SA. Test-only: it exists so that
 * tests can check another implementation's CHILD_SAs, or decrypt strongSwan's ESP, independently of Petrel's IKE.
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
    private static final byte[] NONE = new byte[0];

    /** Parses the first CHILD_SA of {@code log}; fails when the log was not written at level 4. */
    public static StrongSwanChildKeys parse(Path log) throws IOException {
        return parseAll(log).stream().findFirst()
                .orElseThrow(() -> new IOException(log + " holds no CHILD_SA keys: was charon's log level 4?"));
    }

    /**
     * Parses the CHILD_SA that charon installed last with the inbound SPI {@code inboundSpi} (the peer's outbound
     * one); fails when there is none.
     */
    public static StrongSwanChildKeys parse(Path log, long inboundSpi) throws IOException {
        return parseAll(log).reversed().stream().filter(k -> k.inboundSpi() == inboundSpi).findFirst()
                .orElseThrow(() -> new IOException(log + " holds no keys of a CHILD_SA with inbound SPI "
                        + Long.toHexString(inboundSpi) + " (was charon's log level 4?)"));
    }

    /**
     * Every CHILD_SA of {@code log} in the order charon installed them: each takes the key dumps logged last before
     * its inbound and outbound SAs, so the CHILD_SAs must have been set up one after another (as in one IKE SA).
     */
    public static List<StrongSwanChildKeys> parseAll(Path log) throws IOException {
        CharonLog charon = CharonLog.read(log);
        List<StrongSwanChildKeys> all = new ArrayList<>();
        Map<String, byte[]> keys = new HashMap<>();
        Long inbound = null;
        String direction = null;
        for (int i = 0; i < charon.size(); i++) {
            Optional<CharonLog.Message> m = charon.message(i);
            if (m.isEmpty() || !m.get().group().equals("CHD")) {
                continue;
            }
            Optional<CharonLog.Dump> dump = charon.dump(i, "CHD", KEY);
            String text = m.get().text();
            Matcher spi = SPI.matcher(text);
            if (dump.isPresent()) {
                keys.put(dump.get().label(), dump.get().data());
            } else if (text.startsWith("adding inbound ESP SA")) {
                direction = "in";
            } else if (text.startsWith("adding outbound ESP SA")) {
                direction = "out";
            } else if (spi.matches() && direction != null) {
                long value = Long.parseLong(spi.group(1), 16);
                if (direction.equals("in")) {
                    inbound = value;
                } else if (inbound != null && keys.containsKey("encryption initiator key")) {
                    all.add(new StrongSwanChildKeys(value, inbound, keys.get("encryption initiator key"),
                            keys.get("encryption responder key"), keys.getOrDefault("integrity initiator key", NONE),
                            keys.getOrDefault("integrity responder key", NONE)));
                    keys = new HashMap<>();
                    inbound = null;
                }
                direction = null;
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return "StrongSwanChildKeys[out=" + Long.toHexString(outboundSpi) + ", in=" + Long.toHexString(inboundSpi) + "]";
    }
}
