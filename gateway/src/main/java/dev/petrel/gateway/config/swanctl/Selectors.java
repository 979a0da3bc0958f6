package dev.petrel.gateway.config.swanctl;

import dev.petrel.esp.policy.TrafficSelector;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.ts.TrafficSelectors;
import dev.petrel.wire.iana.IpProtocol;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code local_ts} and {@code remote_ts} (swanctl.conf(5)): a list of {@code 198.51.100.0/24},
 * {@code 2001:db8::1}, {@code 192.0.2.1-192.0.2.9} or {@code dynamic}, each with an optional
 * {@code [protocol/port]} such as {@code [tcp/443]}, {@code [udp/1024-65535]} or {@code [icmp]}. {@code dynamic},
 * the default, is the SA's own address: resolved when loading when local_addrs or remote_addrs names one and no
 * virtual IP takes its place, else when negotiating (the peer's or our virtual IPs, or the address the SA uses).
 */
final class Selectors {
    private static final Pattern ITEM = Pattern.compile("([^\\[\\]]+)(?:\\[([^/\\[\\]]*)(?:/([^\\[\\]]*))?\\])?");
    private static final Pattern PORTS = Pattern.compile("([0-9]{1,5})(?:-([0-9]{1,5}))?");
    /** The protocol names of /etc/protocols that selectors commonly use, and {@code any}. */
    private static final Map<String, Integer> PROTOCOLS = Map.of("any", IpProtocol.ANY, "icmp", IpProtocol.ICMP,
            "tcp", IpProtocol.TCP, "udp", IpProtocol.UDP, "ipv6-icmp", IpProtocol.ICMPV6, "icmpv6", IpProtocol.ICMPV6,
            "sctp", IpProtocol.SCTP, "gre", 47);
    private static final String ADDRESS_HINT = " (selectors take prefixes, addresses, ranges or dynamic)";

    private Selectors() {}

    /**
     * The selectors of {@code s}; {@code dynamic} stands for {@code address}, or when that is null for the
     * address the negotiation gives ({@link TrafficSelectors#dynamic}).
     */
    static List<TrafficSelector> parse(Setting s, InetAddress address) {
        List<TrafficSelector> out = new ArrayList<>();
        for (String item : Values.list(s)) {
            out.add(one(item, s, address));
        }
        return out;
    }

    /** The default, {@code dynamic}. */
    static TrafficSelector dynamic(InetAddress address) {
        return address == null ? TrafficSelectors.dynamic(IpProtocol.ANY, 0, 65535) : TrafficSelectors.host(address);
    }

    private static TrafficSelector one(String item, Setting s, InetAddress address) {
        Matcher m = ITEM.matcher(item);
        if (!m.matches()) {
            throw s.problem("'" + item + "' is not a traffic selector");
        }
        String range = m.group(1).strip();
        int protocol = m.group(2) == null ? IpProtocol.ANY : protocol(m.group(2).strip(), s);
        int[] ports = m.group(3) == null ? new int[] {0, 65535} : ports(m.group(3).strip(), protocol, s);
        byte[][] addresses;
        if (range.equals("dynamic") && address == null) {
            return TrafficSelectors.dynamic(protocol, ports[0], ports[1]);
        } else if (range.equals("dynamic")) {
            addresses = new byte[][] {address.getAddress(), address.getAddress()};
        } else {
            addresses = addresses(range, s);
        }
        try {
            return new TrafficSelector(addresses[0], addresses[1], protocol, ports[0], ports[1]);
        } catch (IllegalArgumentException e) {
            throw s.problem("'" + item + "': " + e.getMessage(), e);
        }
    }

    /** The first and last address of a prefix, one address, or a range. */
    private static byte[][] addresses(String range, Setting s) {
        int dash = range.indexOf('-');
        if (dash >= 0) {
            return new byte[][] {
                address(range.substring(0, dash).strip(), s), address(range.substring(dash + 1).strip(), s)};
        }
        IpLiterals.Prefix prefix = IpLiterals.prefix(range, s, ADDRESS_HINT);
        TrafficSelector subnet = TrafficSelector.subnet(prefix.address().getHostAddress() + "/" + prefix.length());
        return new byte[][] {subnet.startAddress(), subnet.endAddress()};
    }

    private static byte[] address(String text, Setting s) {
        return IpLiterals.parse(text).orElseThrow(() -> s.problem("'" + text + "' is not an IP address" + ADDRESS_HINT))
                .getAddress();
    }

    private static int protocol(String text, Setting s) {
        Integer known = PROTOCOLS.get(text.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        if (text.matches("[0-9]{1,3}") && Integer.parseInt(text) <= 255) {
            return Integer.parseInt(text);
        }
        throw s.problem("'" + text
                + "' is not a protocol Petrel knows: use any, tcp, udp, icmp, ipv6-icmp, sctp, gre or a number");
    }

    private static int[] ports(String text, int protocol, Setting s) {
        if (text.equals("any")) {
            return new int[] {0, 65535};
        }
        if (protocol != IpProtocol.TCP && protocol != IpProtocol.UDP && protocol != IpProtocol.SCTP) {
            throw s.problem("'" + text + "': ports are supported with tcp, udp and sctp only");
        }
        Matcher m = PORTS.matcher(text);
        if (!m.matches()) {
            throw s.problem("'" + text
                    + "' is not a port or a port range (service names and opaque are not supported)");
        }
        int from = Integer.parseInt(m.group(1));
        int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
        if (to > 65535 || from > to) {
            throw s.problem("'" + text + "' is not a port range within 0 to 65535");
        }
        return new int[] {from, to};
    }
}
