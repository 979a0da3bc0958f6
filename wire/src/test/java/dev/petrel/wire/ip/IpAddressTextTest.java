package dev.petrel.wire.ip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressTextTest {
    /** RFC 5952 §4 and its examples. */
    @ParameterizedTest
    @CsvSource({
        "192.0.2.1, 192.0.2.1",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:1:0:0:0:0:0, 2001:db8:1::",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:DB8:AAAA:0:0:0:0:0, 2001:db8:aaaa::",
        "fe80:0:0:0:0:0:0:0, fe80::",
    })
    void canonicalText(String literal, String text) {
        assertEquals(text, IpAddressText.of(InetAddress.ofLiteral(literal)));
    }
}
