package dev.petrel.wire.ike;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.petrel.wire.iana.IanaValue;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IkeRegistriesTest {
    @ParameterizedTest
    @ValueSource(classes = {ExchangeType.class, PayloadType.class, ProtocolId.class, IdType.class, AuthMethod.class, NotifyType.class,
            TsType.class, CertEncoding.class, ConfigType.class, ConfigAttributeType.class})
    <E extends Enum<E> & IanaValue> void valuesAreDistinctAndLookedUpByNumber(Class<E> registry) {
        E[] values = registry.getEnumConstants();
        assertEquals(values.length, Arrays.stream(values).mapToInt(IanaValue::value).distinct().count());
        for (E e : values) {
            assertEquals(Optional.of(e), IanaValue.byValue(registry, e.value()));
        }
    }

    @Test
    void spotChecksAgainstTheRfcs() {
        assertEquals(43, ExchangeType.IKE_INTERMEDIATE.value());
        assertEquals(53, PayloadType.SKF.value());
        assertEquals(16438, NotifyType.INTERMEDIATE_EXCHANGE_SUPPORTED.value());
        assertEquals(25, ConfigAttributeType.INTERNAL_DNS_DOMAIN.value());
        assertEquals(14, AuthMethod.DIGITAL_SIGNATURE.value());
        assertEquals("IDr", PayloadType.IDR.label());
        assertEquals("payload(99)", PayloadType.label(99));
    }

    @Test
    void errorsAreBelow16384() {
        assertTrue(NotifyType.isError(16383));
        assertFalse(NotifyType.isError(16384));
        assertTrue(NotifyType.CHILD_SA_NOT_FOUND.isError());
        assertFalse(NotifyType.INITIAL_CONTACT.isError());
        assertTrue(Arrays.stream(NotifyType.values()).filter(NotifyType::isError).allMatch(t -> t.value() <= 44));
    }
}
