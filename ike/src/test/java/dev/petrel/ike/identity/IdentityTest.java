package dev.petrel.ike.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.ike.IdType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1|ID_IPV4_ADDR|192.0.2.1",
        "2001:db8::1|ID_IPV6_ADDR|2001:db8:0:0:0:0:0:1",
        "right.petrel.test|ID_FQDN|right.petrel.test",
        "@right|ID_FQDN|right",
        "fqdn:192.0.2.1|ID_FQDN|192.0.2.1",
        "user@petrel.test|ID_RFC822_ADDR|user@petrel.test",
        "email:user@petrel.test|ID_RFC822_ADDR|user@petrel.test",
        "@#0a1b2c|ID_KEY_ID|ID_KEY_ID:0a1b2c",
        "keyid:0a1b2c|ID_KEY_ID|ID_KEY_ID:0a1b2c",
        "C=CH, O=Petrel, CN=right|ID_DER_ASN1_DN|C=CH, O=Petrel, CN=right",
        "ipv4:192.0.2.1|ID_IPV4_ADDR|192.0.2.1",
    })
    void readsStrongSwanNotation(String text, IdType type, String shown) {
        Identity id = Identity.parse(text);
        assertEquals(type, id.type());
        assertEquals(shown, id.toString());
    }

    @Test
    void distinguishedNamesAreInDerOrderAsStrongSwanWritesThem() {
        Identity dn = Identity.parse("C=CH, O=Petrel, CN=right");
        assertEquals("CN=right,O=Petrel,C=CH", new javax.security.auth.x500.X500Principal(dn.data()).getName(),
                "C is the first RDN of the DER sequence, so RFC 4514 text lists it last");
    }

    @Test
    void distinguishedNamesCompareCanonically() {
        assertEquals(Identity.parse("C=CH, O=Petrel, CN=right"), Identity.parse("c=CH,o=Petrel,  cn=right"));
        assertFalse(Identity.parse("C=CH, O=Petrel, CN=right").equals(Identity.parse("C=CH, O=Petrel, CN=left")));
    }

    @Test
    void peerTextIsEscapedForLogs() {
        Identity evil = new Identity(IdType.ID_FQDN, "a\nb\u0007".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("a\\x0ab\\x07", evil.toString());
    }

    @Test
    void rejectsWhatCannotBeAnIdentity() {
        assertThrows(IllegalArgumentException.class, () -> Identity.parse("keyid:xyz"));
        assertThrows(IllegalArgumentException.class, () -> Identity.parse("ipv4:2001:db8::1"));
        assertThrows(IllegalArgumentException.class, () -> new Identity(IdType.ID_IPV4_ADDR, new byte[5]));
        assertThrows(IllegalArgumentException.class, () -> new Identity(IdType.ID_FQDN, new byte[0]));
    }

    @Test
    void textFromThePeerMatchesOrNotButNeverThrows() {
        IdentityMatcher users = IdentityMatcher.parse("*@petrel.test");
        assertTrue(users.matchesText("carol@petrel.test"));
        assertFalse(users.matchesText("carol@elsewhere.test"));
        for (String notAnIdentity : new String[] {"jörg", "", "x=", "a=b=c", "keyid:xyz"}) {
            assertFalse(users.matchesText(notAnIdentity), notAnIdentity);
            assertFalse(new IdentityMatcher.Any().matchesText(notAnIdentity), notAnIdentity);
        }
    }

    @Test
    void dataIsCopied() {
        byte[] data = {1, 2, 3, 4};
        Identity id = new Identity(IdType.ID_IPV4_ADDR, data);
        data[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3, 4}, id.data());
    }

    @Test
    void matchersAcceptAnyOneOrASuffix() {
        assertTrue(IdentityMatcher.parse("%any").matches(Identity.parse("whoever.test")));
        assertTrue(IdentityMatcher.parse("%any").exact().isEmpty());
        IdentityMatcher one = IdentityMatcher.parse("left.petrel.test");
        assertTrue(one.matches(Identity.parse("left.petrel.test")));
        assertFalse(one.matches(Identity.parse("right.petrel.test")));
        assertEquals(Identity.parse("left.petrel.test"), one.exact().orElseThrow());
        IdentityMatcher hosts = IdentityMatcher.parse("*.petrel.test");
        assertTrue(hosts.matches(Identity.parse("gw.petrel.test")));
        assertFalse(hosts.matches(Identity.parse("gw.petrel.test.evil")));
        assertFalse(hosts.matches(Identity.parse("user@gw.petrel.test")), "another ID type never matches");
        IdentityMatcher users = IdentityMatcher.parse("*@petrel.test");
        assertTrue(users.matches(Identity.parse("alice@petrel.test")));
        assertThrows(IllegalArgumentException.class, () -> IdentityMatcher.parse("a*b.test"));
    }
}
