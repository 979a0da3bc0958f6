package dev.petrel.cli.e2e;

import dev.petrel.testkit.netns.TestNetwork;
import java.net.InetAddress;

/**
 * One tunnel between the left and the right host of a {@link TestNetwork}, as a swanctl.conf for either side (Petrel and
 * strongSwan read the same file): connection {@value #CONNECTION} with CHILD_SA {@value #CHILD} between the networks
 * behind the hosts (tunnel mode) or the hosts themselves (transport mode), one PSK, identities left/right.petrel.test,
 * by default no rekeying and nothing started by itself ({@link #leftConf(String)} says otherwise).
 *
 * @param esp the CHILD_SA's proposals in strongSwan's syntax ({@code aes128gcm16}, {@code aes128-sha256}; for AH
 *     {@code sha256}...)
 * @param ipv6Outer whether IKE and ESP run between 2001:db8::1 and ::2 rather than 192.0.2.1 and .2
 * @param ipv6Inner tunnel mode: whether the tunnel joins 2001:db8:1::/64 and 2001:db8:2::/64 rather than
 *     198.51.100.0/24 and 203.0.113.0/24
 * @param encap {@code encap = yes}: ESP in UDP 4500 (RFC 3948) rather than raw
 * @param transport transport mode between the hosts' own addresses
 * @param ah an AH CHILD_SA ({@code ah_proposals}) rather than ESP
 * @param certificates {@code auth = pubkey} with {@code certs = left.pem} / {@code right.pem} (in x509/, trust
 *     anchors in x509ca/, keys in private/ beside the file) rather than the PSK
 */
record Tunnel(String esp, boolean ipv6Outer, boolean ipv6Inner, boolean encap, boolean transport, boolean ah,
        boolean certificates) {
    static final String CONNECTION = "petrel";
    static final String CHILD = "net";
    static final String IKE_PROPOSAL = "aes128gcm16-prfsha256-x25519";
    private static final String PSK = "petrel-e2e-psk-0123456789abcdef";
    /** The child's lifecycle unless a test says otherwise: no rekeying, nothing started by itself. */
    private static final String STATIC_CHILD = "rekey_time = 0\n        start_action = none";

    /** ESP in UDP in tunnel mode (what strongSwan 5.9's userspace data plane always does). */
    Tunnel(String esp, boolean ipv6Outer, boolean ipv6Inner) {
        this(esp, ipv6Outer, ipv6Inner, true, false, false, false);
    }

    /** IPv4 outside and inside, ESP in UDP. */
    static Tunnel ipv4(String esp) {
        return new Tunnel(esp, false, false);
    }

    /** The same tunnel, authenticated by certificates. */
    Tunnel withCertificates() {
        return new Tunnel(esp, ipv6Outer, ipv6Inner, encap, transport, ah, true);
    }

    /** Raw ESP (IP protocol 50) in tunnel mode. */
    static Tunnel raw(String esp, boolean ipv6Outer, boolean ipv6Inner) {
        return new Tunnel(esp, ipv6Outer, ipv6Inner, false, false, false, false);
    }

    /** Raw ESP in transport mode between the hosts. */
    static Tunnel transport(String esp, boolean ipv6) {
        return new Tunnel(esp, ipv6, ipv6, false, true, false, false);
    }

    /** AH (IP protocol 51), tunnel or transport mode. */
    static Tunnel ah(String proposals, boolean ipv6, boolean transport) {
        return new Tunnel(proposals, ipv6, ipv6, false, transport, true, false);
    }

    Tunnel withEsp(String proposals) {
        return new Tunnel(proposals, ipv6Outer, ipv6Inner, encap, transport, ah, certificates);
    }

    InetAddress leftOuter() {
        return TestNetwork.leftAddress(ipv6Outer);
    }

    InetAddress rightOuter() {
        return TestNetwork.rightAddress(ipv6Outer);
    }

    /** Where the protected traffic starts: an inner address, or in transport mode the host's own. */
    InetAddress leftInner() {
        return transport ? leftOuter() : ipv6Inner ? TestNetwork.LEFT_INNER_IPV6 : TestNetwork.LEFT_INNER;
    }

    InetAddress rightInner() {
        return transport ? rightOuter() : ipv6Inner ? TestNetwork.RIGHT_INNER_IPV6 : TestNetwork.RIGHT_INNER;
    }

    String leftNet() {
        return transport ? host(leftOuter()) : ipv6Inner ? "2001:db8:1::/64" : "198.51.100.0/24";
    }

    String rightNet() {
        return transport ? host(rightOuter()) : ipv6Inner ? "2001:db8:2::/64" : "203.0.113.0/24";
    }

    /** IP protocol 50 or 51 as tshark names it. */
    String protocolName() {
        return ah ? "ah" : "esp";
    }

    private String auth() {
        return certificates ? "pubkey" : "psk";
    }

    private static String host(InetAddress address) {
        return address.getHostAddress() + (address.getAddress().length == 4 ? "/32" : "/128");
    }

    /** The left host's swanctl.conf. */
    String leftConf() {
        return leftConf(STATIC_CHILD);
    }

    /** The right host's swanctl.conf. */
    String rightConf() {
        return rightConf(STATIC_CHILD);
    }

    /** The left host's swanctl.conf with {@code childLines} (rekey_time, start_action...) in the child's section. */
    String leftConf(String childLines) {
        return conf("left", "right", leftOuter(), rightOuter(), leftNet(), rightNet(), childLines);
    }

    /** The right host's swanctl.conf with {@code childLines} in the child's section. */
    String rightConf(String childLines) {
        return conf("right", "left", rightOuter(), leftOuter(), rightNet(), leftNet(), childLines);
    }

    /** A short name for test reports, e.g. {@code aes128gcm16 v6-in-v4 UDP} or {@code AH sha256 v4 transport}. */
    @Override
    public String toString() {
        return (certificates ? "certificates, " : "") + (ah ? "AH " : "") + esp + " " + (transport ? (ipv6Outer ? "v6" : "v4") + " transport"
                : (ipv6Inner ? "v6" : "v4") + "-in-" + (ipv6Outer ? "v6" : "v4")) + (encap ? " UDP" : " raw");
    }

    private String conf(String self, String peer, InetAddress local, InetAddress remote, String localTs, String remoteTs,
            String childLines) {
        return """
                # Petrel end-to-end test, %s side
                connections {
                  %s {
                    version = 2
                    local_addrs = %s
                    remote_addrs = %s
                    proposals = %s
                    encap = %s
                    rekey_time = 0
                    local {
                      auth = %s
                      id = %s.petrel.test%s
                    }
                    remote {
                      auth = %s
                      id = %s.petrel.test
                    }
                    children {
                      %s {
                        mode = %s
                        local_ts = %s
                        remote_ts = %s
                        %s = %s
                        %s
                      }
                    }
                  }
                }
                secrets {
                  ike-petrel {
                    id-left = left.petrel.test
                    id-right = right.petrel.test
                    secret = "%s"
                  }
                }
                """.formatted(self, CONNECTION, local.getHostAddress(), remote.getHostAddress(), IKE_PROPOSAL,
                encap ? "yes" : "no", auth(), self, certificates ? "\n      certs = " + self + ".pem" : "", auth(), peer, CHILD, transport ? "transport" : "tunnel", localTs, remoteTs,
                ah ? "ah_proposals" : "esp_proposals", esp, childLines, PSK);
    }
}
