package dev.petrel.testkit.interop;

import java.util.List;
import java.util.Map;

/**
 * An IKE_SA as {@code swanctl --list-sas} reports it: its connection name, state (CONNECTING, ESTABLISHED, REKEYING,
 * DELETING...), SPIs, negotiated algorithms in strongSwan's names (AES_GCM_16, PRF_HMAC_SHA2_256, CURVE_25519...;
 * {@code integrity} is empty for an AEAD), the virtual IPs this side got and the peer got (RFC 7296 §3.15: assigned by
 * the responder in a CFG_REPLY; a road warrior's local ones, its gateway's remote ones) and CHILD_SAs. {@code attributes}
 * holds every scalar field of the listing (remote-port, remote-eap-id...).
 */
public record SwanctlIkeSa(
        String name,
        String state,
        String localHost,
        String remoteHost,
        boolean initiator,
        long initiatorSpi,
        long responderSpi,
        String encryption,
        int encryptionKeySize,
        String integrity,
        String prf,
        String dhGroup,
        List<String> localVirtualIps,
        List<String> remoteVirtualIps,
        List<SwanctlChildSa> children,
        Map<String, String> attributes) {

    public SwanctlIkeSa {
        localVirtualIps = List.copyOf(localVirtualIps);
        remoteVirtualIps = List.copyOf(remoteVirtualIps);
        children = List.copyOf(children);
        attributes = Map.copyOf(attributes);
    }

    /** The SPI this side chose. */
    public long localSpi() {
        return initiator ? initiatorSpi : responderSpi;
    }

    /** The SPI the peer chose. */
    public long remoteSpi() {
        return initiator ? responderSpi : initiatorSpi;
    }

    /** The IKE_SAs in the {@code --pretty} output of {@code swanctl --list-sas}. */
    static List<SwanctlIkeSa> parseList(String prettyOutput) {
        return SwanctlSection.parse(prettyOutput).stream()
                .filter(event -> event.name().equals("list-sa event"))
                .flatMap(event -> event.sections().stream())
                .map(SwanctlIkeSa::from)
                .toList();
    }

    private static SwanctlIkeSa from(SwanctlSection s) {
        List<SwanctlChildSa> children = s.sections().stream()
                .filter(sub -> sub.name().equals("child-sas"))
                .flatMap(sub -> sub.sections().stream())
                .map(SwanctlChildSa::from)
                .toList();
        return new SwanctlIkeSa(s.name(), s.value("state"), s.value("local-host"), s.value("remote-host"),
                s.value("initiator").equals("yes"), SwanctlChildSa.hex(s.value("initiator-spi")),
                SwanctlChildSa.hex(s.value("responder-spi")), s.value("encr-alg"),
                SwanctlChildSa.keySize(s.value("encr-keysize")), s.value("integ-alg"), s.value("prf-alg"),
                s.value("dh-group"), s.lists().getOrDefault("local-vips", List.of()),
                s.lists().getOrDefault("remote-vips", List.of()), children, s.values());
    }
}
