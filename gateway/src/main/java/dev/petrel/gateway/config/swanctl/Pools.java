package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Section;
import dev.petrel.gateway.config.settings.Setting;
import dev.petrel.ike.pool.AddressRange;
import dev.petrel.ike.pool.PoolConfig;
import dev.petrel.wire.ip.IpPrefix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Function;

/**
 * The {@code pools} section (swanctl.conf(5)): {@code pools.NAME} with {@code addrs} (required: a CIDR block such
 * as {@code 10.3.0.0/24}, read as strongSwan reads one, a range {@code 10.3.0.10-10.3.0.20}, or an address; Petrel
 * also takes several, comma-separated, where strongSwan takes one), {@code dns} (IPv4 and IPv6 addresses) and
 * {@code subnet} (prefixes to announce). strongSwan's other pool attributes ({@code nbns}, {@code dhcp},
 * {@code netmask}, {@code server}, {@code split_include}, {@code split_exclude}, numbered ones) are refused. No two
 * pools may share an address, and a connection's {@code pools} may name only pools defined here.
 */
final class Pools {
    private Pools() {}

    /** The pools by name, in the order written. */
    static SequencedMap<String, PoolConfig> read(Optional<Section> section) {
        SequencedMap<String, PoolConfig> out = new LinkedHashMap<>();
        for (Section s : Claims.eachSection(section, Function.identity())) {
            PoolConfig pool = pool(s);
            for (PoolConfig other : out.values()) {
                if (pool.overlaps(other)) {
                    throw s.problem("its addresses " + pool.ranges() + " overlap those of pool " + other.name() + " "
                            + other.ranges());
                }
            }
            out.put(pool.name(), pool);
        }
        return Collections.unmodifiableSequencedMap(out);
    }

    /**
     * Checks that the {@code pools} of every connection name pools of {@code pools}. The key itself is the
     * connection mapper's to claim.
     */
    static void checkReferences(Optional<Section> connections, Map<String, PoolConfig> pools) {
        for (Section connection : connections.map(c -> c.sections().values()).orElse(List.of())) {
            Setting references = connection.settings().get("pools");
            if (references == null) {
                continue;
            }
            for (String name : Values.list(references)) {
                if (!pools.containsKey(name)) {
                    throw references.problem("no pool named '" + name + "' in the pools section" + (pools.isEmpty()
                            ? "" : " (" + String.join(", ", pools.keySet()) + ")"));
                }
            }
        }
    }

    private static PoolConfig pool(Section s) {
        Claims c = new Claims(s);
        Setting addrs = c.setting("addrs").orElseThrow(() -> s.problem("no addrs: a pool needs addresses to hand out"));
        List<AddressRange> ranges = new ArrayList<>();
        for (String item : Values.list(addrs)) {
            ranges.add(range(item, addrs));
        }
        List<InetAddress> dns = new ArrayList<>();
        Optional<Setting> dnsSetting = c.setting("dns");
        for (String item : dnsSetting.map(Values::list).orElse(List.of())) {
            dns.add(address(item, dnsSetting.get()));
        }
        List<IpPrefix> subnets = new ArrayList<>();
        Optional<Setting> subnetSetting = c.setting("subnet");
        for (String item : subnetSetting.map(Values::list).orElse(List.of())) {
            subnets.add(prefix(item, subnetSetting.get()));
        }
        c.rejectRest();
        try {
            return new PoolConfig(s.name(), ranges, dns, subnets);
        } catch (IllegalArgumentException e) {
            throw addrs.problem(e.getMessage(), e);
        }
    }

    /** {@code first-last}, {@code base/length} or one address. */
    private static AddressRange range(String item, Setting s) {
        try {
            int dash = item.indexOf('-');
            if (dash >= 0) {
                return new AddressRange(address(item.substring(0, dash).strip(), s), address(item.substring(dash + 1).strip(), s));
            }
            IpLiterals.Prefix p = IpLiterals.prefix(item, s, "");
            return AddressRange.cidr(p.address(), p.length());
        } catch (IllegalArgumentException e) {
            throw s.problem(e.getMessage(), e);
        }
    }

    private static IpPrefix prefix(String item, Setting s) {
        IpLiterals.Prefix p = IpLiterals.prefix(item, s, "");
        try {
            return new IpPrefix(p.address(), p.length());
        } catch (IllegalArgumentException e) {
            throw s.problem(e.getMessage(), e);
        }
    }

    private static InetAddress address(String text, Setting s) {
        return IpLiterals.parse(text).orElseThrow(() -> s.problem("'" + text + "' is not an IP address"));
    }
}
