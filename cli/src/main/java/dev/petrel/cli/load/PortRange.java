package dev.petrel.cli.load;

/**
 * Local UDP ports for the load generator's sockets, {@code LOW-HIGH} or one port. 0 alone asks the kernel for one
 * ephemeral port. The IKE ports 500 and 4500 are refused: the engine moves an IKE SA that started on 500 to 4500
 * when it detects a NAT (RFC 7296 §2.23), which would leave the socket it was given.
 */
record PortRange(int low, int high) {
    static final PortRange EPHEMERAL = new PortRange(0, 0);
    /** More sockets than this is a mistake, not a load test. */
    static final int MAX_PORTS = 1024;

    PortRange {
        if (low < 0 || high > 65_535 || low > high) {
            throw new IllegalArgumentException("bad port range " + low + "-" + high + " (ports are 1-65535, low first)");
        }
        if (low == 0 && high != 0) {
            throw new IllegalArgumentException("port range " + low + "-" + high + " starts at 0");
        }
        for (int reserved : new int[] {500, 4500}) {
            if (low <= reserved && reserved <= high) {
                throw new IllegalArgumentException("port range " + low + "-" + high + " holds " + reserved
                        + ", which IKE floats from or to; pick other ports");
            }
        }
        if (high - low + 1 > MAX_PORTS) {
            throw new IllegalArgumentException("port range " + low + "-" + high + " has more than " + MAX_PORTS + " ports");
        }
    }

    static PortRange parse(String text) {
        String[] parts = text.trim().split("-", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("port range '" + text + "' is not PORT or LOW-HIGH");
        }
        try {
            int low = Integer.parseInt(parts[0].trim());
            return new PortRange(low, parts.length == 1 ? low : Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port range '" + text + "' is not PORT or LOW-HIGH");
        }
    }

    int size() {
        return high - low + 1;
    }

    int port(int index) {
        return low + index;
    }
}
