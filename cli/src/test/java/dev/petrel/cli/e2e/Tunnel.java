package dev.petrel.cli.e2e;

import dev.petrel.testkit.netns.TestNetwork;
import java.net.InetAddress;

/**
 * One tunnel between the left and the right host of a {@link TestNetwork}, as a swanctl.conf for either side (Petrel and
 * strongSwan read the same file): connection {@value #CONNECTION} with CHILD_SA {@value #CHILD} in tunnel mode between
 * the networks behind the hosts, one PSK, identities left/right.petrel.test, no rekeying, nothing started by itself.
 *
 * @param esp the CHILD_SA's ESP proposals in strongSwan's syntax ({@code aes128gcm16}, {@code aes128-sha256}...)
 * @param ipv6Outer whether IKE and ESP run between 2001:db8::1 and ::2 rather than 192.0.2.1 and .2
 * @param ipv6Inner whether the tunnel joins 2001:db8:1::/64 and 2001:db8:2::/64 rather than 198.51.100.0/24 and
 *     203.0.113.0/24
 */
record Tunnel(String esp, boolean ipv6Outer, boolean ipv6Inner) {
    static final String CONNECTION = "petrel";
    static final String CHILD = "net";
    static final String IKE_PROPOSAL = "aes128gcm16-prfsha256-x25519";
    private static final String PSK = "petrel-e2e-psk-0123456789abcdef";

    /** IPv4 outside and inside. */
    static Tunnel ipv4(String esp) {
        return new Tunnel(esp, false, false);
    }

    Tunnel withEsp(String proposals) {
        return new Tunnel(proposals, ipv6Outer, ipv6Inner);
    }

    InetAddress leftOuter() {
        return ipv6Outer ? TestNetwork.LEFT_IPV6 : TestNetwork.LEFT_IPV4;
    }

    InetAddress rightOuter() {
        return ipv6Outer ? TestNetwork.RIGHT_IPV6 : TestNetwork.RIGHT_IPV4;
    }

    InetAddress leftInner() {
        return ipv6Inner ? TestNetwork.LEFT_INNER_IPV6 : TestNetwork.LEFT_INNER;
    }

    InetAddress rightInner() {
        return ipv6Inner ? TestNetwork.RIGHT_INNER_IPV6 : TestNetwork.RIGHT_INNER;
    }

    String leftNet() {
        return ipv6Inner ? "2001:db8:1::/64" : "198.51.100.0/24";
    }

    String rightNet() {
        return ipv6Inner ? "2001:db8:2::/64" : "203.0.113.0/24";
    }

    /** The left host's swanctl.conf. */
    String leftConf() {
        return conf("left", "right", leftOuter(), rightOuter(), leftNet(), rightNet());
    }

    /** The right host's swanctl.conf. */
    String rightConf() {
        return conf("right", "left", rightOuter(), leftOuter(), rightNet(), leftNet());
    }

    /** A short name for test reports, e.g. {@code aes128gcm16 v6-in-v4}. */
    @Override
    public String toString() {
        return esp + " " + (ipv6Inner ? "v6" : "v4") + "-in-" + (ipv6Outer ? "v6" : "v4");
    }

    private String conf(String self, String peer, InetAddress local, InetAddress remote, String localTs, String remoteTs) {
        return """
                # Petrel end-to-end test, %s side
                connections {
                  %s {
                    version = 2
                    local_addrs = %s
                    remote_addrs = %s
                    proposals = %s
                    rekey_time = 0
                    local {
                      auth = psk
                      id = %s.petrel.test
                    }
                    remote {
                      auth = psk
                      id = %s.petrel.test
                    }
                    children {
                      %s {
                        mode = tunnel
                        local_ts = %s
                        remote_ts = %s
                        esp_proposals = %s
                        rekey_time = 0
                        start_action = none
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
                """.formatted(self, CONNECTION, local.getHostAddress(), remote.getHostAddress(), IKE_PROPOSAL, self, peer,
                CHILD, localTs, remoteTs, esp, PSK);
    }
}
