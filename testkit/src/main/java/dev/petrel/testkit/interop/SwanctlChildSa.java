package dev.petrel.testkit.interop;

import java.util.List;
import java.util.Map;

/**
 * A CHILD_SA as {@code swanctl --list-sas} reports it. Algorithm names are strongSwan's (AES_GCM_16,
 * HMAC_SHA2_256_128...); {@code integrity} is empty for an AEAD; SPIs are the 32-bit values of the SAs installed for
 * inbound and outbound traffic. {@code attributes} holds every scalar field of the listing, including those without
 * an accessor here (bytes-in, encap, reqid...).
 */
public record SwanctlChildSa(
        String name,
        String state,
        String mode,
        String protocol,
        long spiIn,
        long spiOut,
        String encryption,
        int encryptionKeySize,
        String integrity,
        List<String> localTs,
        List<String> remoteTs,
        Map<String, String> attributes) {

    public SwanctlChildSa {
        localTs = List.copyOf(localTs);
        remoteTs = List.copyOf(remoteTs);
        attributes = Map.copyOf(attributes);
    }

    static SwanctlChildSa from(SwanctlSection s) {
        return new SwanctlChildSa(s.value("name"), s.value("state"), s.value("mode"), s.value("protocol"),
                hex(s.value("spi-in")), hex(s.value("spi-out")), s.value("encr-alg"), keySize(s.value("encr-keysize")),
                s.value("integ-alg"), s.lists().getOrDefault("local-ts", List.of()),
                s.lists().getOrDefault("remote-ts", List.of()), s.values());
    }

    static long hex(String value) {
        return value.isEmpty() ? 0 : Long.parseUnsignedLong(value, 16);
    }

    static int keySize(String value) {
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }
}
