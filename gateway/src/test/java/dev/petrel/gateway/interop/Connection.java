package dev.petrel.gateway.interop;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.esp.sa.Mode;
import dev.petrel.ike.config.ChildConfig;
import dev.petrel.ike.config.IkeConfig;
import dev.petrel.ike.config.PreSharedKey;
import dev.petrel.ike.identity.Identity;
import dev.petrel.ike.identity.IdentityMatcher;
import dev.petrel.ike.proposal.ProposalParser;
import dev.petrel.testkit.netns.TestNetwork;
import dev.petrel.wire.ike.ProtocolId;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The connection "petrel" of one case as both sides configure it: Petrel on the left (left.petrel.test), strongSwan on
 * the right (right.petrel.test), one PSK, and two CHILD_SAs: "net" (198.51.100.0/24 === 203.0.113.0/24, set up inside
 * IKE_AUTH) and "net2" (2001:db8:1::/48 === 2001:db8:2::/48, for CREATE_CHILD_SA), both with the side's ESP proposals.
 * Each side has its own IKE and ESP proposals, in strongSwan's syntax (they differ in the INVALID_KE_PAYLOAD cases);
 * {@code encap} forces UDP encapsulation on both (RFC 3948); the outer addresses are TestNetwork's IPv4 or IPv6 ones;
 * with {@code pki} (else null) both sides authenticate with certificates instead of the PSK.
 */
record Connection(String petrelIke, String strongSwanIke, String petrelEsp, String strongSwanEsp, boolean encap,
        boolean ipv6, Pki pki) {
    static final String NAME = "petrel";
    private static final String PSK = "petrel-interop-psk-0123456789";
    static final String LEFT_ID = "left.petrel.test";
    static final String RIGHT_ID = "right.petrel.test";
    private static final List<String> NET = List.of("198.51.100.0/24", "203.0.113.0/24");
    private static final List<String> NET2 = List.of("2001:db8:1::/48", "2001:db8:2::/48");

    /** Both sides with the same IKE and ESP proposals (strongSwan's proposal syntax), IPv4, no forced encapsulation. */
    static Connection of(String ike, String esp) {
        return new Connection(ike, ike, esp, esp, false, false, null);
    }

    Connection withPetrelIke(String ike) {
        return new Connection(ike, strongSwanIke, petrelEsp, strongSwanEsp, encap, ipv6, pki);
    }

    Connection withStrongSwanIke(String ike) {
        return new Connection(petrelIke, ike, petrelEsp, strongSwanEsp, encap, ipv6, pki);
    }

    Connection withPetrelEsp(String esp) {
        return new Connection(petrelIke, strongSwanIke, esp, strongSwanEsp, encap, ipv6, pki);
    }

    Connection withStrongSwanEsp(String esp) {
        return new Connection(petrelIke, strongSwanIke, petrelEsp, esp, encap, ipv6, pki);
    }

    Connection withEncap() {
        return new Connection(petrelIke, strongSwanIke, petrelEsp, strongSwanEsp, true, ipv6, pki);
    }

    Connection overIpv6() {
        return new Connection(petrelIke, strongSwanIke, petrelEsp, strongSwanEsp, encap, true, pki);
    }

    /** Both sides authenticate with certificates instead of the PSK. */
    Connection withCertificates(Pki certificates) {
        return new Connection(petrelIke, strongSwanIke, petrelEsp, strongSwanEsp, encap, ipv6, certificates);
    }

    InetAddress left() {
        return TestNetwork.leftAddress(ipv6);
    }

    InetAddress right() {
        return TestNetwork.rightAddress(ipv6);
    }

    /** Petrel's side. */
    IkeConfig petrel() {
        byte[] psk = PSK.getBytes(StandardCharsets.US_ASCII);
        return new IkeConfig(NAME, left(), right(), ProposalParser.parseList(petrelIke, ProtocolId.IKE),
                Identity.parse(LEFT_ID), pki == null ? new PreSharedKey(psk) : pki.petrelAuth(),
                IdentityMatcher.parse(pki == null ? RIGHT_ID : pki.strongSwanId()),
                pki == null ? new PreSharedKey(psk) : pki.petrelTrust(), List.of(child("net", NET), child("net2", NET2)), encap);
    }

    private ChildConfig child(String name, List<String> subnets) {
        return new ChildConfig(name, List.of(TrafficSelector.subnet(subnets.get(0))),
                List.of(TrafficSelector.subnet(subnets.get(1))), ProposalParser.parseList(petrelEsp, ProtocolId.ESP), Mode.TUNNEL, 64);
    }

    /** The files beside strongSwan's swanctl.conf: its certificate, key and CA, or none with the PSK. */
    Map<String, String> swanctlFiles() {
        return pki == null ? Map.of() : pki.strongSwanFiles();
    }

    /** strongSwan's side, a swanctl.conf without rekeying (the cases decide when anything happens). */
    String swanctlConf() {
        return """
                connections {
                  %s {
                    version = 2
                    local_addrs = %s
                    remote_addrs = %s
                    proposals = %s
                    encap = %s
                    rekey_time = 0
                    local {
                      %s
                    }
                    remote {
                      auth = %s
                      id = %s
                    }
                    children {
                %s
                %s
                    }
                  }
                }
                %s
                """.formatted(NAME, right().getHostAddress(), left().getHostAddress(), strongSwanIke, encap ? "yes" : "no",
                pki == null ? "auth = psk\n      id = " + RIGHT_ID
                        : "auth = " + pki.strongSwanAuth() + "\n      certs = right.pem\n      id = " + pki.strongSwanId(),
                pki == null ? "psk" : "pubkey", LEFT_ID, swanctlChild("net", NET), swanctlChild("net2", NET2),
                pki == null ? """
                        secrets {
                          ike-petrel {
                            id-a = %s
                            id-b = %s
                            secret = "%s"
                          }
                        }""".formatted(LEFT_ID, RIGHT_ID, PSK) : "");
    }

    private String swanctlChild(String name, List<String> subnets) {
        return """
                      %s {
                        local_ts = %s
                        remote_ts = %s
                        esp_proposals = %s
                        rekey_time = 0
                      }""".formatted(name, subnets.get(1), subnets.get(0), strongSwanEsp);
    }
}
