package dev.petrel.esp.sa;

import dev.petrel.wire.iana.IpProtocol;

/** The IPsec protocol of an SA, with its IP protocol number. */
public enum SecurityProtocol {
    ESP(IpProtocol.ESP),
    AH(IpProtocol.AH);

    private final int number;

    SecurityProtocol(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
