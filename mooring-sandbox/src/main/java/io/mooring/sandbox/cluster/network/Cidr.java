package io.mooring.sandbox.cluster.network;

/**
 * An IPv4 range such as {@code 10.96.0.0/12}, with its addresses numbered from the network
 * address (offset 0) to the broadcast address (offset {@code size - 1}).
 */
public record Cidr(long base, int prefix) {
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        long address = toLong(text.substring(0, slash));
        int prefix = Integer.parseInt(text.substring(slash + 1));
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new Cidr(address & mask, prefix);
    }

    public int size() {
        return (int) (1L << (32 - prefix));
    }

    /** The offset of {@code ip} in this range, or -1 when it is outside (or not an IPv4 address). */
    public int offset(String ip) {
        long address = toLong(ip);
        if (address < 0 || address < base || address >= base + size()) {
            return -1;
        }
        return (int) (address - base);
    }

    public String address(int offset) {
        long a = base + offset;
        return ((a >> 24) & 0xFF) + "." + ((a >> 16) & 0xFF) + "." + ((a >> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** The address as a number, or -1 when the text is not a dotted IPv4 address. */
    public static long toLong(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    @Override
    public String toString() {
        return address(0) + "/" + prefix;
    }
}
