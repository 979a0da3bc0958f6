package dev.petrel.gateway.config.swanctl;

import dev.petrel.gateway.config.settings.Setting;
import java.net.InetAddress;
import java.util.List;

/** {@code local_addrs} and {@code remote_addrs}: {@code %any} (the default) or one IP address. */
final class Addresses {
    private Addresses() {}

    /** The address, or null for {@code %any}. */
    static InetAddress parse(Setting s) {
        List<String> items = Values.list(s);
        if (items.size() > 1) {
            throw s.problem("several addresses are not supported yet: the IKE engine takes one address or %any");
        }
        String item = items.getFirst();
        if (item.equals("%any")) {
            return null;
        }
        return IpLiterals.parse(item).orElseThrow(() -> s.problem("'" + item
                + "' is not an IP address or %any (host names, subnets and ranges are not supported)"));
    }
}
