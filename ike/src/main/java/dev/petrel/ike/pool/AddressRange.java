package dev.petrel.ike.pool;

import dev.petrel.wire.ip.IpAddressText;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Consecutive addresses of one family that a pool hands out, {@code first} to {@code last} inclusive: an explicit
 * range, every address of it ({@code 10.3.0.10-10.3.0.20}), or a CIDR block as strongSwan reads one
 * ({@link #cidr}). At most {@link #MAX_SIZE} addresses, so that a pool's leases, which it keeps per identity, stay
 * bounded.
 */
public record AddressRange(InetAddress first, InetAddress last) {
    private static final int MAX_HOST_BITS = 20;
    /** The most addresses of a range: 2^20. strongSwan's limit is 2^31 (mem_pool.c's POOL_LIMIT). */
    public static final int MAX_SIZE = 1 << MAX_HOST_BITS;

    public AddressRange {
        first = address(first.getAddress());
        last = address(last.getAddress());
        if (IpFamily.of(first) != IpFamily.of(last)) {
            throw new IllegalArgumentException("the range " + text(first, last) + " mixes IPv4 and IPv6");
        }
        BigInteger size = number(last).subtract(number(first)).add(BigInteger.ONE);
        if (size.signum() <= 0) {
            throw new IllegalArgumentException("the range " + text(first, last) + " ends before it starts");
        }
        if (size.compareTo(BigInteger.valueOf(MAX_SIZE)) > 0) {
            throw new IllegalArgumentException("the range " + text(first, last) + " holds " + size
                    + " addresses, more than the " + MAX_SIZE + " a pool range may have");
        }
    }

    /**
     * The addresses of the block {@code base/prefixLength} as strongSwan's mem_pool_create hands them out, for IPv4
     * and IPv6 alike. A block of more than {@link #MAX_SIZE} addresses is first narrowed to the aligned block of
     * {@link #MAX_SIZE} that holds {@code base} (strongSwan narrows at 2^31). Of a block of more than two addresses,
     * the last (IPv4's broadcast) is never handed out, nor the first (the network) when {@code base} is it; a
     * {@code base} inside the block starts the range ({@code 10.3.0.100/24} is .100 to .254). Of a two-address
     * block (/31, /127) both are handed out, or only the second when {@code base} is it; a host block (/32, /128)
     * is its one address.
     */
    public static AddressRange cidr(InetAddress base, int prefixLength) {
        int bits = 8 * base.getAddress().length;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " for " + IpAddressText.of(base));
        }
        int hostBits = Math.min(bits - prefixLength, MAX_HOST_BITS);
        BigInteger at = number(base);
        BigInteger blockSize = BigInteger.ONE.shiftLeft(hostBits);
        BigInteger blockStart = at.subtract(at.mod(blockSize));
        BigInteger from = at;
        BigInteger to = blockStart.add(blockSize).subtract(BigInteger.ONE);
        if (hostBits > 1) {
            from = at.equals(blockStart) ? at.add(BigInteger.ONE) : at;
            to = to.subtract(BigInteger.ONE);
        }
        if (from.compareTo(to) > 0) {
            throw new IllegalArgumentException(IpAddressText.of(base) + "/" + prefixLength
                    + " holds no address to hand out: it starts at its block's last address");
        }
        return new AddressRange(address(from, base), address(to, base));
    }

    /** {@link IpFamily#V4} or {@link IpFamily#V6}. */
    public int family() {
        return IpFamily.of(first);
    }

    /** How many addresses: 1 to {@link #MAX_SIZE}. */
    public int size() {
        return number(last).subtract(number(first)).intValueExact() + 1;
    }

    public boolean contains(InetAddress address) {
        return index(address) >= 0;
    }

    public boolean overlaps(AddressRange other) {
        return family() == other.family() && number(first).compareTo(number(other.last)) <= 0
                && number(other.first).compareTo(number(last)) <= 0;
    }

    /** The address {@code index} places after {@link #first()}. */
    InetAddress address(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("address " + index + " of the range " + this);
        }
        return address(number(first).add(BigInteger.valueOf(index)), first);
    }

    /** The position of {@code address} in the range, or -1 when it is outside (or of the other family). */
    int index(InetAddress address) {
        if (IpFamily.of(address) != family()) {
            return -1;
        }
        BigInteger offset = number(address).subtract(number(first));
        return offset.signum() < 0 || offset.compareTo(number(last).subtract(number(first))) > 0 ? -1 : offset.intValue();
    }

    /** {@code 10.3.0.1-10.3.0.254}. */
    @Override
    public String toString() {
        return text(first, last);
    }

    /**
     * The address of {@code octets}, without a host name or scope; sixteen octets stay IPv6 even when IPv4-mapped
     * (which {@link InetAddress#getByAddress(byte[])} would turn into IPv4).
     */
    static InetAddress address(byte[] octets) {
        try {
            return octets.length == 16 ? Inet6Address.getByAddress(null, octets, -1) : InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address of " + octets.length + " octets", e);
        }
    }

    private static InetAddress address(BigInteger number, InetAddress family) {
        byte[] octets = new byte[family.getAddress().length];
        byte[] value = number.toByteArray(); // big-endian, perhaps with a leading sign octet
        int n = Math.min(value.length, octets.length);
        System.arraycopy(value, value.length - n, octets, octets.length - n, n);
        return address(octets);
    }

    private static BigInteger number(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    private static String text(InetAddress first, InetAddress last) {
        return IpAddressText.of(first) + "-" + IpAddressText.of(last);
    }
}
