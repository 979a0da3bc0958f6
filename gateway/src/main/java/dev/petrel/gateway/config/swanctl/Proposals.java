package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.proposal.CryptoProposal;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.wire.ike.ProtocolId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code proposals}, {@code esp_proposals} and {@code ah_proposals}: {@link ProposalParser}'s strongSwan keywords,
 * and the keyword {@code default}, which stands for strongSwan's default proposals (its proposal_create_default
 * and proposal_create_default_aead) less the algorithms Petrel does not implement.
 */
final class Proposals {
    private static final String IKE_PRF_KE = "prfsha256-prfsha384-prfsha512-prfaesxcbc-prfsha1"
            + "-ecp256-ecp384-ecp521-x25519-x448-modp3072-modp4096-modp2048";
    private static final Map<ProtocolId, List<CryptoProposal>> DEFAULTS = Map.of(
            ProtocolId.IKE, ProposalParser.parseList(
                    "aes128-aes192-aes256-sha256-sha384-sha512-aesxcbc-sha1-" + IKE_PRF_KE + ", "
                    + "aes128gcm16-aes192gcm16-aes256gcm16-chacha20poly1305-aes128gcm12-aes192gcm12-aes256gcm12"
                    + "-aes128gcm8-aes192gcm8-aes256gcm8-" + IKE_PRF_KE, ProtocolId.IKE),
            ProtocolId.ESP, ProposalParser.parseList(
                    "aes128-aes192-aes256-sha256-sha384-sha512-sha1-aesxcbc, aes128gcm16-aes192gcm16-aes256gcm16",
                    ProtocolId.ESP),
            ProtocolId.AH, ProposalParser.parseList("sha256-sha384-sha512-sha1-aesxcbc", ProtocolId.AH));

    private Proposals() {}

    static List<CryptoProposal> parse(Setting s, ProtocolId protocol) {
        List<CryptoProposal> out = new ArrayList<>();
        for (String item : Values.list(s)) {
            if (item.equalsIgnoreCase("default")) {
                out.addAll(defaults(protocol));
                continue;
            }
            try {
                out.add(ProposalParser.parse(item, protocol));
            } catch (IllegalArgumentException e) {
                throw s.problem(e.getMessage(), e);
            }
        }
        return out;
    }

    /** strongSwan's {@code default} for {@code protocol}: the classic proposal first, then the AEAD one. */
    static List<CryptoProposal> defaults(ProtocolId protocol) {
        return DEFAULTS.get(protocol);
    }
}
