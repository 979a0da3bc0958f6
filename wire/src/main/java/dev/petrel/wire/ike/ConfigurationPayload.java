package dev.petrel.wire.ike;

import java.util.ArrayList;
import java.util.List;

/** The Configuration payload CP (RFC 7296 §3.15): a request, reply, set or acknowledgement of attributes. */
public record ConfigurationPayload(int configType, List<ConfigurationAttribute> attributes) implements Payload {
    public ConfigurationPayload {
        Checks.u8("config type", configType);
        attributes = List.copyOf(attributes);
    }

    @Override
    public int type() {
        return PayloadType.CP.value();
    }

    static ConfigurationPayload decode(Reader r) throws IkeDecodeException {
        int configType = r.u8("configType");
        r.skip(3, "reserved");
        List<ConfigurationAttribute> attributes = new ArrayList<>();
        while (r.remaining() > 0) {
            attributes.add(ConfigurationAttribute.decode(r, "attribute[" + (attributes.size() + 1) + "]"));
        }
        return new ConfigurationPayload(configType, attributes);
    }

    void encode(Writer w) {
        w.u8(configType);
        w.zeros(3);
        for (ConfigurationAttribute a : attributes) {
            a.encode(w);
        }
    }
}
